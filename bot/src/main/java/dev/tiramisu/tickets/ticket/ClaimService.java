package dev.tiramisu.tickets.ticket;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.settings.GuildSettings;
import dev.tiramisu.tickets.settings.SettingsStore;
import dev.tiramisu.tickets.text.MessageKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claiming a ticket: one staff member holds it, shown on its first message and logged. Claims are
 * conditional writes ({@link StaffStore}), so of two staff claiming at once exactly one holds it
 * and the other is told who does. Each change records its effects (edit the first message, log)
 * in the same transaction. Logs carry ids only.
 */
public final class ClaimService {
  private static final Logger log = LoggerFactory.getLogger(ClaimService.class);

  private final TicketStore tickets;
  private final StaffStore staff;
  private final SettingsStore settings;
  private final Clock clock;

  public ClaimService(TicketStore tickets, StaffStore staff, SettingsStore settings, Clock clock) {
    this.tickets = Objects.requireNonNull(tickets, "tickets");
    this.staff = Objects.requireNonNull(staff, "staff");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public Optional<Claim> claimOf(long ticketId) {
    return staff.claimOf(ticketId);
  }

  /**
   * The claimer to tell {@code actor} about when they act on the ticket ({@code claim_notice}), see
   * {@link ClaimRules#noticeFor}.
   */
  public OptionalLong noticeFor(long guildId, long ticketId, Actor actor) {
    GuildSettings s = settings.forTicket(guildId, ticketId);
    if (!s.claimNotice()) {
      return OptionalLong.empty();
    }
    return ClaimRules.noticeFor(actor, staff.claimOf(ticketId), s);
  }

  /**
   * Claims an open ticket for {@code actor}.
   *
   * @return the ticket, or {@code ERROR_NOT_A_TICKET}, {@code ERROR_TICKET_FAILED}, {@code
   *     ERROR_CLAIM_STAFF_ONLY}, {@code ERROR_TICKET_CLOSED}, {@code ERROR_ALREADY_CLAIMED_BY_YOU},
   *     {@code ERROR_ALREADY_CLAIMED} (naming the claimer)
   */
  public Result<Ticket> claim(long guildId, long ticketId, Actor actor) {
    GuildSettings s = settings.forTicket(guildId, ticketId);
    Result<Ticket> loaded = openTicket(guildId, ticketId);
    if (loaded.isRefused()) {
      return loaded;
    }
    Ticket t = loaded.value();
    if (!ClaimRules.mayClaim(actor, s)) {
      return Result.refused(MessageKey.ERROR_CLAIM_STAFF_ONLY);
    }
    if (staff.claim(ticketId, actor.userId(), now(),
        TicketEffects.claim(s, TicketEffects.notice(Notice.CLAIMED, actor.userId(), null)))) {
      log.info("guild {}: ticket #{} (id {}) claimed by user {}", guildId, t.number(), ticketId,
          actor.userId());
      return Result.ok(t);
    }
    // Lost a race, or claimed before: say who holds it (or that it closed meanwhile).
    Optional<Claim> holder = staff.claimOf(ticketId);
    if (holder.isEmpty()) {
      Result<Ticket> again = openTicket(guildId, ticketId);
      return again.isRefused() ? again : Result.refused(MessageKey.ERROR_INTERNAL);
    }
    return holder.get().claimerId() == actor.userId()
        ? Result.refused(MessageKey.ERROR_ALREADY_CLAIMED_BY_YOU, t.number())
        : Result.refused(MessageKey.ERROR_ALREADY_CLAIMED, t.number(), holder.get().claimerId());
  }

  /**
   * Releases the claim: by the claimer, or by someone with Manage Server.
   *
   * @return the ticket, or {@code ERROR_NOT_A_TICKET}, {@code ERROR_TICKET_FAILED}, {@code
   *     ERROR_TICKET_CLOSED}, {@code ERROR_NOT_CLAIMED}, {@code ERROR_UNCLAIM_NOT_ALLOWED}
   */
  public Result<Ticket> unclaim(long guildId, long ticketId, Actor actor) {
    GuildSettings s = settings.forTicket(guildId, ticketId);
    Result<Ticket> loaded = openTicket(guildId, ticketId);
    if (loaded.isRefused()) {
      return loaded;
    }
    Ticket t = loaded.value();
    Optional<Claim> claim = staff.claimOf(ticketId);
    if (claim.isEmpty()) {
      return Result.refused(MessageKey.ERROR_NOT_CLAIMED, t.number());
    }
    long holder = claim.get().claimerId();
    if (!ClaimRules.mayReleaseOrTransfer(actor, claim.get())) {
      return Result.refused(MessageKey.ERROR_UNCLAIM_NOT_ALLOWED, t.number(), holder);
    }
    if (!staff.release(ticketId, holder, now(),
        TicketEffects.claim(s, TicketEffects.notice(Notice.UNCLAIMED, actor.userId(), holder)))) {
      return changedMeanwhile(t, ticketId);
    }
    log.info("guild {}: ticket #{} (id {}) released by user {} (held by {})", guildId, t.number(),
        ticketId, actor.userId(), holder);
    return Result.ok(t);
  }

  /**
   * Moves the claim to another staff member: by the claimer, or by someone with Manage Server.
   *
   * @return the ticket, or {@code ERROR_NOT_A_TICKET}, {@code ERROR_TICKET_FAILED}, {@code
   *     ERROR_TICKET_CLOSED}, {@code ERROR_NOT_CLAIMED}, {@code ERROR_TRANSFER_NOT_ALLOWED},
   *     {@code ERROR_TARGET_BOT}, {@code ERROR_TARGET_NOT_MEMBER}, {@code ERROR_TRANSFER_NOT_STAFF},
   *     {@code ERROR_TRANSFER_SAME}
   */
  public Result<Ticket> transfer(long guildId, long ticketId, Actor actor, TargetUser to) {
    GuildSettings s = settings.forTicket(guildId, ticketId);
    Result<Ticket> loaded = openTicket(guildId, ticketId);
    if (loaded.isRefused()) {
      return loaded;
    }
    Ticket t = loaded.value();
    Optional<Claim> claim = staff.claimOf(ticketId);
    if (claim.isEmpty()) {
      return Result.refused(MessageKey.ERROR_NOT_CLAIMED, t.number());
    }
    long holder = claim.get().claimerId();
    if (!ClaimRules.mayReleaseOrTransfer(actor, claim.get())) {
      return Result.refused(MessageKey.ERROR_TRANSFER_NOT_ALLOWED, t.number(), holder);
    }
    if (to.bot()) {
      return Result.refused(MessageKey.ERROR_TARGET_BOT, to.userId());
    }
    if (!to.inGuild()) {
      return Result.refused(MessageKey.ERROR_TARGET_NOT_MEMBER, to.userId());
    }
    if (to.userId() == holder) {
      return Result.refused(MessageKey.ERROR_TRANSFER_SAME, t.number(), holder);
    }
    if (!ClaimRules.mayReceive(to, s)) {
      return Result.refused(MessageKey.ERROR_TRANSFER_NOT_STAFF, to.userId());
    }
    if (!staff.transfer(ticketId, holder, to.userId(), now(), TicketEffects.claim(s,
        TicketEffects.notice(Notice.TRANSFERRED, actor.userId(), to.userId())
            .with(TicketEffects.FROM, holder)))) {
      return changedMeanwhile(t, ticketId);
    }
    log.info("guild {}: ticket #{} (id {}) moved from user {} to user {} by user {}", guildId,
        t.number(), ticketId, holder, to.userId(), actor.userId());
    return Result.ok(t);
  }

  /** The claim changed between reading it and the conditional write: say how it stands now. */
  private Result<Ticket> changedMeanwhile(Ticket t, long ticketId) {
    return staff.claimOf(ticketId)
        .<Result<Ticket>>map(c -> Result.refused(MessageKey.ERROR_ALREADY_CLAIMED, t.number(),
            c.claimerId()))
        .orElseGet(() -> Result.refused(MessageKey.ERROR_NOT_CLAIMED, t.number()));
  }

  private Result<Ticket> openTicket(long guildId, long ticketId) {
    return openTicket(tickets, guildId, ticketId);
  }

  /** The ticket if it is this guild's and OPEN, else the refusal to show. */
  static Result<Ticket> openTicket(TicketStore tickets, long guildId, long ticketId) {
    return tickets.findById(ticketId)
        .map(t -> TicketService.usable(t, guildId))
        .orElseGet(() -> Result.refused(MessageKey.ERROR_NOT_A_TICKET))
        .flatMap(t -> t.isOpen() ? Result.ok(t)
            : Result.refused(MessageKey.ERROR_TICKET_CLOSED, t.number()));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
