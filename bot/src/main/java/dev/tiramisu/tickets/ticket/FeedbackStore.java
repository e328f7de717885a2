package dev.tiramisu.tickets.ticket;

import dev.tiramisu.tickets.effects.NewEffect;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Persistence of what the statistics need beyond the tickets themselves (issue 13): one rating
 * per ticket ({@code ticket_ratings}, V14) and the time of the first staff reply ({@code
 * tickets.first_staff_reply_at}). Every write is conditional, so of any number of concurrent
 * calls exactly one takes effect; a write and its effects are one transaction. Implementations
 * throw {@link dev.tiramisu.tickets.common.StorageUnavailableException} on database failure.
 */
public interface FeedbackStore {

  /** The ticket's rating, if it has one. */
  Optional<Rating> ratingOf(long ticketId);

  /**
   * Stores the rating unless the ticket already has one, with {@code effects}.
   *
   * @return whether this call stored it
   */
  boolean rate(long ticketId, int rating, long userId, Instant at, List<NewEffect> effects);

  /**
   * Sets the comment of {@code userId}'s rating if it has none yet, with {@code effects}.
   *
   * @return whether this call stored it
   */
  boolean comment(long ticketId, long userId, String comment, Instant at,
      List<NewEffect> effects);

  /**
   * Records the first staff reply of the ticket, unless one is recorded already.
   *
   * @return whether this call recorded it
   */
  boolean firstStaffReply(long ticketId, Instant at);

  /** When staff first replied in the ticket, if they did. */
  Optional<Instant> firstStaffReplyOf(long ticketId);
}
