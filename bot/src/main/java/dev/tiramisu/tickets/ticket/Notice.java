package dev.tiramisu.tickets.ticket;

/**
 * What a {@code POST_NOTICE} or {@code LOG_NOTICE} effect tells: the payload names the notice, the
 * actor and, where there is one, the target (and for a transfer the previous claimer). The adapter
 * renders it from the message bundle.
 */
public enum Notice {
  /** Staff reopened the ticket (posted and logged). */
  REOPENED,
  /** Staff claimed the ticket (logged; the first message shows the claimer). */
  CLAIMED,
  /** The claim was released; target = the previous claimer (logged). */
  UNCLAIMED,
  /** The claim moved; from = the previous claimer, target = the new one (logged). */
  TRANSFERRED,
  /** A member was added to the thread (posted, pinging only the added member, and logged). */
  ADDED,
  /** A member was removed from the thread (posted without pings, and logged). */
  REMOVED
}
