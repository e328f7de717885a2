package dev.tiramisu.discordemu.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.Json;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts session starts against {@link IdentifyLimits} on a clock a test can move. Thread-safe.
 */
public final class IdentifyLimiter {
  /** What an IDENTIFY gets. */
  public enum Outcome {
    /** A session starts; {@code remaining} went down by one. */
    STARTED,
    /** Its bucket identified less than 5 s ago: op 9 INVALID_SESSION, no session. */
    RATE_LIMITED,
    /** No session start remains in the window: the bot's sessions end and its token is reset. */
    EXHAUSTED
  }

  private final Map<Integer, Long> lastStartByBucket = new HashMap<>();
  private volatile Clock clock;
  private IdentifyLimits limits;
  private long windowStart = -1;
  private int started;

  public IdentifyLimiter(IdentifyLimits limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
  }

  public synchronized IdentifyLimits limits() {
    return limits;
  }

  public synchronized void setLimits(IdentifyLimits limits) {
    this.limits = limits;
  }

  public void setClock(Clock clock) {
    this.clock = clock;
  }

  public Clock clock() {
    return clock;
  }

  /** Decides an IDENTIFY of {@code shardId}; counts it when a session starts. */
  public synchronized Outcome identify(int shardId) {
    long now = clock.millis();
    roll(now);
    int bucket = Math.floorMod(shardId, limits.maxConcurrency());
    Long last = lastStartByBucket.get(bucket);
    if (limits.enforced()) {
      if (last != null && now - last < IdentifyLimits.BUCKET_WINDOW.toMillis()) {
        return Outcome.RATE_LIMITED;
      }
      if (started >= limits.total()) {
        return Outcome.EXHAUSTED;
      }
    }
    lastStartByBucket.put(bucket, now);
    if (windowStart < 0) {
      windowStart = now;
    }
    started++;
    return Outcome.STARTED;
  }

  /** Session starts left in the current window. */
  public synchronized int remaining() {
    roll(clock.millis());
    return Math.max(0, limits.total() - started);
  }

  /** {@code session_start_limit} as {@code GET /gateway/bot} returns it. */
  public synchronized ObjectNode sessionStartLimit() {
    long now = clock.millis();
    roll(now);
    ObjectNode o = Json.object();
    o.put("total", limits.total());
    o.put("remaining", Math.max(0, limits.total() - started));
    long window = limits.resetAfter().toMillis();
    o.put("reset_after", windowStart < 0 ? window : Math.max(0, windowStart + window - now));
    o.put("max_concurrency", limits.maxConcurrency());
    return o;
  }

  /** Forgets every start (emulator reset). */
  public synchronized void reset() {
    lastStartByBucket.clear();
    windowStart = -1;
    started = 0;
  }

  private void roll(long now) {
    if (windowStart >= 0 && now - windowStart >= limits.resetAfter().toMillis()) {
      windowStart = -1;
      started = 0;
    }
  }
}
