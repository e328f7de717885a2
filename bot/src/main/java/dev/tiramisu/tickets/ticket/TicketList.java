package dev.tiramisu.tickets.ticket;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.settings.GuildSettings;
import dev.tiramisu.tickets.settings.SettingsStore;
import dev.tiramisu.tickets.settings.TicketType;
import dev.tiramisu.tickets.settings.TicketTypeStore;
import dev.tiramisu.tickets.text.MessageKey;
import java.util.List;
import java.util.Objects;

/**
 * {@code /ticket list [user] [state]}: a guild's tickets for staff, newest first, {@value
 * #PAGE_SIZE} per page; staff of a ticket type who are not the guild's staff see that type's. Any staff member may read any page (checked on every page, since the
 * buttons that turn pages carry the filter and the page and keep working after restarts).
 */
public final class TicketList {
  public static final int PAGE_SIZE = 10;

  private final TicketQueries queries;
  private final SettingsStore settings;
  private final TicketTypeStore types;

  /** Staff are the guild's staff only (no ticket types). */
  public TicketList(TicketQueries queries, SettingsStore settings) {
    this(queries, settings, null);
  }

  /**
   * @param types the guild's ticket types: staff of a type who are not the guild's staff see the
   *     tickets of their types (null: no types)
   */
  public TicketList(TicketQueries queries, SettingsStore settings, TicketTypeStore types) {
    this.queries = Objects.requireNonNull(queries, "queries");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.types = types;
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
    GuildSettings s = settings.load(filter.guildId());
    if (!s.isStaff(actor)) {
      // Staff of some ticket types (not the guild's staff) see the tickets of those types.
      List<Long> own = types == null ? List.of() : staffTypes(s, types.list(filter.guildId()), actor);
      if (own.isEmpty()) {
        return Result.refused(MessageKey.ERROR_STAFF_ONLY);
      }
      filter = filter.ofTypes(own);
    }
    int total = queries.count(filter);
    int pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
    int p = Math.min(Math.max(1, page), pages);
    List<Ticket> rows = total == 0 ? List.of()
        : queries.page(filter, (p - 1) * PAGE_SIZE, PAGE_SIZE);
    return Result.ok(new Page(filter, rows, total, p, pages));
  }

  /** The ids of the types among {@code live} whose own staff roles make {@code actor} staff. */
  public static List<Long> staffTypes(GuildSettings s, List<TicketType> live, Actor actor) {
    return live.stream()
        .filter(t -> !t.staffRoleIds().isEmpty() && s.forType(t).isStaff(actor))
        .map(TicketType::id).toList();
  }
}
