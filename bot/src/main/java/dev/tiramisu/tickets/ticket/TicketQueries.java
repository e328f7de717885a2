package dev.tiramisu.tickets.ticket;

import java.util.List;

/** Read-only queries over a guild's tickets, for staff lists ({@code /ticket list}). */
public interface TicketQueries {

  /**
   * Which tickets: one guild's, optionally of one creator, in one state, of some types.
   *
   * @param creatorId null for every creator
   * @param state null for every state
   * @param typeIds null for every ticket; else only tickets of these types (none if empty)
   */
  record Filter(long guildId, Long creatorId, TicketState state, List<Long> typeIds) {
    public Filter {
      typeIds = typeIds == null ? null : List.copyOf(typeIds);
    }

    /** Tickets of every type. */
    public Filter(long guildId, Long creatorId, TicketState state) {
      this(guildId, creatorId, state, null);
    }

    /** This filter limited to tickets of {@code types}. */
    public Filter ofTypes(List<Long> types) {
      return new Filter(guildId, creatorId, state, types);
    }
  }

  /** How many tickets match. */
  int count(Filter filter);

  /** The matching tickets newest first (highest number first), {@code limit} from {@code offset}. */
  List<Ticket> page(Filter filter, int offset, int limit);
}
