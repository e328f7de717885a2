package dev.tiramisu.tickets.ticket;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.settings.GuildSettings;
import dev.tiramisu.tickets.settings.SettingsStore;
import dev.tiramisu.tickets.text.MessageKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 *
 * <p>This class is the entry point and documents the use cases; the longer ones are carried out
 * by {@link TicketOpening} (open, attach, fail, resolve) and {@link TicketClosing} (close), and
 * the Discord effects each step records are built by {@link TicketEffects}.
 */
public final class TicketService {
  private static final Logger log = LoggerFactory.getLogger(TicketService.class);

  private final TicketStore tickets;
  private final SettingsStore settings;
  private final Clock clock;
  private final TicketOpening opening;
  private final TicketClosing closing;

  public TicketService(TicketStore tickets, SettingsStore settings, Clock clock) {
    this.tickets = Objects.requireNonNull(tickets, "tickets");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.opening = new TicketOpening(tickets, settings, clock);
    this.closing = new TicketClosing(tickets, settings, clock);
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
    return opening.open(guildId, creatorId, creatorName, rawReason, replyToken, ready, type,
        answers, openedBy);
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
    return opening.attachThread(ticketId, threadId, firstMessageId);
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
    return opening.markFailed(ticketId, why);
  }

  /**
   * Whether this thread is a ticket: a stored ticket of the guild for the thread decides (tickets
   * of a type live in the type's channel, under its name template); otherwise the original bot's
   * {@code is_ticket} with the guild's current settings (threads made before tickets were stored).
   */
  public TicketCheck.Verdict isTicket(long guildId, ThreadInfo thread) {
    return opening.isTicket(guildId, thread);
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
    return opening.resolve(guildId, thread, fallback);
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
    return closing.checkClose(guildId, ticketId, actor);
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
    return closing.close(guildId, ticketId, actor, rawReason, replyToken, confirmationTokens);
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
    return closing.closeBySystem(guildId, ticketId, closerId, rawReason, threadGone);
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
    Result<Ticket> current = load(tickets, guildId, ticketId);
    if (current.isRefused()) {
      return Result.refused(current.refusal());
    }
    Ticket t = current.value();
    if (!TicketRules.mayReopen(actor, s)) {
      return Result.refused(MessageKey.ERROR_REOPEN_NOT_ALLOWED);
    }
    if (!tickets.reopenIfClosed(ticketId, now(),
        TicketEffects.reopen(t, s, actor.userId(), userName(tickets, t)))) {
      return Result.refused(MessageKey.ERROR_TICKET_NOT_CLOSED, t.number());
    }
    Ticket reopened = tickets.findById(ticketId).orElseThrow();
    log.info("guild {}: ticket #{} (id {}) reopened by user {}", guildId, t.number(), ticketId,
        actor.userId());
    return Result.ok(new ReopenedTicket(reopened, s,
        s.nameTemplate().render(t.number(), userName(tickets, t)),
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

  /** Records the bot's first message in the ticket's thread (once). */
  public boolean setFirstMessage(long ticketId, long messageId) {
    return tickets.setFirstMessage(ticketId, messageId);
  }

  /** The ticket with this id if it is the guild's and not FAILED (see {@link #usable}). */
  static Result<Ticket> load(TicketStore tickets, long guildId, long ticketId) {
    return tickets
        .findById(ticketId)
        .map(t -> usable(t, guildId))
        .orElseGet(() -> Result.refused(MessageKey.ERROR_NOT_A_TICKET));
  }

  /** The member's name a ticket's thread was named with, for renames (null if none). */
  static String userName(TicketStore tickets, Ticket t) {
    return tickets.userName(t.id()).orElse(null);
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

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
