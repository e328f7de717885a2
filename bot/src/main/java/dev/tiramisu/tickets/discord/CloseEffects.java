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
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/**
 * The Discord effects of closing a ticket that post messages: "closed by" (with the Reopen
 * button), the DM to the creator, the log line. Messages carry a nonce and an attempt that may
 * repeat an earlier one first looks for the message. Renaming, locking and archiving are {@link
 * ThreadStateEffects}.
 */
final class CloseEffects {
  private final TicketTexts texts;
  private final ThreadLookup threads;
  private final TranscriptEffects transcripts;
  private final DmChannels dms = new DmChannels();

  CloseEffects(TicketTexts texts, ThreadLookup threads, TranscriptEffects transcripts) {
    this.texts = texts;
    this.threads = threads;
    this.transcripts = transcripts;
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

  /** Payload key of a DM without the transcript ({@code transcript_dm} off at the close). */
  static final String NO_TRANSCRIPT = dev.tiramisu.tickets.ticket.TicketService.NO_TRANSCRIPT;

  /**
   * DMs the creator. Discord lets a bot DM only users who accept DMs and share a server with it
   * (else 50007). Only then is the creator looked up, to tell a creator who left the server (the
   * log line says why) from closed DMs: the usual close needs no lookup (issue 14: one request
   * less). A creator who left but shares another server with the bot gets the DM.
   */
  EffectResult dmCreator(Effect e, Ticket t, Guild guild, List<Effect> before) {
    try {
      return sendDm(e, t, guild, before);
    } catch (ErrorResponseException ex) {
      if (ex.getErrorResponse() == ErrorResponse.CANNOT_SEND_TO_USER && !creatorJustSeen(e)
          && creatorLeft(guild, t.creatorId())) {
        return EffectResult.failed(CREATOR_LEFT);
      }
      throw ex;
    }
  }

  private static boolean creatorLeft(Guild guild, long creatorId) {
    try {
      memberLookup(guild, creatorId).complete();
      return false;
    } catch (ErrorResponseException ex) {
      if (ex.getErrorResponse() == ErrorResponse.UNKNOWN_MEMBER
          || ex.getErrorResponse() == ErrorResponse.UNKNOWN_USER) {
        return true;
      }
      throw ex;
    }
  }

  private EffectResult sendDm(Effect e, Ticket t, Guild guild, List<Effect> before) {
    PrivateChannel dm = dms.open(guild.getJDA(), t.creatorId());
    TicketTexts local = texts.in(guild);
    TranscriptEffects.Delivery transcript = e.payload().has(NO_TRANSCRIPT)
        ? TranscriptEffects.Delivery.NONE
        : transcripts.delivery(local.messages(), t, before, null,
            TranscriptEffects.directUploadLimit(), false);
    String content = local.closedDm(t, guild.getName(),
        e.payload().requireLong(TicketService.ACTOR), suffix(transcript.line()));
    MessageCreateBuilder dmMessage =
        new MessageCreateBuilder().setContent(content).setAllowedMentions(List.of());
    if (transcript.file() != null) {
      dmMessage.setFiles(transcript.file());
    }
    if (e.payload().has(dev.tiramisu.tickets.ticket.Feedback.BUTTONS)) { // issue 13: ratings
      dmMessage.setComponents(new FeedbackTexts(local.messages()).ratingRow(t.id()));
    }
    return OwnMessages.postOnce(e, dm, dmMessage.build(), "DM");
  }

  /**
   * Whether the creator was a member a moment ago: they closed the ticket themselves (their
   * interaction came from the server) and this is the DM's first attempt; a refused DM then means
   * closed DMs. A retry, possibly minutes later, asks Discord.
   */
  private static boolean creatorJustSeen(Effect e) {
    return e.attempts() <= 1 && e.payload().has(TicketService.CREATOR_PRESENT);
  }

  /**
   * The creator as a member: JDA's member cache answers only when it is kept up to date
   * (GUILD_MEMBERS intent: a member who leaves is removed from it); otherwise Discord is asked,
   * since a member cached without that intent may have left long ago.
   */
  private static net.dv8tion.jda.api.requests.restaction.CacheRestAction<
      net.dv8tion.jda.api.entities.Member> memberLookup(Guild guild, long userId) {
    boolean cacheTrusted = guild.getJDA().getGatewayIntents()
        .contains(net.dv8tion.jda.api.requests.GatewayIntent.GUILD_MEMBERS);
    return guild.retrieveMemberById(userId).useCache(cacheTrusted);
  }

  EffectResult log(Effect e, Ticket t, Guild guild, List<Effect> before) {
    long channelId = e.payload().requireLong(TicketService.CHANNEL);
    TextChannel channel = guild.getTextChannelById(channelId);
    EffectResult unusable = OwnMessages.unusableLog(guild, channel, channelId);
    if (unusable != null) {
      return unusable;
    }
    TicketTexts local = texts.in(guild);
    boolean creatorLeft = EffectWorker.latest(before, dev.tiramisu.tickets.effects.EffectKind.DM_CLOSED)
        .map(dm -> CREATOR_LEFT.equals(dm.outcome())).orElse(false);
    String left = creatorLeft
        ? suffix(local.messages().format(MessageKey.LOG_DM_SKIPPED_LEFT, t.creatorId())) : "";
    TranscriptEffects.Delivery transcript = transcripts.delivery(local.messages(), t, before,
        channel, guild.getMaxFileSize(), true);
    String content = local.closedLog(t, e.payload().requireLong(TicketService.ACTOR),
        left + suffix(transcript.line()));
    return post(e, channel, content, transcript.file(), "log line");
  }

  private static String suffix(String line) {
    return line == null ? "" : "\n" + line;
  }

  /** Posts once (see {@link OwnMessages#postOnce}), with {@code file} attached when not null. */
  private static EffectResult post(Effect e, MessageChannel channel, String content,
      FileUpload file, String what) {
    MessageCreateData data = file == null ? TicketTexts.plain(content)
        : new MessageCreateBuilder().setContent(content).setAllowedMentions(List.of())
            .setFiles(file).build();
    return OwnMessages.postOnce(e, channel, data, what);
  }

}
