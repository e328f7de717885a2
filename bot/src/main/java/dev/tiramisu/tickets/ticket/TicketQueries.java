package dev.tiramisu.tickets.ticket;

import java.util.List;

/** Read-only queries over a guild's tickets, for staff lists ({@code /ticket list}). */
public interface TicketQueries {

  /**
   * Which tickets: one guild's, optionally of one creator and in one state.
   *
   * @param creatorId null for every creator
   * @param state null for every state
   */
  record Filter(long guildId, Long creatorId, TicketState state) {}

  /** How many tickets match. */
  int count(Filter filter);

  /** The matching tickets newest first (highest number first), {@code limit} from {@code offset}. */
  List<Ticket> page(Filter filter, int offset, int limit);
}
