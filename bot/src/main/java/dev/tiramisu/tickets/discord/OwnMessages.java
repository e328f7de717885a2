package dev.tiramisu.tickets.discord;

import java.util.Optional;
import java.util.function.Predicate;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;

/**
 * Finds a message the bot itself posted among a channel's latest ones: how an effect that may
 * repeat an earlier attempt (a crash after Discord took the message, a lost response) checks
 * first, beyond the few minutes in which Discord deduplicates by nonce. The bot's own messages
 * always carry their content, with or without the Message Content intent.
 */
final class OwnMessages {
  /** How many of the latest messages are searched. */
  static final int DEPTH = 50;

  private OwnMessages() {}

  static Optional<Message> find(MessageChannel channel, Predicate<Message> match) {
    long self = channel.getJDA().getSelfUser().getIdLong();
    return channel.getHistory().retrievePast(DEPTH).complete().stream()
        .filter(m -> m.getAuthor().getIdLong() == self)
        .filter(match)
        .findFirst();
  }

  static Predicate<Message> withContent(String content) {
    return m -> m.getContentRaw().equals(content);
  }

  static boolean hasButton(Message m, String customId) {
    return m.getComponentTree().findAll(Button.class).stream()
        .map(Button::getCustomId)
        .anyMatch(customId::equals);
  }
}
