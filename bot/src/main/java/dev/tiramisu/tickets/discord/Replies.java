package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.common.Refusal;
import dev.tiramisu.tickets.text.DiscordText;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import java.util.List;
import net.dv8tion.jda.api.components.MessageTopLevelComponent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;

/**
 * Ephemeral answers to interactions, in the language of the user who acted ({@link
 * Locales#user}). Every answer sets allowed mentions explicitly to none: a mention in an answer
 * shows as a link but never pings anyone.
 */
final class Replies {
  /** Attempts of an answer that Discord refused with a 5xx. */
  private static final int ATTEMPTS = 3;

  private final Messages messages;

  Replies(Messages messages) {
    this.messages = messages;
  }

  /** The default (English) texts: for what no interaction's user reads. */
  Messages messages() {
    return messages;
  }

  /** The texts in the language of the user who caused {@code event}. */
  Messages messages(net.dv8tion.jda.api.interactions.Interaction event) {
    return Locales.user(event);
  }

  String text(MessageKey key, Object... args) {
    return messages.format(key, args);
  }

  /** Answers with a message: the first response, or the edit of a deferred one. Blocks. */
  void send(IReplyCallback event, MessageKey key, Object... args) {
    send(event, messages(event).format(key, args), List.of());
  }

  void send(IReplyCallback event, Refusal refusal) {
    send(event, messages(event).format(refusal.key(), refusal.args()), List.of());
  }

  void send(IReplyCallback event, String text) {
    send(event, text, List.of());
  }

  void send(IReplyCallback event, String text, List<? extends MessageTopLevelComponent> rows) {
    // Only the edit of a deferred reply can be tried again: a first response that failed has
    // used up the interaction's one acknowledgement.
    int attempts = event.isAcknowledged() ? ATTEMPTS : 1;
    for (int attempt = 1; ; attempt++) {
      try {
        sendOnce(event, text, rows);
        return;
      } catch (ErrorResponseException e) {
        // A Discord 5xx on the answer itself: the work is done, so try the answer again.
        if (attempt >= attempts || !(e.isServerError()
            || (e.getResponse() != null && e.getResponse().code >= 500))) {
          throw e;
        }
      }
    }
  }

  private void sendOnce(IReplyCallback event, String text,
      List<? extends MessageTopLevelComponent> rows) {
    String content = DiscordText.truncate(text, CommandCatalog.MAX_MESSAGE);
    if (event.isAcknowledged()) {
      event
          .getHook()
          .editOriginal(
              new MessageEditBuilder()
                  .setContent(content)
                  .setComponents(rows)
                  .setAllowedMentions(List.of())
                  .build())
          .complete();
    } else {
      event
          .reply(
              new MessageCreateBuilder()
                  .setContent(content)
                  .setComponents(rows)
                  .setAllowedMentions(List.of())
                  .build())
          .setEphemeral(true)
          .complete();
    }
  }
}
