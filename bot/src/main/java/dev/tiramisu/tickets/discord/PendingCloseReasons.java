package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.ticket.CloseConfirmationStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Close confirmations shown and not yet answered: the reason typed with {@code /ticket close
 * reason:...} (up to 1000 characters do not fit in a custom id), and the token of the interaction
 * that showed the confirmation, so that the close can remove the buttons of every confirmation of
 * the ticket. Kept in the database ({@link CloseConfirmationStore}), so that a confirmation
 * answered after a restart, or in another process, still closes with its reason and still loses
 * its buttons. Entries expire after {@link #TTL}: an interaction token lasts 15 minutes, and a
 * confirmation older than that can no longer be edited.
 */
final class PendingCloseReasons {
  static final Duration TTL = Duration.ofMinutes(14);

  private final CloseConfirmationStore store;
  private final Clock clock;

  PendingCloseReasons(CloseConfirmationStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @param reason the reason typed, or null
   * @param token the token of the interaction that shows the confirmation
   */
  void put(long ticketId, long requesterId, String reason, String token) {
    java.time.Instant now = clock.instant();
    store.shown(ticketId, requesterId, reason == null || reason.isBlank() ? null : reason, token,
        now.plus(TTL), now);
  }

  /** The reason of the requester's confirmation, or null if none (or expired); kept. */
  String reason(long ticketId, long requesterId) {
    return store.reason(ticketId, requesterId, clock.instant());
  }

  /** The tokens of the ticket's live confirmations (every requester's). */
  List<String> tokens(long ticketId) {
    return store.tokens(ticketId, clock.instant());
  }

  void forget(long ticketId, long requesterId) {
    store.cancel(ticketId, requesterId);
  }

  /** Forgets every confirmation of the ticket (it closed). */
  void forgetTicket(long ticketId) {
    store.forget(ticketId);
  }
}
