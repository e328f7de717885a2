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
      for (String table : List.of("close_confirmations", "ticket_transcripts", "ticket_names", "ticket_creators",
          "ticket_blocklist", "ticket_claims", "ticket_ratings", "ticket_effects", "tickets",
          "ticket_counters", "guild_settings",
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
  void close_confirmations_keep_the_latest_reason_every_live_token_and_expire() {
    var store = database.closeConfirmations();
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    Instant expires = at.plus(Duration.ofMinutes(14));
    store.shown(1, USER, "first reason", "en|token-a", expires, at);
    store.shown(1, STAFF, null, "en|token-b", expires, at);
    store.shown(2, USER, "other ticket", "en|token-c", expires, at);
    assertThat(store.reason(1, USER, at)).isEqualTo("first reason");
    assertThat(store.reason(1, STAFF, at)).isNull();
    assertThat(store.tokens(1, at)).containsExactly("en|token-a", "en|token-b");

    store.shown(1, USER, "second reason ✨", "en|token-d", expires, at);
    assertThat(store.reason(1, USER, at)).as("the latest replaces it").isEqualTo("second reason ✨");
    store.cancel(1, USER);
    assertThat(store.reason(1, USER, at)).as("cancelled").isNull();
    assertThat(store.tokens(1, at)).as("tokens kept")
        .containsExactly("en|token-a", "en|token-b", "en|token-d");
    store.shown(1, USER, "after the cancel", "en|token-e", expires, at);
    assertThat(store.reason(1, USER, at)).isEqualTo("after the cancel");

    assertThat(store.tokens(1, expires.plusMillis(1))).as("expired").isEmpty();
    assertThat(store.reason(2, USER, expires.plusMillis(1))).isNull();
    store.forget(1);
    assertThat(store.tokens(1, at)).isEmpty();
    assertThat(store.tokens(2, at)).containsExactly("en|token-c");

    // a confirmation shown later deletes the expired ones
    store.shown(3, USER, null, "en|token-f", expires.plus(Duration.ofMinutes(14)),
        expires.plusMillis(1));
    assertThat(store.tokens(2, at)).isEmpty();
    for (int i = 0; i < 105; i++) {
      store.shown(4, USER, null, "en|t" + i, expires, at);
    }
    assertThat(store.tokens(4, at)).as("the latest 100").hasSize(100)
        .startsWith("en|t5").endsWith("en|t104");
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
    assertThat(types.update(types.find(a).orElseThrow(), at)).isTrue();
    assertThat(store.redrawsDue(guild)).as("not posted yet: nothing to redraw").isEmpty();
    assertThat(store.redrawsRequested(saved.id())).as("but due once posted").isEqualTo(1);

    assertThat(store.transition(saved.id(), dev.tiramisu.tickets.panel.Panel.State.POSTING,
        dev.tiramisu.tickets.panel.Panel.State.POSTED, 99L)).isTrue();
    assertThat(store.transition(saved.id(), dev.tiramisu.tickets.panel.Panel.State.POSTING,
        dev.tiramisu.tickets.panel.Panel.State.POSTED, 98L)).as("only once").isFalse();
    var posted = store.find(saved.id()).orElseThrow();
    assertThat(posted.messageId()).isEqualTo(99L);
    assertThat(posted.typeIds()).containsExactly(b, a);
    assertThat(store.posting()).doesNotContain(posted);
    assertThat(store.list(guild)).containsExactly(posted);

    // A type's change requests a redraw of the posted panels offering it, in its transaction
    // (V17); a redraw done records the requests it read, and a request since keeps it due.
    assertThat(store.redrawsDue(guild)).as("changed while being posted").containsExactly(posted);
    store.redrawn(saved.id(), 1);
    assertThat(store.redrawsDue(guild)).isEmpty();
    assertThat(types.update(types.find(a).orElseThrow(), at.plusSeconds(1))).isTrue();
    assertThat(store.redrawsDue(guild)).containsExactly(posted);
    assertThat(store.redrawsDue(null)).contains(posted);
    long requested = store.redrawsRequested(saved.id());
    assertThat(requested).isEqualTo(2);
    assertThat(types.delete(b, at.plusSeconds(2))).isTrue();
    store.redrawn(saved.id(), requested);
    assertThat(store.redrawsDue(guild)).as("changed again while drawn").containsExactly(posted);
    store.redrawn(saved.id(), store.redrawsRequested(saved.id()));
    assertThat(store.redrawsDue(guild)).isEmpty();
    store.redrawn(saved.id(), requested);
    assertThat(store.redrawsDue(guild)).as("an older redraw does not undo a newer").isEmpty();
    assertThat(types.delete(b, at.plusSeconds(3))).as("already deleted").isFalse();
    assertThat(store.redrawsDue(guild)).isEmpty();

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

  /**
   * Issue 14: one interaction delivered to two processes at once (each saves before it
   * acknowledges) opens one ticket, with or without limits; the other delivery gets {@link
   * TicketStore.AlreadyOpenedException}, never a limit's refusal, whose answer would race the
   * first delivery's link.
   */
  @Test
  void one_interaction_saved_by_two_processes_at_once_opens_one_ticket() throws Exception {
    for (Limits limits : List.of(new Limits(1, Duration.ZERO), new Limits(0, Duration.ZERO))) {
      for (long interaction = 1; interaction <= 5; interaction++) {
        freshStores();
        long id = interaction;
        try (Database secondProcess = Database.start(config)) {
          List<TicketStore> stores = List.of(database.tickets(), secondProcess.tickets());
          List<Callable<String>> work = new ArrayList<>();
          for (int i = 0; i < 6; i++) {
            TicketStore store = stores.get(i % 2);
            work.add(() -> {
              try {
                Result<Ticket> r = store.create(GUILD, USER, null, T0, null,
                    limits.any() ? h -> limits.check(h, T0) : null, t -> List.of(), null,
                    List.of(), id);
                return r.isOk() ? "opened" : "refused " + r.refusal().key();
              } catch (TicketStore.AlreadyOpenedException twice) {
                return "already opened";
              }
            });
          }
          List<String> outcomes = runTogether(work);
          assertThat(outcomes).as("limits %s", limits).containsOnlyOnce("opened")
              .filteredOn(o -> !o.equals("opened")).containsOnly("already opened");
          assertThat(tickets.lastNumber(GUILD)).hasValue(1);
        }
      }
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
  // --- feedback and statistics (issue 13, V14) ---

  private static List<dev.tiramisu.tickets.effects.NewEffect> logRating() {
    return List.of(dev.tiramisu.tickets.effects.NewEffect.of(
        dev.tiramisu.tickets.effects.EffectKind.LOG_RATING,
        dev.tiramisu.tickets.effects.Payload.empty().with("part", "rating")));
  }

  @Test
  void a_ticket_is_rated_once_and_commented_once_each_with_its_effects() {
    dev.tiramisu.tickets.ticket.FeedbackStore feedback = database.feedback();
    Ticket t = tickets.create(GUILD, USER, null, T0);

    assertThat(feedback.ratingOf(t.id())).isEmpty();
    assertThat(feedback.rate(t.id(), 4, USER, T0, logRating())).isTrue();
    assertThat(feedback.rate(t.id(), 2, USER, T0.plusSeconds(1), logRating())).isFalse();
    assertThat(feedback.comment(t.id(), STAFF, "not mine", T0, logRating()))
        .as("only the rater comments").isFalse();
    assertThat(feedback.comment(t.id(), USER, "Danke, schnell gelöst ✓", T0.plusSeconds(2),
        logRating())).isTrue();
    assertThat(feedback.comment(t.id(), USER, "again", T0.plusSeconds(3), logRating())).isFalse();

    assertThat(feedback.ratingOf(t.id())).contains(new dev.tiramisu.tickets.ticket.Rating(
        t.id(), 4, "Danke, schnell gelöst ✓", USER, T0, T0.plusSeconds(2)));
    assertThat(effects.forTicket(t.id())).as("one effect per stored change").hasSize(2);
    assertThat(feedback.rate(999_999L, 3, USER, T0, logRating())).as("no such ticket").isFalse();
  }

  @Test
  void of_many_concurrent_ratings_of_a_ticket_exactly_one_is_stored() throws Exception {
    Ticket t = tickets.create(GUILD, USER, null, T0);
    Database second = Database.start(config);
    try {
      List<Callable<Boolean>> clicks = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int stars = i % 5 + 1;
        dev.tiramisu.tickets.ticket.FeedbackStore store =
            (i % 2 == 0 ? database : second).feedback();
        clicks.add(() -> store.rate(t.id(), stars, USER, T0, logRating()));
      }
      assertThat(runTogether(clicks)).containsOnlyOnce(true);
    } finally {
      second.close();
    }
    assertThat(effects.forTicket(t.id())).hasSize(1);
  }

  @Test
  void the_first_staff_reply_is_recorded_once() {
    dev.tiramisu.tickets.ticket.FeedbackStore feedback = database.feedback();
    Ticket t = tickets.create(GUILD, USER, null, T0);

    assertThat(feedback.firstStaffReplyOf(t.id())).isEmpty();
    assertThat(feedback.firstStaffReply(t.id(), T0.plusSeconds(60))).isTrue();
    assertThat(feedback.firstStaffReply(t.id(), T0.plusSeconds(90))).isFalse();
    assertThat(feedback.firstStaffReplyOf(t.id())).contains(T0.plusSeconds(60));
  }

  @Test
  void stats_count_one_guild_in_a_period_by_day() {
    dev.tiramisu.tickets.ticket.FeedbackStore feedback = database.feedback();
    dev.tiramisu.tickets.ticket.StatsQueries stats = database.stats();
    Instant day0 = Instant.parse("2026-03-01T00:00:00Z");
    Instant h = day0.plus(Duration.ofHours(10));
    // before the period
    Ticket old = tickets.create(GUILD, USER, null, day0.minus(Duration.ofDays(1)));
    tickets.closeIfOpen(old.id(), STAFF, null, day0.minus(Duration.ofHours(1)));
    // day 0: answered after 30 min, closed by staff after 2 h, rated 4
    Ticket a = tickets.create(GUILD, USER, null, h);
    feedback.firstStaffReply(a.id(), h.plus(Duration.ofMinutes(30)));
    tickets.closeIfOpen(a.id(), STAFF, null, h.plus(Duration.ofHours(2)));
    feedback.rate(a.id(), 4, USER, h.plus(Duration.ofHours(3)), List.of());
    // day 2: one still open (answered after 1 h), one closed by its creator, one failed
    Ticket b = tickets.create(GUILD, USER, null, h.plus(Duration.ofDays(2)));
    feedback.firstStaffReply(b.id(), h.plus(Duration.ofDays(2)).plus(Duration.ofHours(1)));
    Ticket c = tickets.create(GUILD, USER + 1, null, h.plus(Duration.ofDays(2)));
    tickets.closeIfOpen(c.id(), USER + 1, null, h.plus(Duration.ofDays(3)));
    Ticket failed = tickets.create(GUILD, USER + 2, null, h.plus(Duration.ofDays(2)));
    tickets.markFailed(failed.id(), "test", h.plus(Duration.ofDays(2)));
    // another guild, same period
    Ticket elsewhere = tickets.create(OTHER_GUILD, USER, null, h);
    tickets.closeIfOpen(elsewhere.id(), STAFF, null, h.plus(Duration.ofHours(1)));
    feedback.rate(elsewhere.id(), 1, USER, h.plus(Duration.ofHours(1)), List.of());

    Instant to = day0.plus(Duration.ofDays(4));
    assertThat(stats.opened(GUILD, day0, to)).isEqualTo(3);
    assertThat(stats.closed(GUILD, day0, to)).isEqualTo(2);
    assertThat(stats.openNow(GUILD)).isEqualTo(1);
    assertThat(stats.firstReplyMillis(GUILD, day0, to))
        .containsExactlyInAnyOrder(1_800_000L, 3_600_000L);
    assertThat(stats.closeMillis(GUILD, day0, to))
        .containsExactlyInAnyOrder(7_200_000L, 86_400_000L);
    assertThat(stats.ratings(GUILD, day0, to)).containsExactly(4);
    assertThat(stats.closers(GUILD, day0, to, 42L, 10)).as("the creator's close is left out")
        .containsExactly(new dev.tiramisu.tickets.ticket.TicketStats.CloserCount(STAFF, 1));
    assertThat(stats.closers(GUILD, day0, to, STAFF, 10)).as("the excluded closer").isEmpty();
    assertThat(stats.openedPerDay(GUILD, day0, 4)).containsExactly(1, 0, 2, 0);
    assertThat(stats.closedPerDay(GUILD, day0, 4)).containsExactly(1, 0, 0, 1);
    assertThat(stats.openedPerDay(GUILD, day0.plus(Duration.ofDays(2)), 1)).containsExactly(2);
  }

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
