package dev.tiramisu.tickets.ticket;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.settings.GuildSettings;

/** Who may add members to a ticket and remove them. */
public final class MemberRules {
  private MemberRules() {}

  /** Staff may add; the creator too when the guild sets {@code creator_can_add}. */
  public static boolean mayAdd(Actor actor, Ticket t, GuildSettings s) {
    return s.isStaff(actor) || (s.creatorCanAdd() && actor.userId() == t.creatorId());
  }

  /** Only staff may remove (a creator could otherwise remove the staff handling the ticket). */
  public static boolean mayRemove(Actor actor, GuildSettings s) {
    return s.isStaff(actor);
  }
}
