package dev.tiramisu.tickets.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.tickets.config.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The store contract on PostgreSQL, in a database created for this run and dropped afterwards.
 *
 * <p>PostgreSQL must be reachable; if it is not, these tests fail (they are never skipped
 * silently). System properties:
 *
 * <ul>
 *   <li>{@code tickets.test.postgres=off} skips them explicitly;
 *   <li>{@code tickets.test.postgres.url} server URL without database, default {@code
 *       jdbc:postgresql://127.0.0.1:5432/};
 *   <li>{@code tickets.test.postgres.user} (default {@code postgres}) and {@code
 *       tickets.test.postgres.password} (default none): a user allowed to create databases;
 *   <li>{@code tickets.test.postgres.admin-db} the database to connect to while creating the test
 *       database, default {@code postgres}.
 * </ul>
 */
class PostgresStoreTest extends DatabaseContract {
  private static final String SERVER =
      System.getProperty("tickets.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/");
  private static final String USER = System.getProperty("tickets.test.postgres.user", "postgres");
  private static final String PASSWORD = System.getProperty("tickets.test.postgres.password");
  private static final String ADMIN_DB =
      System.getProperty("tickets.test.postgres.admin-db", "postgres");

  private String name;

  @Override
  DatabaseConfig createDatabase() throws SQLException {
    Assumptions.assumeFalse(
        "off".equalsIgnoreCase(System.getProperty("tickets.test.postgres")),
        "PostgreSQL tests switched off with -Dtickets.test.postgres=off");
    String random = "tickets_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
        .toLowerCase(Locale.ROOT);
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE DATABASE " + random);
    }
    name = random; // only now is there something to drop
    return new DatabaseConfig(SERVER + name, USER, PASSWORD, 4);
  }

  @Override
  void dropDatabase() throws SQLException {
    if (name != null) {
      try (Connection c = admin(); Statement s = c.createStatement()) {
        s.executeUpdate("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    }
  }

  @Test
  void runs_on_postgresql() {
    assertThat(database.dialect()).isEqualTo(Database.Dialect.POSTGRESQL);
  }

  private static Connection admin() throws SQLException {
    try {
      return DriverManager.getConnection(SERVER + ADMIN_DB, USER, PASSWORD);
    } catch (SQLException e) {
      throw new SQLException(
          "PostgreSQL is not reachable at " + SERVER + ADMIN_DB + " as " + USER + " ("
              + e.getMessage() + "). Start it (e.g. pg_ctlcluster --skip-systemctl-redirect"
              + " <version> main start), point -Dtickets.test.postgres.url at it, or skip these"
              + " tests explicitly with -Dtickets.test.postgres=off",
          e);
    }
  }
}
