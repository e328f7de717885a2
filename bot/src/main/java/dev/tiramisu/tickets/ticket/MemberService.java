package dev.tiramisu.tickets.ticket;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.settings.GuildSettings;
import dev.tiramisu.tickets.settings.SettingsStore;
import dev.tiramisu.tickets.text.MessageKey;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adding members to a ticket's thread and removing them. Nothing in the database changes but the
 * effects (the thread membership, a post in the thread, a log line), recorded before Discord is
 * touched. Whether the user is in the thread now is the adapter's answer from Discord.
 */
public final class MemberService {
  private static final Logger log = LoggerFactory.getLogger(MemberService.class);

  private final TicketStore tickets;
  private final StaffStore staff;
  private final SettingsStore settings;
  private final Clock clock;

  public MemberService(TicketStore tickets, StaffStore staff, SettingsStore settings,
      Clock clock) {
    this.tickets = Objects.requireNonNull(tickets, "tickets");
    this.staff = Objects.requireNonNull(staff, "staff");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Whether {@code actor} may add someone to the ticket at all (checked before asking Discord
   * whether the user is in the thread).
   *
   * @return the ticket, or {@code ERROR_NOT_A_TICKET}, {@code ERROR_TICKET_FAILED}, {@code
   *     ERROR_TICKET_CLOSED}, {@code ERROR_ADD_NOT_ALLOWED}
   */
  public Result<Ticket> checkAdd(long guildId, long ticketId, Actor actor) {
    GuildSettings s = settings.forTicket(guildId, ticketId);
    return ClaimService.openTicket(tickets, guildId, ticketId).flatMap(t ->
        MemberRules.mayAdd(actor, t, s) ? Result.ok(t)
            : Result.refused(s.creatorCanAdd() ? MessageKey.ERROR_ADD_NOT_ALLOWED
                : MessageKey.ERROR_ADD_STAFF_ONLY, t.number()));
  }

  /** As {@link #checkAdd}, for removing: staff only ({@code ERROR_REMOVE_STAFF_ONLY}). */
  public Result<Ticket> checkRemove(long guildId, long ticketId, Actor actor) {
    GuildSettings s = settings.forTicket(guildId, ticketId);
    return ClaimService.openTicket(tickets, guildId, ticketId).flatMap(t ->
        MemberRules.mayRemove(actor, s) ? Result.ok(t)
            : Result.refused(MessageKey.ERROR_REMOVE_STAFF_ONLY, t.number()));
  }

  /**
   * Adds {@code target} to the ticket's thread.
   *
   * @param inThread whether Discord says the user is in the thread already
   * @return the ticket, or the refusals of {@link #checkAdd} and {@code ERROR_TARGET_BOT}, {@code
   *     ERROR_TARGET_NOT_MEMBER}, {@code ERROR_ALREADY_IN_TICKET}
   */
  public Result<Ticket> add(long guildId, long ticketId, Actor actor, TargetUser target,
      boolean inThread) {
    Result<Ticket> allowed = checkAdd(guildId, ticketId, actor);
    if (allowed.isRefused()) {
      return allowed;
    }
    Ticket t = allowed.value();
    if (target.bot()) {
      return Result.refused(MessageKey.ERROR_TARGET_BOT, target.userId());
    }
    if (!target.inGuild()) {
      return Result.refused(MessageKey.ERROR_TARGET_NOT_MEMBER, target.userId());
    }
    if (inThread) {
      return Result.refused(MessageKey.ERROR_ALREADY_IN_TICKET, target.userId(), t.number());
    }
    GuildSettings s = settings.forTicket(guildId, ticketId);
    staff.record(ticketId, clock.instant().truncatedTo(ChronoUnit.MILLIS),
        TicketEffects.member(s, actor.userId(), target.userId(), true));
    log.info("guild {}: user {} added to ticket #{} (id {}) by user {}", guildId, target.userId(),
        t.number(), ticketId, actor.userId());
    return Result.ok(t);
  }

  /**
   * Removes {@code target} from the ticket's thread. The creator cannot be removed.
   *
   * @param inThread whether Discord says the user is in the thread
   * @return the ticket, or the refusals of {@link #checkRemove} and {@code ERROR_REMOVE_CREATOR},
   *     {@code ERROR_TARGET_BOT}, {@code ERROR_TARGET_NOT_MEMBER}, {@code ERROR_NOT_IN_TICKET}
   */
  public Result<Ticket> remove(long guildId, long ticketId, Actor actor, TargetUser target,
      boolean inThread) {
    Result<Ticket> allowed = checkRemove(guildId, ticketId, actor);
    if (allowed.isRefused()) {
      return allowed;
    }
    Ticket t = allowed.value();
    if (target.userId() == t.creatorId()) {
      return Result.refused(MessageKey.ERROR_REMOVE_CREATOR, target.userId(), t.number());
    }
    if (target.bot()) {
      return Result.refused(MessageKey.ERROR_TARGET_BOT, target.userId());
    }
    if (!target.inGuild()) {
      return Result.refused(MessageKey.ERROR_TARGET_NOT_MEMBER, target.userId());
    }
    if (!inThread) {
      return Result.refused(MessageKey.ERROR_NOT_IN_TICKET, target.userId(), t.number());
    }
    GuildSettings s = settings.forTicket(guildId, ticketId);
    staff.record(ticketId, clock.instant().truncatedTo(ChronoUnit.MILLIS),
        TicketEffects.member(s, actor.userId(), target.userId(), false));
    log.info("guild {}: user {} removed from ticket #{} (id {}) by user {}", guildId,
        target.userId(), t.number(), ticketId, actor.userId());
    return Result.ok(t);
  }
}
