package dev.tiramisu.tickets.ticket;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.effects.EffectKind;
import dev.tiramisu.tickets.effects.NewEffect;
import dev.tiramisu.tickets.effects.Payload;
import dev.tiramisu.tickets.settings.Durations;
import dev.tiramisu.tickets.settings.GuildSettings;
import dev.tiramisu.tickets.settings.SettingsStore;
import dev.tiramisu.tickets.text.MessageKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of a ticket's timers, free of Discord: close requests (staff ask the creator; Accept
 * closes, Keep open or the creator writing cancels, a deadline closes by itself), auto-close on
 * inactivity ({@link AutoClose}). Tickets whose thread or channel was deleted: {@link
 * TicketWorld}.
 *
 * <p>Exactly once: every step is claimed with a conditional update in {@link TimerStore} (a
 * request leaves PENDING once; a warning is recorded once per idle period) together with its
 * Discord effects, and closes go through {@link TicketService#closeBySystem}, itself exactly once.
 * An ACCEPTED or EXPIRED request whose close did not happen (the process died between the claim
 * and the close) is finished by {@link #finishUnfinished}. The adapter's scheduler calls the
 * sweep methods from the process holding the guild's shard lease; the database decides who acts.
 */
public final class TicketTimers {
  private static final Logger log = LoggerFactory.getLogger(TicketTimers.class);

  /** Bounds of {@code /ticket closerequest after}. */
  public static final Duration MIN_AFTER = Duration.ofMinutes(10);
  public static final Duration MAX_AFTER = Duration.ofDays(30);
  /** Activity of a ticket is written at most once per this interval (per process). */
  public static final Duration ACTIVITY_WRITE_INTERVAL = Duration.ofMinutes(1);
  /** An ACCEPTED / EXPIRED request still without its close after this is finished by a sweep. */
  public static final Duration FINISH_AFTER = Duration.ofMinutes(1);
  /** Lifecycle steps that do not count as activity: the timers' own posts and log lines. */
  public static final List<String> NOT_ACTIVITY =
      List.of(EffectKind.AUTOCLOSE_WARNING.name(), EffectKind.LOG_TIMER.name());

  /** Payload keys of the timers' effects. */
  public static final String REQUEST = "request";
  public static final String OUTCOME = "outcome";
  public static final String NOTE = "note";
  public static final String CLOSE_AT = "close_at";

  /** What a {@code LOG_TIMER} effect logs. */
  public enum Note { REQUESTED, KEPT_OPEN, CANCELLED, WARNED }

  private static final int SWEEP_LIMIT = 200;

  private final TicketService tickets;
  private final TimerStore store;
  private final SettingsStore settings;
  private final Clock clock;
  private final ConcurrentHashMap<Long, Instant> activityWritten = new ConcurrentHashMap<>();

  public TicketTimers(TicketService tickets, TimerStore store, SettingsStore settings,
      Clock clock) {
    this.tickets = Objects.requireNonNull(tickets, "tickets");
    this.store = Objects.requireNonNull(store, "store");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  // ------------------------------------------------------------ close requests

  /**
   * Staff ask the ticket's creator whether it can be closed; replaces the ticket's pending request.
   *
   * @param rawAfter e.g. {@code 24h}: the ticket closes by itself then unless answered; null,
   *     blank, {@code off} or {@code 0} for no deadline
   * @return the saved request, or {@code ERROR_STAFF_ONLY}, {@code ERROR_NOT_A_TICKET}, {@code
   *     ERROR_TICKET_FAILED}, {@code ERROR_ALREADY_CLOSED}, {@code ERROR_CLOSE_REQUEST_OWN_TICKET},
   *     {@code ERROR_REASON_TOO_LONG} or the duration's refusal
   */
  public Result<CloseRequest> requestClose(long guildId, long ticketId, Actor actor,
      String rawReason, String rawAfter) {
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

  /** What answering a request did. */
  public record Answer(CloseRequest request, Optional<ClosedTicket> closed) {}

  /**
   * The creator pressed Accept ({@code accept}) or Keep open on a request.
   *
   * @return the request as settled and, on Accept, the closed ticket; or {@code
   *     ERROR_CLOSE_REQUEST_UNKNOWN}, {@code ERROR_CLOSE_REQUEST_NOT_YOURS}, {@code
   *     ERROR_ALREADY_CLOSED}, {@code ERROR_CLOSE_REQUEST_SETTLED}
   */
  public Result<Answer> answer(long guildId, long requestId, long userId, boolean accept) {
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
      return Result.ok(new Answer(reread(r), Optional.empty()));
    }
    if (!store.settleCloseRequest(r.id(), CloseRequest.State.ACCEPTED, userId, now, null,
        List.of(update(r.id(), CloseRequest.State.ACCEPTED)))) {
      return Result.refused(MessageKey.ERROR_CLOSE_REQUEST_SETTLED);
    }
    log.info("guild {}: close request {} of ticket id {} accepted by its creator", guildId,
        r.id(), t.id());
    Optional<ClosedTicket> closed = carryOut(reread(r), userId);
    return Result.ok(new Answer(reread(r), closed));
  }

  /**
   * A message of the ticket's creator in its thread: cancels a pending request that has a
   * deadline (the creator is still there). A request without one stays answerable.
   *
   * @return the cancelled request, if any
   */
  public Optional<CloseRequest> creatorWrote(long ticketId, long guildId) {
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

  public Optional<CloseRequest> findCloseRequest(long requestId) {
    return store.findCloseRequest(requestId);
  }

  /** Records the message that carries a request's buttons (its post effect). */
  public void recordRequestMessage(long requestId, long messageId) {
    store.setCloseRequestMessage(requestId, messageId);
  }

  /** PENDING requests whose deadline has passed. */
  public List<CloseRequest> dueRequests() {
    return store.dueCloseRequests(now(), SWEEP_LIMIT);
  }

  /**
   * A request's deadline passed: claims it (EXPIRED) and closes the ticket as {@code botId}, with
   * the request's reason. A request whose ticket was closed meanwhile becomes CLOSED instead.
   *
   * @return the closed ticket, if this call closed it
   */
  public Optional<ClosedTicket> expire(CloseRequest r, long botId) {
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

  /**
   * Finishes ACCEPTED / EXPIRED requests whose close did not happen (the process stopped between
   * the claim and the close).
   *
   * @return the tickets closed now
   */
  public List<ClosedTicket> finishUnfinished(long botId, java.util.function.LongPredicate mine) {
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

  // ---------------------------------------------------------------- auto-close

  /**
   * A message in the ticket's thread by someone other than the bot: records the activity (at most
   * once per {@link #ACTIVITY_WRITE_INTERVAL} per ticket and process).
   *
   * @return whether it was written now
   */
  public boolean activity(long ticketId, long guildId) {
    Instant now = now();
    Instant last = activityWritten.get(ticketId);
    if (last != null && now.isBefore(last.plus(ACTIVITY_WRITE_INTERVAL))
        && !now.isBefore(last)) {
      return false;
    }
    activityWritten.put(ticketId, now);
    if (activityWritten.size() > 50_000) {
      Instant old = now.minus(ACTIVITY_WRITE_INTERVAL);
      activityWritten.values().removeIf(at -> at.isBefore(old));
    }
    store.recordActivity(ticketId, guildId, now);
    return true;
  }

  /** Activity found on Discord after the fact (messages the bot missed while it was down). */
  public void activityAt(long ticketId, long guildId, Instant at) {
    store.recordActivity(ticketId, guildId, at.truncatedTo(ChronoUnit.MILLIS));
  }

  /** Guilds with auto-close on. */
  public List<Long> autocloseGuilds() {
    return store.autocloseGuilds();
  }

  /** An idle ticket due for a step now: its warning or its close. */
  public record IdleStep(TimerStore.IdleTicket ticket, AutoClose.Decision decision,
      Instant closeAt) {}

  /** The guild's idle tickets due for their warning or close now, by its auto-close setting. */
  public List<IdleStep> idleSteps(long guildId) {
    Optional<AutoClose> rule = AutoClose.of(settings.load(guildId));
    if (rule.isEmpty()) {
      return List.of();
    }
    AutoClose a = rule.get();
    Instant now = now();
    List<IdleStep> out = new ArrayList<>();
    for (TimerStore.IdleTicket t :
        store.idleTickets(guildId, now.minus(a.firstStep()), NOT_ACTIVITY, SWEEP_LIMIT)) {
      AutoClose.Decision d = a.decide(t.idleSince(), t.warnedAt(), now);
      if (d != AutoClose.Decision.NOTHING) {
        Instant closeAt = d == AutoClose.Decision.WARN
            ? a.closeAt(t.idleSince(), now)
            : a.closeAt(t.idleSince(), t.warnedAt());
        out.add(new IdleStep(t, d, closeAt));
      }
    }
    return out;
  }

  /**
   * Records the warning of an idle ticket, with its post (and log line), once per idle period.
   *
   * @return whether this call recorded it
   */
  public boolean warn(IdleStep step) {
    TimerStore.IdleTicket t = step.ticket();
    List<NewEffect> effects = new ArrayList<>();
    Payload closeAt = Payload.empty().with(CLOSE_AT, step.closeAt().toEpochMilli());
    effects.add(NewEffect.of(EffectKind.AUTOCLOSE_WARNING, closeAt));
    settings.load(t.guildId()).logChannelId().ifPresent(ch -> effects.add(NewEffect.of(
        EffectKind.LOG_TIMER, closeAt.with(NOTE, Note.WARNED.name())
            .with(TicketService.CHANNEL, ch))));
    boolean warned = store.recordWarning(t.ticketId(), t.guildId(), t.idleSince(), now(), effects);
    if (warned) {
      log.info("guild {}: ticket id {} idle since {}: warned, closes at {}", t.guildId(),
          t.ticketId(), t.idleSince(), step.closeAt());
    }
    return warned;
  }

  /** Closes an idle ticket as inactive, as {@code botId}. */
  public Result<ClosedTicket> closeInactive(IdleStep step, long botId) {
    TimerStore.IdleTicket t = step.ticket();
    return tickets.closeBySystem(t.guildId(), t.ticketId(), botId,
        SystemReasons.of(MessageKey.AUTOCLOSE_REASON), false);
  }

  // ------------------------------------------------------------------ helpers

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
