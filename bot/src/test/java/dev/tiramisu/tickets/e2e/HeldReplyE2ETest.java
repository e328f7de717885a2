package dev.tiramisu.tickets.e2e;

import static dev.tiramisu.tickets.e2e.BotHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.faults.Gate;
import dev.tiramisu.tickets.discord.EffectWorker;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.Ticket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A create's reply is held back so that the link can be its first response (issue 14: one round
 * trip less than a deferral and an edit), and deferred when the thread takes longer than the
 * hold. Each way is forced, never left to the machine's speed: a hold of a day (the timer never
 * fires) for the first, and the thread's creation held by the emulator until the reply was
 * deferred for the second.
 */
class HeldReplyE2ETest {
  private static final String CALLBACK =
      "POST /interactions/{interaction_id}/{interaction_token}/callback";
  private static final String EDIT =
      "PATCH /webhooks/{application_id}/{interaction_token}/messages/@original";

  private BotHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  private TestGuild start(Duration hold) {
    h = new BotHarness(EffectWorker.Config.DEFAULT.withAnswerHold(hold), false);
    TestGuild g = h.guild();
    h.enableTickets(g);
    return g;
  }

  /** The emulator logs a request once it has answered it, after the state a reply shows. */
  private void awaitLogged(int mark, String route) {
    h.emu.await(route + " in the request log", Duration.ofSeconds(30),
        () -> !h.sent(mark, route).isEmpty());
  }

  @Test
  void a_quick_create_is_answered_with_the_link_as_its_one_response() {
    TestGuild g = start(Duration.ofDays(1));
    int mark = h.emu.requests().mark();

    InteractionHandle create = g.as("alice").slash(g.channel("general"), "ticket create",
        Map.of("reason", "quick"));
    MessageView reply = create.awaitReply();

    long thread = g.thread("Ticket #1").orElseThrow().id();
    assertThat(create.responseType()).as("answered, not deferred").isEqualTo(4);
    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.text()).isEqualTo(text(MessageKey.TICKET_OPENED_REPLY, 1, thread));
    awaitLogged(mark, CALLBACK);
    assertThat(h.sent(mark, CALLBACK)).singleElement().satisfies(r -> {
      assertThat(r.body().path("type").asInt()).isEqualTo(4);
      assertThat(r.body().path("data").path("allowed_mentions").path("parse")).isEmpty();
    });
    Ticket t = h.ticketByThread(thread).orElseThrow();
    assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(30))).isTrue();
    assertThat(h.sent(mark, EDIT)).as("no edit: the answer was the first response").isEmpty();
    assertThat(g.messages(thread)).hasSize(1);
    assertThat(g.thread("Ticket #1").orElseThrow().memberIds()).contains(g.user("alice"));
  }

  @Test
  void a_slow_thread_gets_the_reply_deferred_and_then_edited_with_the_link() {
    TestGuild g = start(Duration.ofMillis(100));
    Gate thread = h.emu.faults().gate("POST /channels/{channel.id}/threads", 1);
    int mark = h.emu.requests().mark();

    InteractionHandle create = g.as("alice").slash(g.channel("general"), "ticket create",
        Map.of("reason", "slow"));
    thread.awaitArrived(Duration.ofSeconds(30));
    create.awaitAck(); // the held reply deferred, while the thread is held
    assertThat(create.responseType()).isEqualTo(5);
    thread.release();
    MessageView reply = create.awaitReply();

    long threadId = g.thread("Ticket #1").orElseThrow().id();
    assertThat(reply.text()).isEqualTo(text(MessageKey.TICKET_OPENED_REPLY, 1, threadId));
    assertThat(reply.ephemeral()).isTrue();
    awaitLogged(mark, EDIT);
    assertThat(h.sent(mark, CALLBACK)).singleElement()
        .satisfies(r -> assertThat(r.body().path("type").asInt()).isEqualTo(5));
    assertThat(h.sent(mark, EDIT)).hasSize(1);
  }
}
