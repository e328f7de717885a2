package dev.tiramisu.tickets.ticket;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.settings.SettingsStore;
import dev.tiramisu.tickets.text.MessageKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * {@code /ticket stats [days]} (issue 13): a guild's tickets over the last {@code days} UTC
 * calendar days, today included, for staff. Counts and lists come from the database ({@link
 * StatsQueries}); medians and the average are computed here.
 */
public final class Stats {
  public static final int DEFAULT_DAYS = 30;
  public static final int MIN_DAYS = 1;
  public static final int MAX_DAYS = 365;
  /** How many closers the statistics list. */
  public static final int TOP_CLOSERS = 10;

  private final StatsQueries queries;
  private final SettingsStore settings;
  private final Clock clock;

  public Stats(StatsQueries queries, SettingsStore settings, Clock clock) {
    this.queries = Objects.requireNonNull(queries, "queries");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The statistics of the guild for staff (the guild's staff role, Manage Server).
   *
   * @param botId the bot's user id: its closes (by a rule: timers, deleted threads) are not
   *     counted for anyone in the closers' list
   * @return the statistics, or {@code ERROR_STAFF_ONLY}, {@code ERROR_STATS_DAYS}
   */
  public Result<TicketStats> compute(Actor actor, long guildId, int days, long botId) {
    if (!settings.load(guildId).isStaff(actor)) {
      return Result.refused(MessageKey.ERROR_STAFF_ONLY);
    }
    if (days < MIN_DAYS || days > MAX_DAYS) {
      return Result.refused(MessageKey.ERROR_STATS_DAYS, MIN_DAYS, MAX_DAYS);
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LocalDate first = today.minusDays(days - 1L);
    Instant from = first.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant to = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    int[] opened = queries.openedPerDay(guildId, from, days);
    int[] closed = queries.closedPerDay(guildId, from, days);
    List<TicketStats.Day> perDay = new ArrayList<>(days);
    for (int i = 0; i < days; i++) {
      perDay.add(new TicketStats.Day(first.plusDays(i), opened[i], closed[i]));
    }
    List<Integer> ratings = queries.ratings(guildId, from, to);
    return Result.ok(new TicketStats(days, first,
        queries.opened(guildId, from, to),
        queries.closed(guildId, from, to),
        queries.openNow(guildId),
        median(queries.firstReplyMillis(guildId, from, to)),
        median(queries.closeMillis(guildId, from, to)),
        average(ratings), ratings.size(),
        queries.closers(guildId, from, to, botId, TOP_CLOSERS),
        perDay));
  }

  /**
   * The median of durations in milliseconds: the middle value, or for an even count the mean of
   * the two middle ones (rounded down to the millisecond); empty for no values.
   */
  public static Optional<Duration> median(List<Long> millis) {
    if (millis.isEmpty()) {
      return Optional.empty();
    }
    long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
    int mid = sorted.length / 2;
    long m = sorted.length % 2 == 1
        ? sorted[mid]
        : sorted[mid - 1] + (sorted[mid] - sorted[mid - 1]) / 2;
    return Optional.of(Duration.ofMillis(m));
  }

  /** The mean of the ratings; empty for none. */
  public static OptionalDouble average(List<Integer> ratings) {
    return ratings.stream().mapToInt(Integer::intValue).average();
  }
}
