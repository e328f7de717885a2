package dev.tiramisu.tickets.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.tickets.config.DatabaseConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
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

  /**
   * attachThread and markFailed find the ticket by id whatever the planner knows. Their guard is
   * the predicate of the partial index {@code tickets_unattached}; keyed by created_at, that index
   * let a planner without statistics (a new database, before autovacuum's first ANALYZE) answer
   * them by walking every unattached ticket, once per ticket opened.
   */
  @Test
  void updates_of_unattached_tickets_look_the_id_up_with_or_without_statistics() throws Exception {
    try (PostgresTestDatabase fresh = PostgresTestDatabase.create();
        Database db = Database.start(fresh.config(1));
        Connection c = fresh.connect();
        Statement s = c.createStatement()) {
      s.execute("ALTER TABLE tickets SET (autovacuum_enabled = false)"); // no statistics yet
      s.execute("INSERT INTO tickets (guild_id, number, creator_id, state, created_at)"
          + " SELECT 1, n, 2, 'OPEN', n FROM generate_series(1, 5000) n");
      s.execute("PREPARE attach AS " + numbered(JdbcTicketStore.ATTACH));
      s.execute("PREPARE mark_failed AS " + numbered(JdbcTicketStore.MARK_FAILED));
      List<String> executes = List.of("attach(10, 11, 4000)", "mark_failed('x', 1, 4000)");

      for (String statistics : List.of("none", "analysed")) {
        if (statistics.equals("analysed")) {
          s.execute("ANALYZE tickets");
        }
        for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
          s.execute("SET plan_cache_mode = " + mode);
          for (String execute : executes) {
            assertThat(plan(s, "EXPLAIN EXECUTE " + execute))
                .as("%s with %s statistics, %s", execute, statistics, mode)
                .containsPattern("Index Cond: \\(id = ");
          }
        }
      }
    }
  }

  /** {@code sql} with its {@code ?} placeholders as {@code $1, $2, ...} for PREPARE. */
  private static String numbered(String sql) {
    StringBuilder out = new StringBuilder();
    int n = 0;
    for (char ch : sql.toCharArray()) {
      if (ch == '?') {
        out.append('$').append(++n);
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }

  private static String plan(Statement s, String explain) throws SQLException {
    StringBuilder text = new StringBuilder();
    try (ResultSet rs = s.executeQuery(explain)) {
      while (rs.next()) {
        text.append(rs.getString(1)).append('\n');
      }
    }
    return text.toString();
  }
}
