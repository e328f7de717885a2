package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.effects.Effect;
import dev.tiramisu.tickets.ticket.Feedback;
import dev.tiramisu.tickets.ticket.Rating;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketService;
import java.util.Optional;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;

/**
 * The Discord effect of feedback (issue 13): {@code LOG_RATING}, the log line of a rating or of
 * its comment. The payload holds ids only; the rating and the comment are read from the database
 * when it runs. Posted once (nonce; a retry first looks for the line).
 */
final class FeedbackEffects {
  private final Feedback feedback;

  FeedbackEffects(Feedback feedback) {
    this.feedback = feedback;
  }

  EffectResult log(Effect e, Ticket t, Guild guild) {
    long channelId = e.payload().requireLong(TicketService.CHANNEL);
    TextChannel channel = guild.getTextChannelById(channelId);
    EffectResult unusable = OwnMessages.unusableLog(guild, channel, channelId);
    if (unusable != null) {
      return unusable;
    }
    Optional<Rating> rating = feedback.ratingOf(t.id());
    if (rating.isEmpty()) {
      return EffectResult.failed("skipped: the ticket has no rating");
    }
    String part = e.payload().get(Feedback.PART).orElse(Feedback.PART_RATING);
    // a line everyone in the log channel reads: the guild's language
    String content = new FeedbackTexts(Locales.guild(guild)).logLine(t, rating.get(), part);
    return OwnMessages.postOnce(e, channel, TicketTexts.plain(content), "rating log line");
  }
}
