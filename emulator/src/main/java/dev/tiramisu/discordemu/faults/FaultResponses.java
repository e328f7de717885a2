package dev.tiramisu.discordemu.faults;

import dev.tiramisu.discordemu.ratelimit.Decision;
import dev.tiramisu.discordemu.ratelimit.RateLimitResponses;
import dev.tiramisu.discordemu.ratelimit.RateLimitScope;
import java.util.LinkedHashMap;
import java.util.Map;

/** The responses of injected HTTP faults. */
final class FaultResponses {

  private FaultResponses() {}

  /** Discord's JSON error shape with code 0, as its API answers an internal error. */
  static String serverErrorBody(int status) {
    return "{\"message\": \"" + status + ": " + reason(status) + "\", \"code\": 0}";
  }

  static Decision serverError(int status, String body) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put(RateLimitResponses.CONTENT_TYPE, "application/json");
    h.put(RateLimitResponses.VIA, RateLimitResponses.VIA_VALUE);
    return Decision.refuse(status, h, body);
  }

  /**
   * A 429 without per-route headers: the injector does not know the route's bucket. JDA handles a
   * user-scope 429 without {@code X-RateLimit-Bucket} by holding the route for {@code Retry-After}.
   */
  static Decision rateLimited(RateLimitScope scope, long retryAfterMillis) {
    return RateLimitResponses.tooManyRequests(scope, retryAfterMillis, Map.of(), null);
  }

  private static String reason(int status) {
    switch (status) {
      case 500:
        return "Internal Server Error";
      case 501:
        return "Not Implemented";
      case 502:
        return "Bad Gateway";
      case 503:
        return "Service Unavailable";
      case 504:
        return "Gateway Timeout";
      default:
        return "Server Error";
    }
  }
}
