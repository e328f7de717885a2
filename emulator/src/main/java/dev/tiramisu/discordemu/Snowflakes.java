package dev.tiramisu.discordemu;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Generates Discord snowflakes from the current time, as JDA derives an interaction's age from its id
 * (an old snowflake makes JDA throw InteractionExpiredException).
 */
public final class Snowflakes {
  /** Discord's epoch, 2015-01-01T00:00:00Z. */
  public static final long DISCORD_EPOCH = 1420070400000L;

  private final AtomicLong last = new AtomicLong();

  /** A new id, strictly greater than every id this generator returned before. */
  public long next() {
    long candidate = (System.currentTimeMillis() - DISCORD_EPOCH) << 22;
    return last.updateAndGet(prev -> Math.max(prev + 1, candidate));
  }

  /** The creation time of a snowflake, in epoch milliseconds. */
  public static long timestampOf(long snowflake) {
    return (snowflake >>> 22) + DISCORD_EPOCH;
  }

  /** The smallest snowflake that could have been created at the given epoch millisecond. */
  public static long firstAt(long epochMillis) {
    return (epochMillis - DISCORD_EPOCH) << 22;
  }
}
