package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import dev.tiramisu.tickets.ticket.Feedback;
import dev.tiramisu.tickets.ticket.Rating;
import dev.tiramisu.tickets.ticket.Ticket;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.concrete.PrivateChannel;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.interactions.Interaction;
import net.dv8tion.jda.api.modals.Modal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The close DM's feedback buttons (issue 13): a rating (1-5), then "Add a comment" and its form.
 * They come from DMs, so there is no guild: the ticket id in the button's custom id gives the
 * ticket and its guild, and only the ticket's creator may answer. The rating is saved first (one
 * per ticket: the database decides between racing clicks), then the DM's buttons are replaced by
 * what was rated; a click on a message whose edit was lost (a crash, a Discord error) repairs it.
 */
final class FeedbackHandlers {
  private static final Logger log = LoggerFactory.getLogger(FeedbackHandlers.class);

  private final Feedback feedback;
  private final Replies replies;

  FeedbackHandlers(Feedback feedback, Replies replies) {
    this.feedback = feedback;
    this.replies = replies;
  }

  /** A rating button; the reply is deferred (ephemeral). */
  void rate(ButtonInteractionEvent e, ComponentId.Rate id) {
    long userId = e.getUser().getIdLong();
    Result<Rating> r = feedback.rate(id.ticketId(), userId, id.stars());
    if (r.isOk()) {
      showRated(e, e.getUser(), e.getMessageIdLong(), r.value());
      replies.send(e, MessageKey.FEEDBACK_THANKS, r.value().rating());
      return;
    }
    if (r.refusal().key() == MessageKey.ERROR_FEEDBACK_ALREADY_RATED) {
      feedback.ratingOf(id.ticketId()).filter(x -> x.ratedBy() == userId)
          .ifPresent(x -> showRated(e, e.getUser(), e.getMessageIdLong(), x));
    }
    replies.send(e, r.refusal());
  }

  /**
   * "Add a comment": the form, or (not the creator, not rated, already commented) an ephemeral
   * refusal. Runs on the acknowledging executor: one read, then the form is the acknowledgement.
   *
   * @return the work after the acknowledgement (repairing the DM's buttons), or null
   */
  Runnable commentButton(ButtonInteractionEvent e, ComponentId.RateComment id) {
    long userId = e.getUser().getIdLong();
    Result<Ticket> t = feedback.checkComment(id.ticketId(), userId);
    if (t.isOk()) {
      e.replyModal(commentModal(replies.messages(e), t.value())).complete();
      return null;
    }
    replies.send(e, t.refusal());
    if (t.refusal().key() != MessageKey.ERROR_FEEDBACK_ALREADY_COMMENTED) {
      return null;
    }
    User user = e.getUser();
    long messageId = e.getMessageIdLong();
    return () -> feedback.ratingOf(id.ticketId()).filter(x -> x.ratedBy() == userId)
        .ifPresent(x -> showRated(e, user, messageId, x));
  }

  /** The comment form, submitted; the reply is deferred (ephemeral). */
  void comment(ModalInteractionEvent e, ComponentId.RateModal id) {
    var value = e.getValue(ComponentId.COMMENT_INPUT);
    Result<Rating> r = feedback.comment(id.ticketId(), e.getUser().getIdLong(),
        value == null ? null : value.getAsString());
    if (r.isRefused()) {
      replies.send(e, r.refusal());
      return;
    }
    Message dm = e.getMessage(); // the message whose button opened the form
    if (dm != null) {
      showRated(e, e.getUser(), dm.getIdLong(), r.value());
    }
    replies.send(e, MessageKey.FEEDBACK_COMMENT_THANKS);
  }

  private static Modal commentModal(Messages messages, Ticket t) {
    TextInput input = TextInput.create(ComponentId.COMMENT_INPUT, TextInputStyle.PARAGRAPH)
        .setRequired(true)
        .setRequiredRange(1, Feedback.MAX_COMMENT)
        .setPlaceholder(messages.format(MessageKey.MODAL_FEEDBACK_PLACEHOLDER))
        .build();
    return Modal.create(new ComponentId.RateModal(t.id()).encode(),
            messages.format(MessageKey.MODAL_FEEDBACK_TITLE, t.number()))
        .addComponents(Label.of(messages.format(MessageKey.MODAL_FEEDBACK_LABEL),
            messages.format(MessageKey.MODAL_FEEDBACK_DESCRIPTION, Feedback.MAX_COMMENT), input))
        .build();
  }

  /**
   * Replaces the buttons of the bot's DM {@code messageId} to {@code user} by the rating (and the
   * comment button), through the DM channel: the interaction's webhook edits only its own
   * answers, and JDA gives an interaction's DM channel detached. The rating is saved already: a
   * failed edit is logged, not shown, and the next click repairs it.
   */
  private void showRated(Interaction e, User user, long messageId, Rating r) {
    FeedbackTexts texts = new FeedbackTexts(replies.messages(e)); // the user reads it
    try {
      PrivateChannel dm = user.getJDA().openPrivateChannelById(user.getIdLong()).complete();
      dm.editMessageComponentsById(messageId, texts.ratedRow(r)).complete();
    } catch (ErrorResponseException ex) {
      log.warn("ticket id {}: could not update the rating buttons of DM {}: {}", r.ticketId(),
          messageId, TicketHandlers.describe(ex));
    }
  }
}
