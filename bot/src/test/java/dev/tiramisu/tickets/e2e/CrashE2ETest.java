package dev.tiramisu.tickets.e2e;

import static dev.tiramisu.tickets.e2e.BotHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.faults.Gate;
import dev.tiramisu.tickets.config.DatabaseConfig;
import dev.tiramisu.tickets.effects.Effect;
import dev.tiramisu.tickets.effects.EffectKind;
import dev.tiramisu.tickets.effects.EffectState;
import dev.tiramisu.tickets.storage.Database;
import dev.tiramisu.tickets.storage.PostgresTestDatabase;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.Ticket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code kill -9} at every Discord step of a create and of a close. The bot runs as a
 * separate JVM ({@link ForkedBotProcess}); the emulator holds the step's request (a {@link Gate})
 * until it has arrived, the test kills the bot with SIGKILL, then lets the emulator process the
 * request as Discord would (the side effect happens, the answer is lost), and starts the next
 * bot process on the same database. That process must finish the ticket: complete on Discord,
 * with nothing doubled (no second thread, first message, "closed" post, DM or log line), the
 * member answered, numbering still 1..N. Each crash's survivor is the next crash's victim.
 */
class CrashE2ETest {
  private static final Duration START = Duration.ofSeconds(60);
  private static final Duration STEP = Duration.ofSeconds(60);
  private static final Map<String, String> ENV = Map.of("EFFECT_LEASE_TTL", "2");

  /**
   * A crash point: the route of the held request, which matching request from now on, and the
   * effect that sends it (the one retried after the kill).
   */
  record Step(String name, String route, int nth, EffectKind kind, boolean deferredFirst) {
    Step(String name, String route, int nth, EffectKind kind) {
      this(name, route, nth, kind, false);
    }
  }

  /** The thread's creation, held until the create's held reply was deferred. */
  private static final String THREADS = "POST /channels/{channel.id}/threads";

  static final List<Step> CREATE = List.of(
      new Step("create the thread", THREADS, 1, EffectKind.CREATE_THREAD),
      // no PUT of the creator: the first message's ping adds them
      new Step("post the first message", "POST /channels/{channel.id}/messages", 1,
          EffectKind.FIRST_MESSAGE),
      // a quick answer is the interaction's first response (HeldReplies): the thread is held
      // until the reply is deferred, so that the answer held here is the edit (a first response
      // killed in flight is settled by Discord, and the next process's retry edits it)
      new Step("answer the member", "PATCH /webhooks/*", 1, EffectKind.REPLY_OPENED, true),
      new Step("pin it", "PUT /channels/*pins/*", 1, EffectKind.PIN_FIRST));

  static final List<Step> CLOSE = List.of(
      new Step("post closed", "POST /channels/{channel.id}/messages", 1, EffectKind.POST_CLOSED),
      new Step("first message without buttons",
          "PATCH /channels/{channel.id}/messages/{message.id}", 1,
          EffectKind.EDIT_FIRST_MESSAGE),
      // the transcript reads the thread (its first page) and stores it; the retry reads again
      new Step("transcript", "GET /channels/{channel.id}/messages", 1, EffectKind.TRANSCRIPT),
      new Step("rename, lock, archive", "PATCH /channels/{channel.id}", 1,
          EffectKind.RENAME_THREAD),
      new Step("first answer to the closer", "PATCH /webhooks/*", 1, EffectKind.REPLY_CLOSING),
      new Step("DM the creator", "POST /channels/{channel.id}/messages", 2,
          EffectKind.DM_CLOSED),
      new Step("log the close", "POST /channels/{channel.id}/messages", 3,
          EffectKind.LOG_CLOSED),
      new Step("whole answer to the closer", "PATCH /webhooks/*", 2, EffectKind.REPLY_CLOSED),
      new Step("confirmation without buttons", "PATCH /webhooks/*", 3,
          EffectKind.CLEAR_CONFIRMATION));

  private Emulator emu;
  private final List<ForkedBotProcess> processes = new ArrayList<>();

  @BeforeEach
  void startEmulator() {
    emu = Emulator.start();
    InterimReplies.register(emu);
  }

  @AfterEach
  void stop() {
    try {
      processes.forEach(ForkedBotProcess::close);
      assertThat(emu.specViolations()).isEmpty();
    } finally {
      emu.close();
    }
  }

  @Test
  void every_step_of_create_and_close_survives_a_kill_on_sqlite(@TempDir Path dir) {
    crashAtEveryStep(DatabaseConfig.sqlite(dir.resolve("tickets.db").toString()));
  }

  @Test
  void every_step_of_create_and_close_survives_a_kill_on_postgresql() throws Exception {
    try (PostgresTestDatabase pg = PostgresTestDatabase.create()) {
      crashAtEveryStep(pg.config(2));
    }
  }

  private ForkedBotProcess current;
  private int lastMark;

  private void crashAtEveryStep(DatabaseConfig database) {
    TestGuild g = ForkedBotProcess.guild(emu, "Crash");
    current = started(database);
    current.configure(g, "ticket_channel", "<#" + g.channel("tickets") + ">",
        "staff_role", "<@&" + g.role("Staff") + ">",
        "modlog_channel", "<#" + g.channel("mod-log") + ">",
        "max_open_per_user", "0"); // alice opens one ticket per crash step
    int number = 0;
    for (Step step : CREATE) {
      number++;
      String reason = "crash while: " + step.name();
      InteractionHandle create = crashDuring(step, database, () -> g.as("alice")
          .slash(g.channel("general"), "ticket create", Map.of("reason", reason)));
      assertFinalAnswer(create, text(MessageKey.TICKET_OPENED_REPLY, number, threadOf(g, number)));
      // the pin comes after the answer: wait for it, so that the next step's held request is
      // the next ticket's and not this one's pin
      awaitPinned(g, threadOf(g, number));
    }
    for (Step step : CLOSE) {
      number++;
      String reason = "closed during: " + step.name();
      MessageView opened = g.as("bob").slash(g.channel("general"), "ticket create",
          Map.of("reason", "to close")).awaitReply();
      assertThat(opened.text()).as(current.describeLog()).contains("#" + number + " is open");
      long thread = threadOf(g, number);
      // the link may come with the first message, whose ping adds the moderator (AnswerAlongside)
      awaitPinned(g, thread);
      MessageView confirm = g.as("moderator").slash(thread, "ticket close",
          Map.of("reason", reason)).awaitReply();
      InteractionHandle close = crashDuring(step, database, () -> g.as("moderator")
          .click(confirm.id(), text(MessageKey.BUTTON_CLOSE_CONFIRM)));
      assertFinalAnswer(close, String.join("\n",
          text(MessageKey.TICKET_CLOSED_REPLY, number),
          text(MessageKey.TICKET_CLOSED_DM_SENT, g.user("bob")),
          text(MessageKey.TICKET_CLOSED_LOGGED, g.channel("mod-log"))));
    }
    // A clean stop lets an attempt under way finish and be recorded (the last answer is seen
    // by the member a moment before its effect is settled).
    // The last crash was in the answer itself: the next process edits it again once the dead
    // one's lease expired; wait for that edit, then stop cleanly so it is recorded.
    emu.await("the answer edited again by the next process", STEP, () -> emu.requests()
        .since(lastMark).stream().anyMatch(e -> e.route().startsWith("PATCH /webhooks/")));
    current.stop();
    List<Ticket> tickets = new ArrayList<>();
    try (Database db = Database.start(database)) {
      for (int n = 1; ; n++) {
        Optional<Ticket> t = db.tickets().findByNumber(g.id, n);
        if (t.isEmpty()) {
          break;
        }
        tickets.add(t.get());
        List<Effect> effects = db.effects().forTicket(t.get().id());
        assertThat(effects).as("#%d effects settled", n).noneMatch(Effect::isPending);
        assertThat(effects).as("#%d effects done", n)
            .allMatch(e -> e.state() == EffectState.DONE);
        // The step killed mid-request was tried again by the next process, and found done.
        EffectKind crashed = n <= CREATE.size() ? CREATE.get(n - 1).kind()
            : CLOSE.get(n - CREATE.size() - 1).kind();
        Effect retried = effects.stream().filter(e -> e.kind() == crashed)
            .reduce((a, b) -> b).orElseThrow();
        assertThat(retried.attempts()).as("#%d %s retried after the kill", n, retried.kind())
            .isEqualTo(2);
        // ADD_CREATOR (the first message's ping added the creator) and CLOSE_THREAD (the rename
        // locked and archived) are settled without a request, so without an attempt
        int ticketNumber = n;
        assertThat(effects).filteredOn(e -> e != retried && !together(retried, e))
            .allSatisfy(e -> assertThat(e.attempts()).as("#%d %s", ticketNumber, e.kind())
                .isEqualTo(e.kind() == EffectKind.ADD_CREATOR
                    || e.kind() == EffectKind.CLOSE_THREAD ? 0 : 1));
        // the first message and the member's answer go out together (AnswerAlongside): the one
        // not held was in flight at the kill too, and may have been sent again (found, or an
        // edit with the same text)
        assertThat(effects).filteredOn(e -> together(retried, e))
            .allSatisfy(e -> assertThat(e.attempts()).as("#%d %s", ticketNumber, e.kind())
                .isBetween(1, 2));
        if (retried.kind() == EffectKind.CREATE_THREAD || retried.kind() == EffectKind.FIRST_MESSAGE
            || retried.kind() == EffectKind.POST_CLOSED || retried.kind() == EffectKind.DM_CLOSED
            || retried.kind() == EffectKind.LOG_CLOSED) {
          assertThat(retried.outcome()).as("#%d %s found, not redone", n, retried.kind())
              .startsWith("found");
        }
      }
    }
    assertThat(tickets).hasSize(CREATE.size() + CLOSE.size());
    LifecycleChecks.assertEndState(g, emu.botUserId(), tickets, false);
    assertThat(tickets.subList(CREATE.size(), tickets.size()))
        .allSatisfy(t -> assertThat(t.closeReason()).startsWith("closed during: "));
  }

  /** Whether {@code e} is the other of a first message and an answer sent together. */
  private static boolean together(Effect retried, Effect e) {
    Set<EffectKind> pair = EnumSet.of(EffectKind.FIRST_MESSAGE, EffectKind.REPLY_OPENED);
    return e != retried && pair.contains(retried.kind()) && pair.contains(e.kind());
  }

  private void awaitPinned(TestGuild g, long thread) {
    g.awaitMessage(thread, STEP);
    emu.await("the first message pinned", STEP, () -> g.threads().stream()
        .anyMatch(t -> t.id() == thread && !t.pins().isEmpty()));
  }

  /**
   * Acts, holds {@code step}'s request until it arrives, kills the bot, lets the request through
   * (processed, its answer lost) and starts the next bot process.
   */
  private InteractionHandle crashDuring(Step step, DatabaseConfig database,
      Supplier<InteractionHandle> act) {
    Gate before = step.deferredFirst() ? emu.faults().gate(THREADS, 1) : null;
    Gate gate = before == null ? emu.faults().gate(step.route(), step.nth()) : null;
    InteractionHandle handle = act.get();
    try {
      if (before != null) {
        before.awaitArrived(STEP);
        handle.awaitAck();
        gate = emu.faults().gate(step.route(), step.nth());
        before.release();
      }
      gate.awaitArrived(STEP);
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError("step '" + step.name() + "' never reached Discord: "
          + current.describeLog(), e);
    }
    // A create's reply is held back until its answer or for a moment (HeldReplies): killed
    // before either, the member would see Discord's "This interaction failed" (the ticket is
    // still made and its first message pings them). The steps here are past it.
    handle.awaitAck();
    current.kill();
    gate.release();
    gate.awaitProcessed(STEP);
    lastMark = emu.requests().mark();
    emu.await("the killed process's gateway connection is gone",
        () -> emu.gateway().connectedShards().isEmpty());
    current = started(database);
    return handle;
  }

  private void assertFinalAnswer(InteractionHandle handle, String expected) {
    String[] last = {null};
    try {
      emu.await("the answer after the crash", STEP, () -> {
        last[0] = handle.original().text();
        return last[0].equals(expected);
      });
    } catch (AssertionError e) {
      throw new AssertionError("answer was: " + last[0] + "; " + current.describeLog(), e);
    }
  }

  private ForkedBotProcess started(DatabaseConfig database) {
    ForkedBotProcess p = ForkedBotProcess.start("crash-" + processes.size(), emu, database, ENV);
    processes.add(p);
    p.awaitReady(START);
    return p;
  }

  private static long threadOf(TestGuild g, int number) {
    return g.threads().stream()
        .filter(t -> t.name().equals("Ticket #" + number)
            || t.name().equals("[Closed] Ticket #" + number))
        .findFirst().orElseThrow(() -> new AssertionError("no thread for #" + number)).id();
  }
}
