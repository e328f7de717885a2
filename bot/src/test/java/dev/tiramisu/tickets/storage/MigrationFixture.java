package dev.tiramisu.tickets.storage;

import dev.tiramisu.tickets.config.DatabaseConfig;
import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * The set-up the migration tests share: a database at an old schema version, on SQLite or on a
 * fresh PostgreSQL database, given to the test as a raw data source (to write rows the old schema
 * had) and as the configuration {@link Database#start} migrates to the current version.
 */
final class MigrationFixture {
  /** A test body run on one database. */
  @FunctionalInterface
  interface Body {
    void run(DataSource ds, Database.Dialect dialect, DatabaseConfig config) throws Exception;
  }

  private MigrationFixture() {}

  /** Runs {@code body} on a fresh SQLite file in {@code dir}. */
  static void sqlite(Path dir, Body body) throws Exception {
    String url = DatabaseConfig.SQLITE_PREFIX + dir.resolve("old.db");
    org.sqlite.SQLiteDataSource ds = new org.sqlite.SQLiteDataSource();
    ds.setUrl(url);
    body.run(ds, Database.Dialect.SQLITE, new DatabaseConfig(url, null, null, 2));
  }

  /** Runs {@code body} on a fresh PostgreSQL database, dropped afterwards. */
  static void postgresql(Body body) throws Exception {
    try (PostgresTestDatabase pg = PostgresTestDatabase.create()) {
      org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
      ds.setUrl(pg.url());
      ds.setUser(PostgresTestDatabase.USER);
      if (PostgresTestDatabase.PASSWORD != null) {
        ds.setPassword(PostgresTestDatabase.PASSWORD);
      }
      body.run(ds, Database.Dialect.POSTGRESQL, pg.config(2));
    }
  }

  /** Migrates the raw database to {@code version} (the state an older release left). */
  static void migrateTo(DataSource ds, Database.Dialect dialect, String version) {
    Database.flyway(ds, dialect).target(version).load().migrate();
  }
}
