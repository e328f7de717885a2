package dev.tiramisu.tickets.ticket;

import java.time.Instant;
import java.util.Objects;

/**
 * A ticket as stored. Ids are Discord snowflakes except {@code id}, the database key (use it in
 * component ids). Timestamps have millisecond precision. Nullable fields are documented below.
 *
 * @param id database id, unique across guilds
 * @param guildId the guild
 * @param number per-guild number: 1, 2, 3... allocated atomically, never reused
 * @param creatorId who opened it
 * @param reason why it was opened (already normalised), or null
 * @param state see {@link TicketState}
 * @param threadId the private thread, or null until {@link TicketService#attachThread}
 * @param firstMessageId the bot's first message in the thread, or null (unknown or not yet sent)
 * @param createdAt when the number was allocated
 * @param closedAt when it was closed or failed, or null while open
 * @param closedById who closed it, or null unless CLOSED
 * @param closeReason the closer's reason (normalised), or null
 * @param failureReason why thread creation failed (internal, not user text), or null unless FAILED
 */
public record Ticket(
    long id,
    long guildId,
    int number,
    long creatorId,
    String reason,
    TicketState state,
    Long threadId,
    Long firstMessageId,
    Instant createdAt,
    Instant closedAt,
    Long closedById,
    String closeReason,
    String failureReason) {

  public Ticket {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  public boolean isOpen() {
    return state == TicketState.OPEN;
  }

  /** Whether the Discord thread was created and recorded. */
  public boolean hasThread() {
    return threadId != null;
  }
}
