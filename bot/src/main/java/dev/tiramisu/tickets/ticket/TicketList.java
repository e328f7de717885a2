package dev.tiramisu.tickets.ticket;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.settings.SettingsStore;
import dev.tiramisu.tickets.text.MessageKey;
import java.util.List;
import java.util.Objects;

/**
 * {@code /ticket list [user] [state]}: a guild's tickets for staff, newest first, {@value
 * #PAGE_SIZE} per page. Any staff member may read any page (checked on every page, since the
 * buttons that turn pages carry the filter and the page and keep working after restarts).
 */
public final class TicketList {
  public static final int PAGE_SIZE = 10;

  private final TicketQueries queries;
  private final SettingsStore settings;

  public TicketList(TicketQueries queries, SettingsStore settings) {
    this.queries = Objects.requireNonNull(queries, "queries");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * One page of the list.
   *
   * @param total how many tickets match
   * @param page 1-based, within {@code 1..pages}
   * @param pages at least 1
   */
  public record Page(TicketQueries.Filter filter, List<Ticket> tickets, int total, int page,
      int pages) {
    public Page {
      tickets = List.copyOf(tickets);
    }

    public boolean hasPrevious() {
      return page > 1;
    }

    public boolean hasNext() {
      return page < pages;
    }
  }

  /**
   * The page {@code page} (1-based; past the end gives the last page) of the filter's tickets.
   *
   * @return the page, or {@code ERROR_STAFF_ONLY}
   */
  public Result<Page> page(Actor actor, TicketQueries.Filter filter, int page) {
    if (!settings.load(filter.guildId()).isStaff(actor)) {
      return Result.refused(MessageKey.ERROR_STAFF_ONLY);
    }
    int total = queries.count(filter);
    int pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
    int p = Math.min(Math.max(1, page), pages);
    List<Ticket> rows = total == 0 ? List.of()
        : queries.page(filter, (p - 1) * PAGE_SIZE, PAGE_SIZE);
    return Result.ok(new Page(filter, rows, total, p, pages));
  }
}
