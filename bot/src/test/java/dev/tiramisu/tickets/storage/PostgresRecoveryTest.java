package dev.tiramisu.tickets.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.common.StorageUnavailableException;
import dev.tiramisu.tickets.settings.SettingKey;
import dev.tiramisu.tickets.settings.SettingValue;
import dev.tiramisu.tickets.ticket.OpenedTicket;
import dev.tiramisu.tickets.ticket.TicketService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A bot process whose PostgreSQL connections die, or whose database refuses connections for a
 * while, answers with {@link StorageUnavailableException} meanwhile and works again afterwards
 * without a restart. Waits are bounded retry loops of real calls, never sleeps.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresRecoveryTest {
  private static final long GUILD = 900_000_000_000_000_001L;
  private static final long USER = 800_000_000_000_000_001L;
  private static final long CHANNEL = 700_000_000_000_000_001L;
  /** Bounds every retry loop; a pool that needs more attempts than this has not recovered. */
  private static final int MAX_ATTEMPTS = 50;
  /** Small, so that few calls use up the dead connections and the rest must ask for new ones. */
  private static final int POOL = 2;

  private PostgresTestDatabase pg;
  private Database database;
  private TicketService service;
  private int opened;

  @BeforeAll
  void start() throws SQLException {
    pg = PostgresTestDatabase.create();
    database = Database.start(pg.config(POOL));
    database.settings().put(GUILD, SettingKey.TICKET_CHANNEL, new SettingValue.Snowflake(CHANNEL),
        Instant.EPOCH);
    // one member opens ticket after ticket here
    database.settings().put(GUILD, SettingKey.MAX_OPEN_PER_USER, new SettingValue.Count(0),
        Instant.EPOCH);
    service = new TicketService(database.tickets(), database.settings(),
        Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
  }

  @AfterAll
  void stop() throws SQLException {
    if (database != null) {
      database.close();
    }
    if (pg != null) {
      pg.close();
    }
  }

  @Test
  void the_pool_is_set_up_to_answer_within_the_interaction_window_and_to_find_dead_connections() {
    HikariDataSource pool = (HikariDataSource) database.dataSource();

    assertThat(pool.getConnectionTimeout()).isLessThanOrEqualTo(2_000);
    assertThat(pool.getValidationTimeout()).isLessThan(pool.getConnectionTimeout());
    assertThat(pool.getKeepaliveTime()).isPositive().isLessThan(pool.getMaxLifetime());
    assertThat(pool.getInitializationFailTimeout())
        .isEqualTo(Database.DEFAULT_STARTUP_WAIT.toMillis());
    assertThat(pool.getDataSourceProperties())
        .containsEntry("connectTimeout", String.valueOf(Database.PG_CONNECT_TIMEOUT_S))
        .containsEntry("socketTimeout", String.valueOf(Database.PG_SOCKET_TIMEOUT_S));
  }

  @Test
  void a_request_whose_connection_is_killed_fails_cleanly_and_the_next_ones_work_again()
      throws Exception {
    open(); // the guild's counter row exists from here on
    ExecutorService bot = Executors.newSingleThreadExecutor();
    try (Connection admin = pg.connect()) {
      // hold the counter row so the next open is in flight, waiting, when its backend is killed
      admin.setAutoCommit(false);
      try (PreparedStatement lock = admin.prepareStatement(
          "SELECT last_number FROM ticket_counters WHERE guild_id = ? FOR UPDATE")) {
        lock.setLong(1, GUILD);
        lock.executeQuery().close();
      }
      Future<Result<OpenedTicket>> inFlight = bot.submit(() -> service.open(GUILD, USER, "help"));
      awaitBackendWaitingForLock(admin);

      int killed = terminateOtherBackends(admin);
      admin.rollback();

      assertThat(killed).isPositive();
      assertThatThrownBy(() -> inFlight.get(1, TimeUnit.MINUTES)) // a hang guard only
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(StorageUnavailableException.class)
          .hasMessage("database error while opening a ticket");
    } finally {
      bot.shutdownNow();
    }

    // Every pooled connection is dead now. Each call fails cleanly or works, and soon they work.
    List<StorageUnavailableException> failures = new ArrayList<>();
    OpenedTicket next = untilItWorks(this::open, failures);

    assertThat(next.ticket().number()).as("the killed open consumed no number").isEqualTo(opened);
    assertThat(database.tickets().lastNumber(GUILD)).hasValue(opened);
    assertThat(failures).allSatisfy(f -> assertThat(f).hasMessageStartingWith("database error"));
    // and the ticket can be used as usual
    assertThat(service.attachThread(next.ticket().id(), 1_000L + opened, 2_000L + opened)).isTrue();
  }

  @Test
  void while_the_database_refuses_connections_calls_fail_cleanly_and_then_recover_by_themselves()
      throws Exception {
    open();
    pg.admin("ALTER DATABASE " + pg.name() + " ALLOW_CONNECTIONS false");
    try {
      pg.admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
          + pg.name() + "'");

      // no pooled connection survived and no new one can be made
      // dead pooled connections fail at once; then getting a new one fails after the connection
      // timeout (the pool keeps trying in the background, backing off up to 5 s between tries)
      for (int call = 0; call < POOL + 1; call++) {
        assertThatThrownBy(() -> service.open(GUILD, USER, "help"))
            .isInstanceOf(StorageUnavailableException.class)
            .hasMessage("database error while reading settings"); // open's first step
      }
    } finally {
      pg.admin("ALTER DATABASE " + pg.name() + " ALLOW_CONNECTIONS true");
    }

    List<StorageUnavailableException> failures = new ArrayList<>();
    OpenedTicket next = untilItWorks(this::open, failures);

    assertThat(next.ticket().number()).isEqualTo(opened);
    assertThat(database.tickets().lastNumber(GUILD)).hasValue(opened);
    assertThat(database.tickets().findById(next.ticket().id())).isPresent();
  }

  /** Opens a ticket and counts it. */
  private OpenedTicket open() {
    OpenedTicket t = service.open(GUILD, USER, "help").value();
    opened++;
    return t;
  }

  /** Retries {@code call} while it fails with StorageUnavailableException, at most a bounded time. */
  private static <T> T untilItWorks(Supplier<T> call, List<StorageUnavailableException> failures) {
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      try {
        return call.get();
      } catch (StorageUnavailableException e) {
        failures.add(e); // anything else fails the test
      }
    }
    AssertionError stillFailing =
        new AssertionError("the pool did not recover within " + MAX_ATTEMPTS + " attempts");
    failures.forEach(stillFailing::addSuppressed);
    throw stillFailing;
  }

  /** Polls (each poll is a query) until another backend of this database waits for a lock. */
  private static void awaitBackendWaitingForLock(Connection admin) throws SQLException {
    for (int poll = 0; poll < 10_000; poll++) {
      try (Statement s = admin.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity"
              + " WHERE datname = current_database() AND pid <> pg_backend_pid()"
              + " AND wait_event_type = 'Lock'")) {
        rs.next();
        if (rs.getInt(1) > 0) {
          return;
        }
      }
    }
    throw new AssertionError("the open never started waiting for the counter row");
  }

  private static int terminateOtherBackends(Connection admin) throws SQLException {
    try (Statement s = admin.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))"
            + " FROM pg_stat_activity"
            + " WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
