package dev.tiramisu.tickets.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiramisu.tickets.common.StorageUnavailableException;
import dev.tiramisu.tickets.config.DatabaseConfig;
import dev.tiramisu.tickets.common.Refusal;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.jobs.JobLeases;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.BlocklistStore;
import dev.tiramisu.tickets.ticket.Limits;
import dev.tiramisu.tickets.ticket.TicketQueries;
import dev.tiramisu.tickets.ticket.TicketState;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The store contract on a real database, plus what only a real database can show: atomic number
 * allocation and exactly-once close under concurrency from two connection pools (as two bot
 * processes would have).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DatabaseContract extends StoreContract {
  private static final int THREADS = 8;
  private static final int PER_THREAD = 25;

  Database database;

  /** Where the test database lives; called once per class. */
  abstract DatabaseConfig createDatabase() throws Exception;

  /** Removes the test database; called once per class. */
  abstract void dropDatabase() throws Exception;

  DatabaseConfig config;

  @BeforeAll
  void startDatabase() throws Exception {
    config = createDatabase();
    database = Database.start(config);
  }

  @AfterAll
  void stopDatabase() throws Exception {
    if (database != null) {
      database.close();
    }
    dropDatabase();
  }

  @Override
  void freshStores() {
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement()) {
      for (String table : List.of("ticket_names", "ticket_creators", "ticket_blocklist",
          "ticket_claims", "ticket_effects", "tickets", "ticket_counters", "guild_settings",
          "job_leases")) {
        s.executeUpdate("DELETE FROM " + table);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    tickets = database.tickets();
    settings = database.settings();
    leases = database.leases();
    staff = database.staff();
    effects = database.effects();
  }

  @Test
  void panels_are_saved_with_their_types_and_change_state_once() {
    long guild = 9_100_000L + System.nanoTime() % 1_000_000;
    var types = database.ticketTypes();
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    long a = types.insert(new dev.tiramisu.tickets.settings.TicketType(0, guild, "A", null, null,
        null, List.of(), null, null, null, false), at).orElseThrow().id();
    long b = types.insert(new dev.tiramisu.tickets.settings.TicketType(0, guild, "B", null, null,
        null, List.of(), null, null, null, false), at).orElseThrow().id();
    var store = database.panels();
    var saved = store.insert(new dev.tiramisu.tickets.panel.Panel(0, guild, 5L, null, "Title",
        "Line one\nline two", 0x5865F2, 7L, at, dev.tiramisu.tickets.panel.Panel.State.POSTING,
        List.of(b, a)));
    assertThat(saved.id()).isPositive();
    assertThat(store.find(saved.id()).orElseThrow()).isEqualTo(saved);
    assertThat(store.posting()).contains(saved);
    assertThat(store.offering(guild, a)).as("not posted yet").isEmpty();

    assertThat(store.transition(saved.id(), dev.tiramisu.tickets.panel.Panel.State.POSTING,
        dev.tiramisu.tickets.panel.Panel.State.POSTED, 99L)).isTrue();
    assertThat(store.transition(saved.id(), dev.tiramisu.tickets.panel.Panel.State.POSTING,
        dev.tiramisu.tickets.panel.Panel.State.POSTED, 98L)).as("only once").isFalse();
    var posted = store.find(saved.id()).orElseThrow();
    assertThat(posted.messageId()).isEqualTo(99L);
    assertThat(posted.typeIds()).containsExactly(b, a);
    assertThat(store.posting()).doesNotContain(posted);
    assertThat(store.offering(guild, a)).containsExactly(posted);
    assertThat(store.list(guild)).containsExactly(posted);

    assertThat(store.transition(saved.id(), dev.tiramisu.tickets.panel.Panel.State.POSTED,
        dev.tiramisu.tickets.panel.Panel.State.DELETED, null)).isTrue();
    assertThat(store.list(guild)).isEmpty();
    assertThat(store.find(saved.id()).orElseThrow().messageId()).as("kept").isEqualTo(99L);

    // Tickets can be listed by type (staff of a type see theirs only).
    TicketQueries.Filter none = new TicketQueries.Filter(guild, null, null).ofTypes(List.of());
    assertThat(database.ticketQueries().count(none)).isZero();
    assertThat(database.ticketQueries().count(none.ofTypes(List.of(a, b)))).isZero();
  }

  @Test
  void a_failed_open_saves_nothing_and_consumes_no_number() {
    // A row already holds number 1 while the guild has no counter, so the insert after the
    // allocation violates UNIQUE (guild_id, number): the whole transaction must roll back.
    tickets.adopt(GUILD, 1, USER, 111L, T0);

    // a violated constraint is a bug, not an outage: StorageFailureException, not "unavailable"
    assertThatThrownBy(() -> tickets.create(GUILD, USER, "reason", T0))
        .isInstanceOf(dev.tiramisu.tickets.common.StorageFailureException.class)
        .hasMessageStartingWith("database error while opening a ticket (SQLState ");

    assertThat(tickets.lastNumber(GUILD)).isEmpty();
    assertThat(tickets.findOpenByCreator(GUILD, USER)).hasSize(1);
  }

  @Test
  void database_failures_surface_as_storage_unavailable() {
    Database gone = Database.start(config);
    TicketStore store = gone.tickets();
    gone.close();

    assertThatThrownBy(() -> store.closeIfOpen(1L, STAFF, null, T0))
        .isInstanceOf(StorageUnavailableException.class)
        .hasMessage("database error while closing a ticket")
        .hasCauseInstanceOf(SQLException.class);
    assertThatThrownBy(() -> gone.settings().load(GUILD))
        .isInstanceOf(StorageUnavailableException.class);
  }

  @Test
  void two_pools_allocate_gap_free_numbers_under_contention() throws Exception {
    try (Database secondProcess = Database.start(config)) {
      List<TicketStore> stores = List.of(database.tickets(), secondProcess.tickets());
      List<Callable<List<Ticket>>> work = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        TicketStore store = stores.get(t % 2);
        long guild = t < THREADS - 2 ? GUILD : OTHER_GUILD; // two threads on another guild
        long creator = USER + t;
        work.add(() -> {
          List<Ticket> made = new ArrayList<>();
          for (int i = 0; i < PER_THREAD; i++) {
            made.add(store.create(guild, creator, null, T0));
          }
          return made;
        });
      }

      List<Ticket> all = runTogether(work).stream().flatMap(List::stream).collect(Collectors.toList());

      int mainCount = (THREADS - 2) * PER_THREAD;
      assertThat(numbersOf(all, GUILD)).containsExactlyElementsOf(range(mainCount));
      assertThat(numbersOf(all, OTHER_GUILD)).containsExactlyElementsOf(range(2 * PER_THREAD));
      assertThat(tickets.lastNumber(GUILD)).hasValue(mainCount);
      assertThat(tickets.findByNumber(GUILD, mainCount)).isPresent();
    }
  }

  /**
   * Issue 11: 30 creates by one member at once, from two pools (two processes), open exactly the
   * allowed number; the others are refused by the limit, and no number is burnt by a refusal.
   */
  @Test
  void thirty_parallel_creates_by_one_member_open_exactly_max_open_per_user() throws Exception {
    for (int max : List.of(1, 3)) {
      freshStores();
      Limits limits = new Limits(max, Duration.ZERO);
      List<Result<Ticket>> results = createTogether(limits, 30, T0);

      assertThat(results).as("max %d: created", max).filteredOn(Result::isOk).hasSize(max);
      assertThat(results).filteredOn(Result::isRefused)
          .hasSize(30 - max)
          .allSatisfy(r -> assertThat(r.refusal().key())
              .isIn(MessageKey.ERROR_LIMIT_OPEN, MessageKey.ERROR_LIMIT_OPEN_PENDING));
      assertThat(tickets.findOpenByCreator(GUILD, USER)).hasSize(max);
      assertThat(tickets.lastNumber(GUILD)).as("refusals burn no number").hasValue(max);
    }
  }

  @Test
  void thirty_parallel_creates_within_a_cooldown_open_exactly_one() throws Exception {
    List<Result<Ticket>> results =
        createTogether(new Limits(0, Duration.ofMinutes(10)), 30, T0);

    assertThat(results).filteredOn(Result::isOk).hasSize(1);
    assertThat(results).filteredOn(Result::isRefused).allSatisfy(r -> {
      assertThat(r.refusal().key()).isEqualTo(MessageKey.ERROR_LIMIT_COOLDOWN);
      assertThat(r.refusal().args()).containsExactly(T0.plus(Duration.ofMinutes(10))
          .getEpochSecond() + 1); // T0 has milliseconds: rounded up
    });
  }

  @Test
  void the_limits_count_open_tickets_only_and_the_cooldown_ignores_failed_ones() {
    Limits limits = new Limits(1, Duration.ofMinutes(10));
    Ticket first = create(limits, T0).value();
    assertThat(create(limits, T0.plusSeconds(1)).refusal().key())
        .isEqualTo(MessageKey.ERROR_LIMIT_OPEN_PENDING);
    tickets.attachThread(first.id(), 4242L, null);
    assertThat(create(limits, T0.plusSeconds(1)).refusal())
        .isEqualTo(Refusal.of(MessageKey.ERROR_LIMIT_OPEN, 1, 4242L));

    tickets.closeIfOpen(first.id(), STAFF, null, T0.plusSeconds(2));
    assertThat(create(limits, T0.plusSeconds(3)).refusal().key())
        .as("closed, but within the cooldown").isEqualTo(MessageKey.ERROR_LIMIT_COOLDOWN);
    Ticket second = create(limits, T0.plus(Duration.ofMinutes(10))).value();
    tickets.markFailed(second.id(), "test", T0.plus(Duration.ofMinutes(10)));
    assertThat(create(limits, T0.plus(Duration.ofMinutes(11))).isOk())
        .as("a failed ticket neither counts as open nor starts a cooldown").isTrue();
    assertThat(create(Limits.NONE, T0.plus(Duration.ofMinutes(11))).isOk())
        .as("without limits nothing is checked").isTrue();
  }

  @Test
  void user_names_are_kept_with_the_ticket() {
    Ticket named = tickets.create(GUILD, USER, null, T0, "alice", null, t -> List.of()).value();
    Ticket plain = tickets.create(GUILD, USER, null, T0);

    assertThat(tickets.userName(named.id())).contains("alice");
    assertThat(tickets.userName(plain.id())).isEmpty();
  }

  @Test
  void the_blocklist_matches_users_and_roles_of_its_guild_only() {
    BlocklistStore store = database.blocklist();
    assertThat(store.add(new BlocklistStore.Entry(GUILD, BlocklistStore.Kind.USER, USER, STAFF,
        T0))).isTrue();
    assertThat(store.add(new BlocklistStore.Entry(GUILD, BlocklistStore.Kind.USER, USER, STAFF,
        T0.plusSeconds(1)))).as("already listed").isFalse();
    assertThat(store.add(new BlocklistStore.Entry(GUILD, BlocklistStore.Kind.ROLE, 77L, STAFF,
        T0.plusSeconds(2)))).isTrue();

    assertThat(store.blocks(GUILD, USER, Set.of())).isTrue();
    assertThat(store.blocks(GUILD, USER + 1, Set.of(5L, 77L))).isTrue();
    assertThat(store.blocks(GUILD, USER + 1, Set.of(5L))).isFalse();
    assertThat(store.blocks(OTHER_GUILD, USER, Set.of(77L))).isFalse();
    assertThat(store.list(GUILD)).extracting(BlocklistStore.Entry::targetId)
        .containsExactly(USER, 77L);
    assertThat(store.list(GUILD).get(0).addedAt()).isEqualTo(T0);

    assertThat(store.remove(GUILD, BlocklistStore.Kind.USER, USER)).isTrue();
    assertThat(store.remove(GUILD, BlocklistStore.Kind.USER, USER)).isFalse();
    assertThat(store.blocks(GUILD, USER, Set.of())).isFalse();
  }

  @Test
  void ticket_pages_are_newest_first_and_filtered() {
    for (int i = 0; i < 12; i++) {
      tickets.create(GUILD, i % 3 == 0 ? STAFF : USER, null, T0.plusSeconds(i));
    }
    tickets.create(OTHER_GUILD, USER, null, T0);
    Ticket closed = tickets.findByNumber(GUILD, 2).orElseThrow();
    tickets.closeIfOpen(closed.id(), STAFF, null, T0);
    TicketQueries q = database.ticketQueries();
    TicketQueries.Filter all = new TicketQueries.Filter(GUILD, null, null);

    assertThat(q.count(all)).isEqualTo(12);
    assertThat(q.page(all, 0, 5)).extracting(Ticket::number).containsExactly(12, 11, 10, 9, 8);
    assertThat(q.page(all, 10, 5)).extracting(Ticket::number).containsExactly(2, 1);
    TicketQueries.Filter staffs = new TicketQueries.Filter(GUILD, STAFF, null);
    assertThat(q.page(staffs, 0, 10)).extracting(Ticket::number).containsExactly(10, 7, 4, 1);
    TicketQueries.Filter closedOnes = new TicketQueries.Filter(GUILD, null, TicketState.CLOSED);
    assertThat(q.count(closedOnes)).isEqualTo(1);
    assertThat(q.page(closedOnes, 0, 10)).extracting(Ticket::number).containsExactly(2);
  }

  private Result<Ticket> create(Limits limits, Instant at) {
    return tickets.create(GUILD, USER, null, at, null,
        limits.any() ? h -> limits.check(h, at) : null, t -> List.of());
  }

  /** {@code n} creates by one member at once, alternating between this pool and a second one. */
  private List<Result<Ticket>> createTogether(Limits limits, int n, Instant at) throws Exception {
    try (Database secondProcess = Database.start(config)) {
      List<TicketStore> stores = List.of(database.tickets(), secondProcess.tickets());
      List<Callable<Result<Ticket>>> work = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        TicketStore store = stores.get(i % 2);
        work.add(() -> store.create(GUILD, USER, null, at, null, h -> limits.check(h, at),
            t -> List.of()));
      }
      return runTogether(work);
    }
  }

  @Test
  void concurrent_closes_from_two_pools_have_exactly_one_winner() throws Exception {
    try (Database secondProcess = Database.start(config)) {
      List<TicketStore> stores = List.of(database.tickets(), secondProcess.tickets());
      for (int round = 0; round < 5; round++) {
        Ticket ticket = tickets.create(GUILD, USER, null, T0);
        List<Callable<Boolean>> work = new ArrayList<>();
        for (int t = 0; t < THREADS * 2; t++) {
          TicketStore store = stores.get(t % 2);
          long closer = STAFF + t;
          work.add(() -> store.closeIfOpen(ticket.id(), closer, null, T0));
        }

        List<Boolean> results = runTogether(work);

        assertThat(results).filteredOn(won -> won).hasSize(1);
        long winner = STAFF + results.indexOf(true);
        assertThat(tickets.findById(ticket.id()).orElseThrow().closedById()).isEqualTo(winner);
      }
    }
  }

  @Test
  void two_pools_racing_for_a_lease_have_one_holder_at_a_time() throws Exception {
    Duration ttl = Duration.ofMinutes(1);
    try (Database secondProcess = Database.start(config)) {
      List<JobLeases> processes = List.of(database.leases(), secondProcess.leases());
      List<String> owners = IntStream.range(0, THREADS * 2)
          .mapToObj(i -> "process-" + (i % 2) + "/thread-" + i)
          .collect(Collectors.toList());
      String previous = null;
      for (int round = 0; round < 6; round++) {
        // every previous lease has expired at the start of a round
        Instant start = T0.plus(ttl.multipliedBy(round));
        String excluded = previous; // so that someone else must take over after expiry
        List<Boolean> claims = race(processes, owners, o -> !o.equals(excluded),
            (leases, owner) -> leases.tryClaim("sweep", owner, start, ttl));

        assertThat(claims).as("round %d: claims", round).filteredOn(won -> won).hasSize(1);
        String holder = owners.get(claims.indexOf(true));
        assertThat(holder).isNotEqualTo(previous);
        assertThat(leaseOwner("sweep")).isEqualTo(holder);

        // until it expires, nobody else gets it, however many try at once
        Instant justBefore = start.plus(ttl).minusMillis(1);
        List<Boolean> late = race(processes, owners, o -> !o.equals(holder),
            (leases, owner) -> leases.tryClaim("sweep", owner, justBefore, ttl));
        assertThat(late).as("round %d: claims before expiry", round).containsOnly(false);
        assertThat(leaseOwner("sweep")).isEqualTo(holder);
        previous = holder;
      }

      // a released lease can be claimed at once, again by exactly one of the racers
      Instant beforeExpiry = T0.plus(ttl.multipliedBy(5)).plusMillis(1);
      processes.get(0).release("sweep", previous);
      String released = previous;
      List<Boolean> afterRelease = race(processes, owners, o -> !o.equals(released),
          (leases, owner) -> leases.tryClaim("sweep", owner, beforeExpiry, ttl));
      assertThat(afterRelease).filteredOn(won -> won).hasSize(1);
      assertThat(leaseOwner("sweep")).isEqualTo(owners.get(afterRelease.indexOf(true)));
    }
  }

  /** Every owner that passes {@code who} tries at once, through its process's pool. */
  private static List<Boolean> race(
      List<JobLeases> processes,
      List<String> owners,
      Predicate<String> who,
      BiFunction<JobLeases, String, Boolean> claim) throws Exception {
    List<Callable<Boolean>> work = new ArrayList<>();
    for (int i = 0; i < owners.size(); i++) {
      JobLeases leases = processes.get(i % processes.size());
      String owner = owners.get(i);
      work.add(who.test(owner) ? () -> claim.apply(leases, owner) : () -> false);
    }
    return runTogether(work);
  }

  private String leaseOwner(String name) throws SQLException {
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT owner FROM job_leases WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).as("lease row for %s", name).isTrue();
        return rs.getString(1);
      }
    }
  }

  /** Starts all tasks at once and returns their results in task order. */
  private static <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      CountDownLatch ready = new CountDownLatch(tasks.size());
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          return task.call();
        }));
      }
      ready.await();
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(2, TimeUnit.MINUTES)); // a hang guard, not a timing assertion
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<Integer> numbersOf(List<Ticket> tickets, long guild) {
    return tickets.stream()
        .filter(t -> t.guildId() == guild)
        .map(Ticket::number)
        .sorted()
        .collect(Collectors.toList());
  }

  private static List<Integer> range(int n) {
    return IntStream.rangeClosed(1, n).boxed().collect(Collectors.toList());
  }
}
