package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.effects.Effect;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketService;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.PrivateChannel;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;

/**
 * The Discord effects of closing a ticket that post messages: "closed by" (with the Reopen
 * button), the DM to the creator, the log line. Messages carry a nonce and an attempt that may
 * repeat an earlier one first looks for the message. Renaming, locking and archiving are {@link
 * ThreadStateEffects}.
 */
final class CloseEffects {
  private final TicketTexts texts;
  private final ThreadLookup threads;

  CloseEffects(TicketTexts texts, ThreadLookup threads) {
    this.texts = texts;
    this.threads = threads;
  }

  EffectResult postClosed(Effect e, Ticket t, Guild guild) {
    ThreadChannel thread = threads.find(guild, t);
    if (thread == null) {
      return EffectResult.failed("thread " + t.threadId() + " not found");
    }
    String content = texts.in(guild).closedPost(t, e.payload().requireLong(TicketService.ACTOR));
    if (e.attempts() > 1) {
      Optional<Message> earlier = OwnMessages.find(thread, OwnMessages.withContent(content));
      if (earlier.isPresent()) {
        return EffectResult.done("found closed post " + earlier.get().getId());
      }
    }
    Message sent = thread.sendMessage(texts.in(guild).closedPostMessage(t, content))
        .setNonce(e.nonce())
        .complete();
    return EffectResult.done("closed post " + sent.getId());
  }

  /** The outcome of a DM skipped because the creator is no longer a member (the log says so). */
  static final String CREATOR_LEFT = "skipped: the creator is no longer a member of the server";

  EffectResult dmCreator(Effect e, Ticket t, Guild guild) {
    // Discord lets a bot DM only users who share a server with it (else 50007): a creator who
    // left is not written to, and the log line says why.
    try {
      guild.retrieveMemberById(t.creatorId()).complete();
    } catch (ErrorResponseException ex) {
      if (ex.getErrorResponse() == ErrorResponse.UNKNOWN_MEMBER
          || ex.getErrorResponse() == ErrorResponse.UNKNOWN_USER) {
        return EffectResult.failed(CREATOR_LEFT);
      }
      throw ex;
    }
    PrivateChannel dm = guild.getJDA().openPrivateChannelById(t.creatorId()).complete();
    String content =
        texts.in(guild).closedDm(t, guild.getName(), e.payload().requireLong(TicketService.ACTOR));
    return post(e, dm, content, "DM");
  }

  EffectResult log(Effect e, Ticket t, Guild guild, List<Effect> before) {
    long channelId = e.payload().requireLong(TicketService.CHANNEL);
    TextChannel channel = guild.getTextChannelById(channelId);
    EffectResult unusable = OwnMessages.unusableLog(guild, channel, channelId);
    if (unusable != null) {
      return unusable;
    }
    String content = texts.in(guild).closedLog(t, e.payload().requireLong(TicketService.ACTOR));
    boolean creatorLeft = EffectWorker.latest(before, dev.tiramisu.tickets.effects.EffectKind.DM_CLOSED)
        .map(dm -> CREATOR_LEFT.equals(dm.outcome())).orElse(false);
    if (creatorLeft) {
      content += "\n"
          + Locales.guild(guild).format(MessageKey.LOG_DM_SKIPPED_LEFT, t.creatorId());
    }
    return post(e, channel, content, "log line");
  }

  private static EffectResult post(Effect e, MessageChannel channel, String content, String what) {
    return OwnMessages.postOnce(e, channel, TicketTexts.plain(content), what);
  }

}
