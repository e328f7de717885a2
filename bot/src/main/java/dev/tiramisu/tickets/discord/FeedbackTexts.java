package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.text.DiscordText;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import dev.tiramisu.tickets.ticket.Feedback;
import dev.tiramisu.tickets.ticket.Rating;
import dev.tiramisu.tickets.ticket.Ticket;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/**
 * The feedback parts of the bot's messages (issue 13): the close DM's rating buttons, the row
 * that replaces them once rated, and the log lines of a rating and its comment. The DM's content
 * never changes (only its buttons do), so a retried DM still recognises it by its content.
 */
final class FeedbackTexts {
  /**
   * Room for the escaped comment in a log line: a comment of 1000 characters fits unless escaping
   * nearly doubled it, and the line stays under Discord's 2000.
   */
  private static final int MAX_SHOWN_COMMENT = 1800;

  private final Messages messages;

  FeedbackTexts(Messages messages) {
    this.messages = messages;
  }

  /** The close DM with the five rating buttons under it. */
  MessageCreateData dmWithRatingButtons(String content, long ticketId) {
    return new MessageCreateBuilder().setContent(content).setAllowedMentions(List.of())
        .setComponents(ratingRow(ticketId)).build();
  }

  ActionRow ratingRow(long ticketId) {
    List<Button> buttons = new ArrayList<>();
    for (int stars = Rating.MIN; stars <= Rating.MAX; stars++) {
      buttons.add(Button.secondary(new ComponentId.Rate(ticketId, stars).encode(),
          messages.format(MessageKey.BUTTON_RATE, stars)));
    }
    return ActionRow.of(buttons);
  }

  /**
   * What replaces the rating buttons: "You rated n/5" (disabled) and "Add a comment", or a
   * disabled "Comment sent" once the comment is in.
   */
  ActionRow ratedRow(Rating r) {
    Button rated = Button.success(new ComponentId.Rate(r.ticketId(), r.rating()).encode(),
        messages.format(MessageKey.BUTTON_FEEDBACK_RATED, r.rating())).asDisabled();
    String commentId = new ComponentId.RateComment(r.ticketId()).encode();
    Button comment = r.hasComment()
        ? Button.secondary(commentId, messages.format(MessageKey.BUTTON_FEEDBACK_COMMENTED))
            .asDisabled()
        : Button.primary(commentId, messages.format(MessageKey.BUTTON_FEEDBACK_COMMENT));
    return ActionRow.of(rated, comment);
  }

  /** The log line of {@code part} ({@link Feedback#PART_RATING} or the comment) of a rating. */
  String logLine(Ticket t, Rating r, String part) {
    if (Feedback.PART_COMMENT.equals(part) && r.hasComment()) {
      String comment = DiscordText.truncate(DiscordText.escape(r.comment()), MAX_SHOWN_COMMENT);
      return messages.format(MessageKey.LOG_TICKET_COMMENTED, t.number(), r.ratedBy(),
          r.rating(), comment, t.threadId() == null ? 0 : t.threadId());
    }
    return messages.format(MessageKey.LOG_TICKET_RATED, t.number(), r.ratedBy(), r.rating(),
        stars(r.rating()), t.threadId() == null ? 0 : t.threadId());
  }

  /** {@code ★★★★☆} for 4. */
  static String stars(int rating) {
    return "★".repeat(rating) + "☆".repeat(Rating.MAX - rating);
  }
}
