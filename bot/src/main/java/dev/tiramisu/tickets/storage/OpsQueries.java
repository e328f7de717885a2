package dev.tiramisu.tickets.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Small reads for the operations endpoint: counts for the metrics' gauges and the readiness
 * check's trivial query. Each throws {@link dev.tiramisu.tickets.common.StorageUnavailableException}
 * when the database does not answer.
 */
public final class OpsQueries {
  private final Jdbc jdbc;

  OpsQueries(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** Effects in {@code state} ({@code PENDING}, {@code FAILED}, {@code DONE}). */
  public long effects(String state) {
    return count("count effects", "SELECT COUNT(*) FROM ticket_effects WHERE state = ?", state);
  }

  /** Tickets open now, over every guild of the database. */
  public long openTickets() {
    return count("count open tickets", "SELECT COUNT(*) FROM tickets WHERE state = ?", "OPEN");
  }

  /** Runs {@code SELECT 1}: returns normally when the database answers. */
  public void ping() {
    jdbc.run("ping", c -> {
      try (Statement s = c.createStatement()) {
        s.setQueryTimeout(2);
        s.execute("SELECT 1");
      }
      return null;
    });
  }

  private long count(String what, String sql, String arg) {
    return jdbc.run(what, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, arg);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }
}
