package dev.tiramisu.discordemu.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.driver.TestGuild;
import java.nio.charset.StandardCharsets;

/** Channels, messages (every kind of content), history paging, pins, overwrites, typing, and their errors. */
final class MessageSweep {
  /** A button and a select option with a unicode emoji sent as discord.py sends it, with "id": null. */
  static final String EMOJI_COMPONENTS = """
      [{"type":1,"components":[
         {"type":2,"style":4,"label":"Delete","custom_id":"delete","emoji":{"name":"🗑️","id":null}},
         {"type":2,"style":5,"label":"Docs","url":"https://example.com/docs","emoji":{"name":"📄"}},
         {"type":2,"style":1,"custom_id":"custom","emoji":{"name":"tiramisu","id":"123456789012345678",
          "animated":false}}]},
       {"type":1,"components":[{"type":3,"custom_id":"flavour","placeholder":"Pick","min_values":1,"max_values":1,
         "options":[{"label":"Vanilla","value":"vanilla","emoji":{"name":"🍦","id":null},"default":false},
                    {"label":"Chocolate","value":"chocolate","description":"dark"}]}]}]""";
  static final String EMBED = """
      {"title":"Ticket #1","description":"A **bold** embed","url":"https://example.com/t/1","color":5793266,
       "timestamp":"2024-01-01T00:00:00.000Z","footer":{"text":"footer"},"author":{"name":"Tiramisu"},
       "fields":[{"name":"Status","value":"open","inline":true},{"name":"Owner","value":"alice"}]}""";
  static final String COMPONENTS_V2 = """
      [{"type":10,"content":"## Components v2"},
       {"type":17,"accent_color":5793266,"spoiler":false,"components":[
         {"type":10,"content":"in a container"},{"type":14,"divider":true,"spacing":1},
         {"type":9,"components":[{"type":10,"content":"a section"}],
          "accessory":{"type":2,"style":2,"label":"Go","custom_id":"go"}},
         {"type":1,"components":[{"type":2,"style":1,"label":"Close","custom_id":"close","emoji":{"name":"🔒"}}]}]}]""";

  private final Emulator emu;
  private final SweepClient http;
  private final TestGuild g;

  MessageSweep(Emulator emu, SweepClient http, TestGuild g) {
    this.emu = emu;
    this.http = http;
    this.g = g;
  }

  void run() {
    String ch = "/channels/" + g.channel("general");
    channel(ch);
    String first = send(ch);
    history(ch, first);
    pins(ch, first);
    edits(ch, first);
    errors(ch);
  }

  private void channel(String ch) {
    http.get(ch);
    http.call(200, "PATCH", ch, "{\"name\":\"general-2\",\"topic\":\"the topic\"}");
    http.call(200, "PATCH", ch, "{\"topic\":null}");
    http.call(204, "POST", ch + "/typing", null);
    String overwrite = ch + "/permissions/" + g.role("Staff");
    http.call(204, "PUT", overwrite, "{\"type\":0,\"allow\":\"1024\",\"deny\":\"2048\"}");
    http.call(204, "PUT", ch + "/permissions/" + g.user("bob"), "{\"type\":1,\"allow\":\"0\",\"deny\":\"0\"}");
    http.call(204, "DELETE", overwrite, null);
  }

  /** Sends every kind of message; returns the first one's id. */
  private String send(String ch) {
    String first = http.call(200, "POST", ch + "/messages",
        "{\"content\":\"hello <@" + g.user("alice") + "> and @everyone\",\"allowed_mentions\":{\"parse\":[]}}").id();
    http.call(200, "POST", ch + "/messages", "{\"content\":\"ping <@" + g.user("bob") + "> <@&" + g.role("Staff")
        + ">\",\"allowed_mentions\":{\"users\":[\"" + g.user("bob") + "\"],\"roles\":[\"" + g.role("Staff")
        + "\"],\"replied_user\":false}}");
    JsonNode emoji = http.call(200, "POST", ch + "/messages",
        "{\"content\":\"buttons\",\"components\":" + EMOJI_COMPONENTS + "}").body();
    assertThat(emoji.path("components").path(0).path("components").path(0).path("emoji").has("id"))
        .as("a unicode emoji comes back without id").isFalse();
    http.call(200, "POST", ch + "/messages", "{\"embeds\":[" + EMBED + "],\"flags\":4096,\"tts\":false}");
    http.call(200, "POST", ch + "/messages", "{\"flags\":32768,\"components\":" + COMPONENTS_V2 + "}");
    http.call(200, "POST", ch + "/messages", "{\"content\":\"a reply\",\"message_reference\":{\"message_id\":\""
        + first + "\",\"fail_if_not_exists\":false},\"allowed_mentions\":{\"replied_user\":true}}");
    http.call(200, "POST", ch + "/messages", "{\"content\":\"reply to nothing\",\"message_reference\":"
        + "{\"message_id\":\"1\",\"fail_if_not_exists\":false}}");
    String nonce = "{\"content\":\"once\",\"nonce\":\"sweep-1\",\"enforce_nonce\":true}";
    String once = http.call(200, "POST", ch + "/messages", nonce).id();
    assertThat(http.call(200, "POST", ch + "/messages", nonce).id()).isEqualTo(once);
    http.call(200, "POST", ch + "/messages", "{\"content\":\"int nonce\",\"nonce\":12345}");
    http.multipart(200, "POST", ch + "/messages", "{\"content\":\"a file\",\"attachments\":[{\"id\":\"0\","
        + "\"filename\":\"notes.txt\",\"description\":\"notes\"}]}", "notes.txt",
        "some notes".getBytes(StandardCharsets.UTF_8));
    return first;
  }

  private void history(String ch, String first) {
    JsonNode page = http.get(ch + "/messages").body();
    assertThat(page.size()).isGreaterThan(5);
    http.get(ch + "/messages?limit=1");
    http.get(ch + "/messages?limit=100&after=" + first);
    http.get(ch + "/messages?before=" + page.path(0).path("id").asText() + "&limit=3");
    http.get(ch + "/messages?around=" + page.path(3).path("id").asText() + "&limit=4");
    http.invalid("GET", ch + "/messages?limit=101", null, "limit");
    http.get(ch + "/messages/" + first);
    http.call(404, "GET", ch + "/messages/1", null);
  }

  private void pins(String ch, String first) {
    http.call(204, "PUT", ch + "/messages/pins/" + first, null);
    JsonNode pins = http.get(ch + "/messages/pins?limit=1").body();
    assertThat(pins.path("items")).hasSize(1);
    http.get(ch + "/messages/pins?before=" + java.net.URLEncoder.encode(
        pins.path("items").path(0).path("pinned_at").asText(), StandardCharsets.UTF_8));
    http.get(ch + "/pins");
    http.call(204, "DELETE", ch + "/messages/pins/" + first, null);
    http.call(204, "PUT", ch + "/pins/" + first, null);
    http.call(204, "DELETE", ch + "/pins/" + first, null);
    http.call(404, "PUT", ch + "/messages/pins/1", null);
    http.invalid("GET", ch + "/messages/pins?limit=51", null, "limit");
  }

  private void edits(String ch, String first) {
    http.call(200, "PATCH", ch + "/messages/" + first, "{\"content\":\"edited\",\"embeds\":[" + EMBED + "],"
        + "\"components\":" + EMOJI_COMPONENTS + ",\"allowed_mentions\":{\"parse\":[\"users\"]}}");
    http.call(200, "PATCH", ch + "/messages/" + first, "{\"flags\":4,\"components\":[]}");
    String a = http.call(200, "POST", ch + "/messages", "{\"content\":\"bulk a\"}").id();
    String b = http.call(200, "POST", ch + "/messages", "{\"content\":\"bulk b\"}").id();
    http.call(204, "POST", ch + "/messages/bulk-delete", "{\"messages\":[\"" + a + "\",\"" + b + "\"]}");
    String c = http.call(200, "POST", ch + "/messages", "{\"content\":\"to delete\"}").id();
    http.call(204, "DELETE", ch + "/messages/" + c, null);
    http.call(404, "DELETE", ch + "/messages/" + c, null);
    long alices = g.as("alice").post(g.channel("general"), "mine").id();
    http.call(403, "PATCH", ch + "/messages/" + alices, "{\"content\":\"not yours\"}");
  }

  private void errors(String ch) {
    http.call(404, "GET", "/channels/1", null);
    http.call(403, "GET", "/channels/" + g.channel("hidden"), null);
    http.call(403, "POST", "/channels/" + g.channel("hidden") + "/messages", "{\"content\":\"x\"}");
    http.call(400, "POST", ch + "/messages", "{\"content\":\"" + "x".repeat(2001) + "\"}");
    http.call(400, "POST", ch + "/messages", "{\"content\":\"\"}");
    http.call(400, "POST", ch + "/messages", "{\"content\":\"dup\",\"components\":[{\"type\":1,\"components\":["
        + "{\"type\":2,\"style\":1,\"label\":\"A\",\"custom_id\":\"same\"},"
        + "{\"type\":2,\"style\":1,\"label\":\"B\",\"custom_id\":\"same\"}]}]}");
    http.invalid("POST", ch + "/messages", "{\"content\":12345}", "content");
    http.call(400, "POST", ch + "/messages", "{\"content\":\"bad json\"");
  }
}
