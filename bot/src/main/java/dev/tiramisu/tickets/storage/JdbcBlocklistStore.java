package dev.tiramisu.tickets.storage;

import dev.tiramisu.tickets.ticket.BlocklistStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** {@link BlocklistStore} on SQLite or PostgreSQL (table {@code ticket_blocklist}, V7). */
final class JdbcBlocklistStore implements BlocklistStore {
  /** Role ids checked in one statement at most; a member has at most 250 roles on Discord. */
  private static final int MAX_ROLES = 250;

  private final Jdbc jdbc;

  JdbcBlocklistStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public boolean add(Entry e) {
    return jdbc.run(
        "adding to the blocklist",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(
              "INSERT INTO ticket_blocklist (guild_id, kind, target_id, added_by, added_at)"
                  + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setLong(1, e.guildId());
            ps.setString(2, e.kind().name());
            ps.setLong(3, e.targetId());
            ps.setLong(4, e.addedBy());
            ps.setLong(5, e.addedAt().toEpochMilli());
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public boolean remove(long guildId, Kind kind, long targetId) {
    return jdbc.run(
        "removing from the blocklist",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(
              "DELETE FROM ticket_blocklist WHERE guild_id = ? AND kind = ? AND target_id = ?")) {
            ps.setLong(1, guildId);
            ps.setString(2, kind.name());
            ps.setLong(3, targetId);
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public List<Entry> list(long guildId) {
    return jdbc.run(
        "reading the blocklist",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(
              "SELECT kind, target_id, added_by, added_at FROM ticket_blocklist"
                  + " WHERE guild_id = ? ORDER BY added_at, kind, target_id")) {
            ps.setLong(1, guildId);
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(new Entry(guildId, Kind.valueOf(rs.getString(1)), rs.getLong(2),
                    rs.getLong(3), Instant.ofEpochMilli(rs.getLong(4))));
              }
            }
            return out;
          }
        });
  }

  @Override
  public boolean blocks(long guildId, long userId, Set<Long> roleIds) {
    List<Long> roles = roleIds.stream().limit(MAX_ROLES).toList();
    String in = roles.isEmpty() ? ""
        : " OR (kind = 'ROLE' AND target_id IN ("
            + roles.stream().map(r -> "?").collect(Collectors.joining(", ")) + "))";
    return jdbc.run(
        "checking the blocklist",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(
              "SELECT 1 FROM ticket_blocklist WHERE guild_id = ?"
                  + " AND ((kind = 'USER' AND target_id = ?)" + in + ") LIMIT 1")) {
            int i = 1;
            ps.setLong(i++, guildId);
            ps.setLong(i++, userId);
            for (long r : roles) {
              ps.setLong(i++, r);
            }
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next();
            }
          }
        });
  }
}
