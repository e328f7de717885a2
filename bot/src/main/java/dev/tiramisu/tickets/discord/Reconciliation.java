package dev.tiramisu.tickets.discord;

import java.time.Duration;
import java.util.Objects;

/**
 * When {@link UnattachedReconciler} runs and which tickets it may settle.
 *
 * @param period time between runs; also the lease's time to live, so one process per shard runs
 *     the job per period
 * @param age only tickets saved longer ago than this are touched (a younger one may still be
 *     getting its thread)
 * @param scheduled whether the bot runs it by itself (once the shards are ready, then every
 *     {@code period}); tests turn it off and call {@link UnattachedReconciler#runOnce()}
 */
public record Reconciliation(Duration period, Duration age, boolean scheduled) {
  /** Every minute, tickets older than 2 minutes. */
  public static final Reconciliation DEFAULT =
      new Reconciliation(Duration.ofMinutes(1), Duration.ofMinutes(2), true);

  public Reconciliation {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(age, "age");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be positive");
    }
    if (age.isNegative()) {
      throw new IllegalArgumentException("age must not be negative");
    }
  }

  /** Never runs by itself: only {@link UnattachedReconciler#runOnce()} runs it. */
  public static Reconciliation manual(Duration period, Duration age) {
    return new Reconciliation(period, age, false);
  }
}
