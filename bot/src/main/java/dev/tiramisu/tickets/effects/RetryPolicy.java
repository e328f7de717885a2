package dev.tiramisu.tickets.effects;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a transiently failed effect is tried again: after {@code base}, doubling per attempt up to
 * {@code max}; an effect still failing {@code giveUpAfter} after it was recorded is settled as
 * FAILED ("gave up") instead of being retried forever.
 */
public record RetryPolicy(Duration base, Duration max, Duration giveUpAfter) {
  /** 1 s, 2 s, 4 s ... up to 5 minutes between attempts; give up after 24 hours. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofHours(24));

  public RetryPolicy {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(max, "max");
    Objects.requireNonNull(giveUpAfter, "giveUpAfter");
    if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("need 0 < base <= max");
    }
  }

  /** The delay before the next attempt, after {@code attempts} attempts (at least 1). */
  public Duration delayAfter(int attempts) {
    int doublings = Math.max(0, Math.min(attempts - 1, 30));
    Duration d = base.multipliedBy(1L << Math.min(doublings, 20));
    return d.compareTo(max) > 0 ? max : d;
  }

  /** Whether an effect recorded at {@code createdAt} should no longer be retried at {@code now}. */
  public boolean givesUp(Instant createdAt, Instant now) {
    return !now.isBefore(createdAt.plus(giveUpAfter));
  }
}
