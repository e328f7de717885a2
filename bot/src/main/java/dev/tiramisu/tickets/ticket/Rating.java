package dev.tiramisu.tickets.ticket;

import java.time.Instant;

/**
 * A ticket's rating by its creator (issue 13): 1 to 5 stars and, once, an optional comment.
 *
 * @param comment the creator's comment as typed (normalised, unescaped), or null
 * @param commentedAt when the comment was given, or null
 */
public record Rating(long ticketId, int rating, String comment, long ratedBy, Instant ratedAt,
    Instant commentedAt) {
  public static final int MIN = 1;
  public static final int MAX = 5;

  public Rating {
    if (rating < MIN || rating > MAX) {
      throw new IllegalArgumentException("rating " + rating + " outside 1..5");
    }
  }

  public boolean hasComment() {
    return comment != null;
  }
}
