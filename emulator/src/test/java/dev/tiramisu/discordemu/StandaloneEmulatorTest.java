package dev.tiramisu.discordemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tiramisu.discordemu.gateway.RawGateway;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The standalone emulator as a test in another language uses it: started through {@link EmulatorMain}'s command
 * line with {@code --driver}, then driven only over HTTP and a raw gateway websocket: build a guild, connect a
 * minimal bot, run its slash command as a user, let the bot answer over REST, read the request log and the spec
 * violations.
 */
class StandaloneEmulatorTest {
  private static final int GUILDS = 1;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aBotInAnyLanguageCanBeTestedEntirelyOverHttp() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Emulator emu = EmulatorMain.start(new String[] {"--port", "0", "--driver"},
        new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      Matcher m = Pattern.compile("driver API: +(\\S+)").matcher(printed.toString(StandardCharsets.UTF_8));
      assertThat(m.find()).as("the driver API's address is printed: %s", printed).isTrue();
      String driver = m.group(1);

      JsonNode info = json(get(driver + "info"), 200);
      String rest = info.path("restUrl").asText();
      String token = info.path("botToken").asText();
      String app = info.path("applicationId").asText();

      // a guild from JSON, then a channel, a member and a role added to it
      JsonNode guild = json(post(driver + "guilds", """
          {"name": "Support", "roles": [{"name": "Staff", "permissions": "0"}], "channels": ["general"],
           "members": [{"name": "alice"}, {"name": "mod", "roles": ["Staff"]}]}"""), 200);
      String guildId = guild.path("id").asText();
      String general = guild.path("channels").path("general").asText();
      String alice = guild.path("members").path("alice").asText();
      assertThat(guild.path("roles").path("Staff").asText()).isNotEmpty();
      String help = json(post(driver + "guilds/" + guildId + "/channels", "{\"name\": \"help\"}"), 200)
          .path("id").asText();
      String carol = json(post(driver + "guilds/" + guildId + "/members",
          "{\"name\": \"carol\", \"roles\": [\"Staff\"]}"), 200).path("id").asText();
      String mods = json(post(driver + "guilds/" + guildId + "/roles",
          "{\"name\": \"Mods\", \"permissions\": \"8192\"}"), 200).path("id").asText();
      JsonNode ids = json(get(driver + "guilds/" + guildId), 200);
      assertThat(ids.path("channels").path("help").asText()).isEqualTo(help);
      assertThat(ids.path("members").path("carol").asText()).isEqualTo(carol);
      assertThat(ids.path("roles").path("Mods").asText()).isEqualTo(mods);

      // Discord's session start limits for a small bot, as the standalone jar reports them
      JsonNode limit = json(rest(rest + "gateway/bot", token, "GET", null), 200).path("session_start_limit");
      assertThat(limit.path("max_concurrency").asInt()).isEqualTo(1);
      assertThat(limit.path("remaining").asInt()).isEqualTo(1000);

      try (RawGateway bot = RawGateway.connect(info.path("gatewayUrl").asText())) {
        bot.identify(token, GUILDS, 0, 1);
        bot.dispatch("READY");
        JsonNode created = bot.dispatch("GUILD_CREATE");
        assertThat(created.path("channels").findValuesAsText("name")).contains("general", "help");
        bot.heartbeat();
        assertThat(json(rest(rest + "gateway/bot", token, "GET", null), 200)
            .path("session_start_limit").path("remaining").asInt()).isEqualTo(999);

        json(rest(rest + "applications/" + app + "/commands", token, "PUT", """
            [{"name": "ping", "description": "Replies with pong", "type": 1,
              "options": [{"type": 3, "name": "word", "description": "A word to echo"}]}]"""), 200);
        int mark = json(post(driver + "requests/mark", ""), 200).path("mark").asInt();

        // alice runs /ping; the driver answers once the bot has answered, so send it without waiting
        CompletableFuture<HttpResponse<String>> slash = http.sendAsync(jsonPost(
            driver + "users/" + alice + "/channels/" + general + "/slash",
            "{\"command\": \"ping\", \"options\": {\"word\": \"hello\"}}"), HttpResponse.BodyHandlers.ofString());
        JsonNode interaction = bot.dispatch("INTERACTION_CREATE");
        assertThat(interaction.path("data").path("name").asText()).isEqualTo("ping");
        assertThat(interaction.path("data").path("options").path(0).path("value").asText()).isEqualTo("hello");
        String interactionId = interaction.path("id").asText();
        HttpResponse<String> callback = rest(rest + "interactions/" + interactionId + "/"
            + interaction.path("token").asText() + "/callback", token, "POST", """
            {"type": 4, "data": {"content": "pong hello", "allowed_mentions": {"parse": []}}}""");
        assertThat(callback.statusCode()).as(callback.body()).isEqualTo(204);

        JsonNode outcome = json(slash.get(30, TimeUnit.SECONDS), 200);
        assertThat(outcome.path("interactionId").asText()).isEqualTo(interactionId);
        assertThat(outcome.path("responseType").asInt()).isEqualTo(4);
        JsonNode answered = json(get(driver + "interactions/" + interactionId), 200);
        assertThat(answered.path("original").path("content").asText()).isEqualTo("pong hello");
        JsonNode seen = json(get(driver + "users/" + alice + "/channels/" + general + "/messages"), 200);
        JsonNode last = seen.path("messages").path(seen.path("messages").size() - 1);
        assertThat(last.path("content").asText()).isEqualTo("pong hello");

        // the request log since the mark, all of it and filtered by route
        JsonNode since = json(get(driver + "requests?since=" + mark), 200);
        assertThat(since.path("requests").findValuesAsText("route"))
            .containsExactly("/interactions/{interaction_id}/{interaction_token}/callback");
        assertThat(since.path("next").asInt()).isEqualTo(mark + 1);
        JsonNode callbacks = json(get(driver + "requests?since=" + mark + "&route="
            + enc("POST /interactions/{interaction_id}/{interaction_token}/callback")), 200).path("requests");
        assertThat(callbacks).hasSize(1);
        assertThat(callbacks.path(0).path("status").asInt()).isEqualTo(204);
        assertThat(callbacks.path(0).path("body").path("type").asInt()).isEqualTo(4);
        assertThat(json(get(driver + "requests?method=PUT&route=" + enc("/applications/{application_id}/commands")),
            200).path("requests")).hasSize(1);
        assertThat(json(get(driver + "requests?since=" + mark + "&method=GET"), 200).path("requests")).isEmpty();
        assertThat(get(driver + "requests").body()).as("the log never holds the token").doesNotContain(token);
      }

      assertThat(json(get(driver + "violations"), 200).path("violations")).isEmpty();
      // a request Discord's spec refuses: answered 400 and listed until taken
      HttpResponse<String> bad = rest(rest + "channels/" + general + "/messages", token, "POST", "{\"content\": 5}");
      assertThat(bad.statusCode()).isEqualTo(400);
      JsonNode violations = json(get(driver + "violations"), 200).path("violations");
      assertThat(violations).hasSize(1);
      assertThat(violations.path(0).asText()).contains("POST /channels/{channel_id}/messages", "/content");
      assertThat(json(post(driver + "violations/take", ""), 200).path("violations")).isEqualTo(violations);
      assertThat(json(get(driver + "violations"), 200).path("violations")).isEmpty();

      // between two tests: forget everything
      json(post(driver + "reset", ""), 200);
      assertThat(get(driver + "guilds/" + guildId).statusCode()).isEqualTo(404);
      assertThat(json(get(driver + "requests"), 200).path("requests")).isEmpty();
    } finally {
      emu.close();
    }
  }

  @Test
  void theDriverRefusesBadInputClearly() throws Exception {
    Emulator emu = EmulatorMain.start(new String[] {"--port", "0", "--driver"},
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      String driver = emu.enableWebUi().url() + "_driver/";
      assertThat(json(post(driver + "guilds", "{}"), 400).path("message").asText()).contains("name");
      assertThat(json(post(driver + "guilds", "{\"name\": \"G\", \"members\": [{\"name\": \"a\", \"roles\": "
          + "[\"Nope\"]}]}"), 400).path("message").asText()).contains("Nope");
      assertThat(get(driver + "guilds/123").statusCode()).isEqualTo(404);
      assertThat(json(get(driver + "requests?since=x"), 400).path("kind").asText()).isEqualTo("bad_request");
      assertThat(get(driver + "requests/mark").statusCode()).isEqualTo(405);
      assertThat(http.send(HttpRequest.newBuilder(URI.create(driver + "requests/mark"))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
          .as("POSTs must be JSON").isEqualTo(415);
      assertThat(get(driver + "interactions/1").statusCode()).isEqualTo(404);
    } finally {
      emu.close();
    }
  }

  @Test
  void theCommandLineIsChecked() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    assertThat(EmulatorMain.start(new String[] {"--help"}, new PrintStream(printed, true, StandardCharsets.UTF_8)))
        .isNull();
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("--driver", "--max-concurrency");
    assertThatThrownBy(() -> EmulatorMain.start(new String[] {"--bogus"}, System.out))
        .isInstanceOf(EmulatorMain.UsageException.class).hasMessageContaining("--bogus");
    assertThatThrownBy(() -> EmulatorMain.start(new String[] {"--max-concurrency", "0"}, System.out))
        .isInstanceOf(EmulatorMain.UsageException.class);
    assertThatThrownBy(() -> EmulatorMain.start(new String[] {"--port"}, System.out))
        .isInstanceOf(EmulatorMain.UsageException.class).hasMessageContaining("needs a value");
  }

  /** The standalone jar's logging: its logback configuration loads without errors and keeps Jetty quiet. */
  @Test
  void theStandaloneLogbackConfigurationIsValid() throws Exception {
    LoggerContext context = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(getClass().getClassLoader().getResource(EmulatorMain.LOGBACK_CONFIG));
    assertThat(context.getStatusManager().getCopyOfStatusList())
        .noneMatch(s -> s.getLevel() >= Status.WARN);
    assertThat(context.getLogger("org.eclipse.jetty").getLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("dev.tiramisu.discordemu").getEffectiveLevel()).isEqualTo(Level.INFO);
    context.stop();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String url, String body) throws Exception {
    return http.send(jsonPost(url, body), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest jsonPost(String url, String body) {
    return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  /** A bot's REST call, with its token. */
  private HttpResponse<String> rest(String url, String token, String method, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bot " + token);
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as("%s %s: %s", r.request().method(), r.request().uri(), r.body()).isEqualTo(status);
    return Json.parse(r.body());
  }
}
