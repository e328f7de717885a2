package dev.tiramisu.discordemu.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** 2024-01-01T00:00:00.500Z: a fraction, so Reset headers show it. */
  private static final long T0 = 1_704_067_200_500L;

  private static final String BOT = "bot-token-1";
  private static final String MESSAGES = "/channels/{channel.id}/messages";
  private static final String CHANNEL = "/channels/{channel.id}";

  private final MutableClock clock = new MutableClock(T0);
  private final RateLimiter limiter = new RateLimiter(RateLimitConfig.defaults(), clock);

  private Decision post(String channel) {
    return limiter.check("POST", MESSAGES, Map.of("channel.id", channel), false, BOT);
  }

  private Decision patchChannel(String channel, boolean renames) {
    return limiter.check("PATCH", CHANNEL, Map.of("channel.id", channel), renames, BOT);
  }

  private static JsonNode body(Decision d) throws Exception {
    return JSON.readTree(d.body());
  }

  @Test
  void sixthMessageInAChannelIsRefusedOthersAreNot() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThat(post("A").allowed()).as("request %d", i + 1).isTrue();
    }
    clock.advanceMillis(1_250);
    Decision refused = post("A");

    assertThat(refused.allowed()).isFalse();
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.headers())
        .containsEntry("Content-Type", "application/json")
        .containsEntry("Retry-After", "4") // 3.75 s, rounded up
        .containsEntry("X-RateLimit-Limit", "5")
        .containsEntry("X-RateLimit-Remaining", "0")
        .containsEntry("X-RateLimit-Reset", "1704067205.500")
        .containsEntry("X-RateLimit-Reset-After", "3.750")
        .containsEntry("X-RateLimit-Bucket", limiter.bucketHash("POST", MESSAGES))
        .containsEntry("X-RateLimit-Scope", "user")
        .containsEntry("via", "1.1 google")
        .doesNotContainKey("X-RateLimit-Global");
    JsonNode b = body(refused);
    assertThat(b.get("message").asText()).isEqualTo("You are being rate limited.");
    assertThat(b.get("retry_after").isNumber()).isTrue();
    assertThat(b.get("retry_after").asDouble()).isEqualTo(3.75);
    assertThat(b.get("global").asBoolean()).isFalse();
    assertThat(b.has("code")).isFalse();

    // Another channel has its own counter.
    assertThat(post("B").allowed()).isTrue();
    // Still refused just before the reset, allowed from the reset on.
    clock.advanceMillis(3_749);
    assertThat(post("A").allowed()).isFalse();
    clock.advanceMillis(1);
    Decision again = post("A");
    assertThat(again.allowed()).isTrue();
    assertThat(again.header("x-ratelimit-remaining")).isEqualTo("4");
  }

  @Test
  void allowedResponsesCarryDecreasingRemainingAndAStableBucket() {
    List<String> remaining = new ArrayList<>();
    List<String> resetAfter = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Decision d = post("A");
      assertThat(d.allowed()).isTrue();
      assertThat(d.status()).isZero();
      assertThat(d.body()).isNull();
      assertThat(d.headers())
          .containsOnlyKeys(
              "X-RateLimit-Limit",
              "X-RateLimit-Remaining",
              "X-RateLimit-Reset",
              "X-RateLimit-Reset-After",
              "X-RateLimit-Bucket");
      assertThat(d.header("X-RateLimit-Limit")).isEqualTo("5");
      assertThat(d.header("X-RateLimit-Reset")).isEqualTo("1704067205.500");
      remaining.add(d.header("X-RateLimit-Remaining"));
      resetAfter.add(d.header("X-RateLimit-Reset-After"));
      clock.advanceMillis(1_000);
    }
    assertThat(remaining).containsExactly("4", "3", "2", "1", "0");
    assertThat(resetAfter).containsExactly("5.000", "4.000", "3.000", "2.000", "1.000");

    String hashA = post("B").header("X-RateLimit-Bucket");
    String hashB = post("C").header("X-RateLimit-Bucket");
    assertThat(hashA).isEqualTo(hashB).matches("[0-9a-f]{32}");
    // Message edit shares the message-create bucket; delete has its own.
    assertThat(limiter.bucketHash("PATCH", "/channels/{channel.id}/messages/{message.id}"))
        .isEqualTo(hashA);
    assertThat(limiter.bucketHash("DELETE", "/channels/{channel.id}/messages/{message.id}"))
        .isNotEqualTo(hashA);
    // Stable across limiter instances (and runs): derived from the route group only.
    assertThat(new RateLimiter(RateLimitConfig.defaults(), clock).bucketHash("POST", MESSAGES))
        .isEqualTo(hashA);
  }

  @Test
  void sharedBucketCountsEveryRouteOfTheGroup() {
    for (int i = 0; i < 3; i++) {
      assertThat(post("A").allowed()).isTrue();
    }
    String edit = "/channels/{channel.id}/messages/{message.id}";
    Map<String, String> p = Map.of("channel.id", "A", "message.id", "9");
    assertThat(limiter.check("PATCH", edit, p, false, BOT).header("X-RateLimit-Remaining"))
        .isEqualTo("1");
    assertThat(limiter.check("PATCH", edit, p, false, BOT).allowed()).isTrue();
    assertThat(post("A").allowed()).isFalse();
    assertThat(limiter.check("PATCH", edit, p, false, BOT).allowed()).isFalse();
  }

  @Test
  void templateSpellingsAreTheSameRoute() {
    String docs = limiter.bucketHash("POST", "/channels/{channel.id}/messages");
    assertThat(limiter.bucketHash("POST", "channels/{channel_id}/messages")).isEqualTo(docs);
    assertThat(limiter.bucketHash("post", "/api/v10/channels/{id}/messages/")).isEqualTo(docs);
    assertThat(limiter.bucketHash("POST", "/channels/:channel_id/messages?x=1")).isEqualTo(docs);

    for (int i = 0; i < 3; i++) {
      post("A");
    }
    Decision jdaStyle =
        limiter.check(
            "POST", "channels/{channel_id}/messages", Map.of("channel_id", "A"), false, BOT);
    assertThat(jdaStyle.header("X-RateLimit-Remaining")).isEqualTo("1");
  }

  @Test
  void reactionsAllowOnePerQuarterSecondAcrossPutAndDelete() throws Exception {
    String put = "/channels/{channel.id}/messages/{message.id}/reactions/{emoji}/@me";
    Map<String, String> p = Map.of("channel.id", "A", "message.id", "1", "emoji", "%F0%9F%8E%AB");
    assertThat(limiter.check("PUT", put, p, false, BOT).allowed()).isTrue();
    Decision refused = limiter.check("DELETE", put, p, false, BOT);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.header("Retry-After")).isEqualTo("1");
    assertThat(body(refused).get("retry_after").asDouble()).isEqualTo(0.25);
    assertThat(refused.header("X-RateLimit-Reset-After")).isEqualTo("0.250");
    clock.advanceMillis(250);
    assertThat(limiter.check("DELETE", put, p, false, BOT).allowed()).isTrue();
  }

  @Test
  void globalLimitIsPerBotAndSparesInteractionEndpoints() throws Exception {
    // 50 requests over 10 channels (5 each, inside the per-channel default bucket).
    for (int i = 0; i < 50; i++) {
      Decision d = limiter.check("GET", CHANNEL, Map.of("channel.id", "c" + (i % 10)), false, BOT);
      assertThat(d.allowed()).as("request %d", i + 1).isTrue();
    }
    clock.advanceMillis(400);
    Decision refused = limiter.check("GET", CHANNEL, Map.of("channel.id", "fresh"), false, BOT);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.headers())
        .containsEntry("X-RateLimit-Global", "true")
        .containsEntry("X-RateLimit-Scope", "global")
        .containsEntry("Retry-After", "1")
        .containsEntry("via", "1.1 google")
        .doesNotContainKeys("X-RateLimit-Limit", "X-RateLimit-Bucket");
    JsonNode b = body(refused);
    assertThat(b.get("global").asBoolean()).isTrue();
    assertThat(b.get("retry_after").asDouble()).isEqualTo(0.6);
    assertThat(b.get("message").asText()).isEqualTo("You are being rate limited.");

    // Interaction endpoints are not bound to the global limit.
    assertThat(
            limiter
                .check(
                    "POST",
                    "/interactions/{interaction.id}/{interaction.token}/callback",
                    Map.of("interaction.id", "1", "interaction.token", "tok"),
                    false,
                    BOT)
                .allowed())
        .isTrue();
    assertThat(
            limiter
                .check(
                    "POST",
                    "/webhooks/{application.id}/{interaction.token}",
                    Map.of("application.id", "7", "interaction.token", "tok"),
                    false,
                    BOT)
                .allowed())
        .isTrue();
    // A generic webhook template is exempt when the token is an interaction token...
    String webhook = "/webhooks/{webhook.id}/{webhook.token}";
    assertThat(
            limiter
                .check(
                    "POST",
                    webhook,
                    Map.of("webhook.id", "7", "webhook.token", "aW50ZXJhY3Rpb246MTIz"),
                    false,
                    BOT)
                .allowed())
        .isTrue();
    // ... and not otherwise.
    assertThat(
            limiter
                .check(
                    "POST",
                    webhook,
                    Map.of("webhook.id", "7", "webhook.token", "plain"),
                    false,
                    BOT)
                .allowed())
        .isFalse();
    // Another bot has its own global limit.
    assertThat(
            limiter.check("GET", CHANNEL, Map.of("channel.id", "fresh"), false, "other").allowed())
        .isTrue();
    // One second after the window opened, the bot may call again.
    clock.advanceMillis(600);
    assertThat(limiter.check("GET", CHANNEL, Map.of("channel.id", "fresh"), false, BOT).allowed())
        .isTrue();
  }

  @Test
  void interactionRequestsDoNotUseUpTheGlobalLimit() {
    RateLimiter l =
        new RateLimiter(
            RateLimitConfig.builder().globalLimit(3, Duration.ofSeconds(1)).build(), clock);
    for (int i = 0; i < 20; i++) {
      Decision d =
          l.check(
              "POST",
              "/interactions/{interaction.id}/{interaction.token}/callback",
              Map.of("interaction.id", "i" + i, "interaction.token", "t" + i),
              false,
              BOT);
      assertThat(d.allowed()).isTrue();
    }
    for (int i = 0; i < 3; i++) {
      assertThat(l.check("GET", "/users/@me", Map.of(), false, BOT).allowed()).isTrue();
    }
    Decision refused = l.check("GET", "/users/{user.id}", Map.of("user.id", "5"), false, BOT);
    assertThat(refused.header("X-RateLimit-Scope")).isEqualTo("global");
  }

  @Test
  void channelRenamesAreLimitedToTwoPerTenMinutesPerChannel() throws Exception {
    assertThat(patchChannel("A", true).allowed()).isTrue();
    clock.advance(Duration.ofMinutes(1));
    assertThat(patchChannel("A", true).allowed()).isTrue();
    clock.advance(Duration.ofMinutes(2));

    Decision refused = patchChannel("A", true);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.header("X-RateLimit-Scope")).isEqualTo("user");
    assertThat(refused.header("Retry-After")).isEqualTo("420");
    assertThat(body(refused).get("retry_after").asDouble()).isEqualTo(420.0);
    // As observed on Discord: the regular PATCH bucket's headers (10/15 s, plenty left).
    assertThat(refused.header("X-RateLimit-Bucket"))
        .isEqualTo(limiter.bucketHash("PATCH", CHANNEL));
    assertThat(refused.header("X-RateLimit-Limit")).isEqualTo("10");
    assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("10");

    // A PATCH that does not rename (archive, lock) is not held back.
    assertThat(patchChannel("A", false).allowed()).isTrue();
    // Renames elsewhere are unaffected.
    assertThat(patchChannel("B", true).allowed()).isTrue();

    clock.advance(Duration.ofMinutes(7).minusMillis(1));
    assertThat(patchChannel("A", true).allowed()).isFalse();
    clock.advanceMillis(1);
    assertThat(patchChannel("A", true).allowed()).isTrue();
  }

  @Test
  void nonRenamingPatchesDoNotCountAgainstTheRenameLimit() {
    for (int i = 0; i < 8; i++) {
      assertThat(patchChannel("A", false).allowed()).isTrue();
    }
    assertThat(patchChannel("A", true).allowed()).isTrue();
    assertThat(patchChannel("A", true).allowed()).isTrue();
    // 10 PATCHes used the 10/15 s bucket: the next one is refused by it, rename or not.
    assertThat(patchChannel("A", false).allowed()).isFalse();
    clock.advance(Duration.ofSeconds(15));
    assertThat(patchChannel("A", false).allowed()).isTrue();
    assertThat(patchChannel("A", true).allowed()).isFalse();
  }

  @Test
  void aRefusedRenameConsumesNothing() {
    patchChannel("A", true);
    patchChannel("A", true);
    for (int i = 0; i < 20; i++) {
      assertThat(patchChannel("A", true).allowed()).isFalse();
    }
    Decision archive = patchChannel("A", false);
    assertThat(archive.allowed()).isTrue();
    assertThat(archive.header("X-RateLimit-Remaining")).isEqualTo("7");
  }

  @Test
  void routeOverridesAndUnlimitedRoutes() {
    RateLimitConfig config =
        RateLimitConfig.builder()
            .route("POST /channels/{channel.id}/messages", BucketSpec.of(1, Duration.ofSeconds(2)))
            .unlimitedRoute("GET /users/@me")
            .defaultBucket(2, Duration.ofSeconds(10))
            .build();
    RateLimiter l = new RateLimiter(config, clock);

    Map<String, String> a = Map.of("channel.id", "A");
    assertThat(l.check("POST", MESSAGES, a, false, BOT).header("X-RateLimit-Limit")).isEqualTo("1");
    assertThat(l.check("POST", MESSAGES, a, false, BOT).header("Retry-After")).isEqualTo("2");
    // The override took the route out of its shared group: edits have their own bucket.
    assertThat(l.bucketHash("POST", MESSAGES))
        .isNotEqualTo(l.bucketHash("PATCH", "/channels/{channel.id}/messages/{message.id}"));

    for (int i = 0; i < 10; i++) {
      Decision me = l.check("GET", "/users/@me", Map.of(), false, BOT);
      assertThat(me.allowed()).isTrue();
      assertThat(me.headers()).isEmpty();
    }
    assertThat(l.bucketHash("GET", "/users/@me")).isNull();

    String members = "/channels/{channel.id}/thread-members/{user.id}";
    Map<String, String> m = Map.of("channel.id", "T", "user.id", "1");
    assertThat(l.check("PUT", members, m, false, BOT).header("X-RateLimit-Reset-After"))
        .isEqualTo("10.000");
    assertThat(l.check("PUT", members, m, false, BOT).allowed()).isTrue();
    assertThat(l.check("PUT", members, m, false, BOT).allowed()).isFalse();
  }

  @Test
  void globalAndRenameLimitsCanBeChangedOrSwitchedOff() {
    RateLimiter noGlobal =
        new RateLimiter(
            RateLimitConfig.builder().globalLimitEnabled(false).defaultBucket(null).build(), clock);
    for (int i = 0; i < 500; i++) {
      assertThat(noGlobal.check("GET", "/users/@me", Map.of(), false, BOT).allowed()).isTrue();
    }

    RateLimiter fastRenames =
        new RateLimiter(
            RateLimitConfig.builder().renameLimit(1, Duration.ofSeconds(30)).build(), clock);
    Map<String, String> a = Map.of("channel.id", "A");
    assertThat(fastRenames.check("PATCH", CHANNEL, a, true, BOT).allowed()).isTrue();
    assertThat(fastRenames.check("PATCH", CHANNEL, a, true, BOT).header("Retry-After"))
        .isEqualTo("30");

    RateLimiter noRenameLimit =
        new RateLimiter(RateLimitConfig.builder().renameLimitEnabled(false).build(), clock);
    for (int i = 0; i < 10; i++) {
      assertThat(noRenameLimit.check("PATCH", CHANNEL, a, true, BOT).allowed()).isTrue();
    }

    // Rename limit on a channel route that has no bucket of its own: headers describe it.
    RateLimiter renameOnly =
        new RateLimiter(
            RateLimitConfig.builder()
                .unlimitedRoute("PATCH /channels/{channel.id}")
                .renameLimit(1, Duration.ofMinutes(1))
                .build(),
            clock);
    Decision ok = renameOnly.check("PATCH", CHANNEL, a, true, BOT);
    assertThat(ok.allowed()).isTrue();
    assertThat(ok.headers()).isEmpty();
    Decision refused = renameOnly.check("PATCH", CHANNEL, a, true, BOT);
    assertThat(refused.headers())
        .containsEntry("X-RateLimit-Limit", "1")
        .containsEntry("X-RateLimit-Remaining", "0")
        .containsEntry("X-RateLimit-Reset-After", "60.000")
        .containsEntry("Retry-After", "60");
  }

  @Test
  void disabledConfigAllowsEverythingWithoutHeaders() {
    RateLimiter off = new RateLimiter(RateLimitConfig.disabled(), clock);
    for (int i = 0; i < 1_000; i++) {
      Decision d = off.check("POST", MESSAGES, Map.of("channel.id", "A"), true, BOT);
      assertThat(d.allowed()).isTrue();
      assertThat(d.headers()).isEmpty();
    }
    assertThat(off.bucketHash("POST", MESSAGES)).isNull();
  }

  @Test
  void groupsMustAgreeOnTheirLimits() {
    RateLimitConfig.Builder b =
        RateLimitConfig.builder()
            .route("GET /guilds/{guild.id}", BucketSpec.shared("g", 5, Duration.ofSeconds(1)))
            .route("PATCH /guilds/{guild.id}", BucketSpec.shared("g", 6, Duration.ofSeconds(1)));
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'g'");
    assertThatThrownBy(
            () ->
                RateLimitConfig.builder()
                    .route("/no/method", BucketSpec.of(1, Duration.ofSeconds(1))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BucketSpec.of(0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void configIsImmutableAndRoundTripsThroughItsBuilder() {
    RateLimitConfig d = RateLimitConfig.defaults();
    assertThatThrownBy(() -> d.routes().clear()).isInstanceOf(UnsupportedOperationException.class);
    RateLimitConfig copy = d.toBuilder().build();
    assertThat(copy.routes()).isEqualTo(d.routes());
    assertThat(copy.globalLimit()).isEqualTo(50);
    assertThat(copy.renameLimit()).isEqualTo(RateLimitConfig.DEFAULT_RENAME_LIMIT);
    assertThat(d.bucketFor("POST /channels/{}/messages"))
        .isEqualTo(BucketSpec.shared("channel-message-write", 5, Duration.ofSeconds(5)));
    assertThat(d.bucketFor("GET /anything")).isEqualTo(RateLimitConfig.DEFAULT_ROUTE_BUCKET);
  }

  @Test
  void majorParametersAreRequired() {
    assertThatThrownBy(() -> limiter.check("POST", MESSAGES, Map.of("id", "A"), false, BOT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("channel.id");
  }

  @Test
  void guildAndWebhookRoutesAreCountedPerResource() {
    String roles = "/guilds/{guild.id}/roles";
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.check("GET", roles, Map.of("guild.id", "G1"), false, BOT).allowed())
          .isTrue();
    }
    assertThat(limiter.check("GET", roles, Map.of("guild.id", "G1"), false, BOT).allowed())
        .isFalse();
    assertThat(limiter.check("GET", roles, Map.of("guild.id", "G2"), false, BOT).allowed())
        .isTrue();

    String hook = "/webhooks/{webhook.id}/{webhook.token}";
    for (int i = 0; i < 5; i++) {
      limiter.check("POST", hook, Map.of("webhook.id", "W", "webhook.token", "x"), false, BOT);
    }
    assertThat(
            limiter
                .check("POST", hook, Map.of("webhook.id", "W", "webhook.token", "x"), false, BOT)
                .allowed())
        .isFalse();
    // webhook_id + webhook_token is the major parameter.
    assertThat(
            limiter
                .check("POST", hook, Map.of("webhook.id", "W", "webhook.token", "y"), false, BOT)
                .allowed())
        .isTrue();
  }

  @Test
  void pruningForgetsOnlyExpiredBuckets() {
    for (int i = 0; i < 5; i++) {
      post("A");
    }
    // Thousands of one-shot buckets (every interaction token makes one) force pruning passes.
    for (int i = 0; i < 5_000; i++) {
      limiter.check(
          "POST",
          "/webhooks/{application.id}/{interaction.token}",
          Map.of("application.id", "1", "interaction.token", "t" + i),
          false,
          BOT);
      if (i % 1000 == 999) {
        clock.advanceMillis(900); // 4.5 s in all: A's 5 s window stays open
      }
    }
    assertThat(limiter.trackedBuckets()).isLessThan(3_000);
    assertThat(post("A").allowed()).as("channel A still exhausted").isFalse();
    clock.advanceMillis(500);
    assertThat(post("A").allowed()).isTrue();
  }

  @Test
  void resetForgetsCounters() {
    for (int i = 0; i < 5; i++) {
      post("A");
    }
    assertThat(post("A").allowed()).isFalse();
    limiter.reset();
    assertThat(post("A").allowed()).isTrue();
  }
}
