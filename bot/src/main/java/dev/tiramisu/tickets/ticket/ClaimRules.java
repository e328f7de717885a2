package dev.tiramisu.tickets.ticket;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.settings.GuildSettings;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Who may claim, release and transfer a ticket, and when other staff are told that it is claimed.
 * Staff are {@link GuildSettings#isStaff} (by role id, Manage Server or Administrator).
 */
public final class ClaimRules {
  private ClaimRules() {}

  /** Only staff may claim. */
  public static boolean mayClaim(Actor actor, GuildSettings s) {
    return s.isStaff(actor);
  }

  /**
   * The claimer may release or transfer their claim; so may anyone with Manage Server (to free a
   * ticket held by someone who is away), but not other staff.
   */
  public static boolean mayReleaseOrTransfer(Actor actor, Claim claim) {
    return actor.userId() == claim.claimerId() || actor.canManageServer();
  }

  /** A claim can only move to a staff member of the guild who is not a bot. */
  public static boolean mayReceive(TargetUser target, GuildSettings s) {
    return target.inGuild() && !target.bot() && s.isStaff(target.member());
  }

  /**
   * The claimer to name when {@code actor} acts on a ticket held by someone else ({@code
   * claim_notice}): staff other than the claimer are told, never blocked. Empty when the setting
   * is off, the ticket is not claimed, or the actor is the claimer or not staff (a member acting
   * on their own ticket needs no notice).
   */
  public static OptionalLong noticeFor(Actor actor, Optional<Claim> claim, GuildSettings s) {
    if (!s.claimNotice() || claim.isEmpty() || claim.get().claimerId() == actor.userId()
        || !s.isStaff(actor)) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(claim.get().claimerId());
  }
}
