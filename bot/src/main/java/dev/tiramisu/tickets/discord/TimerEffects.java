package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.effects.Effect;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import dev.tiramisu.tickets.ticket.CloseRequest;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketService;
import dev.tiramisu.tickets.ticket.TicketTimers;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;

/**
 * The Discord effects of the timers: post a close request with its buttons (the creator is the
 * only one mentioned), edit it to its outcome (buttons removed), post the inactivity warning, and
 * log their steps. Posts carry the effect's nonce and an attempt after the first looks for the
 * message first; the edit is idempotent. A thread Discord archived is unarchived before an edit
 * (posting unarchives it by itself).
 */
final class TimerEffects {
  private final TicketTimers timers;
  private final TicketTexts texts;
  private final ThreadLookup threads;

  TimerEffects(TicketTimers timers, TicketTexts texts, ThreadLookup threads) {
    this.timers = timers;
    this.texts = texts;
    this.threads = threads;
  }

  EffectResult postRequest(Effect e, Ticket t, Guild guild) {
    Messages messages = Locales.guild(guild);
    Optional<CloseRequest> found = request(e);
    if (found.isEmpty()) {
      return EffectResult.failed("close request " + e.payload().get(TicketTimers.REQUEST)
          .orElse("?") + " not found");
    }
    CloseRequest r = found.get();
    if (!r.isPending()) {
      return EffectResult.failed("skipped: request " + r.id() + " " + r.state()
          + " before it was posted");
    }
    ThreadChannel thread = threads.find(guild, t);
    if (thread == null) {
      return EffectResult.failed("thread " + t.threadId() + " not found");
    }
    String acceptId = new ComponentId.CloseRequestAccept(r.id()).encode();
    if (e.attempts() > 1) {
      Optional<Message> earlier = OwnMessages.find(thread, m -> OwnMessages.hasButton(m, acceptId));
      if (earlier.isPresent()) {
        timers.recordRequestMessage(r.id(), earlier.get().getIdLong());
        return EffectResult.done("found close request " + earlier.get().getId());
      }
    }
    String content = texts.in(guild).fitReason(r.reason(), reason -> r.hasDeadline()
        ? messages.format(MessageKey.CLOSE_REQUEST_MESSAGE_DUE, t.creatorId(), r.requestedBy(),
            reason, r.dueAt().getEpochSecond())
        : messages.format(MessageKey.CLOSE_REQUEST_MESSAGE, t.creatorId(), r.requestedBy(),
            reason));
    MessageCreateData data = new MessageCreateBuilder()
        .setContent(content)
        .setAllowedMentions(List.of())
        .mentionUsers(t.creatorId())
        .setComponents(ActionRow.of(
            Button.success(acceptId, messages.format(MessageKey.BUTTON_CLOSE_REQUEST_ACCEPT)),
            Button.secondary(new ComponentId.CloseRequestKeep(r.id()).encode(),
                messages.format(MessageKey.BUTTON_CLOSE_REQUEST_KEEP))))
        .build();
    Message sent = thread.sendMessage(data).setNonce(e.nonce()).complete();
    timers.recordRequestMessage(r.id(), sent.getIdLong());
    return EffectResult.done("close request " + sent.getId());
  }

  EffectResult updateRequest(Effect e, Ticket t, Guild guild) {
    Messages messages = Locales.guild(guild);
    Optional<CloseRequest> found = request(e);
    if (found.isEmpty() || found.get().messageId() == null) {
      return EffectResult.failed("skipped: the close request's message is unknown");
    }
    CloseRequest r = found.get();
    CloseRequest.State outcome =
        CloseRequest.State.valueOf(e.payload().require(TicketTimers.OUTCOME));
    MessageKey key = switch (outcome) {
      case ACCEPTED -> MessageKey.CLOSE_REQUEST_OUTCOME_ACCEPTED;
      case KEPT_OPEN -> MessageKey.CLOSE_REQUEST_OUTCOME_KEPT_OPEN;
      case CANCELLED -> MessageKey.CLOSE_REQUEST_OUTCOME_CANCELLED;
      case REPLACED -> MessageKey.CLOSE_REQUEST_OUTCOME_REPLACED;
      case EXPIRED -> MessageKey.CLOSE_REQUEST_OUTCOME_EXPIRED;
      default -> throw new IllegalStateException("no message for " + outcome);
    };
    ThreadChannel thread = threads.find(guild, t);
    if (thread == null) {
      return EffectResult.failed("thread " + t.threadId() + " not found");
    }
    if (thread.isArchived() && !thread.isLocked()) {
      // Discord archived it for inactivity: an archived thread's messages cannot be edited.
      thread.getManager().setArchived(false).complete();
    }
    thread.editMessageById(r.messageId(), new MessageEditBuilder()
            .setContent(messages.format(key, r.requestedBy(), t.creatorId()))
            .setComponents()
            .setAllowedMentions(List.of())
            .build())
        .complete();
    return EffectResult.done("close request " + r.messageId() + " shows " + outcome);
  }

  EffectResult warn(Effect e, Ticket t, Guild guild) {
    Messages messages = Locales.guild(guild);
    ThreadChannel thread = threads.find(guild, t);
    if (thread == null) {
      return EffectResult.failed("thread " + t.threadId() + " not found");
    }
    long closeAt = e.payload().requireLong(TicketTimers.CLOSE_AT) / 1000;
    String content = messages.format(MessageKey.AUTOCLOSE_WARNING_MESSAGE, t.creatorId(), closeAt);
    return OwnMessages.postOnce(e, thread, new MessageCreateBuilder().setContent(content)
        .setAllowedMentions(List.of()).mentionUsers(t.creatorId()).build(), "warning");
  }

  EffectResult log(Effect e, Ticket t, Guild guild) {
    Messages messages = Locales.guild(guild);
    long channelId = e.payload().requireLong(TicketService.CHANNEL);
    TextChannel channel = guild.getTextChannelById(channelId);
    EffectResult unusable = OwnMessages.unusableLog(guild, channel, channelId);
    if (unusable != null) {
      return unusable;
    }
    TicketTimers.Note note = TicketTimers.Note.valueOf(e.payload().require(TicketTimers.NOTE));
    String content;
    if (note == TicketTimers.Note.WARNED) {
      content = messages.format(MessageKey.LOG_AUTOCLOSE_WARNED, t.number(), t.threadId(),
          e.payload().requireLong(TicketTimers.CLOSE_AT) / 1000);
    } else {
      Optional<CloseRequest> found = request(e);
      if (found.isEmpty()) {
        return EffectResult.failed("close request not found");
      }
      CloseRequest r = found.get();
      content = switch (note) {
        case REQUESTED -> texts.in(guild).fitReason(r.reason(), reason -> r.hasDeadline()
            ? messages.format(MessageKey.LOG_CLOSE_REQUESTED_DUE, t.number(), r.requestedBy(),
                t.creatorId(), reason, t.threadId(), r.dueAt().getEpochSecond())
            : messages.format(MessageKey.LOG_CLOSE_REQUESTED, t.number(), r.requestedBy(),
                t.creatorId(), reason, t.threadId()));
        case KEPT_OPEN -> messages.format(MessageKey.LOG_CLOSE_REQUEST_KEPT_OPEN, t.number(),
            t.creatorId(), t.threadId());
        case CANCELLED -> messages.format(MessageKey.LOG_CLOSE_REQUEST_CANCELLED, t.number(),
            t.creatorId(), t.threadId());
        default -> throw new IllegalStateException(note.name());
      };
    }
    return OwnMessages.postOnce(e, channel, TicketTexts.plain(content), "log line");
  }

  private Optional<CloseRequest> request(Effect e) {
    return e.payload().getLong(TicketTimers.REQUEST).stream().boxed().findFirst()
        .flatMap(timers::findCloseRequest);
  }


}
