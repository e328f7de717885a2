package dev.tiramisu.tickets.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.tickets.config.DatabaseConfig;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The store contract on PostgreSQL, in a database created for this run and dropped afterwards
 * (see {@link PostgresTestDatabase} for the system properties and what happens without
 * PostgreSQL).
 */
class PostgresStoreTest extends DatabaseContract {
  private PostgresTestDatabase pg;

  @Override
  DatabaseConfig createDatabase() throws SQLException {
    pg = PostgresTestDatabase.create();
    return pg.config(4);
  }

  @Override
  void dropDatabase() throws SQLException {
    if (pg != null) { // only once it was created
      pg.close();
    }
  }

  @Test
  void runs_on_postgresql() {
    assertThat(database.dialect()).isEqualTo(Database.Dialect.POSTGRESQL);
  }
}
