package dev.tiramisu.discordemu.ratelimit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builds Discord's rate-limit headers and 429 responses. Used by {@link RateLimiter} and by the
 * fault injector, so both produce byte-for-byte the same format.
 *
 * <p>Format, from discord-api-docs docs/topics/rate-limits.md ("Header Format", "Exceeding A Rate
 * Limit") and from what JDA reads ({@code SequentialRestRateLimiter#updateBucket}, {@code
 * Requester#execute}):
 *
 * <ul>
 *   <li>{@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining}: integers.
 *   <li>{@code X-RateLimit-Reset}: epoch seconds with a fraction ({@code 1470173023.123}).
 *   <li>{@code X-RateLimit-Reset-After}: seconds with a fraction ({@code 64.570}).
 *   <li>{@code X-RateLimit-Bucket}: opaque hash of the route group.
 *   <li>On a 429: {@code Retry-After} in whole seconds (JDA parses it with {@code Long.parseLong},
 *       so it must be an integer; it is rounded up), {@code X-RateLimit-Scope}, {@code
 *       X-RateLimit-Global: true} for the global limit only, and {@code via: 1.1 google} (JDA takes
 *       a 429 without {@code via} for a Cloudflare ban and stops every route).
 *   <li>429 body: {@code {"message": ..., "retry_after": <float seconds>, "global": <bool>}}, plus
 *       {@code "code"} for some limits only.
 * </ul>
 */
public final class RateLimitResponses {

  public static final String LIMIT = "X-RateLimit-Limit";
  public static final String REMAINING = "X-RateLimit-Remaining";
  public static final String RESET = "X-RateLimit-Reset";
  public static final String RESET_AFTER = "X-RateLimit-Reset-After";
  public static final String BUCKET = "X-RateLimit-Bucket";
  public static final String GLOBAL = "X-RateLimit-Global";
  public static final String SCOPE = "X-RateLimit-Scope";
  public static final String RETRY_AFTER = "Retry-After";
  public static final String VIA = "via";
  public static final String CONTENT_TYPE = "Content-Type";

  /** The {@code via} header Discord's Google front end adds; JDA requires it on a real 429. */
  public static final String VIA_VALUE = "1.1 google";

  /** Message of a 429 for the bot's own limits (docs: "Example Exceeded User Rate Limit"). */
  public static final String USER_MESSAGE = "You are being rate limited.";

  /** Message of a 429 on a shared resource limit (docs: "Example Exceeded Resource ..."). */
  public static final String SHARED_MESSAGE = "The resource is being rate limited.";

  private RateLimitResponses() {}

  /**
   * The five per-route headers Discord puts on every response of a limited route.
   *
   * @param resetAtEpochMillis when the bucket's window ends, epoch milliseconds
   * @param resetAfterMillis how long until then, milliseconds (not negative)
   */
  public static Map<String, String> bucketHeaders(
      int limit, int remaining, long resetAtEpochMillis, long resetAfterMillis, String bucketHash) {
    Objects.requireNonNull(bucketHash, "bucketHash");
    Map<String, String> h = new LinkedHashMap<>(8);
    h.put(LIMIT, Integer.toString(limit));
    h.put(REMAINING, Integer.toString(Math.max(0, remaining)));
    h.put(RESET, seconds(resetAtEpochMillis));
    h.put(RESET_AFTER, seconds(Math.max(0, resetAfterMillis)));
    h.put(BUCKET, bucketHash);
    return h;
  }

  /**
   * A complete 429 response.
   *
   * @param scope which limit was hit; {@link RateLimitScope#GLOBAL} adds {@code X-RateLimit-Global:
   *     true} and {@code "global": true}
   * @param retryAfterMillis how long the client must wait; at least 1 ms
   * @param bucketHeaders the route's {@link #bucketHeaders} to include, or an empty map (Discord
   *     sends none on a global 429)
   * @param code the optional JSON error {@code code}, or null to leave it out
   */
  public static Decision tooManyRequests(
      RateLimitScope scope,
      long retryAfterMillis,
      Map<String, String> bucketHeaders,
      Integer code) {
    Objects.requireNonNull(scope, "scope");
    if (retryAfterMillis < 1) {
      throw new IllegalArgumentException("retryAfterMillis must be positive: " + retryAfterMillis);
    }
    boolean global = scope == RateLimitScope.GLOBAL;
    Map<String, String> h = new LinkedHashMap<>(16);
    h.put(CONTENT_TYPE, "application/json");
    h.put(RETRY_AFTER, Long.toString(ceilSeconds(retryAfterMillis)));
    h.putAll(bucketHeaders);
    if (global) {
      h.put(GLOBAL, "true");
    }
    h.put(SCOPE, scope.headerValue());
    h.put(VIA, VIA_VALUE);

    StringBuilder body = new StringBuilder(96);
    body.append("{\"message\": \"")
        .append(scope == RateLimitScope.SHARED ? SHARED_MESSAGE : USER_MESSAGE)
        .append("\", \"retry_after\": ")
        .append(seconds(retryAfterMillis))
        .append(", \"global\": ")
        .append(global);
    if (code != null) {
      body.append(", \"code\": ").append(code.intValue());
    }
    body.append('}');
    return Decision.refuse(429, h, body.toString());
  }

  /** Milliseconds as seconds with three decimals: {@code 64570 -> "64.570"}. */
  public static String seconds(long millis) {
    long abs = Math.abs(millis);
    long frac = abs % 1000;
    StringBuilder sb = new StringBuilder(24);
    if (millis < 0) {
      sb.append('-');
    }
    sb.append(abs / 1000).append('.');
    if (frac < 100) {
      sb.append('0');
    }
    if (frac < 10) {
      sb.append('0');
    }
    return sb.append(frac).toString();
  }

  /** Whole seconds, rounded up: what {@code Retry-After} carries. */
  public static long ceilSeconds(long millis) {
    return (millis + 999) / 1000;
  }
}
