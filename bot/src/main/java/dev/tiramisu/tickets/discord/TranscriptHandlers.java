package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.TicketTranscripts;
import java.util.List;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;

/**
 * {@code /ticket transcript <number>} (staff of the ticket's type, or Manage Server): answers
 * ephemerally with the stored transcript of the ticket's last close as a file. An open ticket that
 * was never closed has none yet (it is made at the close, from the whole thread). Runs after the
 * reply was deferred.
 */
final class TranscriptHandlers {
  private final TicketTranscripts transcripts;
  private final Replies replies;

  TranscriptHandlers(TicketTranscripts transcripts, Replies replies) {
    this.transcripts = transcripts;
    this.replies = replies;
  }

  void command(SlashCommandInteractionEvent e) {
    Guild guild = e.getGuild();
    if (guild == null) {
      replies.send(e, MessageKey.ERROR_NOT_IN_GUILD);
      return;
    }
    int number = e.getOption(CommandCatalog.OPT_NUMBER, OptionMapping::getAsInt);
    Result<TicketTranscripts.Found> found =
        transcripts.forStaff(guild.getIdLong(), TicketHandlers.actor(e.getMember()), number);
    if (found.isRefused()) {
      replies.send(e, found.refusal());
      return;
    }
    TicketTranscripts.Found f = found.value();
    e.getHook().editOriginal(new MessageEditBuilder()
            .setContent(replies.text(MessageKey.TRANSCRIPT_REPLY, f.ticket().number(),
                f.transcript().messageCount(), f.transcript().createdAt().getEpochSecond()))
            .setAllowedMentions(List.of())
            .setAttachments(TranscriptEffects.file(f.transcript(), f.ticket().number()))
            .build())
        .complete();
  }
}
