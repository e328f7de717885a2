package dev.tiramisu.tickets.ticket;

import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.settings.GuildSettings;
import dev.tiramisu.tickets.settings.NameTemplate;
import dev.tiramisu.tickets.settings.SettingsStore;
import dev.tiramisu.tickets.text.MessageKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a ticket comes to be, behind {@link TicketService}: {@link #open} checks the guild and the
 * reason and saves the ticket, its number and the Discord effects that make its thread in one
 * transaction; the thread Discord made is then {@linkplain #attachThread attached}, or the ticket
 * {@linkplain #markFailed marked failed}. {@link #resolve} finds the ticket of a thread, and ties
 * up an open that did not finish (a saved ticket whose thread was never attached) or adopts a
 * thread of the older bot.
 *
 * <p>It lives apart from the service so that the open side of a ticket's life reads on its own.
 * The adapter and the tests go through {@link TicketService}, which documents these methods.
 */
final class TicketOpening {
  /** The service's logger: the log lines stay those of {@link TicketService}. */
  private static final Logger log = LoggerFactory.getLogger(TicketService.class);
  private static final int FAILURE_MAX = 500;

  private final TicketStore tickets;
  private final SettingsStore settings;
  private final Clock clock;

  TicketOpening(TicketStore tickets, SettingsStore settings, Clock clock) {
    this.tickets = Objects.requireNonNull(tickets, "tickets");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * See {@link TicketService#open(long, long, String, String, String, TicketService.ReadyCheck,
   * dev.tiramisu.tickets.settings.TicketType, List, Long)}.
   */
  Result<OpenedTicket> open(long guildId, long creatorId, String creatorName, String rawReason,
      String replyToken, TicketService.ReadyCheck ready,
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
    Limits limits = Limits.of(s);
    String userName = s.nameTemplate().usesUser() ? NameTemplate.userPart(creatorName) : null;
    Result<Ticket> created = tickets.create(guildId, creatorId, reason.value().orElse(null), now,
        userName, limits.any() ? history -> limits.check(history, now) : null,
        t -> TicketEffects.open(t, s, replyToken, userName), type == null ? null : type.id(),
        answers, openedBy);
    if (created.isRefused()) {
      log.info("guild {}: user {} refused a new ticket by the limits ({})", guildId, creatorId,
          created.refusal().key());
      return Result.refused(created.refusal());
    }
    Ticket t = created.value();
    log.info("guild {}: ticket #{} (id {}) saved for user {}", guildId, t.number(), t.id(), creatorId);
    return Result.ok(new OpenedTicket(t, s, s.nameTemplate().render(t.number(), userName)));
  }

  /** See {@link TicketService#attachThread}. */
  boolean attachThread(long ticketId, long threadId, Long firstMessageId) {
    boolean attached = tickets.attachThread(ticketId, threadId, firstMessageId);
    if (!attached) {
      log.warn("ticket id {}: thread {} not attached (ticket not open or already attached)",
          ticketId, threadId);
    }
    return attached;
  }

  /** See {@link TicketService#markFailed}. */
  boolean markFailed(long ticketId, String why) {
    String cut = why == null ? null : why.substring(0, Math.min(why.length(), FAILURE_MAX));
    boolean failed = tickets.markFailed(ticketId, cut, now());
    log.warn("ticket id {}: thread creation failed{}", ticketId, failed ? "" : " (already settled)");
    return failed;
  }

  /** See {@link TicketService#isTicket}. */
  TicketCheck.Verdict isTicket(long guildId, ThreadInfo thread) {
    Optional<Ticket> row = tickets.findByThread(thread.id());
    if (row.isPresent() && row.get().guildId() == guildId
        && row.get().state() != TicketState.FAILED) {
      return TicketCheck.Verdict.ticket(row.get().number());
    }
    return TicketCheck.check(thread, settings.load(guildId), tickets.lastNumber(guildId));
  }

  /** See {@link TicketService#resolve}. */
  Result<Ticket> resolve(long guildId, ThreadInfo thread, CreatorFallback fallback) {
    Optional<Ticket> row = tickets.findByThread(thread.id());
    if (row.isPresent()) {
      return TicketService.usable(row.get(), guildId);
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
        .map(t -> TicketService.usable(t, guildId))
        .orElseGet(() -> Result.refused(MessageKey.ERROR_NOT_A_TICKET));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
