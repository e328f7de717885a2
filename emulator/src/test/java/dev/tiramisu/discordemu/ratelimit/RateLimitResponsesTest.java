package dev.tiramisu.discordemu.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitResponsesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void secondsHaveThreeDecimals() {
    assertThat(RateLimitResponses.seconds(0)).isEqualTo("0.000");
    assertThat(RateLimitResponses.seconds(7)).isEqualTo("0.007");
    assertThat(RateLimitResponses.seconds(64_570)).isEqualTo("64.570");
    assertThat(RateLimitResponses.seconds(1_470_173_023_123L)).isEqualTo("1470173023.123");
    assertThat(RateLimitResponses.seconds(-1_500)).isEqualTo("-1.500");
    assertThat(RateLimitResponses.ceilSeconds(1)).isEqualTo(1);
    assertThat(RateLimitResponses.ceilSeconds(1_000)).isEqualTo(1);
    assertThat(RateLimitResponses.ceilSeconds(1_001)).isEqualTo(2);
  }

  @Test
  void sharedScopeUsesTheResourceMessageAndMayCarryACode() throws Exception {
    Decision d =
        RateLimitResponses.tooManyRequests(
            RateLimitScope.SHARED,
            1_336_570,
            RateLimitResponses.bucketHeaders(10, 9, 1_470_173_023_123L, 64_570, "abcd1234"),
            0);
    assertThat(d.allowed()).isFalse();
    assertThat(d.status()).isEqualTo(429);
    assertThat(d.headers())
        .containsEntry("Retry-After", "1337")
        .containsEntry("X-RateLimit-Limit", "10")
        .containsEntry("X-RateLimit-Remaining", "9")
        .containsEntry("X-RateLimit-Reset", "1470173023.123")
        .containsEntry("X-RateLimit-Reset-After", "64.570")
        .containsEntry("X-RateLimit-Bucket", "abcd1234")
        .containsEntry("X-RateLimit-Scope", "shared")
        .containsEntry("via", "1.1 google")
        .doesNotContainKey("X-RateLimit-Global");
    JsonNode body = JSON.readTree(d.body());
    assertThat(body.get("message").asText()).isEqualTo("The resource is being rate limited.");
    assertThat(body.get("retry_after").asDouble()).isEqualTo(1336.57);
    assertThat(body.get("global").asBoolean()).isFalse();
    assertThat(body.get("code").asInt()).isZero();
  }

  @Test
  void decisionsAreValidatedAndImmutable() {
    assertThatThrownBy(() -> new Decision(true, Map.of(), 429, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Decision(false, Map.of(), 200, "{}"))
        .isInstanceOf(IllegalArgumentException.class);
    Decision d = Decision.allow(Map.of("X-RateLimit-Limit", "5"));
    assertThat(d.header("x-ratelimit-limit")).isEqualTo("5");
    assertThatThrownBy(() -> d.headers().put("a", "b"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(
            () -> RateLimitResponses.tooManyRequests(RateLimitScope.USER, 0, Map.of(), null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
