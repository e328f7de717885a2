package dev.tiramisu.tickets.e2e;

import static dev.tiramisu.tickets.e2e.BotHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.faults.FaultPlan;
import dev.tiramisu.tickets.effects.Effect;
import dev.tiramisu.tickets.effects.EffectKind;
import dev.tiramisu.tickets.effects.EffectState;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The durable effects through the real JDA and the emulator: each step of a create or close is a
 * recorded effect, transient Discord errors are retried until done, permanent ones are settled
 * with the outcome, and {@code /ticket check} shows what is left.
 */
class EffectsE2ETest extends SingleBotE2ETest {
  private static final String POST_MESSAGE = "POST /channels/{channel_id}/messages";

  @AfterEach
  void noFaults() {
    h.emu.faults().replace(FaultPlan.none());
  }

  /** The ticket's effects, once none is pending (the answer is seen before it is recorded). */
  private List<Effect> effects(Ticket t) {
    assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(30)))
        .as("effects of ticket %d settled", t.id()).isTrue();
    return h.bot().core().effects().forTicket(t.id());
  }

  private Effect latest(Ticket t, EffectKind kind) {
    return effects(t).stream().filter(e -> e.kind() == kind).reduce((a, b) -> b).orElseThrow();
  }

  @Test
  void a_create_records_its_steps_and_settles_each_once() {
    TestGuild g = h.guild();
    h.enableTickets(g);

    Ticket t = h.open(g, "alice", "help");

    assertThat(effects(t)).extracting(Effect::kind).containsExactly(EffectKind.CREATE_THREAD,
        EffectKind.FIRST_MESSAGE, EffectKind.ADD_CREATOR, EffectKind.REPLY_OPENED,
        EffectKind.PIN_FIRST);
    assertThat(latest(t, EffectKind.ADD_CREATOR).outcome())
        .as("the first message's ping added the creator").contains("mention");
    assertThat(latest(t, EffectKind.ADD_CREATOR).attempts()).isZero();
    assertThat(effects(t)).allSatisfy(e -> {
      assertThat(e.state()).isEqualTo(EffectState.DONE);
      assertThat(e.attempts()).isEqualTo(e.kind() == EffectKind.ADD_CREATOR ? 0 : 1);
      assertThat(e.payload().has("token")).as("token dropped once answered").isFalse();
    });
    assertThat(t.firstMessageId()).isNotNull();
    assertThat(g.message(t.firstMessageId()).orElseThrow().pinned()).isTrue();
  }

  @Test
  void server_errors_on_the_first_message_are_retried_until_it_is_posted_once() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    // 500 is not retried by JDA itself: the worker sees each failure.
    h.emu.faults().replace(FaultPlan.builder()
        .onRequest("POST /channels/{channel.id}/messages").times(2).serverError(500).build());

    Ticket t = h.open(g, "alice", "flaky discord");

    Effect first = effects(t).get(1);
    assertThat(first.kind()).isEqualTo(EffectKind.FIRST_MESSAGE);
    assertThat(first.state()).isEqualTo(EffectState.DONE);
    assertThat(first.attempts()).isEqualTo(3);
    assertThat(g.messages(t.threadId())).hasSize(1);
    assertThat(g.message(t.firstMessageId()).orElseThrow().pinned()).isTrue();
    assertThat(h.emu.faults().injected()).filteredOn(s -> s.startsWith("http")).hasSize(2);
  }

  @Test
  void closed_dms_and_a_deleted_log_channel_are_settled_as_failed_and_shown_by_check() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket t = h.open(g, "alice", "help");
    g.setDmsClosed("alice", true);
    g.as("admin").deleteChannel(g.channel("mod-log"));
    h.awaitBot("the bot sees #mod-log deleted",
        () -> h.bot().shards().getTextChannelById(g.channel("mod-log")) == null);

    MessageView confirm = g.as("moderator").slash(t.threadId(), "ticket close").awaitReply();
    MessageView done = g.as("moderator").click(confirm.id(),
        text(MessageKey.BUTTON_CLOSE_CONFIRM)).awaitReply();

    assertThat(done.text()).contains(text(MessageKey.TICKET_CLOSED_DM_FAILED, g.user("alice")),
        text(MessageKey.TICKET_CLOSED_LOG_FAILED, g.channel("mod-log")));
    Effect dm = latest(t, EffectKind.DM_CLOSED);
    assertThat(dm.state()).isEqualTo(EffectState.FAILED);
    assertThat(dm.outcome()).contains("50007");
    assertThat(dm.attempts()).as("a permanent refusal is not retried").isEqualTo(1);
    assertThat(latest(t, EffectKind.LOG_CLOSED).state()).isEqualTo(EffectState.FAILED);
    assertThat(h.ticketByThread(t.threadId()).orElseThrow().state())
        .isEqualTo(TicketState.CLOSED);

    MessageView check = g.as("moderator").slash(g.channel("general"), "ticket check",
        Map.of("thread", t.threadId())).awaitReply();
    assertThat(check.text()).contains(text(MessageKey.TICKET_CHECK_EFFECTS_FAILED,
        text(MessageKey.TICKET_CHECK_EFFECT_ITEM, text(MessageKey.EFFECT_DM_CLOSED), 1) + ", "
            + text(MessageKey.TICKET_CHECK_EFFECT_ITEM, text(MessageKey.EFFECT_LOG_CLOSED), 1)));
  }

  @Test
  void a_thread_discord_refuses_for_good_fails_the_ticket_and_skips_the_rest() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    h.emu.state().maxActiveThreadsPerGuild = 0; // Discord answers 160006
    MessageView reply;
    try {
      reply = g.as("alice").slash(g.channel("general"), "ticket create",
          Map.of("reason", "help")).awaitReply();
    } finally {
      h.emu.state().maxActiveThreadsPerGuild = 1000;
    }

    assertThat(reply.text()).isEqualTo(text(MessageKey.ERROR_THREAD_LIMIT_REACHED, 1));
    Ticket t = h.bot().core().database().tickets().findByNumber(g.id, 1).orElseThrow();
    assertThat(t.state()).isEqualTo(TicketState.FAILED);
    // the answer comes before the pin, which is skipped after it
    assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(30))).isTrue();
    assertThat(effects(t)).extracting(Effect::state).containsExactly(EffectState.FAILED,
        EffectState.FAILED, EffectState.FAILED, EffectState.DONE, EffectState.FAILED);
    assertThat(effects(t).get(0).outcome()).contains("160006");
    assertThat(effects(t).get(0).attempts()).isEqualTo(1);
    assertThat(effects(t).get(1).outcome()).startsWith("skipped");
    assertThat(g.threads()).isEmpty();
  }
}
