package dev.tiramisu.discordemu.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.Json;
import dev.tiramisu.discordemu.driver.TestGuild;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /_driver/users/{u}/messages/{m}/attachments/{i}}: the stored bytes with a type the page can show,
 * under a sandboxing policy, only to a user who can see the message (an ephemeral answer: its user; a DM: its
 * recipient); 404 for what does not exist.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttachmentRouteTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private Emulator emu;
  private SandboxTestBot bot;
  private TestGuild g;
  private WebUi web;
  private JsonNode ephemeral;
  private JsonNode dm;

  @BeforeAll
  void start() {
    emu = Emulator.start();
    emu.setBaseInteractionResponseDeadline(java.time.Duration.ofSeconds(30));
    bot = SandboxTestBot.start(emu);
    g = bot.guild;
    web = emu.enableWebUi();
    HttpResponse<byte[]> ran = send(HttpRequest.newBuilder(uri(u("alice") + "/channels/" + g.channel("general")
        + "/slash")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"command\":\"files\"}")));
    assertThat(ran.statusCode()).isEqualTo(200);
    // the condition runs with the state's monitor held: it reads the state, never the HTTP API (which needs it)
    emu.await("alice's DM holds the file", () -> {
      var state = emu.state();
      Long dmId = state.users.get(g.user("alice")).dmChannelId;
      var dmChannel = dmId == null ? null : state.channels.get(dmId);
      return dmChannel != null && dmChannel.messageIds.stream().map(state.messages::get)
          .anyMatch(m -> m != null && !m.attachments.isEmpty());
    });
    ephemeral = withFiles(g.channel("general"));
    dm = withFiles(dmChannel());
    assertThat(ephemeral).isNotNull();
  }

  @AfterAll
  void stop() {
    bot.close();
    emu.close();
  }

  @Test
  void servesAPngAsAnImageWithItsBytes() {
    JsonNode png = ephemeral.path("attachments").path(0);
    assertThat(png.path("name").asText()).isEqualTo("chart.png");
    assertThat(png.path("image").asBoolean()).isTrue();
    assertThat(png.path("size").asInt()).isEqualTo(SandboxTestBot.PNG.length);
    HttpResponse<byte[]> r = get(png.path("url").asText());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.body()).isEqualTo(SandboxTestBot.PNG);
  }

  @Test
  void servesHtmlOnlyUnderASandboxingPolicy() {
    JsonNode html = ephemeral.path("attachments").path(1);
    assertThat(html.path("name").asText()).isEqualTo("page.html");
    assertThat(html.path("image").asBoolean()).isFalse();
    HttpResponse<byte[]> r = get(html.path("url").asText());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(r.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).startsWith("sandbox;").contains("default-src 'none'")
            .doesNotContain("allow-scripts", "allow-same-origin"));
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(SandboxTestBot.HTML);
  }

  @Test
  void servesADmFileToItsRecipient() {
    JsonNode note = dm.path("attachments").path(0);
    HttpResponse<byte[]> r = get(note.path("url").asText());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("secret\n");
  }

  @Test
  void refusesAnotherUsersEphemeralAnswerAndDm() {
    String bob = "/_driver/users/" + g.user("bob");
    String alice = "/_driver/users/" + g.user("alice");
    String ephemeralUrl = ephemeral.path("attachments").path(0).path("url").asText();
    String dmUrl = dm.path("attachments").path(0).path("url").asText();
    assertThat(ephemeralUrl).startsWith(alice);
    HttpResponse<byte[]> asBob = get(ephemeralUrl.replace(alice, bob));
    assertThat(asBob.statusCode()).isEqualTo(403);
    assertThat(new String(asBob.body(), StandardCharsets.UTF_8)).doesNotContain("IHDR");
    HttpResponse<byte[]> dmAsBob = get(dmUrl.replace(alice, bob));
    assertThat(dmAsBob.statusCode()).isEqualTo(403);
    assertThat(new String(dmAsBob.body(), StandardCharsets.UTF_8)).doesNotContain("secret");
    // staff see general, but not alice's ephemeral answer there
    assertThat(get(ephemeralUrl.replace(alice, "/_driver/users/" + g.user("mod"))).statusCode()).isEqualTo(403);
  }

  @Test
  void answers404ForUnknownMessagesAndIndexes() {
    String ephemeralUrl = ephemeral.path("attachments").path(0).path("url").asText();
    assertThat(get(ephemeralUrl.replaceFirst("/0$", "/7")).statusCode()).isEqualTo(404);
    assertThat(get(u("alice") + "/messages/123456789/attachments/0").statusCode()).isEqualTo(404);
    assertThat(get("/_driver/users/42/messages/" + ephemeral.path("id").asText() + "/attachments/0").statusCode())
        .isEqualTo(404);
    HttpResponse<byte[]> post = send(HttpRequest.newBuilder(uri(ephemeralUrl)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(post.statusCode()).isEqualTo(405);
  }

  private String u(String name) {
    return "/_driver/users/" + g.user(name);
  }

  private String dmChannel() {
    JsonNode dms = Json.parse(get(u("alice") + "/sidebar").body()).path("dms");
    return dms.isEmpty() ? null : dms.path(0).path("id").asText();
  }

  /** The last message with files in a channel, as alice sees it. */
  private JsonNode withFiles(Object channelId) {
    JsonNode messages = Json.parse(get(u("alice") + "/channels/" + channelId + "/messages").body()).path("messages");
    return StreamSupport.stream(messages.spliterator(), false)
        .filter(m -> !m.path("attachments").isEmpty())
        .reduce((a, b) -> b).orElse(null);
  }

  private URI uri(String path) {
    return URI.create(web.url() + path.replaceFirst("^/", ""));
  }

  private HttpResponse<byte[]> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder b) {
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
