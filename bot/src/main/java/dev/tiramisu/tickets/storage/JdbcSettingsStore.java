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
                      + " transcript_channel_id, require_reason, creator_can_close, name_template"
                      + " FROM guild_settings WHERE guild_id = ?")) {
            ps.setLong(1, guildId);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return GuildSettings.defaults(guildId);
              }
              Boolean requireReason = Jdbc.nullableBoolean(rs, "require_reason");
              Boolean creatorCanClose = Jdbc.nullableBoolean(rs, "creator_can_close");
              return new GuildSettings(
                  guildId,
                  Jdbc.nullableLong(rs, "ticket_channel_id"),
                  Jdbc.nullableLong(rs, "staff_role_id"),
                  Jdbc.nullableLong(rs, "modlog_channel_id"),
                  Jdbc.nullableLong(rs, "transcript_channel_id"),
                  requireReason != null ? requireReason : GuildSettings.DEFAULT_REQUIRE_REASON,
                  creatorCanClose != null
                      ? creatorCanClose
                      : GuildSettings.DEFAULT_CREATOR_CAN_CLOSE,
                  template(guildId, rs.getString("name_template")));
            }
          }
        });
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
      default:
        throw new AssertionError(key);
    }
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
