package dev.tiramisu.discordemu.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * A per-route limit: {@code limit} requests per {@code window}, counted per major parameter.
 *
 * <p>Routes configured with the same non-null {@code group} share one bucket: one counter per major
 * parameter value and one {@code X-RateLimit-Bucket} hash, as Discord does for e.g. message create
 * and message edit. A null group means "this route alone".
 *
 * @param group bucket group name shared by several routes, or null for a route of its own
 * @param limit requests allowed per window, at least 1
 * @param window length of the window, at least 1 ms
 */
public record BucketSpec(String group, int limit, Duration window) {

  public BucketSpec {
    Objects.requireNonNull(window, "window");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    if (window.toMillis() < 1) {
      throw new IllegalArgumentException("window must be at least 1 ms: " + window);
    }
    if (group != null && group.isBlank()) {
      throw new IllegalArgumentException("group must not be blank");
    }
  }

  /** A limit for one route alone. */
  public static BucketSpec of(int limit, Duration window) {
    return new BucketSpec(null, limit, window);
  }

  /** A limit shared by every route configured with the same {@code group}. */
  public static BucketSpec shared(String group, int limit, Duration window) {
    return new BucketSpec(Objects.requireNonNull(group, "group"), limit, window);
  }

  /** The window in milliseconds. */
  public long windowMillis() {
    return window.toMillis();
  }

  /** Same limit and window, ignoring the group. */
  boolean sameLimits(BucketSpec other) {
    return limit == other.limit && window.equals(other.window);
  }
}
