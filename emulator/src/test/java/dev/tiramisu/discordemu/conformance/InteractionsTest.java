package dev.tiramisu.discordemu.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.RequestLog;
import dev.tiramisu.discordemu.driver.Actor;
import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.modals.Modal;
import net.dv8tion.jda.api.requests.ErrorResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every interaction callback type through JDA (4 reply, 5 defer, 6 deferred update, 7 update, 9 modal), follow-ups,
 * editing and deleting the original, ephemeral visibility, double acknowledgement (40060) and late replies (10062).
 */
class InteractionsTest extends ConformanceTest {
  private static final String CALLBACK = "POST /interactions/{interaction_id}/{interaction_token}/callback";
  private static final String FOLLOWUP = "POST /webhooks/{application_id}/{interaction_token}";
  private static final String EDIT_ORIGINAL = "PATCH /webhooks/{application_id}/{interaction_token}/messages/@original";
  private static final String DELETE_ORIGINAL =
      "DELETE /webhooks/{application_id}/{interaction_token}/messages/@original";

  // one instance serves the whole class (PER_CLASS), so per-test state is created in setUp
  private TestGuild g;
  private CountDownLatch release;
  private CompletableFuture<Throwable> lateFailure;
  private List<String> modalValues;

  /** The bot under test: one behaviour per command and button. */
  private final class TicketBot extends ListenerAdapter {
    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent e) {
      switch (e.getName()) {
        case "ping" -> e.reply("pong").queue();
        case "secret" -> e.reply("only you can see this").setEphemeral(true).queue();
        case "slow" -> {
          e.deferReply(true).queue();
          e.getHook().editOriginal("done thinking").queue();
        }
        case "panel" -> e.reply("Ticket panel").addComponents(ActionRow.of(
            Button.primary("claim", "Claim"), Button.secondary("ack", "Acknowledge"), Button.danger("close", "Close")))
            .queue();
        case "feedback" -> e.replyModal(Modal.create("feedback-modal", "Feedback")
            .addComponents(
                Label.of("What went well?", TextInput.create("good", TextInputStyle.PARAGRAPH).build()),
                Label.of("Score", TextInput.create("score", TextInputStyle.SHORT).setRequired(false).build()))
            .build()).queue();
        case "multi" -> {
          e.reply("one").queue();
          e.getHook().sendMessage("two").queue();
          e.getHook().sendMessage("three (ephemeral)").setEphemeral(true).queue();
        }
        case "temp" -> e.reply("temporary").queue(hook -> hook.editOriginal("edited").queue(
            m -> hook.deleteOriginal().queue()));
        case "late" -> {
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
          }
          e.reply("too late").queue(ok -> lateFailure.complete(null), lateFailure::complete);
        }
        default -> e.reply("unknown").queue();
      }
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent e) {
      switch (e.getComponentId()) {
        case "claim" -> e.editMessage("Claimed by " + e.getUser().getName()).setComponents().queue();
        case "ack" -> {
          e.deferEdit().queue();
          e.getHook().sendMessage("noted").setEphemeral(true).queue();
        }
        default -> e.reply("?").queue();
      }
    }

    @Override
    public void onModalInteraction(ModalInteractionEvent e) {
      modalValues.add(e.getModalId());
      modalValues.add(e.getValue("good").getAsString());
      modalValues.add(e.getValue("score").getAsString());
      e.reply("thanks").setEphemeral(true).queue();
    }
  }

  @BeforeEach
  void setUp() {
    release = new CountDownLatch(1);
    lateFailure = new CompletableFuture<>();
    modalValues = new CopyOnWriteArrayList<>();
    g = emu.guild("Interactions").textChannel("general").owner("owner").member("alice").member("bob").build();
  }

  private JDA startBot() {
    JDA jda = jda(new TicketBot());
    jda.updateCommands().addCommands(Commands.slash("ping", "Ping"), Commands.slash("secret", "Secret"),
        Commands.slash("slow", "Slow"), Commands.slash("panel", "Panel"), Commands.slash("feedback", "Feedback"),
        Commands.slash("multi", "Multi"), Commands.slash("temp", "Temp"), Commands.slash("late", "Late")).complete();
    return jda;
  }

  /** The callback request of an interaction, once its log entry is written. */
  private RequestLog.Entry callbackOf(InteractionHandle h) {
    emu.await("the callback of interaction " + h.id + " in the log", () -> emu.requests().route(CALLBACK)
        .stream().anyMatch(e -> e.path().startsWith("/interactions/" + h.id + "/")));
    return emu.requests().route(CALLBACK).stream()
        .filter(e -> e.path().startsWith("/interactions/" + h.id + "/")).findFirst().orElseThrow();
  }

  @Test
  void replyIsCallbackType4() {
    startBot();
    InteractionHandle h = g.as("alice").slash(g.channel("general"), "ping");
    MessageView reply = h.awaitReply();
    assertThat(h.responseType()).isEqualTo(4);
    assertThat(reply.content()).isEqualTo("pong");
    assertThat(reply.ephemeral()).isFalse();
    assertThat(reply.visibleTo()).isNull();
    assertThat(reply.interactionId()).isEqualTo(h.id);
    RequestLog.Entry cb = callbackOf(h);
    assertThat(cb.body().path("type").asInt()).isEqualTo(4);
    assertThat(cb.body().path("data").path("content").asText()).isEqualTo("pong");
    assertThat(cb.queryParam("with_response")).isEqualTo("true");
    assertThat(g.messages("general")).extracting(MessageView::content).containsExactly("pong");
  }

  @Test
  void ephemeralReplyIsVisibleOnlyToTheUser() {
    startBot();
    InteractionHandle h = g.as("alice").slash(g.channel("general"), "secret");
    MessageView reply = h.awaitReply();
    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.visibleTo()).isEqualTo(g.user("alice"));
    assertThat(callbackOf(h).body().path("data").path("flags").asInt() & 64).isEqualTo(64);
    // not in the channel's history as other users (and the bot's REST reads) see it
    RawDiscord.Reply history = raw().send("GET", "/channels/" + g.channel("general") + "/messages", null);
    assertThat(history.body()).isEmpty();
  }

  @Test
  void deferReplyThenEditOriginalIsCallbackType5() {
    startBot();
    InteractionHandle h = g.as("alice").slash(g.channel("general"), "slow");
    MessageView reply = h.awaitReply();
    assertThat(h.responseType()).isEqualTo(5);
    assertThat(reply.content()).isEqualTo("done thinking");
    assertThat(reply.ephemeral()).isTrue();
    assertThat(callbackOf(h).body().path("data").path("flags").asInt() & 64).isEqualTo(64);
    assertThat(awaitRequests(EDIT_ORIGINAL, 1)).singleElement().satisfies(e -> {
      assertThat(e.body().path("content").asText()).isEqualTo("done thinking");
      assertThat(e.status()).isEqualTo(200);
    });
  }

  @Test
  void buttonEditMessageIsType7AndDeferEditIsType6WithAFollowUp() {
    startBot();
    MessageView panel = g.as("alice").slash(g.channel("general"), "panel").awaitReply();
    assertThat(panel.buttonLabels()).containsExactly("Claim", "Acknowledge", "Close");

    InteractionHandle ack = g.as("bob").click(panel.id(), "Acknowledge");
    assertThat(ack.responseType()).isEqualTo(6);
    MessageView noted = ack.awaitReply();
    assertThat(noted.content()).isEqualTo("noted");
    assertThat(noted.visibleTo()).isEqualTo(g.user("bob"));
    assertThat(g.message(panel.id()).orElseThrow().content()).isEqualTo("Ticket panel");

    InteractionHandle claim = g.as("bob").click(panel.id(), "Claim");
    assertThat(claim.responseType()).isEqualTo(7);
    MessageView updated = claim.awaitReply();
    assertThat(updated.id()).isEqualTo(panel.id());
    assertThat(updated.content()).isEqualTo("Claimed by bob");
    assertThat(updated.buttonLabels()).isEmpty();
    JsonNode body = callbackOf(claim).body();
    assertThat(body.path("type").asInt()).isEqualTo(7);
    assertThat(body.path("data").path("components")).isEmpty();
    assertThatThrownBy(() -> g.as("bob").click(panel.id(), "Close")).isInstanceOf(Actor.NotAllowedInClient.class);
  }

  @Test
  void modalIsType9AndTheSubmissionReachesJda() {
    startBot();
    InteractionHandle h = g.as("alice").slash(g.channel("general"), "feedback");
    ObjectNode modal = h.awaitModal();
    assertThat(h.responseType()).isEqualTo(9);
    assertThat(modal.path("title").asText()).isEqualTo("Feedback");
    assertThat(modal.path("components").path(0).path("type").asInt()).isEqualTo(18);
    assertThat(modal.path("components").path(0).path("component").path("custom_id").asText()).isEqualTo("good");

    assertThatThrownBy(() -> g.as("alice").submitModal(h, Map.of("score", "5")))
        .isInstanceOf(Actor.NotAllowedInClient.class).hasMessageContaining("good");
    InteractionHandle submit = g.as("alice").submitModal(h, Map.of("good", "Fast answers", "score", "5"));
    assertThat(submit.awaitReply().content()).isEqualTo("thanks");
    assertThat(modalValues).containsExactly("feedback-modal", "Fast answers", "5");
  }

  @Test
  void followUpsAreSentThroughTheWebhook() {
    startBot();
    InteractionHandle h = g.as("alice").slash(g.channel("general"), "multi");
    List<MessageView> followups = h.awaitFollowups(2);
    assertThat(h.original().content()).isEqualTo("one");
    assertThat(followups).extracting(MessageView::content).containsExactlyInAnyOrder("two", "three (ephemeral)");
    assertThat(followups).filteredOn(MessageView::ephemeral).singleElement()
        .satisfies(m -> assertThat(m.visibleTo()).isEqualTo(g.user("alice")));
    List<RequestLog.Entry> posts = awaitRequests(FOLLOWUP, 2);
    assertThat(posts).hasSize(2).allSatisfy(e -> {
      assertThat(e.queryParam("wait")).isEqualTo("true");
      assertThat(e.status()).isEqualTo(200);
    });
  }

  @Test
  void editAndDeleteOriginal() {
    startBot();
    InteractionHandle h = g.as("alice").slash(g.channel("general"), "temp");
    long originalId = h.original().id();
    emu.await("the original is deleted", () -> g.message(originalId).isEmpty());
    assertThat(awaitRequests(EDIT_ORIGINAL, 1)).singleElement()
        .satisfies(e -> assertThat(e.body().path("content").asText()).isEqualTo("edited"));
    assertThat(awaitRequests(DELETE_ORIGINAL, 1)).singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(204));
  }

  @Test
  void aSecondAcknowledgementIsRefusedLocallyByJdaAndWith40060ByTheEmulator() throws Exception {
    // JDA refuses a second reply on the same interaction object without a request
    CompletableFuture<Throwable> local = new CompletableFuture<>();
    ListenerAdapter twiceInOneProcess = new ListenerAdapter() {
      @Override
      public void onSlashCommandInteraction(SlashCommandInteractionEvent e) {
        e.reply("first").queue();
        e.deferReply().queue(ok -> local.complete(null), local::complete);
      }
    };
    JDA jda = jda(twiceInOneProcess);
    jda.updateCommands().addCommands(Commands.slash("ping", "Ping")).complete();
    InteractionHandle h = g.as("alice").slash(g.channel("general"), "ping");
    assertThat(h.awaitReply().content()).isEqualTo("first");
    assertThat(local.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
    assertThat(awaitRequests(CALLBACK, 1)).hasSize(1);

    // two processes of the same bot (two sessions) answer the same interaction: one of them gets 40060
    jda.removeEventListener(twiceInOneProcess);
    List<Throwable> outcomes = new CopyOnWriteArrayList<>();
    List<String> successes = new CopyOnWriteArrayList<>();
    ListenerAdapter racer = new ListenerAdapter() {
      @Override
      public void onSlashCommandInteraction(SlashCommandInteractionEvent e) {
        e.deferReply().queue(ok -> successes.add("ok"), outcomes::add);
      }
    };
    jda.addEventListener(racer);
    jda(racer);
    InteractionHandle twice = g.as("alice").slash(g.channel("general"), "ping");
    emu.await("both processes answered", () -> outcomes.size() + successes.size() >= 2);
    assertThat(successes).hasSize(1);
    assertThat(outcomes).singleElement().isInstanceOfSatisfying(ErrorResponseException.class,
        e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.INTERACTION_ALREADY_ACKNOWLEDGED));
    List<RequestLog.Entry> callbacks = emu.requests().route(CALLBACK).stream()
        .filter(e -> e.path().startsWith("/interactions/" + twice.id + "/")).toList();
    assertThat(callbacks).extracting(RequestLog.Entry::status).containsExactlyInAnyOrder(200, 400);
  }

  @Test
  void aReplyAfterTheDeadlineFailsWith10062AndTheHandleReportsTheFailure() throws Exception {
    emu.state().interactionResponseDeadlineMillis = 200;
    startBot();
    InteractionHandle h = g.as("alice").slash(g.channel("general"), "late");
    try {
      assertThatThrownBy(h::awaitAck).isInstanceOf(AssertionError.class).hasMessageContaining("failed");
    } finally {
      release.countDown();
    }
    Throwable failure = lateFailure.get(10, TimeUnit.SECONDS);
    assertThat(failure).isInstanceOfSatisfying(ErrorResponseException.class,
        e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.UNKNOWN_INTERACTION));
    assertThat(callbackOf(h).status()).isEqualTo(404);
    assertThat(emu.interactions().timings()).filteredOn(t -> t.interactionId() == h.id).singleElement()
        .satisfies(t -> assertThat(t.failed()).isTrue());
    assertThat(g.messages("general")).isEmpty();
  }
}
