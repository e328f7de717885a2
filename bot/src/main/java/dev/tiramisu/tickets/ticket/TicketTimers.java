package dev.tiramisu.tickets.ticket;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.effects.EffectKind;
import dev.tiramisu.tickets.effects.NewEffect;
import dev.tiramisu.tickets.effects.Payload;
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
 *
 * <p>This class is the entry point and documents both timers; the close requests are carried
 * out by {@link CloseRequests}, the auto-close here.
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

  /** The most rows a sweep reads at once. */
  static final int SWEEP_LIMIT = 200;

  private final TicketService tickets;
  private final TimerStore store;
  private final SettingsStore settings;
  private final Clock clock;
  private final ConcurrentHashMap<Long, Instant> activityWritten = new ConcurrentHashMap<>();
  private final CloseRequests requests;

  public TicketTimers(TicketService tickets, TimerStore store, SettingsStore settings,
      Clock clock) {
    this.tickets = Objects.requireNonNull(tickets, "tickets");
    this.store = Objects.requireNonNull(store, "store");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.requests = new CloseRequests(tickets, store, settings, clock);
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
    return requests.requestClose(guildId, ticketId, actor, rawReason, rawAfter);
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
    return requests.answer(guildId, requestId, userId, accept);
  }

  /**
   * A message of the ticket's creator in its thread: cancels a pending request that has a
   * deadline (the creator is still there). A request without one stays answerable.
   *
   * @return the cancelled request, if any
   */
  public Optional<CloseRequest> creatorWrote(long ticketId, long guildId) {
    return requests.creatorWrote(ticketId, guildId);
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
    return requests.expire(r, botId);
  }

  /**
   * Finishes ACCEPTED / EXPIRED requests whose close did not happen (the process stopped between
   * the claim and the close).
   *
   * @return the tickets closed now
   */
  public List<ClosedTicket> finishUnfinished(long botId, java.util.function.LongPredicate mine) {
    return requests.finishUnfinished(botId, mine);
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

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
