package dev.tiramisu.tickets.e2e;

import static dev.tiramisu.tickets.e2e.BotHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.driver.ThreadView;
import dev.tiramisu.tickets.discord.Reconciliation;
import dev.tiramisu.tickets.effects.Effect;
import dev.tiramisu.tickets.effects.EffectKind;
import dev.tiramisu.tickets.effects.EffectState;
import dev.tiramisu.tickets.testing.MutableClock;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Discord's rename limit (two renames per thread per ten minutes, modelled by the emulator) never
 * holds up a close: the thread is locked and archived at once, the member is told, and the rename
 * happens once the limit allows (both clocks moved, never waited for).
 */
class RenameLimitE2ETest {
  private final MutableClock clock = new MutableClock(Instant.now());
  private BotHarness h;

  @BeforeEach
  void start() {
    h = new BotHarness(clock, Reconciliation.DEFAULT);
  }

  @AfterEach
  void stop() {
    assertThat(h.emu.specViolations()).isEmpty();
    h.close();
  }

  private ThreadView thread(TestGuild g, Ticket t) {
    return g.threads().stream().filter(th -> th.id() == t.threadId()).findFirst().orElseThrow();
  }

  private MessageView close(TestGuild g, Ticket t) {
    MessageView confirm = g.as("moderator").slash(t.threadId(), "ticket close").awaitReply();
    return g.as("moderator").click(confirm.id(), text(MessageKey.BUTTON_CLOSE_CONFIRM))
        .awaitReply();
  }

  private List<Effect> renames(Ticket t) {
    return h.bot().core().effects().forTicket(t.id()).stream()
        .filter(e -> e.kind() == EffectKind.RENAME_THREAD).toList();
  }

  @Test
  void a_third_rename_within_ten_minutes_waits_while_the_close_locks_archives_dms_and_logs_at_once() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket t = h.open(g, "alice", "flapping");
    close(g, t); // rename 1
    g.as("moderator").slash(t.threadId(), "ticket reopen").awaitReply(); // rename 2
    assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(30))).isTrue();
    assertThat(thread(g, t).name()).isEqualTo("Ticket #1");

    MessageView done = close(g, t); // rename 3: refused by Discord for about ten minutes

    assertThat(done.text()).contains(text(MessageKey.TICKET_CLOSED_REPLY, 1),
        text(MessageKey.TICKET_CLOSED_RENAME_PENDING));
    ThreadView closed = thread(g, t);
    assertThat(closed.locked()).isTrue();
    assertThat(closed.archived()).isTrue();
    assertThat(closed.name()).isEqualTo("Ticket #1");
    assertThat(h.ticketByThread(t.threadId()).orElseThrow().state())
        .isEqualTo(TicketState.CLOSED);
    assertThat(g.dms("alice")).hasSize(2);
    assertThat(g.messages("mod-log")).filteredOn(m -> m.text().contains("was closed by"))
        .hasSize(2);
    h.emu.await("every effect of the close but the rename settled", () ->
        h.bot().core().effects().forTicket(t.id()).stream().filter(Effect::isPending).count() == 1);
    Effect waiting = renames(t).get(renames(t).size() - 1);
    assertThat(waiting.state()).isEqualTo(EffectState.PENDING);
    assertThat(waiting.outcome()).startsWith("rename limit");
    assertThat(waiting.nextAttemptAt()).isAfter(clock.instant().plus(Duration.ofMinutes(5)));
    // every other effect of the close is settled
    assertThat(h.bot().core().effects().forTicket(t.id())).filteredOn(Effect::isPending)
        .containsExactly(waiting);

    h.emu.clock().advance(Duration.ofMinutes(10).plusSeconds(1));
    clock.advance(Duration.ofMinutes(10).plusSeconds(1));

    h.emu.await("the thread is renamed once the limit allows",
        () -> thread(g, t).name().equals("[Closed] Ticket #1"));
    assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(30))).isTrue();
    ThreadView renamed = thread(g, t);
    assertThat(renamed.locked()).as("locked again after the rename").isTrue();
    assertThat(renamed.archived()).as("archived again after the rename").isTrue();
    assertThat(renames(t).get(renames(t).size() - 1).state()).isEqualTo(EffectState.DONE);
  }

  @Test
  void a_reopen_while_a_rename_waits_supersedes_it_and_is_not_held_up() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket t = h.open(g, "alice", "back and forth");
    close(g, t);
    g.as("moderator").slash(t.threadId(), "ticket reopen").awaitReply();
    assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(30))).isTrue();
    close(g, t); // its rename waits

    MessageView reopened = g.as("moderator").slash(t.threadId(), "ticket reopen").awaitReply();

    assertThat(reopened.text()).isEqualTo(text(MessageKey.TICKET_REOPENED_REPLY, 1, t.threadId()));
    h.emu.await("the thread is open again at once", () -> {
      ThreadView th = thread(g, t);
      return !th.archived() && !th.locked();
    });
    h.emu.await("reopened post", () -> g.messages(t.threadId()).stream().anyMatch(m ->
        m.text().equals(text(MessageKey.TICKET_REOPENED_MESSAGE, g.user("moderator")))
            && m.id() > g.messages(t.threadId()).get(0).id()));
    // the close's waiting rename is superseded; the reopen's finds the name already right
    h.emu.clock().advance(Duration.ofMinutes(10).plusSeconds(1));
    clock.advance(Duration.ofMinutes(10).plusSeconds(1));
    assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(30))).isTrue();
    assertThat(thread(g, t).name()).isEqualTo("Ticket #1");
    assertThat(thread(g, t).archived()).isFalse();
    assertThat(renames(t)).allMatch(e -> e.state() == EffectState.DONE);
  }
}
