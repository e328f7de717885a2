package dev.tiramisu.tickets.jobs;

import java.time.Duration;
import java.time.Instant;

/**
 * Leases that let a timed job run in one process at a time, even with several bot processes on
 * one database.
 *
 * <p>A process calls {@link #tryClaim} before running the job; only the one that gets {@code true}
 * runs it, until the lease expires or it renews it. A lease gives mutual exclusion, not
 * exactly-once: a job whose effect must happen once should also record completion with a
 * conditional update (as {@code TicketStore.closeIfOpen} does), so a holder that crashed midway and
 * a later holder cannot both complete it.
 */
public interface JobLeases {

  /**
   * Claims or renews the lease {@code name} for {@code owner} until {@code now + ttl}: succeeds if
   * nobody holds it, the previous holder's lease has expired, or {@code owner} already holds it.
   *
   * @return whether {@code owner} holds the lease now
   */
  boolean tryClaim(String name, String owner, Instant now, Duration ttl);

  /** Gives up the lease if {@code owner} holds it, so another process may claim it at once. */
  void release(String name, String owner);
}
