package dev.tiramisu.tickets.e2e;

import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "saved, still in progress" answers a create or close gives when its effects take longer than
 * the handler's bounded wait (a loaded machine): the effects worker edits them into the final
 * answer. Registered with the emulator so that a test's {@code awaitReply()} reads the final one.
 */
final class InterimReplies {
  private static final List<Messages> LANGUAGES =
      List.of(Messages.english(), Messages.of(Locale.GERMAN));
  private static final List<MessageKey> INTERIM =
      List.of(MessageKey.TICKET_OPEN_PENDING, MessageKey.TICKET_CLOSE_PENDING);
  private static final Pattern NUMBER = Pattern.compile("\\d{1,9}");

  private InterimReplies() {}

  static void register(Emulator emu) {
    emu.treatAsInterim(InterimReplies::isInterim);
  }

  /**
   * The close's first answer (closed, the DM and the log on their way): edited into the whole
   * outcome as soon as they are done.
   */
  private static final List<MessageKey> FINISHING =
      List.of(MessageKey.TICKET_CLOSED_FINISHING, MessageKey.TICKET_CLOSED_FINISHING_NO_LOG);

  /** Whether {@code text} is one of the interim answers, for the ticket number it names. */
  static boolean isInterim(String text) {
    for (Messages language : LANGUAGES) {
      for (MessageKey key : FINISHING) {
        String[] parts = language.pattern(key).replace("''", "'").split("\\{0}", -1);
        if (text.contains(parts[0]) && text.endsWith(parts[parts.length - 1])) {
          return true;
        }
      }
    }
    Matcher m = NUMBER.matcher(text);
    while (m.find()) {
      int number = Integer.parseInt(m.group());
      for (Messages language : LANGUAGES) {
        for (MessageKey key : INTERIM) {
          if (text.equals(language.format(key, number))) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
