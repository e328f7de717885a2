package dev.tiramisu.tickets.storage;

import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketQueries;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * {@link TicketQueries} on SQLite or PostgreSQL. A guild's page is read through the unique
 * {@code (guild_id, number)} index (backwards), a creator's through {@code tickets_by_creator}.
 */
final class JdbcTicketQueries implements TicketQueries {
  private final Jdbc jdbc;

  JdbcTicketQueries(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public int count(Filter f) {
    return jdbc.run(
        "counting tickets",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT COUNT(*) FROM tickets WHERE " + where(f))) {
            bind(ps, f);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getInt(1);
            }
          }
        });
  }

  @Override
  public List<Ticket> page(Filter f, int offset, int limit) {
    return jdbc.run(
        "listing tickets",
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT " + JdbcTicketStore.COLUMNS
              + " FROM tickets WHERE " + where(f) + " ORDER BY number DESC LIMIT ? OFFSET ?")) {
            int next = bind(ps, f);
            ps.setInt(next, limit);
            ps.setInt(next + 1, offset);
            return JdbcTicketStore.all(ps);
          }
        });
  }

  private static String where(Filter f) {
    return "guild_id = ?" + (f.creatorId() == null ? "" : " AND creator_id = ?")
        + (f.state() == null ? "" : " AND state = ?")
        + (f.typeIds() == null ? "" : f.typeIds().isEmpty() ? " AND 1 = 0"
            : " AND type_id IN (" + String.join(", ",
                java.util.Collections.nCopies(f.typeIds().size(), "?")) + ")");
  }

  /** Binds the filter; returns the next parameter index. */
  private static int bind(PreparedStatement ps, Filter f) throws SQLException {
    int i = 1;
    ps.setLong(i++, f.guildId());
    if (f.creatorId() != null) {
      ps.setLong(i++, f.creatorId());
    }
    if (f.state() != null) {
      ps.setString(i++, f.state().name());
    }
    if (f.typeIds() != null) {
      for (long typeId : f.typeIds()) {
        ps.setLong(i++, typeId);
      }
    }
    return i;
  }
}
