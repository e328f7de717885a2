package dev.tiramisu.tickets.storage;

import dev.tiramisu.tickets.ticket.CloseConfirmationStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link CloseConfirmationStore} on SQLite or PostgreSQL (table {@code close_confirmations}). */
final class JdbcCloseConfirmationStore implements CloseConfirmationStore {
  /** At most this many confirmations of a ticket lose their buttons at its close: the latest. */
  static final int MAX_TOKENS = 100;

  private final Jdbc jdbc;

  JdbcCloseConfirmationStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void shown(long ticketId, long requesterId, String reason, String token,
      Instant expires, Instant now) {
    jdbc.transaction("recording a close confirmation", c -> {
      try (PreparedStatement purge =
          c.prepareStatement("DELETE FROM close_confirmations WHERE expires_at < ?")) {
        purge.setLong(1, now.toEpochMilli());
        purge.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO close_confirmations"
          + " (ticket_id, requester_id, reason, token, cancelled, expires_at)"
          + " VALUES (?, ?, ?, ?, ?, ?)")) {
        ps.setLong(1, ticketId);
        ps.setLong(2, requesterId);
        ps.setString(3, reason);
        ps.setString(4, token);
        ps.setBoolean(5, false);
        ps.setLong(6, expires.toEpochMilli());
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public String reason(long ticketId, long requesterId, Instant now) {
    return jdbc.run("reading a close confirmation's reason", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT reason, cancelled"
          + " FROM close_confirmations WHERE ticket_id = ? AND requester_id = ?"
          + " AND expires_at >= ? ORDER BY id DESC LIMIT 1")) {
        ps.setLong(1, ticketId);
        ps.setLong(2, requesterId);
        ps.setLong(3, now.toEpochMilli());
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() && !rs.getBoolean("cancelled") ? rs.getString("reason") : null;
        }
      }
    });
  }

  @Override
  public List<String> tokens(long ticketId, Instant now) {
    return jdbc.run("reading a ticket's close confirmations", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT token FROM close_confirmations"
          + " WHERE ticket_id = ? AND expires_at >= ? AND token IS NOT NULL"
          + " ORDER BY id DESC LIMIT " + MAX_TOKENS)) {
        ps.setLong(1, ticketId);
        ps.setLong(2, now.toEpochMilli());
        List<String> tokens = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            tokens.add(rs.getString(1));
          }
        }
        java.util.Collections.reverse(tokens);
        return tokens;
      }
    });
  }

  @Override
  public void cancel(long ticketId, long requesterId) {
    jdbc.run("cancelling a close confirmation", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE close_confirmations"
          + " SET cancelled = ?, reason = NULL WHERE ticket_id = ? AND requester_id = ?")) {
        ps.setBoolean(1, true);
        ps.setLong(2, ticketId);
        ps.setLong(3, requesterId);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public void forget(long ticketId) {
    jdbc.run("forgetting a ticket's close confirmations", c -> {
      try (PreparedStatement ps =
          c.prepareStatement("DELETE FROM close_confirmations WHERE ticket_id = ?")) {
        ps.setLong(1, ticketId);
        return ps.executeUpdate();
      }
    });
  }
}
