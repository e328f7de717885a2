package dev.tiramisu.tickets.ticket;

import java.time.Instant;
import java.util.List;

/**
 * Close confirmations shown and not yet answered (table {@code close_confirmations}, V16): the
 * reason typed with the close command, which does not fit in a button's custom id, and the tokens
 * of the interactions that showed them, so that the close takes the buttons off every confirmation
 * of the ticket. Durable, so that neither survives only in one process's memory: a confirmation
 * answered after a restart, or by another process, still closes with its reason. Every method is
 * atomic; database failures are thrown as {@link
 * dev.tiramisu.tickets.common.StorageUnavailableException}.
 */
public interface CloseConfirmationStore {

  /**
   * Records a confirmation shown to {@code requesterId}; its reason replaces the requester's
   * earlier one. Deletes every expired confirmation (of any ticket) on the way.
   *
   * @param reason the reason typed, or null
   * @param token the token of the interaction that shows it, or null
   * @param expires when the token expires
   */
  void shown(long ticketId, long requesterId, String reason, String token, Instant expires,
      Instant now);

  /**
   * The reason of the requester's latest live confirmation of the ticket, or null if none, if
   * it had none, or if the requester cancelled it.
   */
  String reason(long ticketId, long requesterId, Instant now);

  /**
   * The tokens of the ticket's live confirmations, every requester's, oldest first: the latest
   * 100 (someone who clicks Close a thousand times does not make a thousand edits).
   */
  List<String> tokens(long ticketId, Instant now);

  /** The requester cancelled: their reason is dropped, the tokens are kept. */
  void cancel(long ticketId, long requesterId);

  /** The ticket closed: every confirmation of it is forgotten. */
  void forget(long ticketId);
}
