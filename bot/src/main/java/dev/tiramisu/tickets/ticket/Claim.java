package dev.tiramisu.tickets.ticket;

import java.time.Instant;
import java.util.Objects;

/**
 * Who holds a ticket: the staff member who claimed it (or to whom it was transferred), and since
 * when. At most one per ticket ({@code ticket_claims}, V8).
 */
public record Claim(long ticketId, long claimerId, Instant claimedAt) {
  public Claim {
    Objects.requireNonNull(claimedAt, "claimedAt");
  }
}
