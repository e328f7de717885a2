package dev.tiramisu.tickets.ticket;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.effects.EffectKind;
import dev.tiramisu.tickets.effects.NewEffect;
import dev.tiramisu.tickets.effects.Payload;
import dev.tiramisu.tickets.settings.GuildSettings;
import dev.tiramisu.tickets.settings.NameTemplate;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ticket use cases, free of Discord: the adapter passes ids and small records in, and turns
 * the results into Discord actions and replies.
 *
 * <h2>Opening (save before Discord is touched)</h2>
 *
 * <ol>
 *   <li>{@link #open} checks the guild's settings and the reason, then allocates the number and
 *       inserts the row in one transaction.
 *   <li>The adapter creates the thread and its first message, then calls {@link #attachThread}.
 *   <li>If Discord refuses, the adapter calls {@link #markFailed}; the number stays taken.
 * </ol>
 *
 * If the process dies between 1 and 2, the row stays OPEN without a thread: {@link
 * #unattachedOlderThan} lists such rows, and {@link #resolve} attaches a thread that turns out to
 * carry the ticket's name.
 *
 * <h2>Closing (exactly once)</h2>
 *
 * {@link #resolve} the thread to a ticket, optionally {@link #checkClose} to show a confirmation,
 * then {@link #close}. Only the one call that actually closed the ticket gets a {@link
 * ClosedTicket}; every other concurrent or repeated call gets {@code ERROR_ALREADY_CLOSED}, so the
 * closing message, log line and DM happen once.
 *
 * <p>User errors come back as {@link Result} refusals carrying ready message keys; database
 * failures are thrown as {@link dev.tiramisu.tickets.common.StorageUnavailableException}. Methods
 * block on the database: call them off JDA's gateway thread. Logs carry ids only, never reasons.
 */
public final class TicketService {
  private static final Logger log = LoggerFactory.getLogger(TicketService.class);
  private static final int FAILURE_MAX = 500;
  private static final int CLOSE_ATTEMPTS = 3;

  private final TicketStore tickets;
  private final SettingsStore settings;
  private final Clock clock;

  public TicketService(TicketStore tickets, SettingsStore settings, Clock clock) {
    this.tickets = Objects.requireNonNull(tickets, "tickets");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Saves a new OPEN ticket with the guild's next number.
   *
   * @param rawReason what the user typed, or null; normalised by {@link Reasons}
   * @return the saved ticket and what the adapter needs to create its thread, or a refusal: {@code
   *     ERROR_TICKETS_NOT_ENABLED}, {@code ERROR_REASON_TOO_LONG}, {@code ERROR_REASON_REQUIRED}
   *     (the guild has {@code require_reason} on; the adapter may ask with a modal instead)
   */
  public Result<OpenedTicket> open(long guildId, long creatorId, String rawReason) {
    return open(guildId, creatorId, rawReason, null, s -> Optional.empty());
  }

  /**
   * What the adapter must check, with the guild's settings, before a number is allocated: what
   * only Discord knows (the ticket channel exists, the bot's permissions there).
   */
  @FunctionalInterface
  public interface ReadyCheck {
    /** Empty when the guild is ready for a ticket, else why not. */
    Optional<dev.tiramisu.tickets.common.Refusal> check(GuildSettings settings);
  }

  /**
   * Saves a new OPEN ticket with the guild's next number and, in the same transaction, the Discord
   * effects that make its thread: create the thread, add the creator, post and pin the first
   * message, and (with {@code replyToken}) answer the member.
   *
   * @param replyToken the token of the member's deferred interaction, or null for no answer
   * @param ready checked after {@code ticket_channel} is known to be set and before a number is
   *     allocated, so a misconfigured guild does not burn numbers
   */
  public Result<OpenedTicket> open(long guildId, long creatorId, String rawReason,
      String replyToken, ReadyCheck ready) {
    return open(guildId, creatorId, null, rawReason, replyToken, ready);
  }

  /**
   * As {@link #open(long, long, String, String, ReadyCheck)}, with the guild's {@link Limits}
   * ({@code max_open_per_user}, {@code create_cooldown}) checked atomically in the transaction
   * that allocates the number, and the member's name for a name template with {@code {user}}.
   *
   * @param creatorName the member's display name, or null
   * @return also {@code ERROR_LIMIT_OPEN}, {@code ERROR_LIMIT_OPEN_PENDING}, {@code
   *     ERROR_LIMIT_COOLDOWN}
   */
  public Result<OpenedTicket> open(long guildId, long creatorId, String creatorName,
      String rawReason, String replyToken, ReadyCheck ready) {
    return open(guildId, creatorId, creatorName, rawReason, replyToken, ready, null);
  }

  /**
   * As above, for a ticket of {@code type} (null: the guild's own settings): the type's channel,
   * staff roles, name template and limits apply ({@link GuildSettings#forType}), and the ticket
   * stores its type.
   */
  public Result<OpenedTicket> open(long guildId, long creatorId, String creatorName,
      String rawReason, String replyToken, ReadyCheck ready,
      dev.tiramisu.tickets.settings.TicketType type) {
    return open(guildId, creatorId, creatorName, rawReason, replyToken, ready, type, List.of());
  }

  /**
   * As above, with the answers to the type's form (checked by {@code TypeForms.answers}), saved
   * with the ticket in the transaction that creates it. A form with answers stands in for a
   * required reason (a form of five questions leaves no room in the modal for the reason).
   */
  public Result<OpenedTicket> open(long guildId, long creatorId, String creatorName,
      String rawReason, String replyToken, ReadyCheck ready,
      dev.tiramisu.tickets.settings.TicketType type,
      List<dev.tiramisu.tickets.settings.FormAnswer> answers) {
    return open(guildId, creatorId, creatorName, rawReason, replyToken, ready, type, answers,
        null);
  }

  /**
   * As above, for the Discord interaction {@code openedBy} (its id, or null), which opens at
   * most one ticket however often it is delivered.
   *
   * @throws TicketStore.AlreadyOpenedException if it already opened one (nothing is saved)
   */
  public Result<OpenedTicket> open(long guildId, long creatorId, String creatorName,
      String rawReason, String replyToken, ReadyCheck ready,
      dev.tiramisu.tickets.settings.TicketType type,
      List<dev.tiramisu.tickets.settings.FormAnswer> answers, Long openedBy) {
    GuildSettings s = settings.load(guildId).forType(type);
    if (!s.ticketsEnabled()) {
      return Result.refused(MessageKey.ERROR_TICKETS_NOT_ENABLED);
    }
    Optional<dev.tiramisu.tickets.common.Refusal> notReady = ready.check(s);
    if (notReady.isPresent()) {
      return Result.refused(notReady.get());
    }
    Result<Optional<String>> reason = Reasons.normalize(rawReason);
    if (reason.isRefused()) {
      return Result.refused(reason.refusal());
    }
    if (reason.value().isEmpty() && s.requireReason() && answers.isEmpty()) {
      return Result.refused(MessageKey.ERROR_REASON_REQUIRED);
    }
    Instant now = now();
    Limits limits = limits(s);
    String userName = s.nameTemplate().usesUser() ? NameTemplate.userPart(creatorName) : null;
    Result<Ticket> created = tickets.create(guildId, creatorId, reason.value().orElse(null), now,
        userName, limits.any() ? history -> limits.check(history, now) : null,
        t -> openEffects(t, s, replyToken, userName), type == null ? null : type.id(), answers,
        openedBy);
    if (created.isRefused()) {
      log.info("guild {}: user {} refused a new ticket by the limits ({})", guildId, creatorId,
          created.refusal().key());
      return Result.refused(created.refusal());
    }
    Ticket t = created.value();
    log.info("guild {}: ticket #{} (id {}) saved for user {}", guildId, t.number(), t.id(), creatorId);
    return Result.ok(new OpenedTicket(t, s, s.nameTemplate().render(t.number(), userName)));
  }

  /**
   * Records the thread Discord created for an opened ticket.
   *
   * @param firstMessageId the bot's first message in the thread, or null if unknown (e.g. the
   *     reconciler found the thread after a restart)
   * @return false if the ticket already has a thread, is not OPEN (e.g. marked failed after a
   *     timeout), or the thread belongs to another ticket
   */
  public boolean attachThread(long ticketId, long threadId, Long firstMessageId) {
    boolean attached = tickets.attachThread(ticketId, threadId, firstMessageId);
    if (!attached) {
      log.warn("ticket id {}: thread {} not attached (ticket not open or already attached)",
          ticketId, threadId);
    }
    return attached;
  }

  /**
   * Marks an opened ticket whose thread Discord did not create as FAILED. Its number is not
   * reused.
   *
   * @param why an internal description such as an HTTP status or exception class (never user
   *     text); cut to 500 characters
   * @return whether the ticket was OPEN without a thread and is now FAILED
   */
  public boolean markFailed(long ticketId, String why) {
    String cut = why == null ? null : why.substring(0, Math.min(why.length(), FAILURE_MAX));
    boolean failed = tickets.markFailed(ticketId, cut, now());
    log.warn("ticket id {}: thread creation failed{}", ticketId, failed ? "" : " (already settled)");
    return failed;
  }

  /**
   * Whether this thread is a ticket: a stored ticket of the guild for the thread decides (tickets
   * of a type live in the type's channel, under its name template); otherwise the original bot's
   * {@code is_ticket} with the guild's current settings (threads made before tickets were stored).
   */
  public TicketCheck.Verdict isTicket(long guildId, ThreadInfo thread) {
    Optional<Ticket> row = tickets.findByThread(thread.id());
    if (row.isPresent() && row.get().guildId() == guildId
        && row.get().state() != TicketState.FAILED) {
      return TicketCheck.Verdict.ticket(row.get().number());
    }
    return TicketCheck.check(thread, settings.load(guildId), tickets.lastNumber(guildId));
  }

  /**
   * The ticket a thread belongs to.
   *
   * <p>A stored row for the thread decides. Without one, the thread must pass {@link TicketCheck};
   * then an OPEN row with the same number and no thread gets this thread attached (the process
   * died before {@link #attachThread}), or, if no row has the number, the thread is adopted as an
   * OPEN ticket whose creator comes from {@code fallback} (tickets made before tickets were
   * stored; see {@link #importLastNumber}). An adopted thread is OPEN even if its name carries the
   * closed prefix, so closing it again records who closed it.
   *
   * @return the ticket in any state but FAILED, or {@code ERROR_NOT_A_TICKET} / {@code
   *     ERROR_TICKET_FAILED}
   */
  public Result<Ticket> resolve(long guildId, ThreadInfo thread, CreatorFallback fallback) {
    Optional<Ticket> row = tickets.findByThread(thread.id());
    if (row.isPresent()) {
      return usable(row.get(), guildId);
    }
    TicketCheck.Verdict verdict = isTicket(guildId, thread);
    if (!verdict.isTicket()) {
      log.debug("guild {}: thread {} is not a ticket: {}", guildId, thread.id(),
          verdict.explanation());
      return Result.refused(MessageKey.ERROR_NOT_A_TICKET);
    }
    Optional<Ticket> byNumber = tickets.findByNumber(guildId, verdict.number());
    if (byNumber.isPresent()) {
      Ticket t = byNumber.get();
      if (!t.hasThread() && t.isOpen() && tickets.attachThread(t.id(), thread.id(), null)) {
        log.info("guild {}: ticket #{} reconciled with thread {}", guildId, t.number(), thread.id());
      }
    } else {
      OptionalLong creator = fallback.creatorOf(thread);
      if (creator.isEmpty()) {
        log.info("guild {}: thread {} looks like a ticket but its creator is unknown", guildId,
            thread.id());
        return Result.refused(MessageKey.ERROR_NOT_A_TICKET);
      }
      tickets
          .adopt(guildId, verdict.number(), creator.getAsLong(), thread.id(), now())
          .ifPresent(t -> log.info("guild {}: adopted thread {} as ticket #{}", guildId,
              thread.id(), t.number()));
    }
    // Whoever won a race to attach or adopt, the row for this thread (if any) is the answer.
    return tickets
        .findByThread(thread.id())
        .map(t -> usable(t, guildId))
        .orElseGet(() -> Result.refused(MessageKey.ERROR_NOT_A_TICKET));
  }

  /**
   * Who created the ticket in this thread: the stored creator, else {@code fallback} (for threads
   * without a row). Does not check that the thread is a ticket.
   */
  public OptionalLong creatorOf(long guildId, ThreadInfo thread, CreatorFallback fallback) {
    Optional<Ticket> row = tickets.findByThread(thread.id()).filter(t -> t.guildId() == guildId);
    return row.isPresent() ? OptionalLong.of(row.get().creatorId()) : fallback.creatorOf(thread);
  }

  /** The ticket recorded for this thread, in any state. */
  public Optional<Ticket> findByThread(long threadId) {
    return tickets.findByThread(threadId);
  }

  /** The ticket with this id, in any state. */
  public Optional<Ticket> find(long ticketId) {
    return tickets.findById(ticketId);
  }

  /**
   * Whether {@code actor} may close the ticket now, e.g. before showing a confirmation button.
   *
   * @return the ticket, or {@code ERROR_NOT_A_TICKET}, {@code ERROR_TICKET_FAILED}, {@code
   *     ERROR_ALREADY_CLOSED}, {@code ERROR_CLOSE_NOT_ALLOWED} or {@code ERROR_CLOSE_STAFF_ONLY}
   */
  public Result<Ticket> checkClose(long guildId, long ticketId, Actor actor) {
    GuildSettings s = settings.forTicket(guildId, ticketId);
    return load(guildId, ticketId).flatMap(t -> closable(t, actor, s));
  }

  /**
   * Closes the ticket if it is open and {@code actor} may close it. Exactly one of any number of
   * concurrent calls succeeds.
   *
   * @param rawReason the closer's reason, or null; normalised by {@link Reasons}
   * @return what the adapter needs to finish the close on Discord, or the refusals of {@link
   *     #checkClose} and {@code ERROR_REASON_TOO_LONG}
   */
  public Result<ClosedTicket> close(long guildId, long ticketId, Actor actor, String rawReason) {
    return close(guildId, ticketId, actor, rawReason, null);
  }

  /**
   * Closes the ticket as {@link #close(long, long, Actor, String)} does and, in the same
   * transaction, records the Discord effects of the close: post "closed by", one PATCH (closed
   * name, locked, archived), DM the creator, log, and (with {@code replyToken}) answer the closer.
   *
   * @param replyToken the token of the closer's deferred interaction, or null for no answer
   */
  public Result<ClosedTicket> close(long guildId, long ticketId, Actor actor, String rawReason,
      String replyToken) {
    return close(guildId, ticketId, actor, rawReason, replyToken, List.of());
  }

  /**
   * Closes the ticket as {@link #close(long, long, Actor, String, String)} does; the close also
   * removes the buttons of the close confirmations shown through {@code confirmationTokens} (the
   * interactions that showed them), so none stays live on a closed ticket.
   */
  public Result<ClosedTicket> close(long guildId, long ticketId, Actor actor, String rawReason,
      String replyToken, List<String> confirmationTokens) {
    Result<Optional<String>> reason = Reasons.normalize(rawReason);
    if (reason.isRefused()) {
      return Result.refused(reason.refusal());
    }
    GuildSettings s = settings.forTicket(guildId, ticketId);
    for (int attempt = 1; attempt <= CLOSE_ATTEMPTS; attempt++) {
      // Re-read on every attempt: after a lost race this finds the ticket closed by the winner.
      Result<Ticket> allowed = load(guildId, ticketId).flatMap(t -> closable(t, actor, s));
      if (allowed.isRefused()) {
        return Result.refused(allowed.refusal());
      }
      Ticket open = allowed.value();
      if (tickets.closeIfOpen(ticketId, actor.userId(), reason.value().orElse(null), now(),
          closeEffects(open, s, actor.userId(), replyToken, userName(open),
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

  /**
   * Closes the ticket on behalf of a rule rather than a person's command (timers, an accepted
   * close request, the thread deleted on Discord): no permission check, the same exactly-once
   * close and effects as {@link #close}, without an answer to anyone.
   *
   * @param closerId who is recorded as closing it (the bot itself, or the creator who accepted)
   * @param threadGone the thread no longer exists: the effects acting on it are not recorded
   * @return the closed ticket, or {@code ERROR_NOT_A_TICKET}, {@code ERROR_TICKET_FAILED}, {@code
   *     ERROR_ALREADY_CLOSED}, {@code ERROR_REASON_TOO_LONG}
   */
  public Result<ClosedTicket> closeBySystem(long guildId, long ticketId, long closerId,
      String rawReason, boolean threadGone) {
    Result<Optional<String>> reason = SystemReasons.keyOf(rawReason).isPresent()
        ? Result.ok(Optional.of(rawReason)) // the bot's own, kept as a reference
        : Reasons.normalize(rawReason);
    if (reason.isRefused()) {
      return Result.refused(reason.refusal());
    }
    GuildSettings s = settings.forTicket(guildId, ticketId);
    Result<Ticket> current = load(guildId, ticketId);
    if (current.isRefused()) {
      return Result.refused(current.refusal());
    }
    Ticket open = current.value();
    if (open.state() == TicketState.CLOSED) {
      return Result.refused(MessageKey.ERROR_ALREADY_CLOSED, open.number(), open.closedById());
    }
    List<NewEffect> effects = closeEffects(open, s, closerId, null, userName(open), List.of(),
        false).stream()
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

  /**
   * Reopens a closed ticket. Only staff may reopen; exactly one of concurrent calls succeeds, and
   * only it records the reopen's effects (unarchive and unlock, rename back, the first message's
   * buttons live again, post "reopened by", log).
   *
   * @return what the adapter needs to reopen the thread, or {@code ERROR_NOT_A_TICKET}, {@code
   *     ERROR_TICKET_FAILED}, {@code ERROR_REOPEN_NOT_ALLOWED}, {@code ERROR_TICKET_NOT_CLOSED}
   */
  public Result<ReopenedTicket> reopen(long guildId, long ticketId, Actor actor) {
    GuildSettings s = settings.forTicket(guildId, ticketId);
    Result<Ticket> current = load(guildId, ticketId);
    if (current.isRefused()) {
      return Result.refused(current.refusal());
    }
    Ticket t = current.value();
    if (!TicketRules.mayReopen(actor, s)) {
      return Result.refused(MessageKey.ERROR_REOPEN_NOT_ALLOWED);
    }
    if (!tickets.reopenIfClosed(ticketId, now(),
        TicketEffects.reopen(t, s, actor.userId(), userName(t)))) {
      return Result.refused(MessageKey.ERROR_TICKET_NOT_CLOSED, t.number());
    }
    Ticket reopened = tickets.findById(ticketId).orElseThrow();
    log.info("guild {}: ticket #{} (id {}) reopened by user {}", guildId, t.number(), ticketId,
        actor.userId());
    return Result.ok(new ReopenedTicket(reopened, s,
        s.nameTemplate().render(t.number(), userName(t)),
        s.logChannelId()));
  }

  /**
   * Continues the numbering of an older bot: new tickets get numbers above {@code lastNumber}, and
   * its threads numbered up to it can be {@linkplain #resolve adopted}. Never lowers the counter.
   * Needs Manage Server.
   *
   * @return the guild's last number afterwards (for {@code TICKET_COUNTER_IMPORTED}), or {@code
   *     ERROR_SETTINGS_NOT_ALLOWED}
   * @throws IllegalArgumentException if {@code lastNumber < 1} (the command option's minimum)
   */
  public Result<Integer> importLastNumber(long guildId, Actor actor, int lastNumber) {
    if (lastNumber < 1) {
      throw new IllegalArgumentException("ticket numbers start at 1, got " + lastNumber);
    }
    if (!actor.canManageServer()) {
      return Result.refused(MessageKey.ERROR_SETTINGS_NOT_ALLOWED);
    }
    int now = tickets.raiseCounter(guildId, lastNumber);
    log.info("guild {}: ticket counter raised to {} by user {}", guildId, now, actor.userId());
    return Result.ok(now);
  }

  /**
   * OPEN tickets still without a thread after {@code age}: candidates for {@link #markFailed} (or
   * for retrying the thread) after a crash. Oldest first, at most 100.
   */
  public List<Ticket> unattachedOlderThan(Duration age) {
    return tickets.findUnattached(now().minus(age), 100);
  }

  /** Payload keys of the effects. */
  public static final String CHANNEL = "channel";
  public static final String NAME = "name";
  public static final String STAFF_ROLE = "staff_role";
  public static final String ACTOR = "actor";
  public static final String TOKEN = "token";
  /**
   * On a DM_CLOSED: the creator closed the ticket themselves, so their interaction has just shown
   * them a member of the server (the DM's first attempt need not ask Discord).
   */
  public static final String CREATOR_PRESENT = "creator_present";
  /** On a DM_CLOSED: the DM goes without the transcript ({@code transcript_dm} off). */
  public static final String NO_TRANSCRIPT = "no_transcript";

  /** Every staff role of the ticket (a type may have several), comma-separated. */
  public static final String STAFF_ROLES = "staff_roles";

  /**
   * The staff roles a first message pings and shows: {@link #STAFF_ROLE} (the first, as before
   * types) and {@link #STAFF_ROLES} (all of them).
   */
  static Payload staffPayload(GuildSettings s) {
    List<Long> roles = s.staffRoles();
    return Payload.empty().with(STAFF_ROLE, roles.isEmpty() ? null : roles.get(0))
        .with(STAFF_ROLES, roles.isEmpty() ? null
            : String.join(",", roles.stream().map(String::valueOf).toList()));
  }

  /** The guild's limits on opening tickets (see {@link Limits}). */
  static Limits limits(GuildSettings s) {
    return new Limits(s.maxOpenPerUser(), s.createCooldown());
  }

  /** The member's name a ticket's thread was named with, for renames (null if none). */
  private String userName(Ticket t) {
    return tickets.userName(t.id()).orElse(null);
  }

  private static List<NewEffect> openEffects(Ticket t, GuildSettings s, String replyToken,
      String userName) {
    List<NewEffect> out = new ArrayList<>();
    out.add(NewEffect.of(EffectKind.CREATE_THREAD, Payload.empty()
        .with(CHANNEL, s.ticketChannelId())
        .with(NAME, s.nameTemplate().render(t.number(), userName))));
    // the first message pings the creator, which adds them to the private thread (Discord's
    // mention rule): ADD_CREATOR then sends nothing, and PUTs the creator only when the first
    // message failed. The member is answered as soon as they can open the thread; the pin after.
    out.add(NewEffect.of(EffectKind.FIRST_MESSAGE, staffPayload(s)));
    out.add(NewEffect.of(EffectKind.ADD_CREATOR, Payload.empty()));
    if (replyToken != null) {
      out.add(NewEffect.of(EffectKind.REPLY_OPENED, Payload.empty().with(TOKEN, replyToken)));
    }
    out.add(NewEffect.of(EffectKind.PIN_FIRST, Payload.empty()));
    return out;
  }

  /**
   * The close: post "closed by" (with Reopen), the first message without its buttons, the
   * transcript, rename (its own effect: Discord's rename limit must not hold up the rest; it
   * locks and archives in the same PATCH when it can), lock and archive, DM, log, answer, and the
   * other confirmations' buttons removed.
   */
  private static List<NewEffect> closeEffects(Ticket t, GuildSettings s, long closerId,
      String replyToken, String userName, List<String> confirmationTokens,
      boolean creatorActing) {
    List<NewEffect> out = new ArrayList<>();
    Payload actor = Payload.empty().with(ACTOR, closerId);
    out.add(NewEffect.of(EffectKind.POST_CLOSED, actor));
    out.add(TicketEffects.editFirstMessage(s));
    // the transcript reads the thread with the "closed" post, before the lock; DM and log attach it
    out.add(NewEffect.of(EffectKind.TRANSCRIPT, Payload.empty()));
    // right before the lock: the rename sends the closed name, locked and archived in one PATCH
    // when Discord's rename limit allows it (CLOSE_THREAD then sends nothing), else it waits
    // and CLOSE_THREAD locks and archives at once
    out.add(TicketEffects.rename(s.nameTemplate().renderClosed(t.number(), userName)));
    out.add(NewEffect.of(EffectKind.CLOSE_THREAD, Payload.empty()));
    OptionalLong log = s.logChannelId();
    if (replyToken != null) {
      // the closer sees "closed" as soon as it is; REPLY_CLOSED edits in the DM's and log's outcome
      out.add(NewEffect.of(EffectKind.REPLY_CLOSING, actor.with(TOKEN, replyToken)
          .with(CHANNEL, log.isPresent() ? log.getAsLong() : null)));
    }
    // the transcript unless transcript_dm is off; the rating buttons (issue 13) as the setting
    // was at the close
    out.add(NewEffect.of(EffectKind.DM_CLOSED,
        (s.transcriptDm() ? actor : actor.with(NO_TRANSCRIPT, true))
            .with(Feedback.BUTTONS, s.feedback() ? 1 : null)
            .with(CREATOR_PRESENT, creatorActing ? 1 : null)));
    if (log.isPresent()) {
      out.add(NewEffect.of(EffectKind.LOG_CLOSED, actor.with(CHANNEL, log.getAsLong())));
    }
    if (replyToken != null) {
      out.add(NewEffect.of(EffectKind.REPLY_CLOSED, actor.with(TOKEN, replyToken)
          .with(CHANNEL, log.isPresent() ? log.getAsLong() : null)));
    }
    for (String token : confirmationTokens) {
      out.add(TicketEffects.clearConfirmation(token));
    }
    return out;
  }

  /** Records the bot's first message in the ticket's thread (once). */
  public boolean setFirstMessage(long ticketId, long messageId) {
    return tickets.setFirstMessage(ticketId, messageId);
  }

  private Result<Ticket> load(long guildId, long ticketId) {
    return tickets
        .findById(ticketId)
        .map(t -> usable(t, guildId))
        .orElseGet(() -> Result.refused(MessageKey.ERROR_NOT_A_TICKET));
  }

  static Result<Ticket> usable(Ticket t, long guildId) {
    if (t.guildId() != guildId) {
      return Result.refused(MessageKey.ERROR_NOT_A_TICKET);
    }
    if (t.state() == TicketState.FAILED) {
      return Result.refused(MessageKey.ERROR_TICKET_FAILED, t.number());
    }
    return Result.ok(t);
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

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
