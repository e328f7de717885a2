package dev.tiramisu.tickets.metrics;

import java.util.Locale;

/** How the bot's handling of an interaction ended, as the {@code outcome} label shows it. */
public enum Outcome {
  /** Done as asked (including "still in progress" answers of work that was saved). */
  OK,
  /** Refused with a reason the user can act on (not allowed, bad input, limits, not a ticket). */
  REFUSED,
  /** Failed: the database was unavailable, a bug (answered with a reference), or not acknowledged. */
  ERROR;

  /** The label value: {@code ok}, {@code refused}, {@code error}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
