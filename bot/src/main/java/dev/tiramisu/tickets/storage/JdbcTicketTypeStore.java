package dev.tiramisu.tickets.storage;

import dev.tiramisu.tickets.settings.NameTemplate;
import dev.tiramisu.tickets.settings.TicketType;
import dev.tiramisu.tickets.settings.TicketTypeStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@link TicketTypeStore} on SQLite or PostgreSQL (table {@code ticket_types}, V10). */
final class JdbcTicketTypeStore implements TicketTypeStore {
  static final String COLUMNS = "tt.id, tt.guild_id, tt.name, tt.emoji, tt.description,"
      + " tt.channel_id, tt.staff_role_ids, tt.name_template, tt.max_open_per_user,"
      + " tt.create_cooldown_s, tt.is_default";

  private final Jdbc jdbc;

  JdbcTicketTypeStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<TicketType> list(long guildId) {
    return jdbc.run("reading ticket types", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
          + " FROM ticket_types tt WHERE tt.guild_id = ? AND tt.deleted_at IS NULL ORDER BY tt.id")) {
        ps.setLong(1, guildId);
        List<TicketType> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(read(rs));
          }
        }
        return out;
      }
    });
  }

  @Override
  public Optional<TicketType> find(long typeId) {
    return one("reading a ticket type",
        "SELECT " + COLUMNS + " FROM ticket_types tt WHERE tt.id = ?", typeId);
  }

  @Override
  public Optional<TicketType> typeOfTicket(long ticketId) {
    return one("reading a ticket's type", "SELECT " + COLUMNS
        + " FROM tickets t JOIN ticket_types tt ON tt.id = t.type_id WHERE t.id = ?", ticketId);
  }

  private Optional<TicketType> one(String what, String sql, long id) {
    return jdbc.run(what, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public Optional<TicketType> insert(TicketType t, Instant at) {
    return jdbc.transaction("saving a ticket type", c -> {
      if (nameTaken(c, t.guildId(), t.name(), 0)) {
        return Optional.empty();
      }
      long id;
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO ticket_types (guild_id, name, name_key, emoji, description, channel_id,"
              + " staff_role_ids, name_template, max_open_per_user, create_cooldown_s, is_default,"
              + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?, ?)"
              + " RETURNING id")) {
        ps.setLong(1, t.guildId());
        int i = bindValues(ps, 2, t);
        ps.setLong(i, at.toEpochMilli());
        ps.setLong(i + 1, at.toEpochMilli());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          id = rs.getLong(1);
        }
      }
      return Optional.of(new TicketType(id, t.guildId(), t.name(), t.emoji(), t.description(),
          t.channelId(), t.staffRoleIds(), t.nameTemplate(), t.maxOpenPerUser(),
          t.createCooldown(), false));
    });
  }

  @Override
  public boolean update(TicketType t, Instant at) {
    return jdbc.transaction("saving a ticket type", c -> {
      if (nameTaken(c, t.guildId(), t.name(), t.id())) {
        return false;
      }
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE ticket_types SET name = ?, name_key = ?, emoji = ?, description = ?,"
              + " channel_id = ?, staff_role_ids = ?, name_template = ?, max_open_per_user = ?,"
              + " create_cooldown_s = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL")) {
        int i = bindValues(ps, 1, t);
        ps.setLong(i, at.toEpochMilli());
        ps.setLong(i + 1, t.id());
        if (ps.executeUpdate() != 1) {
          return false;
        }
      }
      JdbcPanelStore.requestRedraws(c, t.id());
      return true;
    });
  }

  @Override
  public boolean delete(long typeId, Instant at) {
    return jdbc.transaction("deleting a ticket type", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE ticket_types SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL")) {
        ps.setLong(1, at.toEpochMilli());
        ps.setLong(2, typeId);
        if (ps.executeUpdate() != 1) {
          return false;
        }
      }
      JdbcPanelStore.requestRedraws(c, typeId);
      return true;
    });
  }

  private static boolean nameTaken(java.sql.Connection c, long guildId, String name, long except)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM ticket_types WHERE guild_id = ?"
        + " AND name_key = ? AND deleted_at IS NULL AND id <> ?")) {
      ps.setLong(1, guildId);
      ps.setString(2, key(name));
      ps.setLong(3, except);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Binds name, name_key, emoji … create_cooldown_s from {@code at}; returns the next index. */
  private static int bindValues(PreparedStatement ps, int at, TicketType t) throws SQLException {
    ps.setString(at, t.name());
    ps.setString(at + 1, key(t.name()));
    Jdbc.setNullableString(ps, at + 2, t.emoji());
    Jdbc.setNullableString(ps, at + 3, t.description());
    Jdbc.setNullableLong(ps, at + 4, t.channelId());
    Jdbc.setNullableString(ps, at + 5, t.staffRoleIds().isEmpty() ? null
        : t.staffRoleIds().stream().map(String::valueOf).collect(Collectors.joining(",")));
    Jdbc.setNullableString(ps, at + 6,
        t.nameTemplate() == null ? null : t.nameTemplate().template());
    if (t.maxOpenPerUser() == null) {
      ps.setNull(at + 7, Types.INTEGER);
    } else {
      ps.setInt(at + 7, t.maxOpenPerUser());
    }
    Jdbc.setNullableLong(ps, at + 8,
        t.createCooldown() == null ? null : t.createCooldown().toSeconds());
    return at + 9;
  }

  static String key(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }

  static TicketType read(ResultSet rs) throws SQLException {
    String roles = rs.getString("staff_role_ids");
    String template = rs.getString("name_template");
    Long maxOpen = Jdbc.nullableLong(rs, "max_open_per_user");
    Long cooldown = Jdbc.nullableLong(rs, "create_cooldown_s");
    return new TicketType(rs.getLong("id"), rs.getLong("guild_id"), rs.getString("name"),
        rs.getString("emoji"), rs.getString("description"), Jdbc.nullableLong(rs, "channel_id"),
        roles == null || roles.isEmpty() ? List.of()
            : Arrays.stream(roles.split(",")).map(Long::parseLong).toList(),
        template == null ? null : NameTemplate.of(template),
        maxOpen == null ? null : maxOpen.intValue(),
        cooldown == null ? null : Duration.ofSeconds(cooldown),
        rs.getBoolean("is_default"));
  }
}
