package dev.tiramisu.tickets.ticket;

import dev.tiramisu.tickets.text.MessageKey;
import java.util.Optional;

/**
 * Close reasons the bot gives itself ("inactive", "thread deleted"...): stored as a reference to
 * their message key, not as text, so that every message showing them renders them in the language
 * of the guild it goes to. The mark is a control character, which {@link Reasons} removes from
 * anything a user types: a user's reason can never be mistaken for one.
 */
public final class SystemReasons {
  private static final char MARK = '\u0001';

  private SystemReasons() {}

  /** The stored form of the reason {@code key}. */
  public static String of(MessageKey key) {
    return MARK + key.key();
  }

  /** The message key of a stored system reason; empty for a user's reason or none. */
  public static Optional<MessageKey> keyOf(String reason) {
    if (reason == null || reason.isEmpty() || reason.charAt(0) != MARK) {
      return Optional.empty();
    }
    String key = reason.substring(1);
    for (MessageKey k : MessageKey.values()) {
      if (k.key().equals(key)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
