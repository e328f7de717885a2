package dev.tiramisu.tickets.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiramisu.tickets.common.StorageFailureException;
import dev.tiramisu.tickets.common.StorageUnavailableException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Only connection-class failures are "the database is unavailable"; every other SQL error is a
 * bug ({@link StorageFailureException}), on SQLite and PostgreSQL alike.
 */
class JdbcErrorClassificationTest {

  // ------------------------------------------------------------- classification alone

  @Test
  void connection_class_states_anywhere_in_the_chain_mean_unavailable() {
    assertThat(Jdbc.isUnavailable(new SQLException("refused", "08001"))).isTrue();
    assertThat(Jdbc.isUnavailable(new SQLException("i/o", "08006"))).isTrue();
    assertThat(Jdbc.isUnavailable(new SQLException("admin shutdown", "57P01"))).isTrue();
    assertThat(Jdbc.isUnavailable(new SQLException("crash shutdown", "57P02"))).isTrue();
    assertThat(Jdbc.isUnavailable(new SQLException("starting up", "57P03"))).isTrue();
    assertThat(Jdbc.isUnavailable(new SQLTransientConnectionException("pool timeout")))
        .as("Hikari's connection timeout, without a state").isTrue();
    SQLException wrapped = new SQLException("batch failed", "XX000",
        new SQLException("socket closed", "08003"));
    assertThat(Jdbc.isUnavailable(wrapped)).isTrue();
    SQLException next = new SQLException("batch failed");
    next.setNextException(new SQLException("gone", "08006"));
    assertThat(Jdbc.isUnavailable(next)).isTrue();
  }

  @Test
  void other_states_are_bugs() {
    assertThat(Jdbc.isUnavailable(new SQLException("duplicate", "23505"))).isFalse();
    assertThat(Jdbc.isUnavailable(new SQLException("syntax", "42601"))).isFalse();
    assertThat(Jdbc.isUnavailable(new SQLException("canceled", "57014"))).isFalse();
    assertThat(Jdbc.isUnavailable(new SQLException("no state"))).isFalse();
    assertThat(Jdbc.translate("testing", new SQLException("syntax", "42601")))
        .isInstanceOf(StorageFailureException.class)
        .hasMessage("database error while testing (SQLState 42601, code 0)");
  }

  // ------------------------------------------------------------------------ SQLite

  @Test
  void sqlite_bad_sql_and_constraint_violations_are_bugs(@TempDir Path dir) throws SQLException {
    Jdbc jdbc = new Jdbc(sqlite(dir, 5_000));
    jdbc.run("creating", c -> update(c, "CREATE TABLE t (id INTEGER PRIMARY KEY)"));
    jdbc.run("inserting", c -> update(c, "INSERT INTO t (id) VALUES (1)"));

    assertThatThrownBy(() -> jdbc.run("bad sql", c -> update(c, "SELEC 1")))
        .isInstanceOf(StorageFailureException.class)
        .isNotInstanceOf(StorageUnavailableException.class)
        .hasMessageStartingWith("database error while bad sql");
    assertThatThrownBy(() -> jdbc.transaction("duplicate",
        c -> update(c, "INSERT INTO t (id) VALUES (1)")))
        .isInstanceOf(StorageFailureException.class);
    assertThatThrownBy(() -> jdbc.run("no table", c -> update(c, "DELETE FROM missing")))
        .isInstanceOf(StorageFailureException.class);
  }

  @Test
  void sqlite_still_busy_after_the_busy_timeout_is_unavailable(@TempDir Path dir)
      throws SQLException {
    SQLiteDataSource ds = sqlite(dir, 1);
    new Jdbc(ds).run("creating", c -> update(c, "CREATE TABLE t (id INTEGER PRIMARY KEY)"));
    try (Connection holder = ds.getConnection()) {
      holder.setAutoCommit(false); // BEGIN IMMEDIATE: holds the write lock until rollback
      update(holder, "INSERT INTO t (id) VALUES (1)");

      assertThatThrownBy(() -> new Jdbc(ds).transaction("writing while locked",
          c -> update(c, "INSERT INTO t (id) VALUES (2)")))
          .isInstanceOf(StorageUnavailableException.class)
          .hasMessage("database error while writing while locked");
      holder.rollback();
    }
  }

  // -------------------------------------------------------------------- PostgreSQL

  @Test
  void postgresql_bad_sql_and_constraint_violations_are_bugs() throws SQLException {
    try (PostgresTestDatabase pg = PostgresTestDatabase.create()) {
      Jdbc jdbc = new Jdbc(postgres(pg.url()));
      jdbc.run("creating", c -> update(c, "CREATE TABLE t (id BIGINT PRIMARY KEY)"));
      jdbc.run("inserting", c -> update(c, "INSERT INTO t (id) VALUES (1)"));

      assertThatThrownBy(() -> jdbc.run("bad sql", c -> update(c, "SELEC 1")))
          .isInstanceOf(StorageFailureException.class)
          .hasMessage("database error while bad sql (SQLState 42601, code 0)");
      assertThatThrownBy(() -> jdbc.transaction("duplicate",
          c -> update(c, "INSERT INTO t (id) VALUES (1)")))
          .isInstanceOf(StorageFailureException.class)
          .hasMessageContaining("SQLState 23505");
    }
  }

  @Test
  void postgresql_refusing_or_dropping_the_connection_is_unavailable() throws SQLException {
    try (PostgresTestDatabase pg = PostgresTestDatabase.create()) {
      Jdbc jdbc = new Jdbc(postgres(pg.url()));
      // the server ends this session, as a restart or pg_terminate_backend does: 57P01
      assertThatThrownBy(() -> jdbc.run("terminated",
          c -> update(c, "SELECT pg_terminate_backend(pg_backend_pid())")))
          .isInstanceOf(StorageUnavailableException.class);
    }
    // nothing listens on port 1: the connection is refused (08001)
    PGSimpleDataSource refused = postgres("jdbc:postgresql://127.0.0.1:1/none");
    refused.setConnectTimeout(2);
    SQLException direct = null;
    try (Connection c = refused.getConnection()) {
      // not reached
    } catch (SQLException e) {
      direct = e;
    }
    assertThat((Object) direct).as("the connection is refused").isNotNull();
    assertThat(Jdbc.isUnavailable(direct)).as("SQLState %s", direct.getSQLState()).isTrue();
    assertThatThrownBy(() -> new Jdbc(refused).run("refused", c -> update(c, "SELECT 1")))
        .isInstanceOf(StorageUnavailableException.class);
  }

  // ------------------------------------------------------------------------ helpers

  private static int update(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
      return s.getUpdateCount();
    }
  }

  private static SQLiteDataSource sqlite(Path dir, int busyTimeoutMs) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setBusyTimeout(busyTimeoutMs);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource ds = new SQLiteDataSource(config);
    ds.setUrl("jdbc:sqlite:" + dir.resolve("t.db"));
    return ds;
  }

  private static PGSimpleDataSource postgres(String url) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(url);
    ds.setUser(PostgresTestDatabase.USER);
    if (PostgresTestDatabase.PASSWORD != null) {
      ds.setPassword(PostgresTestDatabase.PASSWORD);
    }
    return ds;
  }
}
