package dev.tiramisu.tickets.effects;

/** Where an effect stands. */
public enum EffectState {
  /** Not performed yet, or to be retried at its next attempt time. */
  PENDING,
  /** Performed (or found already done on Discord). */
  DONE,
  /** Settled without being performed: Discord refused for good, or it no longer applies. */
  FAILED
}
