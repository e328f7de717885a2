package dev.tiramisu.tickets.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.tickets.config.DatabaseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The store contract on a SQLite file in a fresh temporary directory. */
class SqliteStoreTest extends DatabaseContract {
  private Path dir;

  @Override
  DatabaseConfig createDatabase() throws Exception {
    dir = Files.createTempDirectory("tickets-sqlite-test");
    // a missing sub-directory: Database creates it
    return new DatabaseConfig(
        DatabaseConfig.SQLITE_PREFIX + dir.resolve("data/tickets.db"), null, null, 4);
  }

  @Override
  void dropDatabase() throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toArray(Path[]::new)) {
        Files.delete(p);
      }
    }
  }

  @Test
  void every_pooled_connection_has_the_pragmas() throws SQLException {
    try (Connection a = database.dataSource().getConnection();
        Connection b = database.dataSource().getConnection()) {
      for (Connection c : new Connection[] {a, b}) {
        assertThat(pragma(c, "journal_mode")).isEqualTo("wal");
        assertThat(pragma(c, "foreign_keys")).isEqualTo("1");
        assertThat(pragma(c, "busy_timeout")).isEqualTo(String.valueOf(Database.SQLITE_BUSY_TIMEOUT_MS));
        assertThat(pragma(c, "synchronous")).isEqualTo("1"); // NORMAL
      }
    }
    assertThat(database.dialect()).isEqualTo(Database.Dialect.SQLITE);
  }

  private static String pragma(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
