package dev.tiramisu.tickets.ticket;

import dev.tiramisu.tickets.common.Actor;

/**
 * The user a staff command is about ({@code /ticket add|remove|transfer @user}), as the adapter
 * resolved it from the interaction.
 *
 * @param member the user as a member of the guild (roles and permissions), or null when the user
 *     is not a member of the guild
 */
public record TargetUser(long userId, boolean bot, Actor member) {
  /** Whether the user is a member of the guild. */
  public boolean inGuild() {
    return member != null;
  }
}
