package dev.tiramisu.discordemu.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.Json;
import dev.tiramisu.discordemu.driver.TestGuild;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** The driver API over plain HTTP, with a real JDA bot answering: what a user sees, what they may do, and errors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DriverApiTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicInteger resets = new AtomicInteger();
  private Emulator emu;
  private SandboxTestBot bot;
  private TestGuild g;
  private WebUi web;

  @BeforeAll
  void start() {
    emu = Emulator.start();
    // slow, loaded machines: only a test about Discord's 3 s deadline should see it
    emu.setBaseInteractionResponseDeadline(java.time.Duration.ofSeconds(30));
    bot = SandboxTestBot.start(emu);
    g = bot.guild;
    web = emu.enableWebUi();
  }

  @AfterAll
  void stop() {
    bot.close();
    emu.close();
  }

  private HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(web.url() + path.replaceFirst("^/", ""))).GET());
  }

  private HttpResponse<String> post(String path, String json) {
    return send(HttpRequest.newBuilder(URI.create(web.url() + path.replaceFirst("^/", "")))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  private HttpResponse<String> send(HttpRequest.Builder b) {
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(HttpResponse<String> r) {
    return Json.parse(r.body());
  }

  private String u(String name) {
    return "/_driver/users/" + g.user(name);
  }

  private String general() {
    return "/channels/" + g.channel("general");
  }

  @Test
  void servesThePageWithoutDisturbingRestOrTheGateway() {
    HttpResponse<String> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
    assertThat(page.body()).contains("<script src=\"app.js\"></script>");
    assertThat(get("/app.js").body()).contains("EventSource");
    assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
    // the REST API still answers, and JDA (connected over the gateway at /) still works
    assertThat(send(HttpRequest.newBuilder(URI.create(emu.restUrl() + "gateway/bot"))
        .header("Authorization", "Bot " + emu.botToken())).statusCode()).isEqualTo(200);
    assertThat(bot.jda.getStatus()).isEqualTo(net.dv8tion.jda.api.JDA.Status.CONNECTED);
  }

  @Test
  void listsUsersAndWhatEachCanSee() {
    JsonNode users = json(get("/_driver/users"));
    assertThat(users.path("users").findValuesAsText("username")).contains("admin", "mod", "alice", "bob");
    assertThat(users.path("botId").asText()).isEqualTo(Long.toString(emu.botUserId()));

    post(u("alice") + general() + "/slash", "{\"command\":\"thread\",\"options\":{\"name\":\"alice-private\"}}");
    emu.await("the thread exists", () -> g.thread("alice-private").isPresent());
    long threadId = g.thread("alice-private").orElseThrow().id();
    emu.await("alice is in the thread", () -> g.thread("alice-private").orElseThrow().memberIds().contains(g.user("alice")));

    assertThat(threadsIn(get(u("alice") + "/sidebar"))).contains("alice-private");
    assertThat(threadsIn(get(u("mod") + "/sidebar"))).contains("alice-private");
    assertThat(threadsIn(get(u("bob") + "/sidebar"))).doesNotContain("alice-private");
    assertThat(get(u("bob") + "/channels/" + threadId + "/messages").statusCode()).isEqualTo(403);
  }

  private static List<String> threadsIn(HttpResponse<String> sidebar) {
    assertThat(sidebar.statusCode()).isEqualTo(200);
    JsonNode channels = json(sidebar).path("guilds").path(0).path("channels");
    return StreamSupport.stream(channels.spliterator(), false)
        .flatMap(c -> StreamSupport.stream(c.path("threads").spliterator(), false))
        .map(t -> t.path("name").asText())
        .toList();
  }

  @Test
  void offersOnlyTheCommandsAUserMayUse() {
    JsonNode member = json(get(u("bob") + general() + "/commands"));
    JsonNode staff = json(get(u("mod") + general() + "/commands"));
    assertThat(member.path("commands").findValuesAsText("name")).contains("ping", "panel", "thread", "greet")
        .doesNotContain("staff");
    assertThat(staff.path("commands").findValuesAsText("name")).contains("staff");
    JsonNode thread = StreamSupport.stream(member.path("commands").spliterator(), false)
        .filter(c -> c.path("name").asText().equals("thread")).findFirst().orElseThrow();
    assertThat(thread.path("options").path(0).path("required").asBoolean()).isTrue();

    HttpResponse<String> hidden = post(u("bob") + general() + "/slash", "{\"command\":\"staff\"}");
    assertThat(hidden.statusCode()).isEqualTo(403);
    assertThat(json(hidden).path("message").asText()).contains("/staff is hidden");
    HttpResponse<String> missing = post(u("bob") + general() + "/slash", "{\"command\":\"thread\"}");
    assertThat(missing.statusCode()).isEqualTo(403);
    assertThat(json(missing).path("message").asText()).contains("option name is required");
  }

  @Test
  void ephemeralRepliesAreShownOnlyToTheirUserWithMentionsNamed() {
    HttpResponse<String> r = post(u("alice") + general() + "/slash", "{\"command\":\"/ping\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).path("responseType").asInt()).isEqualTo(4);
    JsonNode alice = json(get(u("alice") + general() + "/messages"));
    JsonNode pong = lastWith(alice, "pong");
    assertThat(pong.path("ephemeral").asBoolean()).isTrue();
    assertThat(pong.path("interaction").path("command").asText()).isEqualTo("ping");
    assertThat(alice.path("names").path("users").path(Long.toString(g.user("alice"))).asText()).isEqualTo("alice");
    String pongId = pong.path("id").asText();
    JsonNode bob = json(get(u("bob") + general() + "/messages"));
    assertThat(bob.path("messages").findValuesAsText("id")).doesNotContain(pongId);
  }

  private static JsonNode lastWith(JsonNode messages, String text) {
    JsonNode found = null;
    for (JsonNode m : messages.path("messages")) {
      if (m.path("content").asText().contains(text)) {
        found = m;
      }
    }
    assertThat(found).as("a message containing " + text).isNotNull();
    return found;
  }

  @Test
  void buttonsSelectsAndModalsWorkForTheirUserOnly() {
    post(u("alice") + general() + "/slash", "{\"command\":\"panel\"}");
    JsonNode panel = lastEmbedMessage(json(get(u("alice") + general() + "/messages")));
    String panelId = panel.path("id").asText();

    HttpResponse<String> hi = post(u("bob") + "/messages/" + panelId + "/click", "{\"customId\":\"hi\"}");
    assertThat(hi.statusCode()).isEqualTo(200);
    assertThat(lastWith(json(get(u("alice") + general() + "/messages")), "**Hi** <@" + g.user("bob"))).isNotNull();

    HttpResponse<String> disabled = post(u("bob") + "/messages/" + panelId + "/click", "{\"customId\":\"never\"}");
    assertThat(disabled.statusCode()).isEqualTo(403);
    assertThat(json(disabled).path("message").asText()).contains("disabled");

    HttpResponse<String> chosen = post(u("bob") + "/messages/" + panelId + "/select",
        "{\"customId\":\"flavour\",\"values\":[\"chocolate\"]}");
    assertThat(chosen.statusCode()).isEqualTo(200);
    assertThat(post(u("bob") + "/messages/" + panelId + "/select",
        "{\"customId\":\"flavour\",\"values\":[\"mint\"]}").statusCode()).isEqualTo(403);

    JsonNode opened = json(post(u("alice") + "/messages/" + panelId + "/click", "{\"customId\":\"form\"}"));
    assertThat(opened.path("responseType").asInt()).isEqualTo(9);
    String opener = opened.path("modal").path("interactionId").asText();
    assertThat(opened.path("modal").path("title").asText()).isEqualTo("Feedback");
    assertThat(json(get(u("alice") + "/modals")).path("modals").findValuesAsText("interactionId")).contains(opener);
    assertThat(json(get(u("bob") + "/modals")).path("modals").findValuesAsText("interactionId")).doesNotContain(opener);
    assertThat(post(u("bob") + "/modals/" + opener + "/submit", "{\"values\":{\"text\":\"x\"}}").statusCode())
        .isEqualTo(404);
    HttpResponse<String> empty = post(u("alice") + "/modals/" + opener + "/submit", "{\"values\":{}}");
    assertThat(empty.statusCode()).isEqualTo(403);
    assertThat(json(empty).path("message").asText()).contains("required");
    assertThat(post(u("alice") + "/modals/" + opener + "/submit", "{\"values\":{\"text\":\"great\"}}").statusCode())
        .isEqualTo(200);
    assertThat(lastWith(json(get(u("alice") + general() + "/messages")), "Thanks: great").path("ephemeral")
        .asBoolean()).isTrue();
    assertThat(json(get(u("alice") + "/modals")).path("modals").findValuesAsText("interactionId"))
        .doesNotContain(opener);
  }

  private static JsonNode lastEmbedMessage(JsonNode messages) {
    JsonNode found = null;
    for (JsonNode m : messages.path("messages")) {
      if (m.path("embeds").size() > 0) {
        found = m;
      }
    }
    assertThat(found).as("a message with an embed").isNotNull();
    return found;
  }

  @Test
  void userOptionsArePassedAsUsers() {
    HttpResponse<String> r = post(u("alice") + general() + "/slash",
        "{\"command\":\"greet\",\"options\":{\"who\":\"" + g.user("bob") + "\"}}");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode messages = json(get(u("bob") + general() + "/messages"));
    assertThat(lastWith(messages, "Hello <@" + g.user("bob") + ">!").path("ephemeral").asBoolean()).isFalse();
    HttpResponse<String> bad = post(u("alice") + general() + "/slash",
        "{\"command\":\"greet\",\"options\":{\"who\":\"not-a-user\"}}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).path("message").asText()).contains("who").contains("not a valid user");
  }

  @Test
  void refusesBadInputWithAMessage() {
    assertThat(get("/_driver/users/1/sidebar").statusCode()).isEqualTo(404);
    HttpResponse<String> asBot = get("/_driver/users/" + emu.botUserId() + "/sidebar");
    assertThat(asBot.statusCode()).isEqualTo(403);
    assertThat(json(asBot).path("message").asText()).contains("not as the bot");
    assertThat(post(u("alice") + general() + "/messages", "{not json").statusCode()).isEqualTo(400);
    assertThat(post(u("alice") + general() + "/messages", "{\"content\":\"  \"}").statusCode()).isEqualTo(400);
    assertThat(post(u("alice") + general() + "/messages", "{\"content\":\"" + "x".repeat(2001) + "\"}")
        .statusCode()).isEqualTo(400);
    assertThat(post(u("alice") + "/channels/1/messages", "{\"content\":\"hi\"}").statusCode()).isEqualTo(404);
    assertThat(get(u("alice") + general() + "/slash").statusCode()).isEqualTo(405);
    HttpResponse<String> form = send(HttpRequest.newBuilder(URI.create(web.url() + "_driver/reset"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("a=b")));
    assertThat(form.statusCode()).isEqualTo(415);
    HttpResponse<String> crossSite = send(HttpRequest.newBuilder(
            URI.create(web.url() + "_driver/users/" + g.user("alice") + general().substring(0) + "/messages"))
        .header("Content-Type", "application/json")
        .header("Origin", "http://evil.example")
        .POST(HttpRequest.BodyPublishers.ofString("{\"content\":\"hi\"}")));
    assertThat(crossSite.statusCode()).isEqualTo(403);
  }

  /**
   * A refusal sent before the request's body arrived must close the connection and say so: a client that reused
   * it would send its next request into a socket the server is about to drop ("header parser received no bytes").
   */
  @Test
  void aRefusalBeforeTheBodyArrivedClosesTheConnection() throws IOException {
    try (Socket s = new Socket("127.0.0.1", emu.port())) {
      OutputStream out = s.getOutputStream();
      // the body of 3 bytes is never sent: the server answers on the headers alone
      out.write(("POST /_driver/reset HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      assertThat(in.readLine()).contains(" 415 ");
      List<String> headers = new java.util.ArrayList<>();
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        headers.add(line.toLowerCase(java.util.Locale.ROOT));
      }
      assertThat(headers).contains("connection: close");
    }
  }

  @Test
  void refusesAHostNameThatIsNotLoopback() throws IOException {
    try (Socket s = new Socket("127.0.0.1", emu.port())) {
      OutputStream out = s.getOutputStream();
      out.write(("GET /_driver/users HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
          .readLine();
      assertThat(status).contains(" 403 ");
    }
  }

  @Test
  void resetRunsTheHostsHookOnlyWhenThereIsOne() {
    WebUi bare;
    try (Emulator other = Emulator.start()) {
      bare = other.enableWebUi();
      HttpResponse<String> none = send(HttpRequest.newBuilder(URI.create(bare.url() + "_driver/reset"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
      assertThat(none.statusCode()).isEqualTo(501);
      assertThat(Json.parse(none.body()).path("message").asText()).isEqualTo("this sandbox has no reset");
      bare.onReset(resets::incrementAndGet);
      assertThat(json(send(HttpRequest.newBuilder(URI.create(bare.url() + "_driver/users")))).path("resettable")
          .asBoolean()).isTrue();
      HttpResponse<String> done = send(HttpRequest.newBuilder(URI.create(bare.url() + "_driver/reset"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
      assertThat(done.statusCode()).isEqualTo(200);
      assertThat(resets.get()).isEqualTo(1);
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void streamsAChangedEventAfterEveryChange() throws Exception {
    HttpResponse<Stream<String>> stream = http.send(
        HttpRequest.newBuilder(URI.create(web.url() + "_driver/events")).build(),
        HttpResponse.BodyHandlers.ofLines());
    assertThat(stream.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    Iterator<String> lines = stream.body().iterator();
    long first = nextChange(lines);
    assertThat(first).isGreaterThan(0);
    assertThat(web.liveConnections()).isGreaterThanOrEqualTo(1);
    emu.as(g.user("bob")).post(g.channel("general"), "something changed");
    long next = nextChange(lines);
    assertThat(next).isGreaterThan(first);
    stream.body().close();
  }

  /** Reads up to the next "changed" event and returns its version. */
  private static long nextChange(Iterator<String> lines) {
    boolean changed = false;
    while (lines.hasNext()) {
      String line = lines.next();
      if (line.equals("event: changed")) {
        changed = true;
      } else if (changed && line.startsWith("data: ")) {
        return Long.parseLong(line.substring(6).trim());
      }
    }
    throw new AssertionError("the event stream ended");
  }
}
