package dev.tiramisu.tickets.ticket;

import dev.tiramisu.tickets.effects.NewEffect;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Persistence of the tickets' timers: close requests, the last activity of each ticket (for
 * auto-close) and notices for admins. Every state change is conditional and reports whether this
 * call made it, so processes sweeping the same rows act once; effects passed in are recorded in
 * the same transaction, only when the change was made. Implementations throw {@link
 * dev.tiramisu.tickets.common.StorageUnavailableException} on database failure.
 */
public interface TimerStore {

  /** An OPEN ticket with a thread and its idle time, as the auto-close sweep sees it. */
  record IdleTicket(long ticketId, long guildId, long threadId, Instant idleSince,
      Instant warnedAt) {}

  /** Something to tell a guild's admins on their next {@code /setting} command. */
  record Notice(String kind, Long channelId, int count, Instant createdAt) {}

  /** What {@link #requestClose} did. */
  record NewRequest(CloseRequest request, Optional<CloseRequest> replaced) {}

  /**
   * Saves a PENDING close request for the ticket, replacing (state REPLACED) the ticket's pending
   * one, and records {@code effects.apply(newId)} in the same transaction.
   */
  NewRequest requestClose(long ticketId, long guildId, long requestedBy, String reason,
      Instant dueAt, Instant now, java.util.function.BiFunction<Long, Optional<CloseRequest>,
          List<NewEffect>> effects);

  Optional<CloseRequest> findCloseRequest(long requestId);

  /** The ticket's PENDING request, if any. */
  Optional<CloseRequest> pendingCloseRequest(long ticketId);

  /**
   * Moves a PENDING request to {@code to} and records {@code effects}, in one transaction.
   *
   * @param dueBy if not null, only a request with a deadline at or before it (expiry); the
   *     creator's message only cancels requests with a deadline ({@code dueBy} = far future)
   * @return true only for the one call that settled it
   */
  boolean settleCloseRequest(long requestId, CloseRequest.State to, Long by, Instant at,
      Instant dueBy, List<NewEffect> effects);

  /** Records the message carrying the request's buttons. */
  boolean setCloseRequestMessage(long requestId, long messageId);

  /** Records that the close an ACCEPTED / EXPIRED request implies was carried out. */
  void markCloseDone(long requestId);

  /** PENDING requests whose deadline is at or before {@code now}, oldest deadline first. */
  List<CloseRequest> dueCloseRequests(Instant now, int limit);

  /** ACCEPTED / EXPIRED requests settled before {@code settledBefore} whose close is not done. */
  List<CloseRequest> unfinishedCloses(Instant settledBefore, int limit);

  /** Whether the ticket was closed (its close effects recorded) at or after {@code since}. */
  boolean closedSince(long ticketId, Instant since);

  /** Records activity in the ticket at {@code at} (kept if an earlier value is later). */
  void recordActivity(long ticketId, long guildId, Instant at);

  /**
   * Records the auto-close warning of the idle period that started at {@code idleSince}, with its
   * effects, if none was recorded for that period and no activity came after {@code idleSince}.
   *
   * @return true only for the one call that recorded it
   */
  boolean recordWarning(long ticketId, long guildId, Instant idleSince, Instant at,
      List<NewEffect> effects);

  /**
   * The guild's OPEN tickets with a thread idle since at most {@code idleBefore}: the last of
   * their creation, recorded activity and lifecycle steps (effects, except {@code
   * excludedKinds}) is at or before it. Oldest ticket first.
   */
  List<IdleTicket> idleTickets(long guildId, Instant idleBefore, List<String> excludedKinds,
      int limit);

  /** Guilds with auto-close on. */
  List<Long> autocloseGuilds();

  /**
   * The guild's OPEN tickets whose thread was created in {@code channelId}; with {@code
   * orUnknown} also those whose parent was not recorded (adopted threads).
   */
  List<Long> openTicketsUnder(long guildId, long channelId, boolean orUnknown);

  /** Saves a notice for the guild's admins. */
  void addNotice(long guildId, String kind, Long channelId, int count, Instant at);

  /** The guild's notices, oldest first, deleted by this call (each is returned once). */
  List<Notice> takeNotices(long guildId);

}
