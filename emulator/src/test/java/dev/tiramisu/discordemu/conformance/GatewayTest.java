package dev.tiramisu.discordemu.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.ratelimit.MutableClock;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.events.session.SessionRecreateEvent;
import net.dv8tion.jda.api.events.session.SessionResumeEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.utils.Compression;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Gateway behaviour JDA depends on: RESUME with replay of missed events, op 7 RECONNECT, op 9 INVALID_SESSION,
 * resumable close codes, the heartbeat timeout, zlib-stream and plain JSON transport.
 */
class GatewayTest extends ConformanceTest {
  private TestGuild g;
  // one instance serves the whole class (PER_CLASS), so per-test state is created in setUp
  private List<String> received;
  private CompletableFuture<Void> resumed;
  private CompletableFuture<Void> recreated;

  private final ListenerAdapter recorder = new ListenerAdapter() {
    @Override
    public void onMessageReceived(MessageReceivedEvent e) {
      received.add(e.getMessage().getContentRaw());
    }

    @Override
    public void onSessionResume(SessionResumeEvent e) {
      resumed.complete(null);
    }

    @Override
    public void onSessionRecreate(SessionRecreateEvent e) {
      recreated.complete(null);
    }
  };

  @BeforeEach
  void setUp() {
    received = new CopyOnWriteArrayList<>();
    resumed = new CompletableFuture<>();
    recreated = new CompletableFuture<>();
    g = emu.guild("Gateway").textChannel("general").member("alice").build();
  }

  private void awaitReceived(String content) {
    emu.await("JDA receives '" + content + "'", () -> received.contains(content));
  }

  @Test
  void resumeAfterADroppedConnectionReplaysEventsMissedDuringTheOutage() throws Exception {
    JDA jda = jda(recorder);
    g.as("alice").post(g.channel("general"), "before");
    awaitReceived("before");
    assertThat(emu.gateway().identifyCount()).isEqualTo(1);

    // refuse reconnections while the message is posted, so it can only arrive through RESUME's replay
    emu.gateway().refuseNextConnections(Integer.MAX_VALUE);
    emu.gateway().dropConnections();
    g.as("alice").post(g.channel("general"), "during the outage");
    assertThat(received).doesNotContain("during the outage");
    emu.gateway().refuseNextConnections(0);

    awaitReceived("during the outage");
    resumed.get(15, TimeUnit.SECONDS);
    assertThat(emu.gateway().resumeCount()).isEqualTo(1);
    assertThat(emu.gateway().identifyCount()).isEqualTo(1);
    assertThat(received).containsExactly("before", "during the outage");

    g.as("alice").post(g.channel("general"), "after");
    awaitReceived("after");
    assertThat(jda.getStatus()).isEqualTo(JDA.Status.CONNECTED);
  }

  @Test
  void opSevenReconnectLeadsToAResume() throws Exception {
    jda(recorder);
    emu.gateway().requestReconnect();
    resumed.get(15, TimeUnit.SECONDS);
    assertThat(emu.gateway().resumeCount()).isEqualTo(1);
    assertThat(emu.gateway().identifyCount()).isEqualTo(1);
    g.as("alice").post(g.channel("general"), "still here");
    awaitReceived("still here");
  }

  @Test
  void resumableCloseCodeLeadsToAResume() throws Exception {
    expectJdaError("closed due to server error! 4000");
    jda(recorder);
    emu.gateway().closeConnections(4000, "Unknown error");
    resumed.get(15, TimeUnit.SECONDS);
    assertThat(emu.gateway().identifyCount()).isEqualTo(1);
    g.as("alice").post(g.channel("general"), "after 4000");
    awaitReceived("after 4000");
  }

  /**
   * The gateway's clock moves past the heartbeat timeout after JDA's first heartbeat: the connection is closed with
   * 4009 and JDA resumes the session (JDA takes 4009 as resumable, as discord.py and discord.js do).
   */
  @Test
  void aConnectionWithoutHeartbeatsIsClosedWith4009AndJdaResumes() throws Exception {
    MutableClock clock = new MutableClock(System.currentTimeMillis());
    emu.gateway().setClock(clock);
    jda(recorder);
    // JDA sends its first heartbeat when HELLO arrives, but only once its socket counts as
    // connected (set on another thread): when HELLO wins that race, the first heartbeat comes one
    // interval (41.25 s) later. Wait past one interval rather than fail.
    emu.await("JDA's first heartbeat",
        java.time.Duration.ofSeconds(62),
        () -> emu.gateway().heartbeatCount() >= 1);
    clock.advanceMillis(emu.gateway().heartbeatTimeoutMillis() + 1);
    emu.gateway().checkHeartbeats();
    resumed.get(15, TimeUnit.SECONDS);
    assertThat(emu.gateway().heartbeatTimeoutCount()).isEqualTo(1);
    assertThat(emu.gateway().resumeCount()).isEqualTo(1);
    assertThat(emu.gateway().identifyCount()).isEqualTo(1);
    g.as("alice").post(g.channel("general"), "after the timeout");
    awaitReceived("after the timeout");
  }

  /** Costs about 2 s: JDA waits its initial reconnect delay (2 s, not configurable) before re-identifying. */
  @Test
  void invalidSessionNotResumableMakesJdaIdentifyAgain() throws Exception {
    JDA jda = jda(recorder);
    emu.gateway().invalidateSessions(false);
    // an event of the invalidated session: Discord never delivers it (the client identifies anew)
    g.as("alice").post(g.channel("general"), "while invalid");
    recreated.get(15, TimeUnit.SECONDS);
    assertThat(emu.gateway().identifyCount()).isEqualTo(2);
    assertThat(emu.gateway().resumeCount()).isZero();
    emu.await("JDA is connected again", () -> jda.getStatus() == JDA.Status.CONNECTED);
    assertThat(jda.getGuildById(g.id)).isNotNull();
    g.as("alice").post(g.channel("general"), "after re-identify");
    awaitReceived("after re-identify");
    assertThat(received).as("events are delivered in order: the earlier one would be here")
        .doesNotContain("while invalid");
    jda.getTextChannelById(g.channel("general")).sendMessage("bot still works").complete();
    assertThat(g.messages("general")).extracting(m -> m.content()).contains("bot still works");
  }

  /**
   * At the protocol level (JDA drops the socket on op 9, so it cannot show this): after a
   * non-resumable INVALID_SESSION no event of the old session reaches the connection, and a new
   * IDENTIFY on the same connection is answered with READY, as Discord does.
   */
  @Test
  void afterInvalidSessionTheOldSessionSendsNothingAndTheSameConnectionIdentifiesAgain()
      throws Exception {
    java.util.concurrent.BlockingQueue<com.fasterxml.jackson.databind.JsonNode> frames =
        new java.util.concurrent.LinkedBlockingQueue<>();
    StringBuilder partial = new StringBuilder();
    java.net.http.WebSocket ws = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(java.net.URI.create(emu.gatewayUrl() + "?v=10&encoding=json"),
            new java.net.http.WebSocket.Listener() {
              @Override
              public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket w,
                  CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                  frames.add(dev.tiramisu.discordemu.Json.parse(partial.toString()));
                  partial.setLength(0);
                }
                w.request(1);
                return null;
              }
            }).get(10, TimeUnit.SECONDS);
    try {
      assertThat(next(frames, f -> f.path("op").asInt() == 10)).isNotNull(); // HELLO
      String identify = "{\"op\":2,\"d\":{\"token\":\"" + emu.botToken() + "\",\"intents\":"
          + (1 << 9 | 1 << 15) + ",\"properties\":{\"os\":\"linux\",\"browser\":\"t\","
          + "\"device\":\"t\"}}}";
      ws.sendText(identify, true).get(10, TimeUnit.SECONDS);
      next(frames, f -> "READY".equals(f.path("t").asText()));

      emu.gateway().invalidateSessions(false);
      next(frames, f -> f.path("op").asInt() == 9);
      g.as("alice").post(g.channel("general"), "while invalid");
      ws.sendText(identify, true).get(10, TimeUnit.SECONDS);

      List<com.fasterxml.jackson.databind.JsonNode> beforeReady = new java.util.ArrayList<>();
      next(frames, f -> {
        beforeReady.add(f);
        return "READY".equals(f.path("t").asText());
      });
      assertThat(beforeReady).as("no event of the invalidated session")
          .noneMatch(f -> "MESSAGE_CREATE".equals(f.path("t").asText()));
      assertThat(emu.gateway().identifyCount()).isEqualTo(2);
    } finally {
      ws.abort();
    }
  }

  /** The next frame matching {@code match}, skipping others; fails after 10 s without one. */
  private static com.fasterxml.jackson.databind.JsonNode next(
      java.util.concurrent.BlockingQueue<com.fasterxml.jackson.databind.JsonNode> frames,
      java.util.function.Predicate<com.fasterxml.jackson.databind.JsonNode> match)
      throws InterruptedException {
    while (true) {
      com.fasterxml.jackson.databind.JsonNode f = frames.poll(10, TimeUnit.SECONDS);
      if (f == null) {
        throw new AssertionError("no matching gateway frame within 10 s");
      }
      if (match.test(f)) {
        return f;
      }
    }
  }

  @Test
  void zlibStreamIsJdasDefaultTransport() {
    jda(recorder);
    assertThat(emu.gateway().connectionCount()).isEqualTo(1);
    assertThat(emu.gateway().compressedConnectionCount()).isEqualTo(1);
    for (int i = 0; i < 50; i++) {
      g.as("alice").post(g.channel("general"), "compressed " + i);
    }
    awaitReceived("compressed 49");
    assertThat(received).hasSize(50);
  }

  @Test
  void plainJsonTransportWorks() {
    jda(DEFAULT_INTENTS, b -> b.setCompression(Compression.NONE), recorder);
    assertThat(emu.gateway().connectionCount()).isEqualTo(1);
    assertThat(emu.gateway().compressedConnectionCount()).isZero();
    g.as("alice").post(g.channel("general"), "plain");
    awaitReceived("plain");
  }

  @Test
  void wrongTokenIsRefusedBeforeTheGateway() {
    assertThatThrownBy(() -> builder(EnumSet.of(GatewayIntent.GUILD_MESSAGES)).setToken("not-the-token").build())
        .isInstanceOf(InvalidTokenException.class);
    assertThat(emu.requests().route("GET /users/@me")).singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(401));
    assertThat(emu.gateway().identifyCount()).isZero();
  }
}
