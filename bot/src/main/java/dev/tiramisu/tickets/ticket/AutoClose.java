package dev.tiramisu.tickets.ticket;

import dev.tiramisu.tickets.settings.GuildSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The auto-close rule of a guild: a ticket idle (no message in its thread, no lifecycle step)
 * for {@code after} is closed as inactive, after a warning posted {@code lead} before.
 *
 * <ul>
 *   <li>The warning lead is {@code autoclose_warning} when it is shorter than {@code
 *       autoclose_after}, else half of {@code autoclose_after}; a zero warning means none.
 *   <li>The warning is posted once per idle period (any activity starts a new period).
 *   <li>The close comes at {@code idleSince + after}, but never sooner than {@code lead} after the
 *       warning was actually posted: a bot that was down at warning time warns late and still
 *       gives the member the whole warning time.
 * </ul>
 *
 * @param after how long a ticket may stay idle (positive)
 * @param lead how long before the close the warning comes (zero: no warning)
 */
public record AutoClose(Duration after, Duration lead) {

  /** What to do with an idle ticket now. */
  public enum Decision { NOTHING, WARN, CLOSE }

  public AutoClose {
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(lead, "lead");
    if (after.isNegative() || after.isZero()) {
      throw new IllegalArgumentException("after must be positive");
    }
    if (lead.isNegative() || lead.compareTo(after) >= 0) {
      throw new IllegalArgumentException("lead must be in [0, after)");
    }
  }

  /** The guild's rule, or empty when auto-close is off. */
  public static Optional<AutoClose> of(GuildSettings s) {
    return of(s.autocloseAfter(), s.autocloseWarning());
  }

  /** The rule for these setting values, or empty when {@code after} is zero (off). */
  public static Optional<AutoClose> of(Duration after, Duration warning) {
    if (after == null || after.isZero() || after.isNegative()) {
      return Optional.empty();
    }
    Duration w = warning == null || warning.isNegative() ? Duration.ZERO : warning;
    return Optional.of(new AutoClose(after, w.compareTo(after) >= 0 ? after.dividedBy(2) : w));
  }

  public boolean warns() {
    return !lead.isZero();
  }

  /** How long a ticket must be idle before anything happens (the warning, or the close). */
  public Duration firstStep() {
    return after.minus(lead);
  }

  /** When the warning is due for a ticket idle since {@code idleSince}. */
  public Instant warnAt(Instant idleSince) {
    return idleSince.plus(firstStep());
  }

  /**
   * When the ticket closes: {@code idleSince + after}, and not sooner than {@code lead} after
   * {@code warnedAt} (the warning of this idle period; null if none was posted).
   */
  public Instant closeAt(Instant idleSince, Instant warnedAt) {
    Instant close = idleSince.plus(after);
    if (warns() && warnedAt != null && warnedAt.plus(lead).isAfter(close)) {
      return warnedAt.plus(lead);
    }
    return close;
  }

  /**
   * @param idleSince the ticket's last activity
   * @param warnedAt when a warning was last recorded for the ticket, or null
   */
  public Decision decide(Instant idleSince, Instant warnedAt, Instant now) {
    Instant warnedThisPeriod = warnedAt != null && !warnedAt.isBefore(idleSince) ? warnedAt : null;
    if (warns()) {
      if (warnedThisPeriod == null) {
        return now.isBefore(warnAt(idleSince)) ? Decision.NOTHING : Decision.WARN;
      }
      return now.isBefore(closeAt(idleSince, warnedThisPeriod)) ? Decision.NOTHING : Decision.CLOSE;
    }
    return now.isBefore(closeAt(idleSince, null)) ? Decision.NOTHING : Decision.CLOSE;
  }
}
