package dev.tiramisu.tickets.storage;

import dev.tiramisu.tickets.config.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL database {@code tickets_test_<random>} created for one test class and dropped by
 * {@link #close}.
 *
 * <p>PostgreSQL must be reachable; if it is not, {@link #create} fails with a message saying how to
 * start it (tests are never skipped silently). System properties:
 *
 * <ul>
 *   <li>{@code tickets.test.postgres=off} skips PostgreSQL tests explicitly;
 *   <li>{@code tickets.test.postgres.url} server URL without database, default {@code
 *       jdbc:postgresql://127.0.0.1:5432/};
 *   <li>{@code tickets.test.postgres.user} (default {@code postgres}) and {@code
 *       tickets.test.postgres.password} (default none): a user allowed to create databases;
 *   <li>{@code tickets.test.postgres.admin-db} the database to connect to while creating the test
 *       database, default {@code postgres}.
 * </ul>
 */
public final class PostgresTestDatabase implements AutoCloseable {
  public static final String SERVER =
      System.getProperty("tickets.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/");
  public static final String USER = System.getProperty("tickets.test.postgres.user", "postgres");
  public static final String PASSWORD = System.getProperty("tickets.test.postgres.password");
  private static final String ADMIN_DB =
      System.getProperty("tickets.test.postgres.admin-db", "postgres");

  private final String name;

  private PostgresTestDatabase(String name) {
    this.name = name;
  }

  /**
   * Creates a fresh, empty database (no schema yet).
   *
   * @throws org.opentest4j.TestAbortedException if PostgreSQL tests are switched off explicitly
   * @throws SQLException if PostgreSQL cannot be reached, with instructions
   */
  public static PostgresTestDatabase create() throws SQLException {
    Assumptions.assumeFalse(
        "off".equalsIgnoreCase(System.getProperty("tickets.test.postgres")),
        "PostgreSQL tests switched off with -Dtickets.test.postgres=off");
    String name = "tickets_test_"
        + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.executeUpdate("CREATE DATABASE " + name);
    }
    return new PostgresTestDatabase(name);
  }

  public String name() {
    return name;
  }

  /** The JDBC URL of this database. */
  public String url() {
    return SERVER + name;
  }

  /** A configuration for {@link Database#start} on this database. */
  public DatabaseConfig config(int poolSize) {
    return new DatabaseConfig(url(), USER, PASSWORD, poolSize);
  }

  /** A plain connection to this database, outside any pool. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url(), USER, PASSWORD);
  }

  /** Runs {@code sql} on the admin database, e.g. {@code ALTER DATABASE <name> ...}. */
  public void admin(String sql) throws SQLException {
    try (Connection c = admin(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** Drops the database, closing whatever connections are still open to it. */
  @Override
  public void close() throws SQLException {
    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
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
