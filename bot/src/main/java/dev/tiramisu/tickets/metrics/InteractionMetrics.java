package dev.tiramisu.tickets.metrics;

import java.time.Duration;

/**
 * What the interaction router reports: for each interaction, how long after Discord created it
 * the bot acknowledged it, and how long until the bot's handling ended (its last answer sent),
 * with the outcome. {@code command} is a short fixed name such as {@code /ticket create} or
 * {@code button Close}, never user text.
 */
public interface InteractionMetrics {
  /** Reports nothing (metrics off). */
  InteractionMetrics NONE = new InteractionMetrics() {
    @Override
    public void acknowledged(String command, Duration sinceCreated) {}

    @Override
    public void completed(String command, Outcome outcome, Duration sinceCreated) {}
  };

  void acknowledged(String command, Duration sinceCreated);

  void completed(String command, Outcome outcome, Duration sinceCreated);
}
