package dev.tiramisu.tickets.effects;

import java.time.Instant;
import java.util.List;

/**
 * Persistence of effects. Effects are inserted by the ticket store together with the state change
 * that implies them; this interface reads and settles them. Every method is atomic; the updates
 * are conditional on the row still being PENDING, so a worker that lost its lease cannot undo a
 * later worker's result. Implementations throw {@link
 * dev.tiramisu.tickets.common.StorageUnavailableException} on database failure.
 */
public interface EffectStore {

  /** The ticket's effects in the order they run (id order), settled or not. */
  List<Effect> forTicket(long ticketId);

  /**
   * Tickets with a PENDING effect due at {@code now} (next attempt not in the future), with their
   * guild: {@code [ticketId, guildId]} pairs, oldest effect first, at most {@code limit}.
   */
  List<long[]> ticketsDue(Instant now, int limit);

  /**
   * Starts an attempt: increments {@code attempts} and pushes {@code next_attempt_at} to {@code
   * retryAt} (where a crash during the attempt leaves it), committed before the request is sent.
   *
   * @return the effect as it is now, or null if it is no longer PENDING with {@code attempts}
   *     attempts (another worker got there first)
   */
  Effect startAttempt(Effect effect, Instant retryAt);

  /**
   * Settles a PENDING effect.
   *
   * @param payload the payload to keep (e.g. without an interaction token), or null to keep it
   * @return whether this call settled it
   */
  boolean settle(long effectId, EffectState state, String outcome, Payload payload, Instant at);

  /** Records a transient failure: the effect stays PENDING until {@code nextAttemptAt}. */
  boolean retryLater(long effectId, String outcome, Instant nextAttemptAt);
}
