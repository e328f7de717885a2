package dev.tiramisu.tickets.storage;

import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.settings.GuildSettings;
import dev.tiramisu.tickets.settings.NameTemplate;
import dev.tiramisu.tickets.settings.SettingKey;
import dev.tiramisu.tickets.settings.SettingValue;
import dev.tiramisu.tickets.settings.SettingsStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link SettingsStore} on SQLite or PostgreSQL: one row per guild, NULL means default. */
final class JdbcSettingsStore implements SettingsStore {
  private static final Logger log = LoggerFactory.getLogger(JdbcSettingsStore.class);

  private final Jdbc jdbc;

  JdbcSettingsStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public GuildSettings load(long guildId) {
    return jdbc.run(
        "reading settings",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT ticket_channel_id, staff_role_id, modlog_channel_id,"
                      + " transcript_channel_id, require_reason, creator_can_close, name_template,"
                      + " max_open_per_user, create_cooldown_s, autoclose_after_s,"
                      + " autoclose_warning_s, creator_can_add, claim_notice, transcript_dm, feedback"
                      + " FROM guild_settings WHERE guild_id = ?")) {
            ps.setLong(1, guildId);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return GuildSettings.defaults(guildId);
              }
              Long maxOpen = Jdbc.nullableLong(rs, "max_open_per_user");
              return new GuildSettings(
                  guildId,
                  Jdbc.nullableLong(rs, "ticket_channel_id"),
                  Jdbc.nullableLong(rs, "staff_role_id"),
                  Jdbc.nullableLong(rs, "modlog_channel_id"),
                  Jdbc.nullableLong(rs, "transcript_channel_id"),
                  flag(rs, "require_reason", GuildSettings.DEFAULT_REQUIRE_REASON),
                  flag(rs, "creator_can_close", GuildSettings.DEFAULT_CREATOR_CAN_CLOSE),
                  template(guildId, rs.getString("name_template")),
                  maxOpen != null
                      ? maxOpen.intValue()
                      : GuildSettings.DEFAULT_MAX_OPEN_PER_USER,
                  seconds(rs, "create_cooldown_s", GuildSettings.DEFAULT_CREATE_COOLDOWN),
                  seconds(rs, "autoclose_after_s", GuildSettings.DEFAULT_AUTOCLOSE_AFTER),
                  seconds(rs, "autoclose_warning_s", GuildSettings.DEFAULT_AUTOCLOSE_WARNING),
                  flag(rs, "creator_can_add", GuildSettings.DEFAULT_CREATOR_CAN_ADD),
                  flag(rs, "claim_notice", GuildSettings.DEFAULT_CLAIM_NOTICE),
                  flag(rs, "transcript_dm", GuildSettings.DEFAULT_TRANSCRIPT_DM),
                  flag(rs, "feedback", GuildSettings.DEFAULT_FEEDBACK));
            }
          }
        });
  }

  @Override
  public GuildSettings forTicket(long guildId, long ticketId) {
    GuildSettings s = load(guildId);
    return new JdbcTicketTypeStore(jdbc).typeOfTicket(ticketId)
        .filter(t -> t.guildId() == guildId)
        .map(s::forType)
        .orElse(s);
  }

  @Override
  public void put(long guildId, SettingKey key, SettingValue value, Instant updatedAt) {
    String column = column(key);
    // The column name comes from the enum above, never from user input.
    String sql =
        "INSERT INTO guild_settings (guild_id, " + column + ", updated_at) VALUES (?, ?, ?)"
            + " ON CONFLICT (guild_id) DO UPDATE SET " + column + " = excluded." + column
            + ", updated_at = excluded.updated_at";
    jdbc.run(
        "saving a setting",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, guildId);
            if (value instanceof SettingValue.Snowflake s) {
              ps.setLong(2, s.id());
            } else if (value instanceof SettingValue.Flag f) {
              ps.setBoolean(2, f.on());
            } else if (value instanceof SettingValue.Template t) {
              ps.setString(2, t.template().template());
            } else if (value instanceof SettingValue.Count n) {
              ps.setInt(2, n.n());
            } else if (value instanceof SettingValue.Span d) {
              ps.setLong(2, d.duration().toSeconds());
            } else {
              ps.setNull(2, sqlType(key));
            }
            ps.setLong(3, updatedAt.toEpochMilli());
            return ps.executeUpdate();
          }
        });
  }

  private static String column(SettingKey key) {
    switch (key) {
      case TICKET_CHANNEL:
        return "ticket_channel_id";
      case STAFF_ROLE:
        return "staff_role_id";
      case MODLOG_CHANNEL:
        return "modlog_channel_id";
      case TRANSCRIPT_CHANNEL:
        return "transcript_channel_id";
      case REQUIRE_REASON:
        return "require_reason";
      case CREATOR_CAN_CLOSE:
        return "creator_can_close";
      case NAME_TEMPLATE:
        return "name_template";
      case MAX_OPEN_PER_USER:
        return "max_open_per_user";
      case CREATE_COOLDOWN:
        return "create_cooldown_s";
      case AUTOCLOSE_AFTER:
        return "autoclose_after_s";
      case AUTOCLOSE_WARNING:
        return "autoclose_warning_s";
      case CREATOR_CAN_ADD:
        return "creator_can_add";
      case CLAIM_NOTICE:
        return "claim_notice";
      case TRANSCRIPT_DM:
        return "transcript_dm";
      case FEEDBACK:
        return "feedback";
      default:
        throw new AssertionError(key);
    }
  }

  private static int sqlType(SettingKey key) {
    switch (key.kind()) {
      case CHANNEL:
      case ROLE:
        return Types.BIGINT;
      case BOOLEAN:
        return Types.BOOLEAN;
      case TEMPLATE:
        return Types.VARCHAR;
      case NUMBER:
        return Types.INTEGER;
      case DURATION:
        return Types.BIGINT;
      default:
        throw new AssertionError(key);
    }
  }

  private static boolean flag(ResultSet rs, String column, boolean dflt)
      throws java.sql.SQLException {
    Boolean v = Jdbc.nullableBoolean(rs, column);
    return v != null ? v : dflt;
  }

  private static java.time.Duration seconds(ResultSet rs, String column,
      java.time.Duration dflt) throws java.sql.SQLException {
    Long v = Jdbc.nullableLong(rs, column);
    return v != null ? java.time.Duration.ofSeconds(v) : dflt;
  }

  private static NameTemplate template(long guildId, String stored) {
    if (stored == null) {
      return NameTemplate.DEFAULT;
    }
    Result<NameTemplate> parsed = NameTemplate.parse(stored);
    if (parsed.isRefused()) {
      log.warn("guild {}: stored name_template is invalid, using the default", guildId);
      return NameTemplate.DEFAULT;
    }
    return parsed.value();
  }
}
