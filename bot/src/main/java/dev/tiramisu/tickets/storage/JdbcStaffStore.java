package dev.tiramisu.tickets.storage;

import dev.tiramisu.tickets.effects.NewEffect;
import dev.tiramisu.tickets.ticket.Claim;
import dev.tiramisu.tickets.ticket.StaffStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link StaffStore} on SQLite or PostgreSQL ({@code ticket_claims}, V8); the same SQL for both. */
final class JdbcStaffStore implements StaffStore {
  /**
   * Claims an OPEN ticket nobody holds: one statement, so the primary key decides between
   * concurrent claims (SQLite needs the WHERE of the SELECT to parse the upsert).
   */
  static final String CLAIM =
      "INSERT INTO ticket_claims (ticket_id, claimed_by, claimed_at)"
          + " SELECT id, ?, ? FROM tickets WHERE id = ? AND state = 'OPEN'"
          + " ON CONFLICT (ticket_id) DO NOTHING";

  private final Jdbc jdbc;

  JdbcStaffStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<Claim> claimOf(long ticketId) {
    return jdbc.run(
        "reading a claim",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(
              "SELECT claimed_by, claimed_at FROM ticket_claims WHERE ticket_id = ?")) {
            ps.setLong(1, ticketId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(new Claim(ticketId, rs.getLong(1),
                      Instant.ofEpochMilli(rs.getLong(2))))
                  : Optional.empty();
            }
          }
        });
  }

  @Override
  public boolean claim(long ticketId, long userId, Instant at, List<NewEffect> effects) {
    return change("claiming a ticket", ticketId, at, effects, c -> {
      try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
        ps.setLong(1, userId);
        ps.setLong(2, at.toEpochMilli());
        ps.setLong(3, ticketId);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public boolean release(long ticketId, long claimerId, Instant at, List<NewEffect> effects) {
    return change("releasing a claim", ticketId, at, effects, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM ticket_claims WHERE ticket_id = ? AND claimed_by = ?")) {
        ps.setLong(1, ticketId);
        ps.setLong(2, claimerId);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public boolean transfer(long ticketId, long fromId, long toId, Instant at,
      List<NewEffect> effects) {
    return change("transferring a claim", ticketId, at, effects, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE ticket_claims SET claimed_by = ?, claimed_at = ?"
              + " WHERE ticket_id = ? AND claimed_by = ?")) {
        ps.setLong(1, toId);
        ps.setLong(2, at.toEpochMilli());
        ps.setLong(3, ticketId);
        ps.setLong(4, fromId);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public void record(long ticketId, Instant at, List<NewEffect> effects) {
    change("recording a staff action", ticketId, at, effects, c -> true);
  }

  @FunctionalInterface
  private interface Write {
    boolean apply(Connection c) throws SQLException;
  }

  /** Runs {@code write} and, when it changed something, inserts the effects: one transaction. */
  private boolean change(String what, long ticketId, Instant at, List<NewEffect> effects,
      Write write) {
    return jdbc.transaction(what, c -> {
      if (!write.apply(c)) {
        return false;
      }
      long guildId;
      try (PreparedStatement ps =
          c.prepareStatement("SELECT guild_id FROM tickets WHERE id = ?")) {
        ps.setLong(1, ticketId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new SQLException("no ticket " + ticketId);
          }
          guildId = rs.getLong(1);
        }
      }
      JdbcEffectStore.insert(c, ticketId, guildId, effects, at);
      return true;
    });
  }
}
