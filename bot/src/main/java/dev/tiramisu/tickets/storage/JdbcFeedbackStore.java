package dev.tiramisu.tickets.storage;

import dev.tiramisu.tickets.effects.NewEffect;
import dev.tiramisu.tickets.ticket.FeedbackStore;
import dev.tiramisu.tickets.ticket.Rating;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link FeedbackStore} on SQLite or PostgreSQL (V14); the same SQL for both. */
final class JdbcFeedbackStore implements FeedbackStore {
  /**
   * Rates a ticket nobody rated yet: one statement, so the primary key decides between two
   * clicks racing (SQLite needs the WHERE of the SELECT to parse the upsert).
   */
  static final String RATE =
      "INSERT INTO ticket_ratings (ticket_id, rating, rated_by, rated_at)"
          + " SELECT id, ?, ?, ? FROM tickets WHERE id = ?"
          + " ON CONFLICT (ticket_id) DO NOTHING";

  private final Jdbc jdbc;

  JdbcFeedbackStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<Rating> ratingOf(long ticketId) {
    return jdbc.run("reading a rating", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT rating, comment, rated_by, rated_at, commented_at FROM ticket_ratings"
              + " WHERE ticket_id = ?")) {
        ps.setLong(1, ticketId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          Long commentedAt = Jdbc.nullableLong(rs, "commented_at");
          return Optional.of(new Rating(ticketId, rs.getInt("rating"), rs.getString("comment"),
              rs.getLong("rated_by"), Instant.ofEpochMilli(rs.getLong("rated_at")),
              commentedAt == null ? null : Instant.ofEpochMilli(commentedAt)));
        }
      }
    });
  }

  @Override
  public boolean rate(long ticketId, int rating, long userId, Instant at,
      List<NewEffect> effects) {
    return change("saving a rating", ticketId, at, effects, c -> {
      try (PreparedStatement ps = c.prepareStatement(RATE)) {
        ps.setInt(1, rating);
        ps.setLong(2, userId);
        ps.setLong(3, at.toEpochMilli());
        ps.setLong(4, ticketId);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public boolean comment(long ticketId, long userId, String comment, Instant at,
      List<NewEffect> effects) {
    return change("saving a rating's comment", ticketId, at, effects, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE ticket_ratings SET comment = ?, commented_at = ?"
              + " WHERE ticket_id = ? AND rated_by = ? AND comment IS NULL")) {
        ps.setString(1, comment);
        ps.setLong(2, at.toEpochMilli());
        ps.setLong(3, ticketId);
        ps.setLong(4, userId);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public boolean firstStaffReply(long ticketId, Instant at) {
    return jdbc.run("recording a first staff reply", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE tickets SET first_staff_reply_at = ?"
              + " WHERE id = ? AND first_staff_reply_at IS NULL")) {
        ps.setLong(1, at.toEpochMilli());
        ps.setLong(2, ticketId);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public Optional<Instant> firstStaffReplyOf(long ticketId) {
    return jdbc.run("reading a first staff reply", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT first_staff_reply_at FROM tickets WHERE id = ?")) {
        ps.setLong(1, ticketId);
        try (ResultSet rs = ps.executeQuery()) {
          Long at = rs.next() ? Jdbc.nullableLong(rs, "first_staff_reply_at") : null;
          return Optional.ofNullable(at).map(Instant::ofEpochMilli);
        }
      }
    });
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
