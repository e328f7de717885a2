package dev.tiramisu.tickets.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.common.Refusal;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.config.DatabaseConfig;
import dev.tiramisu.tickets.effects.Effect;
import dev.tiramisu.tickets.effects.EffectKind;
import dev.tiramisu.tickets.settings.SettingKey;
import dev.tiramisu.tickets.settings.SettingValue;
import dev.tiramisu.tickets.storage.Database;
import dev.tiramisu.tickets.testing.MutableClock;
import dev.tiramisu.tickets.text.MessageKey;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The timers' rules on a real (SQLite) database: close requests, auto-close steps, exactly once
 * under concurrent callers, and the world changing (thread and channel deleted).
 */
class TicketTimersTest {
  static final long GUILD = 1001;
  static final long CHANNEL = 2001;
  static final long STAFF_ROLE = 3001;
  static final long MODLOG = 4001;
  static final long CREATOR = 5001;
  static final long BOT = 9999;
  static final Actor STAFF = Actor.member(5003, STAFF_ROLE);
  static final Duration H = Duration.ofHours(1);

  final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  Database db;
  TicketService tickets;
  TicketTimers timers;
  TicketWorld world;
  long nextThread = 7000;

  @BeforeEach
  void start() throws Exception {
    db = Database.start(DatabaseConfig.sqlite(
        Files.createTempDirectory("timers-test").resolve("t.db").toString()));
    tickets = new TicketService(db.tickets(), db.settings(), clock);
    timers = new TicketTimers(tickets, db.timers(), db.settings(), clock);
    world = new TicketWorld(tickets, db.timers(), db.settings(), clock);
    set(SettingKey.TICKET_CHANNEL, new SettingValue.Snowflake(CHANNEL));
    set(SettingKey.STAFF_ROLE, new SettingValue.Snowflake(STAFF_ROLE));
    set(SettingKey.MODLOG_CHANNEL, new SettingValue.Snowflake(MODLOG));
    set(SettingKey.MAX_OPEN_PER_USER, new SettingValue.Count(0)); // one creator, many tickets
  }

  @AfterEach
  void stop() {
    db.close();
  }

  void set(SettingKey key, SettingValue value) {
    db.settings().put(GUILD, key, value, clock.instant());
  }

  Ticket open() {
    Ticket t = tickets.open(GUILD, CREATOR, "help").value().ticket();
    long thread = nextThread++;
    assertThat(tickets.attachThread(t.id(), thread, thread + 1000)).isTrue();
    return tickets.find(t.id()).orElseThrow();
  }

  List<EffectKind> effects(Ticket t) {
    return db.effects().forTicket(t.id()).stream().map(Effect::kind).toList();
  }

  static void assertRefused(Result<?> r, MessageKey key) {
    assertThat(r.isRefused()).as("%s", r).isTrue();
    assertThat(r.refusal().key()).isEqualTo(key);
  }

  // ----------------------------------------------------------- close requests

  @Test
  void only_staff_ask_and_not_in_their_own_ticket_and_after_is_bounded() {
    Ticket t = open();
    assertRefused(timers.requestClose(GUILD, t.id(), Actor.member(CREATOR), null, null),
        MessageKey.ERROR_STAFF_ONLY);
    assertRefused(timers.requestClose(GUILD, t.id(), Actor.member(123), null, null),
        MessageKey.ERROR_STAFF_ONLY);
    assertRefused(timers.requestClose(GUILD, t.id(), STAFF, null, "5m"),
        MessageKey.ERROR_DURATION_RANGE);
    assertRefused(timers.requestClose(GUILD, t.id(), STAFF, null, "31d"),
        MessageKey.ERROR_DURATION_RANGE);
    assertRefused(timers.requestClose(GUILD, t.id(), STAFF, null, "soon"),
        MessageKey.ERROR_DURATION_INVALID);
    Ticket own = tickets.open(GUILD, STAFF.userId(), "mine").value().ticket();
    tickets.attachThread(own.id(), 424242, null);
    assertRefused(timers.requestClose(GUILD, own.id(), STAFF, null, null),
        MessageKey.ERROR_CLOSE_REQUEST_OWN_TICKET);
  }

  @Test
  void a_request_is_saved_with_its_post_and_log_and_a_new_one_replaces_it() {
    Ticket t = open();
    CloseRequest first = timers.requestClose(GUILD, t.id(), STAFF, "done?", "24h").value();
    assertThat(first.dueAt()).isEqualTo(clock.instant().plus(H.multipliedBy(24)));
    assertThat(first.requestedBy()).isEqualTo(STAFF.userId());

    CloseRequest second = timers.requestClose(GUILD, t.id(), STAFF, null, "off").value();

    assertThat(second.hasDeadline()).isFalse();
    assertThat(timers.findCloseRequest(first.id()).orElseThrow().state())
        .isEqualTo(CloseRequest.State.REPLACED);
    assertThat(effects(t)).endsWith(EffectKind.CLOSE_REQUEST_POST, EffectKind.LOG_TIMER,
        EffectKind.CLOSE_REQUEST_UPDATE, EffectKind.CLOSE_REQUEST_POST, EffectKind.LOG_TIMER);
  }

  @Test
  void only_the_creator_answers_and_accept_closes_once_as_the_creator_with_the_reason() {
    Ticket t = open();
    CloseRequest r = timers.requestClose(GUILD, t.id(), STAFF, "all fixed", null).value();

    assertRefused(timers.answer(GUILD, r.id(), STAFF.userId(), true),
        MessageKey.ERROR_CLOSE_REQUEST_NOT_YOURS);
    TicketTimers.Answer a = timers.answer(GUILD, r.id(), CREATOR, true).value();

    assertThat(a.closed()).isPresent();
    Ticket closed = tickets.find(t.id()).orElseThrow();
    assertThat(closed.state()).isEqualTo(TicketState.CLOSED);
    assertThat(closed.closedById()).isEqualTo(CREATOR);
    assertThat(closed.closeReason()).isEqualTo("all fixed");
    assertThat(a.request().state()).isEqualTo(CloseRequest.State.ACCEPTED);
    assertThat(a.request().closeDone()).isTrue();
    assertRefused(timers.answer(GUILD, r.id(), CREATOR, true), MessageKey.ERROR_ALREADY_CLOSED);
  }

  @Test
  void keep_open_settles_it_and_later_presses_are_refused() {
    Ticket t = open();
    CloseRequest r = timers.requestClose(GUILD, t.id(), STAFF, null, "1h").value();

    TicketTimers.Answer a = timers.answer(GUILD, r.id(), CREATOR, false).value();

    assertThat(a.request().state()).isEqualTo(CloseRequest.State.KEPT_OPEN);
    assertRefused(timers.answer(GUILD, r.id(), CREATOR, true),
        MessageKey.ERROR_CLOSE_REQUEST_SETTLED);
    clock.advance(H.multipliedBy(2));
    assertThat(timers.dueRequests()).isEmpty();
    assertThat(tickets.find(t.id()).orElseThrow().isOpen()).isTrue();
  }

  @Test
  void the_creator_writing_cancels_a_deadline_but_not_a_plain_question() {
    Ticket t = open();
    CloseRequest plain = timers.requestClose(GUILD, t.id(), STAFF, null, null).value();
    assertThat(timers.creatorWrote(t.id(), GUILD)).isEmpty();
    assertThat(timers.findCloseRequest(plain.id()).orElseThrow().isPending()).isTrue();

    CloseRequest due = timers.requestClose(GUILD, t.id(), STAFF, null, "10m").value();
    assertThat(timers.creatorWrote(t.id(), GUILD)).map(CloseRequest::id).contains(due.id());

    clock.advance(H);
    assertThat(timers.dueRequests()).isEmpty();
  }

  @Test
  void an_expired_request_closes_once_even_with_concurrent_sweeps() throws Exception {
    Ticket t = open();
    timers.requestClose(GUILD, t.id(), STAFF, null, "30m");
    clock.advance(Duration.ofMinutes(29));
    assertThat(timers.dueRequests()).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    List<CloseRequest> due = timers.dueRequests();
    assertThat(due).hasSize(1);

    List<Boolean> closes = concurrently(8, () -> timers.expire(due.get(0), BOT).isPresent());

    assertThat(closes).containsOnlyOnce(true);
    Ticket closed = tickets.find(t.id()).orElseThrow();
    assertThat(closed.closedById()).isEqualTo(BOT);
    assertThat(closed.closeReason()).isEqualTo(
        SystemReasons.of(MessageKey.CLOSE_REQUEST_EXPIRED_REASON));
    assertThat(effects(t).stream().filter(k -> k == EffectKind.POST_CLOSED)).hasSize(1);
    assertThat(timers.findCloseRequest(due.get(0).id()).orElseThrow().state())
        .isEqualTo(CloseRequest.State.EXPIRED);
  }

  @Test
  void a_request_whose_ticket_was_closed_meanwhile_never_fires_even_after_a_reopen() {
    Ticket t = open();
    CloseRequest r = timers.requestClose(GUILD, t.id(), STAFF, null, "1h").value();
    tickets.close(GUILD, t.id(), STAFF, "by hand");
    tickets.reopen(GUILD, t.id(), STAFF);
    clock.advance(H);

    assertThat(timers.expire(timers.dueRequests().get(0), BOT)).isEmpty();

    assertThat(tickets.find(t.id()).orElseThrow().isOpen()).isTrue();
    assertThat(timers.findCloseRequest(r.id()).orElseThrow().state())
        .isEqualTo(CloseRequest.State.CLOSED);
  }

  @Test
  void an_accepted_request_whose_close_was_interrupted_is_finished_by_a_sweep() {
    Ticket t = open();
    CloseRequest r = timers.requestClose(GUILD, t.id(), STAFF, null, null).value();
    // the process stopped right after claiming: ACCEPTED, ticket still open
    assertThat(db.timers().settleCloseRequest(r.id(), CloseRequest.State.ACCEPTED, CREATOR,
        clock.instant(), null, List.of())).isTrue();
    assertThat(timers.finishUnfinished(BOT, g -> true)).isEmpty(); // not a minute old yet

    clock.advance(Duration.ofMinutes(2));
    List<ClosedTicket> finished = timers.finishUnfinished(BOT, g -> true);

    assertThat(finished).singleElement()
        .satisfies(c -> assertThat(c.ticket().closedById()).isEqualTo(CREATOR));
    assertThat(timers.finishUnfinished(BOT, g -> true)).isEmpty();
  }

  // ---------------------------------------------------------------- auto-close

  @Test
  void auto_close_warns_once_per_idle_period_then_closes_and_activity_resets_it()
      throws Exception {
    set(SettingKey.AUTOCLOSE_AFTER, new SettingValue.Span(H.multipliedBy(72)));
    set(SettingKey.AUTOCLOSE_WARNING, new SettingValue.Span(H.multipliedBy(24)));
    Ticket t = open();
    assertThat(timers.autocloseGuilds()).containsExactly(GUILD);

    clock.advance(H.multipliedBy(47));
    assertThat(timers.idleSteps(GUILD)).isEmpty();
    clock.advance(H);
    TicketTimers.IdleStep warn = timers.idleSteps(GUILD).get(0);
    assertThat(warn.decision()).isEqualTo(AutoClose.Decision.WARN);
    assertThat(concurrently(6, () -> timers.warn(warn))).containsOnlyOnce(true);
    assertThat(timers.idleSteps(GUILD)).isEmpty();

    // a message resets it: a new warning 48 h after it, not a close at 72 h
    clock.advance(H);
    assertThat(timers.activity(t.id(), GUILD)).isTrue();
    assertThat(timers.activity(t.id(), GUILD)).as("at most one write a minute").isFalse();
    clock.advance(H.multipliedBy(47));
    assertThat(timers.idleSteps(GUILD)).isEmpty();
    clock.advance(H);
    TicketTimers.IdleStep second = timers.idleSteps(GUILD).get(0);
    assertThat(second.decision()).isEqualTo(AutoClose.Decision.WARN);
    assertThat(timers.warn(second)).isTrue();

    clock.advance(H.multipliedBy(24));
    TicketTimers.IdleStep close = timers.idleSteps(GUILD).get(0);
    assertThat(close.decision()).isEqualTo(AutoClose.Decision.CLOSE);
    assertThat(timers.closeInactive(close, BOT).isOk()).isTrue();
    assertThat(tickets.find(t.id()).orElseThrow().closeReason()).isEqualTo(SystemReasons.of(MessageKey.AUTOCLOSE_REASON));
    assertThat(timers.idleSteps(GUILD)).isEmpty();
    assertThat(effects(t).stream().filter(k -> k == EffectKind.AUTOCLOSE_WARNING)).hasSize(2);
  }

  @Test
  void a_lifecycle_step_counts_as_activity_but_the_warning_itself_does_not() {
    set(SettingKey.AUTOCLOSE_AFTER, new SettingValue.Span(H.multipliedBy(10)));
    set(SettingKey.AUTOCLOSE_WARNING, new SettingValue.Span(H.multipliedBy(2)));
    Ticket t = open();
    clock.advance(H.multipliedBy(7));
    timers.requestClose(GUILD, t.id(), STAFF, null, null); // staff acted: a step
    clock.advance(H.multipliedBy(2));
    assertThat(timers.idleSteps(GUILD)).isEmpty();
    clock.advance(H.multipliedBy(6));
    assertThat(timers.warn(timers.idleSteps(GUILD).get(0))).isTrue();
    clock.advance(H.multipliedBy(2));
    assertThat(timers.idleSteps(GUILD)).singleElement()
        .satisfies(s -> assertThat(s.decision()).isEqualTo(AutoClose.Decision.CLOSE));
  }

  // ------------------------------------------------------- the world changing

  @Test
  void a_deleted_thread_closes_its_ticket_without_thread_effects() {
    Ticket t = open();

    ClosedTicket c = world.threadDeleted(GUILD, t.threadId(), BOT).orElseThrow();

    assertThat(c.ticket().closeReason()).isEqualTo(
        SystemReasons.of(MessageKey.CLOSE_REASON_THREAD_DELETED));
    assertThat(effects(t)).doesNotContain(EffectKind.POST_CLOSED, EffectKind.CLOSE_THREAD)
        .contains(EffectKind.DM_CLOSED, EffectKind.LOG_CLOSED);
    assertThat(world.threadDeleted(GUILD, t.threadId(), BOT)).isEmpty();
  }

  @Test
  void a_deleted_ticket_channel_closes_its_tickets_and_leaves_one_notice() {
    Ticket a = open();
    Ticket b = open();

    List<ClosedTicket> closed = world.channelDeleted(GUILD, CHANNEL, BOT);

    assertThat(closed).extracting(c -> c.ticket().id()).containsExactly(a.id(), b.id());
    assertThat(world.takeNotices(GUILD)).singleElement().satisfies(n -> {
      assertThat(n.kind()).isEqualTo(TicketWorld.NOTICE_CHANNEL_DELETED);
      assertThat(n.channelId()).isEqualTo(CHANNEL);
      assertThat(n.count()).isEqualTo(2);
    });
    assertThat(world.takeNotices(GUILD)).isEmpty();
    assertThat(world.channelDeleted(GUILD, 777, BOT)).isEmpty();
    assertThat(world.takeNotices(GUILD)).isEmpty();
  }

  private static <T> List<T> concurrently(int n, Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<T>> futures = pool.invokeAll(java.util.Collections.nCopies(n, task));
      List<T> out = new java.util.ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  @SuppressWarnings("unused")
  private static Refusal refusal(Result<?> r) {
    return r.refusal();
  }
}
