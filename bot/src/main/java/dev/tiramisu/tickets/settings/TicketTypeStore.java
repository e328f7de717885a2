package dev.tiramisu.tickets.settings;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Persistence of {@link TicketType}s ({@code ticket_types}, V10). A deleted type keeps its row
 * (its tickets still refer to it and keep its channel and staff) but is no longer listed or
 * offered. Implementations throw {@link dev.tiramisu.tickets.common.StorageUnavailableException}
 * on database failure.
 */
public interface TicketTypeStore {

  /** The guild's live types, oldest first. */
  List<TicketType> list(long guildId);

  /** The type with this id, deleted or not. */
  Optional<TicketType> find(long typeId);

  /**
   * Inserts a type (id and {@code isDefault} of {@code type} are ignored).
   *
   * @return the stored type, or empty if the guild has a live type of that name
   */
  Optional<TicketType> insert(TicketType type, Instant at);

  /**
   * Replaces a live type's values and, in the same transaction, requests a redraw of every posted
   * panel offering it ({@link dev.tiramisu.tickets.panel.PanelStore#redrawsDue}).
   *
   * @return false if it is gone or the new name is taken
   */
  boolean update(TicketType type, Instant at);

  /**
   * Marks a live type deleted (its tickets keep it) and, in the same transaction, requests a
   * redraw of every posted panel offering it.
   *
   * @return whether this call deleted it
   */
  boolean delete(long typeId, Instant at);

  /** The type a ticket was opened with, if any (deleted or not). */
  Optional<TicketType> typeOfTicket(long ticketId);
}
