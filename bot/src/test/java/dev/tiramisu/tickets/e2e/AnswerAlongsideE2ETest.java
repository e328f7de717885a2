package dev.tiramisu.tickets.e2e;

import static dev.tiramisu.tickets.e2e.BotHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.faults.FaultPlan;
import dev.tiramisu.tickets.discord.EffectWorker;
import dev.tiramisu.tickets.effects.Effect;
import dev.tiramisu.tickets.effects.EffectKind;
import dev.tiramisu.tickets.effects.EffectState;
import dev.tiramisu.tickets.effects.RetryPolicy;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.Ticket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The member's link goes out together with the first message when the global limit is free
 * (issue 14: one round trip less before the member sees it), and is corrected by an edit when the
 * first message then fails for good. The bot here gives an effect up at its first failure, so
 * that "for good" needs no waiting.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnswerAlongsideE2ETest {
  private static final String MESSAGES = "POST /channels/{channel.id}/messages";

  private BotHarness h;

  @BeforeAll
  void startBot() {
    h = new BotHarness(new EffectWorker.Config(Duration.ofSeconds(2), Duration.ofSeconds(15),
        new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(50), Duration.ZERO), true),
        false);
  }

  @AfterAll
  void stopBot() {
    h.close();
  }

  @AfterEach
  void noSpecViolations() {
    h.emu.faults().replace(FaultPlan.none());
    assertThat(h.emu.specViolations()).isEmpty();
  }

  private List<Effect> effects(Ticket t) {
    return h.bot().core().database().effects().forTicket(t.id());
  }

  private Effect only(Ticket t, EffectKind kind) {
    return effects(t).stream().filter(e -> e.kind() == kind).findFirst().orElseThrow();
  }

  @Test
  void the_link_is_sent_with_the_first_message_and_settled_once_it_is_posted() {
    TestGuild g = h.guild();
    h.enableTickets(g);

    Ticket t = h.open(g, "alice", "together");

    Effect answer = only(t, EffectKind.REPLY_OPENED);
    assertThat(answer.state()).isEqualTo(EffectState.DONE);
    assertThat(answer.outcome()).as("sent with the first message")
        .isEqualTo("answered alongside the first message");
    assertThat(answer.attempts()).isEqualTo(1);
    assertThat(answer.payload().has("token")).as("token dropped once settled").isFalse();
    assertThat(only(t, EffectKind.FIRST_MESSAGE).state()).isEqualTo(EffectState.DONE);
    assertThat(g.threads()).filteredOn(th -> th.id() == t.threadId()).singleElement()
        .satisfies(th -> assertThat(th.memberIds()).contains(g.user("alice")));
  }

  @Test
  void a_first_message_that_fails_after_the_link_went_out_is_told_in_an_edit_and_the_member_is_added() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    h.emu.faults().replace(FaultPlan.builder().onRequest(MESSAGES).times(1).serverError(500)
        .build());

    InteractionHandle create = g.as("alice").slash(g.channel("general"), "ticket create",
        Map.of("reason", "no first message"));
    assertThat(create.awaitReply().text()).contains("is open");
    h.emu.await("the answer says the first message failed", Duration.ofSeconds(30),
        () -> create.original().text()
            .contains(text(MessageKey.TICKET_OPENED_FIRST_MESSAGE_FAILED)));

    Ticket t = h.bot().core().database().tickets().findByNumber(g.id, 1).orElseThrow();
    assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(30))).isTrue();
    assertThat(only(t, EffectKind.FIRST_MESSAGE).state()).isEqualTo(EffectState.FAILED);
    Effect answer = only(t, EffectKind.REPLY_OPENED);
    assertThat(answer.state()).isEqualTo(EffectState.DONE);
    assertThat(answer.attempts()).as("sent with the first message, then edited").isEqualTo(2);
    assertThat(create.original().text())
        .startsWith(text(MessageKey.TICKET_OPENED_REPLY, 1, t.threadId()));
    Effect added = only(t, EffectKind.ADD_CREATOR);
    assertThat(added.state()).isEqualTo(EffectState.DONE);
    assertThat(added.attempts()).as("no ping added the creator: a PUT did").isEqualTo(1);
    assertThat(g.threads()).filteredOn(th -> th.id() == t.threadId()).singleElement()
        .satisfies(th -> assertThat(th.memberIds()).contains(g.user("alice")));
  }
}
