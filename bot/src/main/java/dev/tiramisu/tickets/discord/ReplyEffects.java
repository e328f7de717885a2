package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.effects.Effect;
import dev.tiramisu.tickets.effects.EffectKind;
import dev.tiramisu.tickets.effects.EffectState;
import dev.tiramisu.tickets.text.DiscordText;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;

/**
 * Answers the person who acted, by editing their deferred ephemeral reply through the
 * interaction's token (valid 15 minutes, so a process that took over after a crash can still
 * answer). The answer says what was done and, in plain words, what could not be. Editing is
 * idempotent; the token is dropped from the payload once the reply is settled. A create whose
 * reply this process still holds back ({@link HeldReplies}) is answered with the interaction's
 * first response instead (a retry after that edits it).
 */
final class ReplyEffects {
  /** Discord keeps an interaction token for 15 minutes; leave a margin. */
  static final Duration TOKEN_LIFETIME = Duration.ofMinutes(14);

  private final HeldReplies held;

  ReplyEffects() {
    this(HeldReplies.NONE);
  }

  /**
   * @param held interactions not acknowledged yet: an answer to one of them is its first
   *     response instead of an edit
   */
  ReplyEffects(HeldReplies held) {
    this.held = held;
  }

  EffectResult replyOpened(Effect e, Ticket t, JDA jda, List<Effect> chain, Instant now) {
    return edit(e, jda, m -> openedText(m, t, chain), now);
  }

  EffectResult replyClosed(Effect e, Ticket t, JDA jda, List<Effect> chain, Instant now) {
    return edit(e, jda,
        m -> closedText(m, t, chain, e.payload().getLong(TicketService.CHANNEL)), now);
  }

  /**
   * The closer's first answer, once the thread is closed: what {@link #closedText} says about the
   * thread, then that the DM and the log line are being sent. Skipped when the whole answer
   * already went out (a retry after it).
   */
  EffectResult replyClosing(Effect e, Ticket t, JDA jda, List<Effect> chain, Instant now) {
    boolean finalSent = chain.stream().anyMatch(x -> x.id() > e.id()
        && x.kind() == EffectKind.REPLY_CLOSED && x.state() == EffectState.DONE);
    if (finalSent) {
      return EffectResult.done("the whole answer was already sent");
    }
    OptionalLong logChannel = e.payload().getLong(TicketService.CHANNEL);
    return edit(e, jda, m -> String.join("\n", threadLines(m, t, chain)) + "\n"
        + m.format(logChannel.isPresent() ? MessageKey.TICKET_CLOSED_FINISHING
            : MessageKey.TICKET_CLOSED_FINISHING_NO_LOG, t.creatorId()), now);
  }

  /** A close confirmation of the ticket, edited to say it closed: its buttons are gone. */
  EffectResult clearConfirmation(Effect e, Ticket t, JDA jda, Instant now) {
    return edit(e, jda, m -> m.format(MessageKey.TICKET_CLOSE_CONFIRM_CLOSED, t.number()), now);
  }

  /** Edits the answer in the language of the user who acted (kept in the {@link ReplyHandle}). */
  private EffectResult edit(Effect e, JDA jda, Function<Messages, String> render, Instant now) {
    Optional<String> stored = e.payload().get(TicketService.TOKEN);
    if (stored.isEmpty()) {
      return EffectResult.failed("no interaction token");
    }
    if (!now.isBefore(e.createdAt().plus(TOKEN_LIFETIME))) {
      return EffectResult.failed("interaction expired");
    }
    ReplyHandle handle = ReplyHandle.parse(stored.get());
    String text = DiscordText.truncate(render.apply(handle.messages()), CommandCatalog.MAX_MESSAGE);
    // still held (issue 14): this answer is the interaction's one response, no deferral first
    if (held.replyFirst(handle.token(), new MessageCreateBuilder().setContent(text)
        .setAllowedMentions(List.of()).build())) {
      return EffectResult.done("answered as the first response");
    }
    InteractionHook.from(jda, handle.token()).editOriginal(new MessageEditBuilder()
        .setContent(text)
        .setComponents()
        .setAllowedMentions(List.of())
        .build()).complete();
    return EffectResult.done("answered");
  }

  /** How {@link EffectResult#of} describes Discord's "maximum number of active threads". */
  static final String THREAD_LIMIT_OUTCOME = "Discord error 160006";

  static String openedText(Messages messages, Ticket t, List<Effect> chain) {
    if (state(chain, EffectKind.CREATE_THREAD) != EffectState.DONE || t.threadId() == null) {
      boolean threadLimit = EffectWorker.latest(chain, EffectKind.CREATE_THREAD)
          .map(Effect::outcome)
          .filter(o -> o.contains(THREAD_LIMIT_OUTCOME))
          .isPresent();
      return messages.format(threadLimit ? MessageKey.ERROR_THREAD_LIMIT_REACHED
          : MessageKey.ERROR_THREAD_CREATION_FAILED, t.number());
    }
    String text = messages.format(MessageKey.TICKET_OPENED_REPLY, t.number(), t.threadId());
    if (state(chain, EffectKind.FIRST_MESSAGE) == EffectState.FAILED) {
      text += "\n" + messages.format(MessageKey.TICKET_OPENED_FIRST_MESSAGE_FAILED);
    }
    boolean noStaffRole = EffectWorker.latest(chain, EffectKind.FIRST_MESSAGE)
        .map(e -> e.payload().getLong(TicketService.STAFF_ROLE).isEmpty())
        .orElse(false);
    if (noStaffRole) {
      text += "\n" + messages.format(MessageKey.TICKET_OPENED_NO_STAFF_NOTE);
    }
    return text;
  }

  static String closedText(Messages messages, Ticket t, List<Effect> chain,
      OptionalLong logChannel) {
    List<String> lines = threadLines(messages, t, chain);
    boolean creatorLeft = EffectWorker.latest(chain, EffectKind.DM_CLOSED)
        .map(dm -> CloseEffects.CREATOR_LEFT.equals(dm.outcome())).orElse(false);
    lines.add(messages.format(creatorLeft ? MessageKey.TICKET_CLOSED_DM_SKIPPED_LEFT
        : state(chain, EffectKind.DM_CLOSED) == EffectState.DONE
        ? MessageKey.TICKET_CLOSED_DM_SENT : MessageKey.TICKET_CLOSED_DM_FAILED, t.creatorId()));
    if (logChannel.isEmpty()) {
      lines.add(messages.format(MessageKey.TICKET_CLOSED_NO_LOG));
    } else {
      lines.add(messages.format(state(chain, EffectKind.LOG_CLOSED) == EffectState.DONE
          ? MessageKey.TICKET_CLOSED_LOGGED : MessageKey.TICKET_CLOSED_LOG_FAILED,
          logChannel.getAsLong()));
    }
    return String.join("\n", lines);
  }

  /** "Closed", and what went wrong with the thread or is still to come (the rename). */
  private static List<String> threadLines(Messages messages, Ticket t, List<Effect> chain) {
    List<String> lines = new ArrayList<>();
    lines.add(messages.format(MessageKey.TICKET_CLOSED_REPLY, t.number()));
    if (state(chain, EffectKind.POST_CLOSED) == EffectState.FAILED
        || state(chain, EffectKind.CLOSE_THREAD) == EffectState.FAILED
        || state(chain, EffectKind.RENAME_THREAD) == EffectState.FAILED) {
      lines.add(messages.format(MessageKey.TICKET_CLOSED_THREAD_FAILED));
    } else if (EffectWorker.latest(chain, EffectKind.RENAME_THREAD).filter(r -> r.isPending()
        && r.outcome() != null && r.outcome().startsWith(ThreadStateEffects.RENAME_LIMITED))
        .isPresent()) {
      lines.add(messages.format(MessageKey.TICKET_CLOSED_RENAME_PENDING));
    }
    return lines;
  }

  /** The state of the latest effect of {@code kind} in the chain, or null if it has none. */
  private static EffectState state(List<Effect> chain, EffectKind kind) {
    return EffectWorker.latest(chain, kind).map(Effect::state).orElse(null);
  }
}
