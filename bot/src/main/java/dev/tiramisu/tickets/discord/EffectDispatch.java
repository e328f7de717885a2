package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.common.StorageUnavailableException;
import dev.tiramisu.tickets.effects.Effect;
import dev.tiramisu.tickets.effects.EffectKind;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketService;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;

/**
 * What one attempt of an effect does, by its kind: the effects of each feature ({@link
 * OpenEffects}, {@link CloseEffects}, {@link ReplyEffects}, ...) behind one switch, and the checks
 * that settle an effect without a request. Kept apart from {@link EffectWorker}, which decides
 * when an effect is attempted (the chain's order, the shard's lease, the retries) and records
 * the result; this class only knows how.
 */
final class EffectDispatch {
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(EffectDispatch.class);
  private final TicketService tickets;
  private final Clock clock;
  private final OpenEffects open;
  private final CloseEffects close;
  private final ReplyEffects replies;
  private final ThreadStateEffects threadState;
  private final StaffEffects staff;
  private final TimerEffects timers;
  private final TranscriptEffects transcripts;
  private final FeedbackEffects feedback;

  EffectDispatch(TicketService tickets, Clock clock, OpenEffects open, CloseEffects close,
      ReplyEffects replies, ThreadStateEffects threadState, StaffEffects staff,
      TimerEffects timers, TranscriptEffects transcripts, FeedbackEffects feedback) {
    this.tickets = Objects.requireNonNull(tickets, "tickets");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.open = open;
    this.close = close;
    this.replies = replies;
    this.threadState = threadState;
    this.staff = staff;
    this.timers = timers;
    this.transcripts = transcripts;
    this.feedback = feedback;
  }

  /** Why an effect no longer applies, or null. */
  static String skipReason(Effect e, Ticket t) {
    if (e.kind() == EffectKind.CREATE_THREAD || !e.kind().needsThread()) {
      return null;
    }
    if (t.threadId() == null) {
      return "skipped: the ticket has no thread";
    }
    if ((e.kind() == EffectKind.PIN_FIRST || e.kind() == EffectKind.EDIT_FIRST_MESSAGE)
        && t.firstMessageId() == null) {
      return "skipped: no first message";
    }
    return null;
  }

  /**
   * The outcome of an effect that an earlier one of the chain already made needless, or null
   * when it needs its request.
   */
  static String doneWithoutRequest(Effect e, List<Effect> chain) {
    return switch (e.kind()) {
      case CLOSE_THREAD -> ThreadStateEffects.doneWithoutRequest(e, chain);
      case REPLY_OPENED -> AnswerAlongside.doneWithoutRequest(e, chain);
      default -> OpenEffects.doneWithoutRequest(e, chain);
    };
  }

  /**
   * One attempt. A guild missing from JDA's cache is retried, not settled: JDA empties its cache
   * while it identifies anew (INVALID_SESSION), so a missing guild does not prove the bot left;
   * a bot really removed from a guild gives up after the retry policy's time. Answers need no
   * guild, only the shard and the interaction's token.
   */
  EffectResult perform(Effect e, Ticket t, JDA shard, Guild guild, List<Effect> before,
      List<Effect> chain) {
    if (guild == null && !e.kind().usesToken()) {
      return EffectResult.retry("guild " + e.guildId() + " not in the shard's cache");
    }
    try {
      return switch (e.kind()) {
        case CREATE_THREAD -> open.createThread(e, t, guild);
        case ADD_CREATOR -> open.addCreator(e, t, guild);
        case FIRST_MESSAGE -> open.firstMessage(e, t, guild);
        case PIN_FIRST -> open.pinFirst(e, t, guild);
        case POST_CLOSED -> close.postClosed(e, t, guild);
        case CLOSE_THREAD -> threadState.lockAndArchive(e, t, guild);
        case DM_CLOSED -> close.dmCreator(e, t, guild, before);
        case LOG_CLOSED -> close.log(e, t, guild, before);
        case REPLY_OPENED ->
            replies.replyOpened(e, reread(t), shard, before, clock.instant());
        case REPLY_CLOSED ->
            replies.replyClosed(e, reread(t), shard, before, clock.instant());
        case REPLY_CLOSING ->
            replies.replyClosing(e, reread(t), shard, before, clock.instant());
        case RENAME_THREAD -> threadState.rename(e, reread(t), guild, chain);
        case REOPEN_THREAD -> threadState.unarchiveAndUnlock(e, t, guild);
        case EDIT_FIRST_MESSAGE -> staff.editFirstMessage(e, reread(t), guild);
        case CLEAR_CONFIRMATION -> replies.clearConfirmation(e, reread(t), shard, clock.instant());
        case POST_NOTICE -> staff.postNotice(e, t, guild);
        case LOG_NOTICE -> staff.logNotice(e, t, guild);
        case ADD_MEMBER -> staff.addMember(e, t, guild);
        case REMOVE_MEMBER -> staff.removeMember(e, t, guild);
        case CLOSE_REQUEST_POST -> timers.postRequest(e, t, guild);
        case CLOSE_REQUEST_UPDATE -> timers.updateRequest(e, t, guild);
        case AUTOCLOSE_WARNING -> timers.warn(e, t, guild);
        case LOG_TIMER -> timers.log(e, t, guild);
        case TRANSCRIPT -> transcripts.make(e, t, guild, chain);
        case LOG_RATING -> feedback.log(e, t, guild);
      };
    } catch (StorageUnavailableException ex) {
      return EffectResult.retry("database unavailable");
    } catch (RuntimeException ex) {
      if (!(ex instanceof net.dv8tion.jda.api.exceptions.ErrorResponseException)
          && !(ex instanceof net.dv8tion.jda.api.exceptions.InsufficientPermissionException)
          && !(ex.getCause() instanceof java.io.IOException)) {
        // not Discord's refusal: a fault of ours or of JDA's, whose stack is what a maintainer
        // needs (the outcome keeps only the class name; no message contents in either)
        log.warn("ticket id {}: {} attempt {} threw", t.id(), e.kind(), e.attempts(), ex);
      }
      return EffectResult.of(ex);
    }
  }

  private Ticket reread(Ticket t) {
    return tickets.find(t.id()).orElse(t);
  }
}
