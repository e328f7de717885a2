package dev.tiramisu.discordemu.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiramisu.discordemu.ratelimit.Decision;
import dev.tiramisu.discordemu.ratelimit.RateLimitScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MESSAGES = "/channels/{channel.id}/messages";
  private static final String CHANNEL = "/channels/{channel.id}";
  private static final String ME = "/users/@me";

  /** A mixed plan exercising every kind of random draw. */
  private static FaultPlan mixedPlan() {
    return FaultPlan.builder()
        .onRequest("*")
        .probability(0.5)
        .latency(5, 500)
        .onRequest("POST " + MESSAGES)
        .probability(0.3)
        .serverError(503)
        .onRequest("/channels/*")
        .probability(0.1)
        .rateLimited(Duration.ofMillis(750), RateLimitScope.USER)
        .onGatewayDispatch()
        .probability(0.05)
        .reconnect()
        .build();
  }

  /** A fixed, varied request sequence; returns one line per call. */
  private static List<String> drive(FaultInjector f) {
    List<String> out = new ArrayList<>();
    String[][] calls = {{"POST", MESSAGES}, {"GET", ME}, {"PATCH", CHANNEL}, {"POST", MESSAGES}};
    for (int i = 0; i < 400; i++) {
      String[] c = calls[i % calls.length];
      out.add(describe(f.onRequest(c[0], c[1])));
      out.add(f.onGatewayDispatch(0, "MESSAGE_CREATE", i).map(GatewayFault::describe).orElse("-"));
    }
    return out;
  }

  private static String describe(Optional<HttpFault> f) {
    if (f.isEmpty()) {
      return "-";
    }
    HttpFault h = f.get();
    return h.latencyMillis() + "ms/" + (h.hasResponse() ? h.response().status() : "ok");
  }

  @Test
  void sameSeedSameFaults() {
    FaultInjector a = new FaultInjector(mixedPlan(), 42);
    FaultInjector b = new FaultInjector(mixedPlan(), 42);
    List<String> runA = drive(a);
    List<String> runB = drive(b);
    assertThat(runA).isEqualTo(runB);
    assertThat(a.injected()).isEqualTo(b.injected()).isNotEmpty();
    // The plan does inject each kind of fault in this run.
    assertThat(String.join(" ", runA)).contains("/503", "/429", "ms/ok", "reconnect");
  }

  @Test
  void differentSeedsDiffer() {
    List<String> run42 = drive(new FaultInjector(mixedPlan(), 42));
    List<String> run43 = drive(new FaultInjector(mixedPlan(), 43));
    assertThat(run42).isNotEqualTo(run43);
  }

  @Test
  void trafficOutsideARulesScopeDoesNotShiftItsFaults() {
    FaultPlan plan =
        FaultPlan.builder().onRequest("POST " + MESSAGES).probability(0.5).serverError(500).build();
    FaultInjector alone = new FaultInjector(plan, 7);
    FaultInjector mixed = new FaultInjector(plan, 7);
    List<String> a = new ArrayList<>();
    List<String> b = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      a.add(describe(alone.onRequest("POST", MESSAGES)));
      for (int j = 0; j < i % 3; j++) {
        assertThat(mixed.onRequest("GET", MESSAGES)).isEmpty();
        assertThat(mixed.onRequest("POST", ME)).isEmpty();
      }
      b.add(describe(mixed.onRequest("POST", MESSAGES)));
    }
    assertThat(b).isEqualTo(a).contains("0ms/500", "-");
  }

  @Test
  void afterAndTimesAreHonoured() throws Exception {
    FaultInjector f =
        new FaultInjector(
            FaultPlan.builder()
                .onRequest("POST " + MESSAGES)
                .after(2)
                .times(3)
                .serverError(503)
                .build(),
            1);
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      statuses.add(f.onRequest("POST", MESSAGES).map(h -> h.response().status()).orElse(0));
    }
    assertThat(statuses).containsExactly(0, 0, 503, 503, 503, 0, 0, 0);
    assertThat(f.injected()).hasSize(3).allSatisfy(e -> assertThat(e).contains("status 503"));
    assertThat(f.injected().get(0)).contains("match 3").contains("rule #0");
  }

  @Test
  void serverErrorsLookLikeDiscords() throws Exception {
    FaultInjector f =
        new FaultInjector(
            FaultPlan.builder()
                .onRequest("GET " + ME)
                .times(1)
                .serverError(502)
                .onRequest("GET " + ME)
                .times(1)
                .serverError(500, "{\"message\": \"boom\", \"code\": 0}")
                .build(),
            1);
    Decision d = f.onRequest("GET", ME).orElseThrow().response();
    assertThat(d.allowed()).isFalse();
    assertThat(d.status()).isEqualTo(502);
    assertThat(d.headers()).containsEntry("Content-Type", "application/json");
    JsonNode body = JSON.readTree(d.body());
    assertThat(body.get("message").asText()).isEqualTo("502: Bad Gateway");
    assertThat(body.get("code").asInt()).isZero();
    assertThat(f.onRequest("GET", ME).orElseThrow().response().body()).contains("boom");
    assertThat(f.onRequest("GET", ME)).isEmpty();
  }

  @Test
  void rateLimitStormsUseDiscordsFormat() throws Exception {
    FaultInjector f =
        new FaultInjector(
            FaultPlan.builder()
                .onRequest("POST " + MESSAGES)
                .times(3)
                .rateLimited(Duration.ofMillis(1500), RateLimitScope.GLOBAL)
                .onRequest("GET " + ME)
                .times(1)
                .rateLimited(Duration.ofSeconds(3), RateLimitScope.USER)
                .build(),
            1);
    for (int i = 0; i < 3; i++) {
      Decision d = f.onRequest("POST", MESSAGES).orElseThrow().response();
      assertThat(d.status()).isEqualTo(429);
      assertThat(d.headers())
          .containsEntry("Retry-After", "2")
          .containsEntry("X-RateLimit-Global", "true")
          .containsEntry("X-RateLimit-Scope", "global")
          .containsEntry("via", "1.1 google");
      JsonNode body = JSON.readTree(d.body());
      assertThat(body.get("retry_after").asDouble()).isEqualTo(1.5);
      assertThat(body.get("global").asBoolean()).isTrue();
      assertThat(body.get("message").asText()).isEqualTo("You are being rate limited.");
    }
    assertThat(f.onRequest("POST", MESSAGES)).isEmpty();

    Decision user = f.onRequest("GET", ME).orElseThrow().response();
    assertThat(user.headers())
        .containsEntry("Retry-After", "3")
        .containsEntry("X-RateLimit-Scope", "user")
        .doesNotContainKey("X-RateLimit-Global");
    assertThat(JSON.readTree(user.body()).get("global").asBoolean()).isFalse();
  }

  @Test
  void latencyIsReturnedNotSleptAndAddsUp() {
    FaultInjector f =
        new FaultInjector(
            FaultPlan.builder()
                .onRequest("*")
                .latency(100)
                .onRequest("GET *")
                .latency(20, 40)
                .onRequest("GET " + ME)
                .times(1)
                .serverError(504)
                .build(),
            99);
    HttpFault first = f.onRequest("GET", ME).orElseThrow();
    assertThat(first.latencyMillis()).isBetween(120L, 140L);
    assertThat(first.hasResponse()).isTrue();
    assertThat(first.response().status()).isEqualTo(504);
    assertThat(first.description()).contains("latency", "status 504");

    List<Long> drawn = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      HttpFault h = f.onRequest("GET", ME).orElseThrow();
      assertThat(h.hasResponse()).isFalse();
      drawn.add(h.latencyMillis() - 100);
    }
    assertThat(drawn).allSatisfy(ms -> assertThat(ms).isBetween(20L, 40L));
    assertThat(drawn.stream().distinct().count()).isGreaterThan(5);
    assertThat(f.onRequest("POST", MESSAGES).orElseThrow().latencyMillis()).isEqualTo(100);
  }

  @Test
  void firstResponseRuleWinsAndLaterOnesStillCount() {
    FaultInjector f =
        new FaultInjector(
            FaultPlan.builder()
                .onRequest("POST " + MESSAGES)
                .times(2)
                .serverError(500)
                .onRequest("POST " + MESSAGES)
                .after(1)
                .times(1)
                .serverError(503)
                .build(),
            1);
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      statuses.add(f.onRequest("POST", MESSAGES).map(h -> h.response().status()).orElse(0));
    }
    // Request 2 is in the second rule's range but the first rule answered it; request 3 is the
    // second rule's first chance.
    assertThat(statuses).containsExactly(500, 500, 503, 0);
  }

  @Test
  void rulesAreScopedToTheirRoutes() {
    FaultPlan plan =
        FaultPlan.builder()
            .onRequest("POST /channels/{channel_id}/messages") // JDA's spelling
            .serverError(500)
            .onRequest(CHANNEL) // any method
            .serverError(502)
            .onRequest("DELETE *")
            .serverError(503)
            .onRequest("/guilds/*/members/*")
            .serverError(504)
            .build();
    FaultInjector f = new FaultInjector(plan, 1);
    assertThat(status(f, "POST", MESSAGES)).isEqualTo(500);
    assertThat(status(f, "POST", "/api/v10/channels/{id}/messages")).isEqualTo(500);
    assertThat(status(f, "GET", MESSAGES)).isZero();
    assertThat(status(f, "PATCH", CHANNEL)).isEqualTo(502);
    assertThat(status(f, "GET", CHANNEL)).isEqualTo(502);
    assertThat(status(f, "DELETE", "/channels/{channel.id}/messages/{message.id}")).isEqualTo(503);
    assertThat(status(f, "PUT", "/guilds/{guild.id}/members/{user.id}")).isEqualTo(504);
    assertThat(status(f, "GET", "/guilds/{guild.id}")).isZero();
    assertThat(status(f, "GET", ME)).isZero();
  }

  private static int status(FaultInjector f, String method, String template) {
    return f.onRequest(method, template)
        .filter(HttpFault::hasResponse)
        .map(h -> h.response().status())
        .orElse(0);
  }

  @Test
  void replaceSwapsThePlanAtRunTime() {
    FaultInjector f = FaultInjector.none();
    assertThat(f.onRequest("GET", ME)).isEmpty();
    assertThat(f.onGatewayConnect(0)).isEmpty();

    f.replace(FaultPlan.builder().onRequest("GET " + ME).times(2).serverError(500).build());
    assertThat(status(f, "GET", ME)).isEqualTo(500);

    // A new plan starts its counts afresh, even with the same rules.
    f.replace(FaultPlan.builder().onRequest("GET " + ME).times(2).serverError(500).build());
    assertThat(status(f, "GET", ME)).isEqualTo(500);
    assertThat(status(f, "GET", ME)).isEqualTo(500);
    assertThat(status(f, "GET", ME)).isZero();

    f.replace(FaultPlan.none());
    assertThat(f.onRequest("GET", ME)).isEmpty();
    assertThat(f.plan().isEmpty()).isTrue();
    assertThat(f.injected()).filteredOn(e -> e.startsWith("replace")).hasSize(3);
    f.clearInjected();
    assertThat(f.injected()).isEmpty();
  }

  @Test
  void probabilityHitsAboutThatShare() {
    FaultInjector f =
        new FaultInjector(
            FaultPlan.builder().onRequest("*").probability(0.25).serverError(500).build(), 2024);
    int hits = 0;
    for (int i = 0; i < 4_000; i++) {
      if (f.onRequest("GET", ME).isPresent()) {
        hits++;
      }
    }
    // Deterministic for this seed; the bound only checks the draw is not skewed.
    assertThat(hits).isBetween(850, 1150);
  }

  @Test
  void probabilityAndTimesTogether() {
    FaultInjector f =
        new FaultInjector(
            FaultPlan.builder()
                .onRequest("*")
                .after(10)
                .probability(0.5)
                .times(5)
                .serverError(500)
                .build(),
            5);
    List<Integer> hitAt = new ArrayList<>();
    for (int i = 1; i <= 200; i++) {
      if (f.onRequest("GET", ME).isPresent()) {
        hitAt.add(i);
      }
    }
    assertThat(hitAt).hasSize(5).allSatisfy(n -> assertThat(n).isGreaterThan(10));
    // With p = 0.5, five hits right in a row at 11..15 would be a 1-in-32 fluke for this seed.
    assertThat(hitAt).isNotEqualTo(List.of(11, 12, 13, 14, 15));
  }

  @Test
  void gatewayConnectionsCanBeRefusedOrClosed() {
    FaultInjector f =
        new FaultInjector(
            FaultPlan.builder()
                .onGatewayConnect(0)
                .times(2)
                .refuse()
                .onGatewayConnect(1)
                .times(1)
                .close(4000, "Unknown error.")
                .build(),
            1);
    assertThat(f.onGatewayConnect(0)).contains(new GatewayFault.RefuseConnection(503));
    assertThat(f.onGatewayConnect(0)).contains(new GatewayFault.RefuseConnection(503));
    assertThat(f.onGatewayConnect(0)).isEmpty();
    GatewayFault.Close close = (GatewayFault.Close) f.onGatewayConnect(1).orElseThrow();
    assertThat(close.code()).isEqualTo(4000);
    assertThat(close.reason()).isEqualTo("Unknown error.");
    assertThat(close.abrupt()).isFalse();
    assertThat(f.onGatewayConnect(1)).isEmpty();
    assertThat(f.onGatewayConnect(2)).isEmpty();
    assertThat(f.injected()).hasSize(3).first().asString().contains("refuse connection 503");
  }

  @Test
  void gatewayDispatchFaultsFollowTheirScope() {
    FaultInjector f =
        new FaultInjector(
            FaultPlan.builder()
                .onGatewayDispatch(0, "MESSAGE_CREATE")
                .after(2)
                .times(1)
                .drop()
                .onGatewayDispatch("GUILD_CREATE")
                .times(1)
                .invalidSession(true)
                .onGatewayDispatch(1, "*")
                .times(1)
                .invalidSession(false)
                .onGatewayDispatch()
                .after(5)
                .times(1)
                .reconnect()
                .build(),
            1);
    List<String> seen = new ArrayList<>();
    seen.add(d(f, 0, "MESSAGE_CREATE", 1));
    seen.add(d(f, 0, "MESSAGE_CREATE", 2));
    seen.add(d(f, 0, "MESSAGE_CREATE", 3)); // 3rd MESSAGE_CREATE on shard 0: drop
    seen.add(d(f, 0, "MESSAGE_CREATE", 4));
    seen.add(d(f, 0, "GUILD_CREATE", 5)); // any shard: invalid session, resumable
    seen.add(d(f, 1, "MESSAGE_CREATE", 1)); // shard 1, any type: not resumable
    seen.add(d(f, 0, "TYPING_START", 6)); // 7th dispatch overall: reconnect
    seen.add(d(f, 0, "TYPING_START", 7));
    assertThat(seen)
        .containsExactly(
            "-",
            "-",
            "drop (1006, no close frame)",
            "-",
            "invalid session (resumable)",
            "invalid session (not resumable)",
            "reconnect",
            "-");
    assertThat(f.injected().get(0)).contains("MESSAGE_CREATE s=3");
  }

  private static String d(FaultInjector f, int shard, String type, long seq) {
    return f.onGatewayDispatch(shard, type, seq).map(GatewayFault::describe).orElse("-");
  }

  @Test
  void gatewayFaultsCarryTheirPayloads() {
    assertThat(new GatewayFault.InvalidSession(false).payload())
        .isEqualTo("{\"op\":9,\"d\":false,\"s\":null,\"t\":null}");
    assertThat(new GatewayFault.Reconnect().payload())
        .isEqualTo("{\"op\":7,\"d\":null,\"s\":null,\"t\":null}");
    assertThat(new GatewayFault.Close(1006, null).abrupt()).isTrue();
    assertThatThrownBy(() -> new GatewayFault.Close(1005, ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GatewayFault.Close(5000, ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GatewayFault.RefuseConnection(200))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void badRulesAreRejected() {
    assertThatThrownBy(() -> FaultPlan.builder().onRequest("*").times(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FaultPlan.builder().onRequest("*").probability(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FaultPlan.builder().onRequest("*").probability(1.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FaultPlan.builder().onRequest("*").serverError(404))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FaultPlan.builder().onRequest("*").latency(50, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FaultPlan.builder().onRequest(" "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FaultPlan.builder().onGatewayConnect(-1))
        .isInstanceOf(IllegalArgumentException.class);
    FaultPlan.RequestRule rule = FaultPlan.builder().onRequest("*");
    rule.serverError(500);
    assertThatThrownBy(() -> rule.serverError(500)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void planDescribesItsRules() {
    assertThat(FaultPlan.none().isEmpty()).isTrue();
    FaultPlan plan = mixedPlan();
    assertThat(plan.size()).isEqualTo(4);
    assertThat(plan.toString()).contains("#1 POST " + MESSAGES, "p=0.3", "reconnect");
  }
}
