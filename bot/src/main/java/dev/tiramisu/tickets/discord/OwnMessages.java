package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.effects.Effect;
import dev.tiramisu.tickets.text.MessageKey;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.textdisplay.TextDisplay;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

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

  /**
   * What a reader sees of a message's text: its content, then its Components V2 text displays
   * (inside containers and sections too), one per line.
   */
  static String visibleText(Message m) {
    StringBuilder sb = new StringBuilder(m.getContentRaw());
    if (!m.getComponents().isEmpty()) {
      for (TextDisplay td : m.getComponentTree().findAll(TextDisplay.class)) {
        sb.append(sb.isEmpty() ? "" : "\n").append(td.getContent());
      }
    }
    return sb.toString();
  }

  /** Whether the message has a button with this custom id, at any depth (rows, containers). */
  static boolean hasButton(Message m, String customId) {
    return m.getComponentTree().findAll(Button.class).stream()
        .map(Button::getCustomId)
        .anyMatch(customId::equals);
  }

  /**
   * Posts {@code data} with the effect's nonce, unless an earlier attempt already posted a message
   * with its content (found among the latest {@link #DEPTH}).
   */
  static EffectResult postOnce(Effect e, MessageChannel channel, MessageCreateData data,
      String what) {
    if (e.attempts() > 1) {
      Optional<Message> earlier = find(channel, withContent(data.getContent()));
      if (earlier.isPresent()) {
        return EffectResult.done("found " + what + " " + earlier.get().getId());
      }
    }
    Message sent = channel.sendMessage(data).setNonce(e.nonce()).complete();
    return EffectResult.done(what + " " + sent.getId());
  }

  /**
   * Why the log channel {@code channelId} ({@code channel} from the cache, or null) cannot take a
   * line, or null when it can.
   */
  static EffectResult unusableLog(Guild guild, TextChannel channel, long channelId) {
    if (channel == null) {
      return EffectResult.failed("log channel " + channelId + " unavailable");
    }
    List<MessageKey> missing = BotPermissions.missingForPosting(guild.getSelfMember(), channel);
    return missing.isEmpty()
        ? null
        : EffectResult.failed("missing permissions " + missing + " in log channel");
  }
}
