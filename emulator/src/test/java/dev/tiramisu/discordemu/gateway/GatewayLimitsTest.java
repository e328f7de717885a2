package dev.tiramisu.discordemu.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.EmulatorConfig;
import dev.tiramisu.discordemu.Json;
import dev.tiramisu.discordemu.ratelimit.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The two gateway rules a sharded bot meets, at the protocol level and on a moved clock: heartbeats that stop
 * close the connection (4009, the session resumable), and IDENTIFY is limited by {@code max_concurrency} per 5 s
 * with {@code session_start_limit} counting down.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayLimitsTest {
  private static final int GUILDS = 1;
  private final HttpClient http = HttpClient.newHttpClient();
  private Emulator emu;
  private MutableClock clock;

  @BeforeAll
  void start() {
    emu = Emulator.start(EmulatorConfig.defaults().withRateLimits(false)
        .withIdentifyLimits(IdentifyLimits.discord().withMaxConcurrency(2)));
  }

  @AfterAll
  void stop() {
    emu.close();
  }

  @BeforeEach
  void setUp() {
    emu.reset();
    clock = new MutableClock(1_750_000_000_000L);
    emu.gateway().setClock(clock);
    emu.guild("Shards").textChannel("general").member("alice").build();
  }

  @AfterEach
  void noViolations() {
    assertThat(emu.specViolations()).isEmpty();
  }

  // ---------------------------------------------------------------- heartbeats

  @Test
  void aConnectionWhoseHeartbeatsStopIsClosedWith4009AndItsSessionResumes() throws Exception {
    long timeout = emu.gateway().heartbeatTimeoutMillis();
    assertThat(timeout).isGreaterThan(41_250);
    String sessionId;
    int seq;
    try (RawGateway bot = RawGateway.connect(emu.gatewayUrl())) {
      bot.identify(emu.botToken(), GUILDS, 0, 1);
      sessionId = bot.dispatch("READY").path("session_id").asText();
      bot.dispatch("GUILD_CREATE");

      clock.advanceMillis(timeout);
      emu.gateway().checkHeartbeats();
      bot.heartbeat(); // just in time: the deadline starts again
      clock.advanceMillis(timeout);
      emu.gateway().checkHeartbeats();
      assertThat(bot.isClosed()).as("heartbeats in time keep the connection").isFalse();
      assertThat(emu.gateway().heartbeatTimeoutCount()).isZero();

      clock.advanceMillis(1);
      emu.gateway().checkHeartbeats();
      assertThat(bot.awaitClose()).isEqualTo(4009);
      assertThat(emu.gateway().heartbeatTimeoutCount()).isEqualTo(1);
      seq = bot.lastSeq();
    }

    try (RawGateway again = RawGateway.connect(emu.gatewayUrl())) {
      again.resume(emu.botToken(), sessionId, seq);
      again.dispatch("RESUMED");
      assertThat(emu.gateway().resumeCount()).isEqualTo(1);
    }
  }

  @Test
  void aConnectionThatNeverHeartbeatsOrIdentifiesIsClosedToo() throws Exception {
    try (RawGateway idle = RawGateway.connect(emu.gatewayUrl())) {
      clock.advanceMillis(emu.gateway().heartbeatTimeoutMillis() + 1);
      emu.gateway().checkHeartbeats();
      assertThat(idle.awaitClose()).isEqualTo(4009);
    }
  }

  // ---------------------------------------------------------------- identify limits

  @Test
  void identifiesBeyondMaxConcurrencyPerFiveSecondsAreAnsweredWithInvalidSession() throws Exception {
    try (RawGateway shard0 = RawGateway.connect(emu.gatewayUrl());
        RawGateway shard2 = RawGateway.connect(emu.gatewayUrl());
        RawGateway shard1 = RawGateway.connect(emu.gatewayUrl())) {
      shard0.identify(emu.botToken(), GUILDS, 0, 4);
      assertThat(shard0.readyOrInvalidSession().path("t").asText()).isEqualTo("READY");

      shard2.identify(emu.botToken(), GUILDS, 2, 4); // bucket 2 % 2 = 0, as shard 0's
      JsonNode refused = shard2.readyOrInvalidSession();
      assertThat(refused.path("op").asInt()).isEqualTo(9);
      assertThat(refused.path("d").asBoolean(true)).isFalse();

      shard1.identify(emu.botToken(), GUILDS, 1, 4); // bucket 1: free
      assertThat(shard1.readyOrInvalidSession().path("t").asText()).isEqualTo("READY");

      clock.advanceMillis(4_999);
      shard2.identify(emu.botToken(), GUILDS, 2, 4);
      assertThat(shard2.readyOrInvalidSession().path("op").asInt()).isEqualTo(9);
      clock.advanceMillis(1);
      shard2.identify(emu.botToken(), GUILDS, 2, 4); // same connection, 5 s after shard 0
      assertThat(shard2.readyOrInvalidSession().path("t").asText()).isEqualTo("READY");

      assertThat(emu.gateway().identifyCount()).isEqualTo(3);
      JsonNode limit = gatewayBot().path("session_start_limit");
      assertThat(limit.path("total").asInt()).isEqualTo(1000);
      assertThat(limit.path("remaining").asInt()).as("refused identifies start no session").isEqualTo(997);
      assertThat(limit.path("max_concurrency").asInt()).isEqualTo(2);
      assertThat(limit.path("reset_after").asLong()).isEqualTo(Duration.ofHours(24).toMillis() - 5_000);
    }
  }

  @Test
  void sessionStartLimitCountsDownAndResetsAfterResetAfter() throws Exception {
    emu.gateway().identifyLimiter().setLimits(IdentifyLimits.discord().withTotal(3));
    assertThat(gatewayBot().path("session_start_limit").path("remaining").asInt()).isEqualTo(3);
    for (int i = 0; i < 2; i++) {
      try (RawGateway bot = RawGateway.connect(emu.gatewayUrl())) {
        bot.identify(emu.botToken(), GUILDS, 0, 1);
        bot.dispatch("READY");
      }
      clock.advance(Duration.ofSeconds(5));
    }
    JsonNode limit = gatewayBot().path("session_start_limit");
    assertThat(limit.path("remaining").asInt()).isEqualTo(1);
    assertThat(limit.path("reset_after").asLong()).isEqualTo(Duration.ofHours(24).minusSeconds(10).toMillis());

    clock.advance(Duration.ofHours(24).minusSeconds(10));
    limit = gatewayBot().path("session_start_limit");
    assertThat(limit.path("remaining").asInt()).isEqualTo(3);
    assertThat(limit.path("reset_after").asLong()).isEqualTo(Duration.ofHours(24).toMillis());
  }

  @Test
  void anIdentifyWithNoSessionStartLeftEndsEverySessionAndResetsTheToken() throws Exception {
    emu.gateway().identifyLimiter().setLimits(IdentifyLimits.discord().withTotal(1));
    String oldToken = emu.botToken();
    try (RawGateway live = RawGateway.connect(emu.gatewayUrl());
        RawGateway late = RawGateway.connect(emu.gatewayUrl())) {
      live.identify(oldToken, GUILDS, 0, 1);
      live.dispatch("READY");
      clock.advance(Duration.ofSeconds(5));

      late.identify(oldToken, GUILDS, 0, 1);
      assertThat(late.awaitClose()).isEqualTo(4004);
      assertThat(live.awaitClose()).as("every session ends").isEqualTo(4004);
    }
    assertThat(emu.gateway().tokenResetCount()).isEqualTo(1);
    assertThat(emu.botToken()).isNotEqualTo(oldToken);
    assertThat(get("gateway/bot", oldToken).statusCode()).isEqualTo(401);
    assertThat(get("gateway/bot", emu.botToken()).statusCode()).isEqualTo(200);

    clock.advance(Duration.ofHours(24)); // a new window: the new token starts a session
    try (RawGateway bot = RawGateway.connect(emu.gatewayUrl())) {
      bot.identify(emu.botToken(), GUILDS, 0, 1);
      assertThat(bot.readyOrInvalidSession().path("t").asText()).isEqualTo("READY");
    }
    emu.reset();
    assertThat(emu.botToken()).as("reset restores the configured token").isEqualTo(oldToken);
  }

  @Test
  void theTestDefaultCountsButNeverRefuses() throws Exception {
    try (Emulator relaxed = Emulator.start(EmulatorConfig.defaults().withRateLimits(false))) {
      relaxed.guild("G").textChannel("general").member("alice").build();
      for (int i = 0; i < 3; i++) {
        try (RawGateway bot = RawGateway.connect(relaxed.gatewayUrl())) {
          bot.identify(relaxed.botToken(), GUILDS, 0, 1);
          assertThat(bot.readyOrInvalidSession().path("t").asText()).isEqualTo("READY");
        }
      }
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(relaxed.restUrl() + "gateway/bot"))
          .header("Authorization", "Bot " + relaxed.botToken()).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode limit = Json.parse(r.body()).path("session_start_limit");
      assertThat(limit.path("remaining").asInt()).isEqualTo(997);
      assertThat(limit.path("max_concurrency").asInt()).isEqualTo(16);
      assertThat(relaxed.specViolations()).isEmpty();
    }
  }

  private JsonNode gatewayBot() throws Exception {
    HttpResponse<String> r = get("gateway/bot", emu.botToken());
    assertThat(r.statusCode()).isEqualTo(200);
    return Json.parse(r.body());
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(emu.restUrl() + path))
        .header("Authorization", "Bot " + token).build(), HttpResponse.BodyHandlers.ofString());
  }
}
