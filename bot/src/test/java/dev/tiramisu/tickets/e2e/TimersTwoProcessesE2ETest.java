package dev.tiramisu.tickets.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.tickets.app.Bot;
import dev.tiramisu.tickets.discord.TimerScheduler;
import dev.tiramisu.tickets.effects.Effect;
import dev.tiramisu.tickets.storage.PostgresTestDatabase;
import dev.tiramisu.tickets.testing.MutableClock;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.SystemReasons;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketState;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Timers fire once with two bot processes (each its own JDA and connection pool, both running
 * the guild's shard) on one PostgreSQL database: their sweeps run at the same time and, to show
 * that the database alone decides, without the shard leases that normally keep the second one
 * idle. Time is the processes' shared clock, moved by the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimersTwoProcessesE2ETest {
  private static final Duration H = Duration.ofHours(1);
  private static final int TICKETS = 3;
  private final MutableClock clock = new MutableClock(Instant.now());
  private PostgresTestDatabase pg;
  private BotHarness h;
  private Bot other;

  @BeforeAll
  void start() throws SQLException {
    pg = PostgresTestDatabase.create();
    h = new BotHarness(pg.config(5), clock, TimerScheduler.Config.manual());
    other = h.startAnotherBot();
  }

  @AfterAll
  void stop() throws SQLException {
    try {
      if (other != null) {
        other.close();
      }
      if (h != null) {
        h.close();
      }
    } finally {
      pg.close();
    }
  }

  @AfterEach
  void noSpecViolations() {
    assertThat(h.emu.specViolations()).isEmpty();
  }

  /** Both processes sweep twice, all four sweeps at once, without leases. */
  private void sweepBothAtOnce() throws Exception {
    Callable<TimerScheduler.Sweep> a = () -> h.bot().timers().sweepIgnoringLeases();
    Callable<TimerScheduler.Sweep> b = () -> other.timers().sweepIgnoringLeases();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (Future<TimerScheduler.Sweep> f : pool.invokeAll(List.of(a, b, a, b))) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private void awaitSettled(Ticket t) {
    h.emu.await("ticket #" + t.number() + "'s effects settled", Duration.ofSeconds(30),
        () -> h.bot().core().effects().forTicket(t.id()).stream().noneMatch(Effect::isPending));
  }

  /**
   * Opens a ticket and waits for its effects by polling the database (the harness's own wait
   * listens to its process, and either process may perform them here).
   */
  private Ticket open(TestGuild g, String user, String reason) {
    MessageView reply = g.as(user).slash(g.channel("general"), "ticket create",
        Map.of("reason", reason)).awaitReply();
    h.emu.await("the create answered", () -> g.message(reply.id())
        .map(m -> m.text().contains("is open")).orElse(false));
    long threadId = Long.parseLong(g.message(reply.id()).orElseThrow().text()
        .replaceAll("(?s).*<#(\\d+)>.*", "$1"));
    Ticket t = h.ticketByThread(threadId).orElseThrow();
    awaitSettled(t);
    return h.bot().core().tickets().find(t.id()).orElseThrow();
  }

  private static long count(List<MessageView> messages, String fragment) {
    return messages.stream().filter(m -> m.text().contains(fragment)).count();
  }

  @Test
  void auto_close_warns_and_closes_each_ticket_once() throws Exception {
    TestGuild g = h.guild();
    h.awaitBot("the second process sees the guild",
        () -> other.shards().getGuildById(g.id) != null);
    h.enableTickets(g);
    h.configure(g, "autoclose_after", "72h", "autoclose_warning", "24h",
        "max_open_per_user", "0");
    List<Ticket> tickets = new ArrayList<>();
    for (int i = 0; i < TICKETS; i++) {
      tickets.add(open(g, "alice", "ticket " + i));
    }

    clock.advance(H.multipliedBy(48));
    sweepBothAtOnce();
    tickets.forEach(this::awaitSettled);
    for (Ticket t : tickets) {
      assertThat(count(g.messages(t.threadId()), "quiet for a while")).as("warnings").isEqualTo(1);
    }

    clock.advance(H.multipliedBy(24));
    sweepBothAtOnce();
    tickets.forEach(this::awaitSettled);
    for (Ticket t : tickets) {
      Ticket closed = h.bot().core().tickets().find(t.id()).orElseThrow();
      assertThat(closed.state()).isEqualTo(TicketState.CLOSED);
      assertThat(closed.closeReason()).isEqualTo(SystemReasons.of(MessageKey.AUTOCLOSE_REASON));
      assertThat(count(g.messages(t.threadId()), "This ticket was closed by")).isEqualTo(1);
    }
    assertThat(g.dms("alice")).hasSize(TICKETS);
    assertThat(count(g.messages("mod-log"), "is inactive")).isEqualTo(TICKETS);
    assertThat(count(g.messages("mod-log"), "was closed by")).isEqualTo(TICKETS);
  }

  @Test
  void an_expired_close_request_closes_once() throws Exception {
    TestGuild g = h.guild();
    h.awaitBot("the second process sees the guild",
        () -> other.shards().getGuildById(g.id) != null);
    h.enableTickets(g);
    Ticket t = open(g, "bob", "printer");
    g.as("moderator").slash(t.threadId(), "ticket closerequest", Map.of("after", "2h"))
        .awaitReply();
    awaitSettled(t);

    clock.advance(H.multipliedBy(2));
    sweepBothAtOnce();
    awaitSettled(t);

    assertThat(h.bot().core().tickets().find(t.id()).orElseThrow().state())
        .isEqualTo(TicketState.CLOSED);
    assertThat(count(g.messages(t.threadId()), "This ticket was closed by")).isEqualTo(1);
    assertThat(g.dms("bob")).hasSize(1);
  }

  @Test
  void with_leases_one_process_sweeps_a_shard() {
    clock.advance(H); // past earlier leases
    TimerScheduler.Sweep a = h.bot().timers().sweepOnce();
    TimerScheduler.Sweep b = other.timers().sweepOnce();

    assertThat(a.shards().isEmpty()).isNotEqualTo(b.shards().isEmpty());
  }
}
