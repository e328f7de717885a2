package dev.tiramisu.tickets.metrics;

/** Whether this process can serve: every shard connected and the database answering. */
@FunctionalInterface
public interface Readiness {
  /** Null when ready; otherwise a short plain-text reason (no secrets, no user text). */
  String notReadyReason();
}
