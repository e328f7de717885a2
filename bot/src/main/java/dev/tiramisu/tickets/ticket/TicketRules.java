package dev.tiramisu.tickets.ticket;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.settings.GuildSettings;

/**
 * Who may do what to a ticket. Staff is defined by {@link GuildSettings#isStaff} (the {@code
 * staff_role} id, Manage Server or Administrator).
 */
public final class TicketRules {
  private TicketRules() {}

  /** Staff may close any ticket; its creator may close it when {@code creator_can_close} is on. */
  public static boolean mayClose(Actor actor, Ticket ticket, GuildSettings settings) {
    return settings.isStaff(actor)
        || (settings.creatorCanClose() && actor.userId() == ticket.creatorId());
  }

  /** Only staff may reopen (a creator who could reopen could undo staff's decision). */
  public static boolean mayReopen(Actor actor, GuildSettings settings) {
    return settings.isStaff(actor);
  }
}
