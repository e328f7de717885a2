package dev.tiramisu.tickets.ticket;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.effects.NewEffect;
import dev.tiramisu.tickets.settings.GuildSettings;
import dev.tiramisu.tickets.settings.SettingsStore;
import dev.tiramisu.tickets.text.MessageKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The close of a ticket, exactly once, behind {@link TicketService}'s close methods: by a person
 * ({@link #close}, after the checks of {@link #checkClose}) or by a rule ({@link
 * #closeBySystem}). Both record the close's Discord effects ({@link TicketEffects#close}) in the
 * conditional update that closes the ticket, so only the call that closed it gets a {@link
 * ClosedTicket}.
 *
 * <p>It lives apart from the service so that the close race, the part with the most cases, reads
 * on its own. The adapter and the tests go through {@link TicketService}.
 */
final class TicketClosing {
  /** The service's logger: the log lines stay those of {@link TicketService}. */
  private static final Logger log = LoggerFactory.getLogger(TicketService.class);
  private static final int CLOSE_ATTEMPTS = 3;

  private final TicketStore tickets;
  private final SettingsStore settings;
  private final Clock clock;

  TicketClosing(TicketStore tickets, SettingsStore settings, Clock clock) {
    this.tickets = Objects.requireNonNull(tickets, "tickets");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** See {@link TicketService#checkClose}. */
  Result<Ticket> checkClose(long guildId, long ticketId, Actor actor) {
    GuildSettings s = settings.forTicket(guildId, ticketId);
    return TicketService.load(tickets, guildId, ticketId).flatMap(t -> closable(t, actor, s));
  }

  /**
   * See {@link TicketService#close(long, long, Actor, String, String, List)}. A call that sees the
   * ticket open but loses the conditional update tries again (the ticket may have been closed
   * and reopened meanwhile), at most {@value #CLOSE_ATTEMPTS} times.
   */
  Result<ClosedTicket> close(long guildId, long ticketId, Actor actor, String rawReason,
      String replyToken, List<String> confirmationTokens) {
    Result<Optional<String>> reason = Reasons.normalize(rawReason);
    if (reason.isRefused()) {
      return Result.refused(reason.refusal());
    }
    GuildSettings s = settings.forTicket(guildId, ticketId);
    for (int attempt = 1; attempt <= CLOSE_ATTEMPTS; attempt++) {
      // Re-read on every attempt: after a lost race this finds the ticket closed by the winner.
      Result<Ticket> allowed = TicketService.load(tickets, guildId, ticketId)
          .flatMap(t -> closable(t, actor, s));
      if (allowed.isRefused()) {
        return Result.refused(allowed.refusal());
      }
      Ticket open = allowed.value();
      if (tickets.closeIfOpen(ticketId, actor.userId(), reason.value().orElse(null), now(),
          TicketEffects.close(open, s, actor.userId(), replyToken, userName(open),
              confirmationTokens, actor.userId() == open.creatorId()))) {
        Ticket closed = tickets.findById(ticketId).orElseThrow();
        log.info("guild {}: ticket #{} (id {}) closed by user {}", guildId, closed.number(),
            ticketId, actor.userId());
        return Result.ok(new ClosedTicket(closed, s,
            s.nameTemplate().renderClosed(closed.number(), userName(closed)), s.logChannelId()));
      }
    }
    // Seen open but closed and reopened under us on every attempt: let the user retry.
    log.warn("guild {}: ticket id {} changed state during every close attempt", guildId, ticketId);
    return Result.refused(MessageKey.ERROR_INTERNAL);
  }

  /** See {@link TicketService#closeBySystem}. */
  Result<ClosedTicket> closeBySystem(long guildId, long ticketId, long closerId,
      String rawReason, boolean threadGone) {
    Result<Optional<String>> reason = SystemReasons.keyOf(rawReason).isPresent()
        ? Result.ok(Optional.of(rawReason)) // the bot's own, kept as a reference
        : Reasons.normalize(rawReason);
    if (reason.isRefused()) {
      return Result.refused(reason.refusal());
    }
    GuildSettings s = settings.forTicket(guildId, ticketId);
    Result<Ticket> current = TicketService.load(tickets, guildId, ticketId);
    if (current.isRefused()) {
      return Result.refused(current.refusal());
    }
    Ticket open = current.value();
    if (open.state() == TicketState.CLOSED) {
      return Result.refused(MessageKey.ERROR_ALREADY_CLOSED, open.number(), open.closedById());
    }
    List<NewEffect> effects = TicketEffects.close(open, s, closerId, null, userName(open),
        List.of(), false).stream()
        .filter(e -> !threadGone || !e.kind().needsThread())
        .toList();
    if (!tickets.closeIfOpen(ticketId, closerId, reason.value().orElse(null), now(), effects)) {
      Ticket now = tickets.findById(ticketId).orElse(open);
      return Result.refused(MessageKey.ERROR_ALREADY_CLOSED, now.number(),
          now.closedById() == null ? closerId : now.closedById());
    }
    Ticket closed = tickets.findById(ticketId).orElseThrow();
    log.info("guild {}: ticket #{} (id {}) closed by rule as user {}{}", guildId, closed.number(),
        ticketId, closerId, threadGone ? " (thread gone)" : "");
    return Result.ok(new ClosedTicket(closed, s, s.nameTemplate().renderClosed(closed.number(), userName(closed)),
        s.logChannelId()));
  }

  private static Result<Ticket> closable(Ticket t, Actor actor, GuildSettings s) {
    if (t.state() == TicketState.CLOSED) {
      return Result.refused(MessageKey.ERROR_ALREADY_CLOSED, t.number(), t.closedById());
    }
    if (!TicketRules.mayClose(actor, t, s)) {
      return Result.refused(s.creatorCanClose()
          ? MessageKey.ERROR_CLOSE_NOT_ALLOWED
          : MessageKey.ERROR_CLOSE_STAFF_ONLY);
    }
    return Result.ok(t);
  }

  private String userName(Ticket t) {
    return TicketService.userName(tickets, t);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
