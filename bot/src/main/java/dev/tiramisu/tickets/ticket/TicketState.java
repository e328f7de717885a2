package dev.tiramisu.tickets.ticket;

/** Where a ticket is in its life. */
public enum TicketState {
  /**
   * Saved and (once {@code threadId} is set) visible on Discord. A ticket is OPEN from the moment
   * its number is allocated, before Discord is asked to create the thread.
   */
  OPEN,
  /** Closed by its creator or staff; may be reopened. */
  CLOSED,
  /**
   * Discord refused to create the thread. The row and its number are kept so the number is
   * visibly never reused; the ticket cannot be closed or reopened.
   */
  FAILED
}
