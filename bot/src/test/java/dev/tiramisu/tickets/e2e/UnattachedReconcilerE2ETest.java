package dev.tiramisu.tickets.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.tickets.app.Bot;
import dev.tiramisu.tickets.discord.Reconciliation;
import dev.tiramisu.tickets.discord.UnattachedReconciler;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketState;
import dev.tiramisu.tickets.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The reconciler of tickets saved without a thread (a process died between {@code open} and
 * {@code attachThread}), through the real JDA client and the emulator. Tickets are saved with
 * the ticket store directly (no effects, as versions before durable effects left them); time is a clock the tests
 * move, and runs are triggered with {@code runOnce()} (the schedule is off).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnattachedReconcilerE2ETest {
  private static final Duration PERIOD = Duration.ofMinutes(1);
  private static final Duration AGE = Duration.ofMinutes(2);

  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private BotHarness h;

  @BeforeAll
  void startBot() {
    h = new BotHarness(clock, Reconciliation.manual(PERIOD, AGE));
  }

  @AfterAll
  void stopBot() {
    h.close();
  }

  @AfterEach
  void noSpecViolations() {
    assertThat(h.emu.specViolations()).isEmpty();
  }

  private UnattachedReconciler reconciler() {
    return h.bot().reconciler();
  }

  /**
   * Saves a ticket as a version before durable effects did, in a process that died right after
   * saving it: no effects are recorded, so only this reconciler can settle it.
   */
  private Ticket savedWithoutThread(TestGuild g) {
    return h.bot().core().database().tickets()
        .create(g.id, g.user("alice"), "lost in a deploy", clock.instant());
  }

  private Ticket reload(Ticket t) {
    return h.bot().core().tickets().find(t.id()).orElseThrow();
  }

  /** Moves past the lease of the previous run, so this bot wins the next one. */
  private UnattachedReconciler.Run runNextPeriod(Duration advance) {
    clock.advance(advance);
    return reconciler().runOnce();
  }

  @Test
  void an_old_ticket_without_a_thread_is_marked_failed_and_nothing_is_sent_to_discord() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket t = savedWithoutThread(g);
    int mark = h.emu.requests().mark();

    UnattachedReconciler.Run run = runNextPeriod(AGE.plusSeconds(1));

    assertThat(run.ran()).isTrue();
    assertThat(run.shardsClaimed()).containsExactly(0);
    Ticket after = reload(t);
    assertThat(after.state()).isEqualTo(TicketState.FAILED);
    assertThat(after.threadId()).isNull();
    assertThat(after.failureReason()).isEqualTo("no thread after restart");
    assertThat(h.emu.requests().since(mark)).isEmpty();
  }

  @Test
  void an_old_ticket_whose_thread_exists_in_the_ticket_channel_is_attached_without_posting() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket t = savedWithoutThread(g);
    // The dead process got as far as creating the thread, not its first message.
    long threadId;
    long decoyId;
    synchronized (h.emu.state()) {
      var s = h.emu.state();
      // Same name but another channel: not the ticket's thread.
      decoyId = s.createThread(s.channel(g.channel("general")), 12, "Ticket #" + t.number(),
          s.botUserId, false, 10080).id;
      var thread = s.createThread(s.channel(g.channel("tickets")), 12, "Ticket #" + t.number(),
          s.botUserId, false, 10080);
      s.addThreadMember(thread, g.user("alice"));
      threadId = thread.id;
    }
    h.awaitBot("the bot sees both threads",
        () -> h.bot().shards().getThreadChannelById(threadId) != null
            && h.bot().shards().getThreadChannelById(decoyId) != null);
    int mark = h.emu.requests().mark();

    UnattachedReconciler.Run run = runNextPeriod(AGE.plusSeconds(1));

    assertThat(run.ran()).isTrue();
    Ticket after = reload(t);
    assertThat(after.state()).isEqualTo(TicketState.OPEN);
    assertThat(after.threadId()).isEqualTo(threadId);
    assertThat(after.firstMessageId()).isNull();
    assertThat(g.messages(threadId)).isEmpty();
    assertThat(h.emu.requests().since(mark)).isEmpty();
  }

  @Test
  void a_ticket_younger_than_the_age_is_left_alone_until_it_is_old_enough() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket t = savedWithoutThread(g);

    UnattachedReconciler.Run young = runNextPeriod(AGE.minusSeconds(1));

    assertThat(young.ran()).isTrue();
    assertThat(reload(t)).isEqualTo(t);

    UnattachedReconciler.Run old = runNextPeriod(Duration.ofSeconds(2));

    assertThat(old.ran()).isTrue();
    assertThat(reload(t).state()).isEqualTo(TicketState.FAILED);
  }

  @Test
  void a_ticket_of_a_guild_the_bot_left_is_marked_failed() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket t = savedWithoutThread(g);
    long otherGuild = t.guildId() + 1_000_000; // on shard 0 of 1, but the bot is not in it
    Ticket orphan = h.bot().core().database().tickets()
        .create(otherGuild, g.user("alice"), null, clock.instant());

    runNextPeriod(AGE.plusSeconds(1));

    assertThat(reload(orphan).state()).isEqualTo(TicketState.FAILED);
    assertThat(reload(orphan).failureReason()).isEqualTo("bot not in guild after restart");
    assertThat(reload(t).state()).isEqualTo(TicketState.FAILED);
  }

  @Test
  void two_bots_on_one_database_run_the_job_once_per_period() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket first = savedWithoutThread(g);
    try (Bot other = h.startAnotherBot()) {
      UnattachedReconciler a = reconciler();
      UnattachedReconciler b = other.reconciler();
      assertThat(a.owner()).isNotEqualTo(b.owner());
      int aRuns = a.runs();
      int bRuns = b.runs();
      clock.advance(AGE.plusSeconds(1)); // every earlier lease has expired

      // Period 1: the second bot claims first; the first bot finds the lease held.
      UnattachedReconciler.Run b1 = b.runOnce();
      UnattachedReconciler.Run a1 = a.runOnce();
      assertThat(b1.ran()).isTrue();
      assertThat(b1.failed()).isGreaterThanOrEqualTo(1);
      assertThat(a1.ran()).isFalse();
      assertThat(a1.failed()).isZero();
      assertThat(reload(first).state()).isEqualTo(TicketState.FAILED);

      // Still period 1 half a period later: nobody else runs.
      clock.advance(PERIOD.dividedBy(2));
      assertThat(a.runOnce().ran()).isFalse();
      assertThat(b.runOnce().ran()).as("the holder renews its own lease").isTrue();

      // The lease (renewed above) expires a period later: now the first bot wins it.
      clock.advance(PERIOD);
      Ticket second = savedWithoutThread(g);
      clock.advance(AGE.plusSeconds(1));
      UnattachedReconciler.Run a2 = a.runOnce();
      UnattachedReconciler.Run b2 = b.runOnce();
      assertThat(a2.ran()).isTrue();
      assertThat(b2.ran()).isFalse();
      assertThat(reload(second).state()).isEqualTo(TicketState.FAILED);

      assertThat(a.runs() - aRuns).isEqualTo(1);
      assertThat(b.runs() - bRuns).isEqualTo(2);
    }
  }
}
