package dev.tiramisu.tickets.ticket;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A guild's ticket statistics over the last {@code days} days (UTC calendar days, today
 * included): see {@link Stats}.
 *
 * @param firstDay the first day of the period (UTC)
 * @param opened tickets opened in the period
 * @param closed tickets closed in the period
 * @param openNow tickets open now
 * @param medianFirstReply median time from opening to the first staff reply, over the period's
 *     tickets that got one
 * @param medianClose median time from opening to closing, over the period's closes
 * @param averageRating average of the period's ratings
 * @param ratings how many ratings the period has
 * @param closers tickets closed per staff member, most first (top {@link Stats#TOP_CLOSERS})
 * @param perDay tickets opened and closed on each day, {@code days} elements, oldest first
 */
public record TicketStats(int days, LocalDate firstDay, int opened, int closed, int openNow,
    Optional<Duration> medianFirstReply, Optional<Duration> medianClose,
    OptionalDouble averageRating, int ratings, List<CloserCount> closers, List<Day> perDay) {

  public TicketStats {
    closers = List.copyOf(closers);
    perDay = List.copyOf(perDay);
  }

  /** Tickets closed by one member in the period. */
  public record CloserCount(long userId, int count) {}

  /** Tickets opened and closed on one UTC day. */
  public record Day(LocalDate date, int opened, int closed) {}
}
