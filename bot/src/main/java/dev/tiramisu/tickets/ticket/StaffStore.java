package dev.tiramisu.tickets.ticket;

import dev.tiramisu.tickets.effects.NewEffect;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Persistence of what staff do to a ticket besides opening and closing it: its claim ({@code
 * ticket_claims}, V8), and the Discord effects of adding or removing a member, which change no
 * row. Every change is one transaction together with the effects it implies; the changes are
 * conditional, so of any number of concurrent calls exactly the expected ones succeed.
 * Implementations throw {@link dev.tiramisu.tickets.common.StorageUnavailableException} on
 * database failure.
 */
public interface StaffStore {

  /** The ticket's claim, if it has one. */
  Optional<Claim> claimOf(long ticketId);

  /**
   * Claims an OPEN ticket that nobody holds.
   *
   * @return whether this call claimed it (false: already claimed, or the ticket is not OPEN)
   */
  boolean claim(long ticketId, long userId, Instant at, List<NewEffect> effects);

  /**
   * Releases the claim if {@code claimerId} still holds it.
   *
   * @return whether this call released it
   */
  boolean release(long ticketId, long claimerId, Instant at, List<NewEffect> effects);

  /**
   * Moves the claim from {@code fromId} to {@code toId} if {@code fromId} still holds it.
   *
   * @return whether this call moved it
   */
  boolean transfer(long ticketId, long fromId, long toId, Instant at, List<NewEffect> effects);

  /** Records the effects of an action that changes no row (a member added or removed). */
  void record(long ticketId, Instant at, List<NewEffect> effects);
}
