package dev.tiramisu.tickets.e2e;

import static dev.tiramisu.tickets.e2e.BotHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiramisu.discordemu.Permissions;
import dev.tiramisu.tickets.config.DatabaseConfig;
import dev.tiramisu.tickets.text.MessageKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot as anyone runs it from the command line against the standalone emulator: two processes,
 * {@code java -jar discord-emulator-*-all.jar --port 0 --driver} and the bot's {@code Main} with
 * {@code DISCORD_REST_URL}, {@code DISCORD_GATEWAY_URL} and {@code DISCORD_TOKEN} from the
 * emulator's {@code GET /_driver/info}, and {@code METRICS_PORT}. Everything the test does goes
 * through the emulator's driver HTTP API: it builds a guild, sets the bot up as the admin, runs
 * {@code /ticket create} as a member and finds the ticket's thread and first message.
 *
 * <p>The jar is {@code emulator/target/discord-emulator-*-all.jar}, which {@code mvn verify} of
 * the whole project builds before the bot's tests; when it is missing (the bot module built
 * alone), the same main class runs from this test's class path, still in its own process.
 */
class StandaloneDiscordE2ETest {
  private static final Duration START = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DRIVER = Pattern.compile("driver API: +(\\S+)");

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void the_bot_process_runs_against_the_standalone_emulator_through_the_url_variables(
      @TempDir Path dir) throws Exception {
    Process emulator = startEmulator();
    try {
      String driver = awaitDriverUrl(emulator);
      JsonNode info = json(get(driver + "info"));
      JsonNode guild = json(post(driver + "guilds", """
          {"name": "Standalone",
           "roles": [{"name": "Staff", "permissions": "0", "mentionable": true}],
           "channels": ["tickets", "general", "mod-log"],
           "members": [{"name": "admin", "owner": true}, {"name": "alice"},
                       {"name": "moderator", "roles": ["Staff"]}],
           "botPermissions": "%d"}""".formatted(Permissions.TICKET_BOT)));
      String general = guild.path("channels").path("general").asText();
      String admin = guild.path("members").path("admin").asText();
      String alice = guild.path("members").path("alice").asText();

      int metricsPort = freePort();
      try (ForkedBotProcess bot = ForkedBotProcess.start("standalone",
          info.path("restUrl").asText(), info.path("gatewayUrl").asText(),
          info.path("botToken").asText(),
          DatabaseConfig.sqlite(dir.resolve("tickets.db").toString()),
          Map.of("METRICS_PORT", Integer.toString(metricsPort)))) {
        bot.awaitReady(START);
        assertThat(bot.output()).as(bot.describeLog()).contains("commands registered globally");
        assertThat(json(get(driver + "requests?method=PUT&route="
            + enc("/applications/{application_id}/commands"))).path("requests"))
            .as("the commands were registered through DISCORD_REST_URL").hasSize(1);
        HttpResponse<String> ready = get("http://127.0.0.1:" + metricsPort + "/readyz");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);

        setting(driver, admin, general, "ticket_channel",
            "<#" + guild.path("channels").path("tickets").asText() + ">");
        setting(driver, admin, general, "staff_role",
            "<@&" + guild.path("roles").path("Staff").asText() + ">");

        JsonNode created = json(post(driver + "users/" + alice + "/channels/" + general + "/slash",
            "{\"command\": \"ticket create\", \"options\": {\"reason\": \"from the shell\"}}"));
        String answer = awaitAnswer(driver, created.path("interactionId").asText());
        Matcher thread = Pattern.compile("<#(\\d+)>").matcher(answer);
        assertThat(thread.find()).as("%s %s", answer, bot.describeLog()).isTrue();
        assertThat(answer).startsWith(
            text(MessageKey.TICKET_OPENED_REPLY, 1, Long.parseLong(thread.group(1))));

        JsonNode threads = json(get(driver + "requests?route="
            + enc("POST /channels/{channel_id}/threads"))).path("requests");
        assertThat(threads).hasSize(1);
        assertThat(threads.path(0).path("status").asInt()).isEqualTo(201);
        // the thread exists and alice, brought into it by its first message (which may come a
        // moment after the link), sees that message
        String messages = driver + "users/" + alice + "/channels/" + thread.group(1) + "/messages";
        awaitChange(driver, "alice sees the thread", () -> get(messages).statusCode() == 200);
        JsonNode inThread = json(get(messages)).path("messages");
        assertThat(inThread.findValuesAsText("content"))
            .anyMatch(c -> c.contains("<@" + alice + ">") && c.contains("from the shell"));
        assertThat(json(get(driver + "violations")).path("violations")).isEmpty();

        assertThat(bot.stop()).as(bot.describeLog()).isEqualTo(143);
        assertThat(bot.output()).doesNotContain(info.path("botToken").asText());
      }
    } finally {
      emulator.destroy();
      if (!emulator.waitFor(30, TimeUnit.SECONDS)) {
        emulator.destroyForcibly();
      }
    }
  }

  private void setting(String driver, String admin, String channel, String name, String value)
      throws Exception {
    JsonNode done = json(post(driver + "users/" + admin + "/channels/" + channel + "/slash",
        JSON.writeValueAsString(Map.of("command", "setting set",
            "options", Map.of("name", name, "value", value)))));
    String text = awaitAnswer(driver, done.path("interactionId").asText());
    assertThat(text).startsWith("`" + name + "`");
  }

  /**
   * The content of the interaction's original response once the bot has edited its deferred
   * reply: re-read after every state change the driver's event stream reports, up to a deadline.
   */
  private String awaitAnswer(String driver, String interactionId) throws Exception {
    String[] content = {""};
    awaitChange(driver, "an answer to interaction " + interactionId, () -> {
      content[0] = json(get(driver + "interactions/" + interactionId))
          .path("original").path("content").asText();
      return !content[0].isEmpty();
    });
    return content[0];
  }

  /** Checks {@code holds} again after each change the emulator reports, until it holds. */
  private void awaitChange(String driver, String what, Callable<Boolean> holds) throws Exception {
    long deadline = System.nanoTime() + START.toNanos();
    HttpResponse<java.util.stream.Stream<String>> events = http.send(
        HttpRequest.newBuilder(URI.create(driver + "events")).GET().build(),
        HttpResponse.BodyHandlers.ofLines());
    try (java.util.stream.Stream<String> lines = events.body()) {
      java.util.Iterator<String> changes = lines.iterator();
      while (!holds.call()) {
        // the next event (a change, or the stream's keep-alive comment every 15 s)
        if (System.nanoTime() > deadline || !changes.hasNext()) {
          throw new AssertionError("never: " + what);
        }
        changes.next();
      }
    }
  }

  /** {@code java -jar} of the standalone emulator (or its main class from this class path). */
  private static Process startEmulator() throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Path jar = emulatorJar();
    if (jar != null) {
      command.add("-jar");
      command.add(jar.toString());
    } else {
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add("dev.tiramisu.discordemu.EmulatorMain");
    }
    command.addAll(List.of("--port", "0", "--driver"));
    return new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private static Path emulatorJar() throws IOException {
    Path target = Path.of("..", "emulator", "target");
    if (!Files.isDirectory(target)) {
      return null;
    }
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "discord-emulator-*-all.jar")) {
      for (Path p : jars) {
        return p;
      }
    }
    return null;
  }

  /** Reads the emulator's start-up lines until it prints its driver API's address. */
  private static String awaitDriverUrl(Process emulator) throws IOException {
    BufferedReader out = new BufferedReader(
        new InputStreamReader(emulator.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    String line;
    while ((line = out.readLine()) != null) {
      seen.append(line).append('\n');
      Matcher m = DRIVER.matcher(line);
      if (m.find()) {
        Thread drain = new Thread(() -> {
          try {
            while (out.readLine() != null) {
              // keep the pipe from filling up
            }
          } catch (IOException ended) {
            // the process ended
          }
        }, "standalone-emulator-output");
        drain.setDaemon(true);
        drain.start();
        return m.group(1);
      }
    }
    throw new AssertionError("the emulator ended without printing its driver API: " + seen);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String url, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws IOException {
    assertThat(r.statusCode()).as("%s %s: %s", r.request().method(), r.request().uri(), r.body())
        .isEqualTo(200);
    return JSON.readTree(r.body());
  }
}
