package dev.tiramisu.discordemu.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.EmulatorConfig;
import dev.tiramisu.discordemu.Permissions;
import dev.tiramisu.discordemu.RequestLog;
import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.driver.ThreadView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A second client: a small discord.js 14 bot ({@code src/test/discordjs/script.js}, version pinned in its
 * package-lock.json) runs against the emulator with OpenAPI validation of requests and responses on. It does what a
 * ticket bot does; the test acts as the users through the driver and checks the emulator's state, its request log,
 * zero spec violations in either direction, and the script's own checks of every answer (its exit code).
 *
 * <p>Needs {@code node} (18+) and {@code npm} on PATH; {@code node_modules} is installed with
 * {@code npm ci --prefer-offline} when missing. Run alone:
 * {@code mvn -B -pl emulator verify -Dtest=DiscordJsConformanceTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class DiscordJsConformanceTest {
  /** Generous: a loaded 2-core machine starts Node and discord.js slowly; nothing here measures time. */
  private static final Duration STEP = Duration.ofSeconds(90);

  private Emulator emu;
  private NodeScript script;

  @BeforeEach
  void start() {
    // heartbeats every 3 s (Discord: about 41 s), so discord.js heartbeats during the run and must see them acked
    EmulatorConfig config = EmulatorConfig.defaults().withHeartbeatInterval(3_000);
    assertThat(config.openApiSpec()).as("the OpenAPI spec the emulator validates against").isNotNull();
    assertThat(config.rejectInvalidRequests()).as("requests that break the spec are refused").isTrue();
    emu = Emulator.start(config);
    emu.setBaseInteractionResponseDeadline(Duration.ofSeconds(30));
  }

  @AfterEach
  void stop() {
    try {
      if (script != null) {
        script.close();
      }
    } finally {
      emu.close();
    }
  }

  @Test
  void aDiscordJsBotRunsATicketLifecycleAgainstTheEmulator() {
    TestGuild g = emu.guild("Conformance")
        .role("Staff", Permissions.MANAGE_THREADS)
        .textChannel("general")
        .owner("admin").member("alice").member("bob").member("mod", "Staff")
        // pings of @everyone and of the role would go through: only allowed_mentions keeps them silent
        .botPermissions(Permissions.TICKET_BOT | Permissions.MENTION_EVERYONE)
        .build();
    g.setRoleMentionable("Staff", true);
    long general = g.channel("general");
    long alice = g.user("alice");

    script = NodeScript.start(projectDir(), "script.js", Map.of(
        "DISCORD_API", emu.restUrl().replaceFirst("/v10/?$", ""),
        "DISCORD_TOKEN", emu.botToken(),
        "GUILD_NAME", "Conformance", "SECOND_GUILD_NAME", "Joined later", "CHANNEL_NAME", "general",
        "MEMBER_NAME", "alice", "DM_USER_NAME", "bob", "ROLE_NAME", "Staff",
        "STEP_TIMEOUT_MS", String.valueOf(STEP.toMillis())), List.of(emu.botToken()));

    // READY (+ the GUILD_CREATE discord.js waits for), then a guild joined while connected
    String ready = script.awaitLine("@@ ready", STEP);
    assertThat(ready).contains("\"guilds\":1", "\"members\":5");
    emu.guild("Joined later").textChannel("lobby").owner("carol").build();
    assertThat(script.awaitLine("@@ guild-create", STEP)).contains("\"name\":\"Joined later\"", "\"channels\":1");

    // alice, just added to the private thread, writes in it
    script.awaitLine("@@ thread-member", STEP);
    long threadId = g.threads().get(0).id();
    g.as("alice").post(threadId, "My printer is on fire");

    // the slash command, once the script registered it and did everything else
    script.awaitLine("@@ awaiting-command", STEP);
    InteractionHandle h = g.as("alice").slash(general, "ping");
    MessageView reply = h.awaitReply();
    assertThat(h.responseType()).as("deferred (type 5), then edited").isEqualTo(5);
    assertThat(reply.content()).isEqualTo("Pong from discord.js");
    assertThat(reply.ephemeral()).isFalse();
    assertThat(reply.interactionId()).isEqualTo(h.id);

    int exit = script.awaitExit(STEP);
    assertThat(exit).as("the script's exit code (its own checks)" + script.transcript()).isZero();
    assertThat(script.stdout()).filteredOn(l -> l.startsWith("@@ ")).extracting(l -> l.split(" ")[1])
        .containsExactly("ready", "guild-create", "commands", "sent", "thread", "pinned", "thread-member",
            "user-message", "history", "closed", "dm", "awaiting-command", "command-answered", "heartbeat", "done");
    emu.await("the request log written", () -> emu.requests().all().stream()
        .anyMatch(e -> e.route().equals("GET /webhooks/{application_id}/{interaction_token}/messages/@original")));

    // the routes, for the test's output (templates only: paths would carry the interaction token)
    emu.requests().all().forEach(e -> System.out.println("[emulator] " + e.status() + " " + e.route()));

    // gateway: one identify per client, READY listed the first guild, the second came as GUILD_CREATE
    assertThat(emu.gateway().identifyCount()).isEqualTo(1);

    // allowed mentions: sent as discord.js was told, and nobody was pinged
    RequestLog log = emu.requests();
    RequestLog.Entry hello = log.route("POST /channels/{channel_id}/messages").stream()
        .filter(e -> e.path().contains("/" + general + "/")).findFirst().orElseThrow();
    assertThat(hello.body().path("allowed_mentions").path("parse").isArray()).isTrue();
    assertThat(hello.body().path("allowed_mentions").path("parse")).isEmpty();
    MessageView helloMsg = g.messages(general).get(0);
    assertThat(helloMsg.content()).startsWith("Hello <@" + alice + ">, @everyone");
    assertThat(helloMsg.pingedUsers()).isEmpty();
    assertThat(helloMsg.pingedRoles()).isEmpty();
    assertThat(helloMsg.pingedEveryone()).isFalse();

    // the private thread: pinned first message, alice added (and pinged once, by id), renamed, archived, locked
    assertThat(g.threads()).hasSize(1);
    ThreadView t = g.threads().get(0);
    assertThat(t.id()).isEqualTo(threadId);
    assertThat(t.isPrivate()).isTrue();
    assertThat(t.invitable()).isFalse();
    assertThat(t.name()).isEqualTo("[Closed] Ticket 1");
    assertThat(t.archived()).isTrue();
    assertThat(t.locked()).isTrue();
    assertThat(t.memberIds()).contains(alice, emu.botUserId());
    List<MessageView> inThread = g.messages(t.id());
    assertThat(inThread).extracting(MessageView::content).containsExactly("First message of the ticket",
        "My printer is on fire", "<@" + alice + "> welcome, staff will be with you");
    assertThat(t.pins()).containsExactly(inThread.get(0).id());
    assertThat(inThread.get(0).pingedUsers()).isEmpty();
    assertThat(inThread.get(2).pingedUsers()).as("allowed_mentions.users = [alice]").containsExactly(alice);
    JsonNode close = log.route("PATCH /channels/{channel_id}").get(0).body();
    assertThat(close.path("name").asText()).isEqualTo("[Closed] Ticket 1");
    assertThat(close.path("archived").asBoolean()).isTrue();
    assertThat(close.path("locked").asBoolean()).isTrue();

    // the DM reached bob
    assertThat(g.dms("bob")).extracting(MessageView::content).containsExactly("Your ticket was closed");

    // the routes discord.js 14 used: the current pin route, history and pins reads, the thread member add
    assertThat(log.all()).extracting(RequestLog.Entry::route).contains(
        "GET /gateway/bot",
        "PUT /applications/{application_id}/guilds/{guild_id}/commands",
        "POST /channels/{channel_id}/threads",
        "PUT /channels/{channel_id}/messages/pins/{message_id}",
        "PUT /channels/{channel_id}/thread-members/{user_id}",
        "GET /channels/{channel_id}/thread-members",
        "GET /channels/{channel_id}/messages",
        "GET /channels/{channel_id}/messages/pins",
        "POST /users/@me/channels",
        "POST /interactions/{interaction_id}/{interaction_token}/callback",
        "PATCH /webhooks/{application_id}/{interaction_token}/messages/@original",
        "GET /webhooks/{application_id}/{interaction_token}/messages/@original");
    assertThat(log.all()).extracting(RequestLog.Entry::route)
        .doesNotContain("PUT /channels/{channel_id}/pins/{message_id}");
    assertThat(log.all()).as("every request succeeded")
        .allSatisfy(e -> assertThat(e.status()).as(e.route()).isLessThan(400));

    // Discord's OpenAPI spec held in both directions
    assertThat(emu.specViolations()).as("OpenAPI violations (requests and responses)").isEmpty();
  }

  @Test
  void aMissingExecutableFailsSayingWhatToInstall() {
    assertThatThrownBy(() -> NodeScript.requireExecutable("no-such-node-for-this-test"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("`no-such-node-for-this-test` was not found on PATH")
        .hasMessageContaining("Node.js 18 or later");
  }

  /** The npm project: from the module's directory (Maven) or the repository root (an IDE). */
  private static Path projectDir() {
    for (Path p : new Path[] {Path.of("src", "test", "discordjs"), Path.of("emulator", "src", "test", "discordjs")}) {
      if (Files.isRegularFile(p.resolve("package-lock.json"))) {
        return p.toAbsolutePath();
      }
    }
    throw new AssertionError("the discord.js project (emulator/src/test/discordjs) was not found from "
        + Path.of("").toAbsolutePath());
  }
}
