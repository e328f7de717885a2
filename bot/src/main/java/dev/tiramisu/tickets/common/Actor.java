package dev.tiramisu.tickets.common;

import java.util.Set;

/**
 * The guild member who triggered an operation, reduced to what permission rules need.
 *
 * <p>The adapter builds it from the interaction's member: role ids (never names) and the two
 * guild-wide permissions that make someone staff regardless of the configured role.
 *
 * @param userId the member's user id
 * @param roleIds ids of the roles the member has
 * @param manageServer whether the member has the Manage Server permission
 * @param administrator whether the member has the Administrator permission
 */
public record Actor(long userId, Set<Long> roleIds, boolean manageServer, boolean administrator) {

  public Actor {
    roleIds = Set.copyOf(roleIds);
  }

  /** A member with the given roles and no guild-wide permissions. */
  public static Actor member(long userId, Long... roleIds) {
    return new Actor(userId, Set.of(roleIds), false, false);
  }

  /** Whether the member may change the guild's settings (Manage Server or Administrator). */
  public boolean canManageServer() {
    return manageServer || administrator;
  }
}
