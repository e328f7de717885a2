package dev.tiramisu.tickets.storage;

import dev.tiramisu.tickets.ticket.StatsQueries;
import dev.tiramisu.tickets.ticket.TicketStats;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link StatsQueries} on SQLite or PostgreSQL; the same SQL for both (integer division of epoch
 * milliseconds buckets the days; {@code GROUP BY 1} since the two dialects differ on grouping by
 * an expression with parameters).
 */
final class JdbcStatsQueries implements StatsQueries {
  private static final long DAY_MS = 86_400_000L;
  /** The guild's tickets that were really opened (not FAILED). */
  private static final String LIVE = " FROM tickets WHERE guild_id = ? AND state <> 'FAILED'";
  private static final String CLOSED = " FROM tickets WHERE guild_id = ? AND state = 'CLOSED'";

  private final Jdbc jdbc;

  JdbcStatsQueries(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public int opened(long guildId, Instant from, Instant to) {
    return count("counting opened tickets",
        "SELECT COUNT(*)" + LIVE + " AND created_at >= ? AND created_at < ?", guildId, from, to);
  }

  @Override
  public int closed(long guildId, Instant from, Instant to) {
    return count("counting closed tickets",
        "SELECT COUNT(*)" + CLOSED + " AND closed_at >= ? AND closed_at < ?", guildId, from, to);
  }

  @Override
  public int openNow(long guildId) {
    return jdbc.run("counting open tickets", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT COUNT(*) FROM tickets WHERE guild_id = ? AND state = 'OPEN'")) {
        ps.setLong(1, guildId);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getInt(1);
        }
      }
    });
  }

  @Override
  public List<Long> firstReplyMillis(long guildId, Instant from, Instant to) {
    return longs("reading first reply times",
        "SELECT first_staff_reply_at - created_at" + LIVE
            + " AND created_at >= ? AND created_at < ? AND first_staff_reply_at IS NOT NULL",
        guildId, from, to);
  }

  @Override
  public List<Long> closeMillis(long guildId, Instant from, Instant to) {
    return longs("reading close times",
        "SELECT closed_at - created_at" + CLOSED + " AND closed_at >= ? AND closed_at < ?",
        guildId, from, to);
  }

  @Override
  public List<Integer> ratings(long guildId, Instant from, Instant to) {
    return longs("reading ratings",
        "SELECT r.rating FROM ticket_ratings r JOIN tickets t ON t.id = r.ticket_id"
            + " WHERE t.guild_id = ? AND r.rated_at >= ? AND r.rated_at < ?",
        guildId, from, to).stream().map(Long::intValue).toList();
  }

  @Override
  public List<TicketStats.CloserCount> closers(long guildId, Instant from, Instant to,
      long excludedCloserId, int limit) {
    return jdbc.run("counting closes per closer", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT closed_by, COUNT(*) AS n" + CLOSED
              + " AND closed_at >= ? AND closed_at < ? AND closed_by <> creator_id"
              + " AND closed_by <> ? GROUP BY closed_by ORDER BY n DESC, closed_by LIMIT ?")) {
        ps.setLong(1, guildId);
        ps.setLong(2, from.toEpochMilli());
        ps.setLong(3, to.toEpochMilli());
        ps.setLong(4, excludedCloserId);
        ps.setInt(5, limit);
        List<TicketStats.CloserCount> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new TicketStats.CloserCount(rs.getLong(1), rs.getInt(2)));
          }
        }
        return out;
      }
    });
  }

  @Override
  public int[] openedPerDay(long guildId, Instant from, int days) {
    return perDay("counting opened tickets per day", "created_at", LIVE, guildId, from, days);
  }

  @Override
  public int[] closedPerDay(long guildId, Instant from, int days) {
    return perDay("counting closed tickets per day", "closed_at", CLOSED, guildId, from, days);
  }

  /** {@code column} is one of ours, never user input. */
  private int[] perDay(String what, String column, String where, long guildId, Instant from,
      int days) {
    long start = from.toEpochMilli();
    return jdbc.run(what, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT (" + column + " - ?) / " + DAY_MS + ", COUNT(*)" + where
              + " AND " + column + " >= ? AND " + column + " < ? GROUP BY 1")) {
        ps.setLong(1, start);
        ps.setLong(2, guildId);
        ps.setLong(3, start);
        ps.setLong(4, start + days * DAY_MS);
        int[] out = new int[days];
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out[(int) rs.getLong(1)] = rs.getInt(2);
          }
        }
        return out;
      }
    });
  }

  private int count(String what, String sql, long guildId, Instant from, Instant to) {
    return jdbc.run(what, c -> {
      try (PreparedStatement ps = prepare(c.prepareStatement(sql), guildId, from, to);
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    });
  }

  private List<Long> longs(String what, String sql, long guildId, Instant from, Instant to) {
    return jdbc.run(what, c -> {
      try (PreparedStatement ps = prepare(c.prepareStatement(sql), guildId, from, to);
          ResultSet rs = ps.executeQuery()) {
        List<Long> out = new ArrayList<>();
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
        return out;
      }
    });
  }

  private static PreparedStatement prepare(PreparedStatement ps, long guildId, Instant from,
      Instant to) throws SQLException {
    ps.setLong(1, guildId);
    ps.setLong(2, from.toEpochMilli());
    ps.setLong(3, to.toEpochMilli());
    return ps;
  }
}
