package dev.tiramisu.tickets.storage;

import dev.tiramisu.tickets.jobs.JobLeases;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;

/** {@link JobLeases} as one conditional upsert per claim, on SQLite or PostgreSQL. */
final class JdbcJobLeases implements JobLeases {
  private static final String CLAIM =
      "INSERT INTO job_leases (name, owner, expires_at) VALUES (?, ?, ?)"
          + " ON CONFLICT (name) DO UPDATE SET owner = excluded.owner,"
          + " expires_at = excluded.expires_at"
          + " WHERE job_leases.expires_at <= ? OR job_leases.owner = excluded.owner";

  private final Jdbc jdbc;

  JdbcJobLeases(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public boolean tryClaim(String name, String owner, Instant now, Duration ttl) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive");
    }
    return jdbc.run(
        "claiming a job lease",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
            ps.setString(1, name);
            ps.setString(2, owner);
            ps.setLong(3, now.plus(ttl).toEpochMilli());
            ps.setLong(4, now.toEpochMilli());
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public void release(String name, String owner) {
    jdbc.run(
        "releasing a job lease",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM job_leases WHERE name = ? AND owner = ?")) {
            ps.setString(1, name);
            ps.setString(2, owner);
            return ps.executeUpdate();
          }
        });
  }
}
