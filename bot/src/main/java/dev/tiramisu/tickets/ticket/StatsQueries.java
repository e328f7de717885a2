package dev.tiramisu.tickets.ticket;

import java.time.Instant;
import java.util.List;

/**
 * The reads behind {@code /ticket stats} (issue 13), over one guild's tickets in a period {@code
 * [from, to)}. Tickets whose creation failed (state FAILED) are not counted. Times are what the
 * database holds: creation, first staff reply, close (a reopened ticket is not closed), rating.
 * Implementations throw {@link dev.tiramisu.tickets.common.StorageUnavailableException} on
 * database failure.
 */
public interface StatsQueries {

  /** Tickets opened in the period. */
  int opened(long guildId, Instant from, Instant to);

  /** Tickets closed in the period (and still closed). */
  int closed(long guildId, Instant from, Instant to);

  /** Tickets open now. */
  int openNow(long guildId);

  /** For each ticket opened in the period that staff replied to: milliseconds until the reply. */
  List<Long> firstReplyMillis(long guildId, Instant from, Instant to);

  /** For each ticket closed in the period: milliseconds from its creation to its close. */
  List<Long> closeMillis(long guildId, Instant from, Instant to);

  /** The ratings given in the period. */
  List<Integer> ratings(long guildId, Instant from, Instant to);

  /**
   * Tickets closed in the period per closer, most first (ties by user id), at most {@code limit};
   * closes by the ticket's creator and by {@code excludedCloserId} (the bot: closes by a rule)
   * are left out.
   */
  List<TicketStats.CloserCount> closers(long guildId, Instant from, Instant to,
      long excludedCloserId, int limit);

  /**
   * Tickets opened per day of the period: element {@code i} counts those created in {@code [from
   * + i days, from + i + 1 days)}; {@code days} elements.
   */
  int[] openedPerDay(long guildId, Instant from, int days);

  /** As {@link #openedPerDay}, for tickets closed. */
  int[] closedPerDay(long guildId, Instant from, int days);
}
