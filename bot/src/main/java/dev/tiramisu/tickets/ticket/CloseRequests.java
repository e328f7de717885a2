package dev.tiramisu.tickets.ticket;

import static dev.tiramisu.tickets.ticket.TicketTimers.FINISH_AFTER;
import static dev.tiramisu.tickets.ticket.TicketTimers.MAX_AFTER;
import static dev.tiramisu.tickets.ticket.TicketTimers.MIN_AFTER;
import static dev.tiramisu.tickets.ticket.TicketTimers.NOTE;
import static dev.tiramisu.tickets.ticket.TicketTimers.OUTCOME;
import static dev.tiramisu.tickets.ticket.TicketTimers.REQUEST;
import static dev.tiramisu.tickets.ticket.TicketTimers.SWEEP_LIMIT;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.effects.EffectKind;
import dev.tiramisu.tickets.effects.NewEffect;
import dev.tiramisu.tickets.effects.Payload;
import dev.tiramisu.tickets.settings.Durations;
import dev.tiramisu.tickets.settings.GuildSettings;
import dev.tiramisu.tickets.settings.SettingsStore;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.TicketTimers.Note;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Close requests, the first of {@link TicketTimers}' two timers: staff ask the creator whether
 * the ticket can be closed; Accept closes it, Keep open or the creator writing cancels the
 * request, and a deadline closes it by itself. Each step leaves PENDING with a conditional update
 * in {@link TimerStore}, recorded with its Discord effects, and the close goes through {@link
 * TicketService#closeBySystem}; a close lost between the two is finished by {@link
 * #finishUnfinished}.
 *
 * <p>It lives apart from the auto-close timer, which shares nothing with it but the store. The
 * adapter and the tests go through {@link TicketTimers}, which documents these methods and owns
 * the payload keys and bounds used here.
 */
final class CloseRequests {
  /** The timers' logger: the log lines stay those of {@link TicketTimers}. */
  private static final Logger log = LoggerFactory.getLogger(TicketTimers.class);

  private final TicketService tickets;
  private final TimerStore store;
  private final SettingsStore settings;
  private final Clock clock;

  CloseRequests(TicketService tickets, TimerStore store, SettingsStore settings, Clock clock) {
    this.tickets = Objects.requireNonNull(tickets, "tickets");
    this.store = Objects.requireNonNull(store, "store");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** See {@link TicketTimers#requestClose}. */
  Result<CloseRequest> requestClose(long guildId, long ticketId, Actor actor, String rawReason,
      String rawAfter) {
    GuildSettings s = settings.forTicket(guildId, ticketId);
    if (!s.isStaff(actor)) {
      return Result.refused(MessageKey.ERROR_STAFF_ONLY);
    }
    Result<Ticket> open = openTicket(guildId, ticketId);
    if (open.isRefused()) {
      return Result.refused(open.refusal());
    }
    Ticket t = open.value();
    if (t.creatorId() == actor.userId()) {
      return Result.refused(MessageKey.ERROR_CLOSE_REQUEST_OWN_TICKET);
    }
    Result<Optional<String>> reason = Reasons.normalize(rawReason);
    if (reason.isRefused()) {
      return Result.refused(reason.refusal());
    }
    Instant now = now();
    Instant due = null;
    if (rawAfter != null && !rawAfter.isBlank()) {
      Result<Duration> after = Durations.parse(rawAfter, MIN_AFTER, MAX_AFTER);
      if (after.isRefused()) {
        return Result.refused(after.refusal());
      }
      due = after.value().isZero() ? null : now.plus(after.value());
    }
    OptionalLong logChannel = s.logChannelId();
    TimerStore.NewRequest saved = store.requestClose(ticketId, guildId, actor.userId(),
        reason.value().orElse(null), due, now, (newId, replaced) -> {
          List<NewEffect> out = new ArrayList<>();
          replaced.ifPresent(old -> out.add(update(old.id(), CloseRequest.State.REPLACED)));
          out.add(NewEffect.of(EffectKind.CLOSE_REQUEST_POST,
              Payload.empty().with(REQUEST, newId).with(TicketService.ACTOR, actor.userId())));
          logChannel.ifPresent(ch -> out.add(logNote(Note.REQUESTED, ch, actor.userId(), newId)));
          return out;
        });
    log.info("guild {}: ticket #{} (id {}): close request {} by user {}{}{}", guildId, t.number(),
        ticketId, saved.request().id(), actor.userId(), due == null ? "" : ", due " + due,
        saved.replaced().map(r -> ", replacing request " + r.id()).orElse(""));
    return Result.ok(saved.request());
  }

  /** See {@link TicketTimers#answer}. */
  Result<TicketTimers.Answer> answer(long guildId, long requestId, long userId, boolean accept) {
    Optional<CloseRequest> found = store.findCloseRequest(requestId)
        .filter(r -> r.guildId() == guildId);
    if (found.isEmpty()) {
      return Result.refused(MessageKey.ERROR_CLOSE_REQUEST_UNKNOWN);
    }
    CloseRequest r = found.get();
    Result<Ticket> ticket = tickets.find(r.ticketId())
        .map(t -> Result.ok(t))
        .orElseGet(() -> Result.refused(MessageKey.ERROR_CLOSE_REQUEST_UNKNOWN));
    if (ticket.isRefused()) {
      return Result.refused(ticket.refusal());
    }
    Ticket t = ticket.value();
    if (t.creatorId() != userId) {
      return Result.refused(MessageKey.ERROR_CLOSE_REQUEST_NOT_YOURS, t.creatorId());
    }
    if (t.state() == TicketState.CLOSED) {
      return Result.refused(MessageKey.ERROR_ALREADY_CLOSED, t.number(), t.closedById());
    }
    if (!r.isPending() || store.closedSince(t.id(), r.createdAt())) {
      return Result.refused(MessageKey.ERROR_CLOSE_REQUEST_SETTLED);
    }
    Instant now = now();
    if (!accept) {
      List<NewEffect> effects = new ArrayList<>();
      effects.add(update(r.id(), CloseRequest.State.KEPT_OPEN));
      settings.load(guildId).logChannelId().ifPresent(ch ->
          effects.add(logNote(Note.KEPT_OPEN, ch, userId, r.id())));
      if (!store.settleCloseRequest(r.id(), CloseRequest.State.KEPT_OPEN, userId, now, null,
          effects)) {
        return Result.refused(MessageKey.ERROR_CLOSE_REQUEST_SETTLED);
      }
      log.info("guild {}: close request {} of ticket id {} kept open by its creator", guildId,
          r.id(), t.id());
      return Result.ok(new TicketTimers.Answer(reread(r), Optional.empty()));
    }
    if (!store.settleCloseRequest(r.id(), CloseRequest.State.ACCEPTED, userId, now, null,
        List.of(update(r.id(), CloseRequest.State.ACCEPTED)))) {
      return Result.refused(MessageKey.ERROR_CLOSE_REQUEST_SETTLED);
    }
    log.info("guild {}: close request {} of ticket id {} accepted by its creator", guildId,
        r.id(), t.id());
    Optional<ClosedTicket> closed = carryOut(reread(r), userId);
    return Result.ok(new TicketTimers.Answer(reread(r), closed));
  }

  /** See {@link TicketTimers#creatorWrote}. */
  Optional<CloseRequest> creatorWrote(long ticketId, long guildId) {
    Optional<CloseRequest> pending = store.pendingCloseRequest(ticketId)
        .filter(CloseRequest::hasDeadline);
    if (pending.isEmpty()) {
      return Optional.empty();
    }
    CloseRequest r = pending.get();
    List<NewEffect> effects = new ArrayList<>();
    effects.add(update(r.id(), CloseRequest.State.CANCELLED));
    settings.load(guildId).logChannelId().ifPresent(ch ->
        effects.add(logNote(Note.CANCELLED, ch, r.requestedBy(), r.id())));
    if (!store.settleCloseRequest(r.id(), CloseRequest.State.CANCELLED, null, now(),
        Instant.MAX, effects)) {
      return Optional.empty();
    }
    log.info("guild {}: close request {} of ticket id {} cancelled: the creator wrote", guildId,
        r.id(), ticketId);
    return Optional.of(reread(r));
  }

  /** See {@link TicketTimers#expire}. */
  Optional<ClosedTicket> expire(CloseRequest r, long botId) {
    Instant now = now();
    Optional<Ticket> t = tickets.find(r.ticketId());
    if (t.isEmpty() || !t.get().isOpen() || store.closedSince(r.ticketId(), r.createdAt())) {
      store.settleCloseRequest(r.id(), CloseRequest.State.CLOSED, null, now, null, List.of());
      return Optional.empty();
    }
    if (!store.settleCloseRequest(r.id(), CloseRequest.State.EXPIRED, null, now, now,
        List.of(update(r.id(), CloseRequest.State.EXPIRED)))) {
      return Optional.empty(); // answered, cancelled or expired by someone else meanwhile
    }
    log.info("guild {}: close request {} of ticket id {} expired", r.guildId(), r.id(),
        r.ticketId());
    return carryOut(reread(r), botId);
  }

  /** See {@link TicketTimers#finishUnfinished}. */
  List<ClosedTicket> finishUnfinished(long botId, LongPredicate mine) {
    List<ClosedTicket> out = new ArrayList<>();
    for (CloseRequest r : store.unfinishedCloses(now().minus(FINISH_AFTER), SWEEP_LIMIT)) {
      if (mine.test(r.guildId())) {
        carryOut(r, r.state() == CloseRequest.State.ACCEPTED ? r.settledBy() : botId)
            .ifPresent(out::add);
      }
    }
    return out;
  }

  private Optional<ClosedTicket> carryOut(CloseRequest r, long closerId) {
    Optional<Ticket> t = tickets.find(r.ticketId());
    Optional<ClosedTicket> closed = Optional.empty();
    if (t.isPresent() && t.get().isOpen() && !store.closedSince(r.ticketId(), r.settledAt())) {
      String reason = r.reason() != null ? r.reason() : SystemReasons.of(
          r.state() == CloseRequest.State.ACCEPTED
              ? MessageKey.CLOSE_REQUEST_ACCEPTED_REASON
              : MessageKey.CLOSE_REQUEST_EXPIRED_REASON);
      Result<ClosedTicket> result =
          tickets.closeBySystem(r.guildId(), r.ticketId(), closerId, reason, false);
      closed = result.isOk() ? Optional.of(result.value()) : Optional.empty();
    }
    store.markCloseDone(r.id());
    return closed;
  }

  private Result<Ticket> openTicket(long guildId, long ticketId) {
    Optional<Ticket> found = tickets.find(ticketId).filter(t -> t.guildId() == guildId);
    if (found.isEmpty() || !found.get().hasThread()) {
      return Result.refused(MessageKey.ERROR_NOT_A_TICKET);
    }
    Ticket t = found.get();
    if (t.state() == TicketState.FAILED) {
      return Result.refused(MessageKey.ERROR_TICKET_FAILED, t.number());
    }
    if (t.state() == TicketState.CLOSED) {
      return Result.refused(MessageKey.ERROR_ALREADY_CLOSED, t.number(), t.closedById());
    }
    return Result.ok(t);
  }

  private CloseRequest reread(CloseRequest r) {
    return store.findCloseRequest(r.id()).orElse(r);
  }

  private static NewEffect update(long requestId, CloseRequest.State outcome) {
    return NewEffect.of(EffectKind.CLOSE_REQUEST_UPDATE,
        Payload.empty().with(REQUEST, requestId).with(OUTCOME, outcome.name()));
  }

  private static Payload logNote(Note note, long channelId, long actorId) {
    return Payload.empty().with(NOTE, note.name()).with(TicketService.CHANNEL, channelId)
        .with(TicketService.ACTOR, actorId);
  }

  private static NewEffect logNote(Note note, long channelId, long actorId, long requestId) {
    return NewEffect.of(EffectKind.LOG_TIMER, logNote(note, channelId, actorId)
        .with(REQUEST, requestId));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
