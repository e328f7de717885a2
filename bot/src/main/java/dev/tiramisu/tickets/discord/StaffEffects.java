package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.effects.Effect;
import dev.tiramisu.tickets.effects.Payload;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import dev.tiramisu.tickets.ticket.Claim;
import dev.tiramisu.tickets.ticket.ClaimService;
import dev.tiramisu.tickets.ticket.Notice;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketEffects;
import dev.tiramisu.tickets.ticket.TicketService;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;

/**
 * The Discord effects of the staff workflow: the first message showing the ticket's current state
 * (claimer, buttons), notices posted in the thread and logged, members added to and removed from
 * the thread. Each is safe to repeat: the edit renders the state as it is when it runs, the
 * thread-member requests are idempotent, and a notice's retry first looks for the message.
 */
final class StaffEffects {
  private final TicketTexts texts;
  private final ThreadLookup threads;
  private final ClaimService claims;

  StaffEffects(TicketTexts texts, ThreadLookup threads, ClaimService claims) {
    this.texts = texts;
    this.threads = threads;
    this.claims = claims;
  }

  /**
   * The thread, unarchived first when the ticket is open but Discord archived the thread (after
   * its inactivity period): Discord refuses edits and member changes in an archived thread.
   */
  private ThreadChannel activeThread(Guild guild, Ticket t) {
    ThreadChannel thread = threads.find(guild, t);
    if (thread != null && thread.isArchived() && t.isOpen()) {
      thread.getManager().setArchived(false).complete();
    }
    return thread;
  }

  /** @param t the ticket as it is now (re-read), so the latest state wins whatever the order */
  EffectResult editFirstMessage(Effect e, Ticket t, Guild guild) {
    if (t.firstMessageId() == null) {
      return EffectResult.failed("no first message to edit");
    }
    ThreadChannel thread = activeThread(guild, t);
    if (thread == null) {
      return EffectResult.failed("thread " + t.threadId() + " not found");
    }
    if (thread.isArchived()) {
      return EffectResult.failed("thread archived: first message left as it is");
    }
    Long claimer = claims.claimOf(t.id()).map(Claim::claimerId).orElse(null);
    thread.editMessageById(t.firstMessageId(), texts.in(guild).firstMessageEdit(t,
        TicketTexts.staffRoles(e.payload()), claimer)).complete();
    return EffectResult.done("first message shows " + (t.isOpen() ? "open" : "closed")
        + (claimer == null ? ", unclaimed" : ", claimed by " + claimer));
  }

  EffectResult postNotice(Effect e, Ticket t, Guild guild) {
    Messages messages = Locales.guild(guild);
    ThreadChannel thread = activeThread(guild, t);
    if (thread == null) {
      return EffectResult.failed("thread " + t.threadId() + " not found");
    }
    Payload p = e.payload();
    Notice notice = Notice.valueOf(p.require(TicketEffects.NOTICE));
    long actor = p.requireLong(TicketService.ACTOR);
    MessageCreateBuilder b = new MessageCreateBuilder().setAllowedMentions(List.of());
    switch (notice) {
      case REOPENED -> b.setContent(messages.format(MessageKey.TICKET_REOPENED_MESSAGE, actor));
      case ADDED -> {
        long target = p.requireLong(TicketEffects.TARGET);
        // pings only the added member, who is in the thread by now
        b.setContent(messages.format(MessageKey.TICKET_MEMBER_ADDED_MESSAGE, actor, target))
            .mentionUsers(target);
      }
      case REMOVED -> b.setContent(messages.format(MessageKey.TICKET_MEMBER_REMOVED_MESSAGE,
          actor, p.requireLong(TicketEffects.TARGET)));
      default -> {
        return EffectResult.failed("notice " + notice + " is not posted");
      }
    }
    String content = b.getContent();
    if (e.attempts() > 1) {
      Optional<Message> earlier = OwnMessages.find(thread, OwnMessages.withContent(content));
      if (earlier.isPresent()) {
        return EffectResult.done("found notice " + earlier.get().getId());
      }
    }
    Message sent = thread.sendMessage(b.build()).setNonce(e.nonce()).complete();
    return EffectResult.done("notice " + sent.getId());
  }

  EffectResult logNotice(Effect e, Ticket t, Guild guild) {
    Messages messages = Locales.guild(guild);
    Payload p = e.payload();
    long channelId = p.requireLong(TicketService.CHANNEL);
    TextChannel channel = guild.getTextChannelById(channelId);
    EffectResult unusable = OwnMessages.unusableLog(guild, channel, channelId);
    if (unusable != null) {
      return unusable;
    }
    long actor = p.requireLong(TicketService.ACTOR);
    Long target = p.getLong(TicketEffects.TARGET).isPresent()
        ? p.getLong(TicketEffects.TARGET).getAsLong() : null;
    String content = switch (Notice.valueOf(p.require(TicketEffects.NOTICE))) {
      case REOPENED -> messages.format(MessageKey.TICKET_REOPENED_LOG, t.number(), actor,
          t.threadId());
      case CLAIMED -> messages.format(MessageKey.TICKET_CLAIMED_LOG, t.number(), actor,
          t.threadId());
      case UNCLAIMED -> messages.format(MessageKey.TICKET_UNCLAIMED_LOG, t.number(), actor,
          target, t.threadId());
      case TRANSFERRED -> messages.format(MessageKey.TICKET_TRANSFERRED_LOG, t.number(),
          p.requireLong(TicketEffects.FROM), target, actor, t.threadId());
      case ADDED -> messages.format(MessageKey.TICKET_MEMBER_ADDED_LOG, t.number(), target,
          actor, t.threadId());
      case REMOVED -> messages.format(MessageKey.TICKET_MEMBER_REMOVED_LOG, t.number(), target,
          actor, t.threadId());
    };
    return OwnMessages.postOnce(e, channel, TicketTexts.plain(content), "log line");
  }

  EffectResult addMember(Effect e, Ticket t, Guild guild) {
    ThreadChannel thread = activeThread(guild, t);
    if (thread == null) {
      return EffectResult.failed("thread " + t.threadId() + " not found");
    }
    thread.addThreadMemberById(e.payload().requireLong(TicketEffects.TARGET)).complete();
    return EffectResult.done("member added");
  }

  EffectResult removeMember(Effect e, Ticket t, Guild guild) {
    ThreadChannel thread = activeThread(guild, t);
    if (thread == null) {
      return EffectResult.failed("thread " + t.threadId() + " not found");
    }
    thread.removeThreadMemberById(e.payload().requireLong(TicketEffects.TARGET)).complete();
    return EffectResult.done("member removed");
  }
}
