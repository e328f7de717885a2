package dev.tiramisu.tickets.ticket;

import java.time.Instant;
import java.util.Objects;

/**
 * A staff member's question to a ticket's creator: may the ticket be closed? Answered with the
 * Accept / Keep open buttons of the request's message; with {@code dueAt} the ticket closes by
 * itself then, unless the creator kept it open or wrote in the ticket.
 *
 * @param reason the staff member's reason (normalised user text), or null
 * @param dueAt when the ticket closes by itself, or null (only the buttons)
 * @param messageId the bot's message carrying the buttons, once posted, else null
 * @param settledAt when it left PENDING, or null
 * @param settledBy who answered (creator) or null (the bot, a replacement, a close)
 * @param closeDone for ACCEPTED / EXPIRED: whether the close it implies was carried out
 */
public record CloseRequest(
    long id,
    long ticketId,
    long guildId,
    long requestedBy,
    String reason,
    Instant dueAt,
    State state,
    Long messageId,
    Instant createdAt,
    Instant settledAt,
    Long settledBy,
    boolean closeDone) {

  /** Where a request stands. Every state but PENDING is final. */
  public enum State {
    /** Waiting for the creator (and for {@code dueAt}, if set). */
    PENDING,
    /** The creator accepted: the ticket is closed with the request's reason. */
    ACCEPTED,
    /** The creator pressed Keep open. */
    KEPT_OPEN,
    /** The creator wrote in the ticket before the request's deadline. */
    CANCELLED,
    /** A newer request replaced it. */
    REPLACED,
    /** Nobody answered by {@code dueAt}: the ticket is closed. */
    EXPIRED,
    /** The ticket was closed (or reopened) otherwise meanwhile. */
    CLOSED
  }

  public CloseRequest {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  public boolean isPending() {
    return state == State.PENDING;
  }

  public boolean hasDeadline() {
    return dueAt != null;
  }
}
