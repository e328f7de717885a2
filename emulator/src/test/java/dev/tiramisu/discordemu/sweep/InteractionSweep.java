package dev.tiramisu.discordemu.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.TestGuild;
import java.util.Map;

/**
 * Interaction callbacks of every type the emulator takes, with and without {@code with_response}, the follow-up
 * webhook (with every spelling of {@code wait}), the original response and follow-ups read, edited and deleted,
 * and their errors. Users act through the emulator's driver (as Discord's client would); the bot answers over HTTP.
 */
final class InteractionSweep {
  private final Emulator emu;
  private final SweepClient http;
  private final TestGuild g;
  private final long tickets;

  InteractionSweep(Emulator emu, SweepClient http, TestGuild g) {
    this.emu = emu;
    this.http = http;
    this.g = g;
    this.tickets = g.channel("tickets");
  }

  private String callback(InteractionHandle h) {
    synchronized (emu.state()) {
      return "/interactions/" + h.id + "/" + emu.state().interactions.get(h.id).token + "/callback";
    }
  }

  private String hook(InteractionHandle h) {
    synchronized (emu.state()) {
      return "/webhooks/" + emu.applicationId() + "/" + emu.state().interactions.get(h.id).token;
    }
  }

  void run() {
    String panel = replyWithComponents();
    deferredReply();
    componentCallbacks(panel);
    modal(panel);
    errors();
  }

  /** /ping answered with a message (type 4) carrying embeds, emoji components and allowed mentions. */
  private String replyWithComponents() {
    InteractionHandle ping = g.as("alice").slash(tickets, "ping");
    JsonNode created = http.call(200, "POST", callback(ping) + "?with_response=1",
        "{\"type\":4,\"data\":{\"content\":\"pong <@" + g.user("bob") + ">\",\"allowed_mentions\":{\"parse\":[]},"
            + "\"embeds\":[" + MessageSweep.EMBED + "],\"components\":" + MessageSweep.EMOJI_COMPONENTS + "}}")
        .body();
    JsonNode message = created.path("resource").path("message");
    assertThat(message.path("interaction").path("id").asText()).isEqualTo(Long.toString(ping.id));
    assertThat(message.path("interaction_metadata").path("id").asText()).isEqualTo(Long.toString(ping.id));
    http.call(400, "POST", callback(ping), "{\"type\":4,\"data\":{\"content\":\"twice\"}}");
    String hook = hook(ping);
    http.get(hook + "/messages/@original");
    http.call(200, "PATCH", hook + "/messages/@original?with_components=true",
        "{\"content\":\"pong, edited\",\"components\":" + MessageSweep.EMOJI_COMPONENTS + "}");
    http.call(200, "PATCH", hook + "/messages/@original?wait=true", "{\"embeds\":[]}");
    for (String wait : new String[] {"?wait=1", "?wait=0", "?wait=true", "?wait=False", "", "?wait=True&with_components=1"}) {
      JsonNode followup = http.call(200, "POST", hook + wait, "{\"content\":\"follow-up " + wait + "\"}").body();
      assertThat(followup.path("interaction").path("name").asText()).as("a follow-up is a message: wait is always"
          + " true for interaction webhooks").isEqualTo("ping");
    }
    http.invalid("POST", hook + "?wait=yes", "{\"content\":\"never\"}", "wait");
    // an ephemeral Components V2 follow-up (flags 64 | 1 << 15): no content, which the flag forbids
    String followup = http.call(200, "POST", hook, "{\"components\":"
        + MessageSweep.COMPONENTS_V2.replace("\"type\":10,\"content\":\"## Components v2\"}", "\"type\":10,"
            + "\"content\":\"v2 follow-up\"}") + ",\"flags\":32832}").id();
    http.get(hook + "/messages/" + followup);
    http.call(200, "PATCH", hook + "/messages/" + followup + "?wait=true", "{\"components\":[{\"type\":10,"
        + "\"content\":\"edited v2\"}]}");
    http.call(204, "DELETE", hook + "/messages/" + followup, null);
    http.call(404, "GET", hook + "/messages/" + followup, null);
    http.multipart(200, "POST", hook, "{\"content\":\"with a file\",\"attachments\":[{\"id\":\"0\","
        + "\"filename\":\"log.txt\"}]}", "log.txt", new byte[] {'l', 'o', 'g'});
    return message.path("id").asText();
  }

  /** /ticket create deferred (type 5, ephemeral); the first follow-up edits the loading message. */
  private void deferredReply() {
    InteractionHandle h = g.as("bob").slash(tickets, "ticket create", Map.of("reason", "printer", "priority", 2L));
    JsonNode deferred = http.call(200, "POST", callback(h) + "?with_response=True",
        "{\"type\":5,\"data\":{\"flags\":64}}").body();
    assertThat(deferred.has("resource")).isFalse();
    String hook = hook(h);
    JsonNode loading = http.get(hook + "/messages/@original").body();
    JsonNode reply = http.call(200, "POST", hook, "{\"content\":\"Ticket opened\"}").body();
    assertThat(reply.path("id").asText()).as("the follow-up edited the loading message")
        .isEqualTo(loading.path("id").asText());
    assertThat(reply.path("interaction").path("name").asText()).isEqualTo("ticket create");
    assertThat(reply.path("interaction").has("member")).isTrue();
    http.call(200, "PATCH", hook + "/messages/@original", "{\"content\":\"Ticket opened: #ticket-2\"}");
    http.call(204, "DELETE", hook + "/messages/@original", null);
    http.call(404, "GET", hook + "/messages/@original", null);
  }

  /** Button clicks answered with update (7), deferred update (6) and a new message (4). */
  private void componentCallbacks(String panel) {
    long message = Long.parseLong(panel);
    InteractionHandle update = g.as("alice").click(message, "delete");
    JsonNode updated = http.call(200, "POST", callback(update) + "?with_response=true",
        "{\"type\":7,\"data\":{\"content\":\"updated\",\"components\":" + MessageSweep.EMOJI_COMPONENTS + "}}").body();
    assertThat(updated.path("resource").path("type").asInt()).isEqualTo(7);
    InteractionHandle deferredUpdate = g.as("alice").click(message, "delete");
    http.call(204, "POST", callback(deferredUpdate) + "?with_response=false", "{\"type\":6}");
    http.call(200, "PATCH", hook(deferredUpdate) + "/messages/@original", "{\"content\":\"after a deferred update\"}");
    InteractionHandle select = g.as("bob").select(message, "flavour", "vanilla");
    JsonNode answer = http.call(200, "POST", callback(select) + "?with_response=1",
        "{\"type\":4,\"data\":{\"content\":\"vanilla it is\",\"flags\":64}}").body();
    assertThat(answer.path("resource").path("message").path("interaction").path("type").asInt()).isEqualTo(3);
    InteractionHandle notOnMessage = g.as("alice").slash(tickets, "ping");
    http.call(400, "POST", callback(notOnMessage), "{\"type\":7,\"data\":{\"content\":\"no message\"}}");
    http.call(204, "POST", callback(notOnMessage) + "?with_response=0", "{\"type\":4,\"data\":{\"content\":\"ok\"}}");
  }

  /** A modal (type 9) with a Label-wrapped text input, its submit answered with a message. */
  private void modal(String panel) {
    InteractionHandle opener = g.as("alice").slash(tickets, "modal");
    http.call(200, "POST", callback(opener) + "?with_response=true", "{\"type\":9,\"data\":{\"custom_id\":\"form\","
        + "\"title\":\"Feedback\",\"components\":[{\"type\":18,\"label\":\"Why?\",\"component\":{\"type\":4,"
        + "\"custom_id\":\"why\",\"style\":2,\"min_length\":1,\"max_length\":200,\"required\":true}}]}}");
    InteractionHandle submit = g.as("alice").submitModal(opener, Map.of("why", "because"));
    http.call(400, "POST", callback(submit), "{\"type\":9,\"data\":{\"custom_id\":\"again\",\"title\":\"No\","
        + "\"components\":[{\"type\":18,\"label\":\"x\",\"component\":{\"type\":4,\"custom_id\":\"x\",\"style\":1}}]}}");
    JsonNode answered = http.call(200, "POST", callback(submit) + "?with_response=1",
        "{\"type\":4,\"data\":{\"content\":\"thanks\"}}").body();
    assertThat(answered.path("resource").path("message").path("interaction").path("name").asText())
        .isEqualTo("form");
    InteractionHandle click = g.as("bob").click(Long.parseLong(panel), "delete");
    http.call(204, "POST", callback(click), "{\"type\":9,\"data\":{\"custom_id\":\"f2\",\"title\":\"Form\","
        + "\"components\":[{\"type\":1,\"components\":[{\"type\":4,\"custom_id\":\"a\",\"style\":1,"
        + "\"label\":\"A\"}]}]}}");
  }

  private void errors() {
    InteractionHandle h = g.as("alice").slash(tickets, "ping");
    http.call(404, "POST", "/interactions/1/nope/callback", "{\"type\":4,\"data\":{\"content\":\"x\"}}");
    http.invalid("POST", callback(h) + "?with_response=yes", "{\"type\":4,\"data\":{\"content\":\"x\"}}",
        "with_response");
    http.call(404, "POST", hook(h), "{\"content\":\"not acknowledged yet\"}");
    http.call(204, "POST", callback(h), "{\"type\":5}");
    http.call(404, "GET", "/webhooks/" + emu.applicationId() + "/unknown-token/messages/@original", null);
    http.call(401, "GET", "/webhooks/1/" + hook(h).substring(hook(h).lastIndexOf('/') + 1) + "/messages/@original",
        null);
    http.call(404, "PATCH", hook(h) + "/messages/1", "{\"content\":\"x\"}");
    http.call(404, "DELETE", hook(h) + "/messages/1", null);
    http.call(400, "POST", callback(h), "{\"type\":4,\"data\":{\"content\":\"late second\"}}");
  }
}
