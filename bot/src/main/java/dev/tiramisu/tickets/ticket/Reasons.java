package dev.tiramisu.tickets.ticket;

import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.text.MessageKey;
import java.util.Optional;

/**
 * Normalises the free-text reasons users give when opening or closing a ticket.
 *
 * <p>Rules: line breaks become {@code \n} and tabs become spaces; other control characters and
 * bidirectional overrides (which can reorder the surrounding message) are removed; spaces at the
 * ends of lines and runs of more than one blank line are dropped; the whole is trimmed. An empty
 * result means "no reason" ({@code Optional.empty()}). A result longer than {@value #MAX_LENGTH}
 * characters is refused rather than cut, so nothing the user wrote is silently lost (the adapter
 * should also cap its text inputs at this length). Stored reasons are not escaped; escape when
 * rendering.
 */
public final class Reasons {
  /** The longest reason accepted, in UTF-16 units (how Discord counts). */
  public static final int MAX_LENGTH = 1000;

  private Reasons() {}

  /**
   * Cleans a reason and checks its length.
   *
   * @param raw what the user typed, may be null
   * @return the cleaned reason (empty for none), or {@code ERROR_REASON_TOO_LONG}
   */
  public static Result<Optional<String>> normalize(String raw) {
    String cleaned = clean(raw);
    if (cleaned.length() > MAX_LENGTH) {
      return Result.refused(MessageKey.ERROR_REASON_TOO_LONG, cleaned.length(), MAX_LENGTH);
    }
    return Result.ok(cleaned.isEmpty() ? Optional.empty() : Optional.of(cleaned));
  }

  /** The cleaning part of {@link #normalize}, without the length check. */
  static String clean(String raw) {
    if (raw == null) {
      return "";
    }
    String text = raw.replace("\r\n", "\n").replace('\r', '\n');
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        out.append(c);
      } else if (c == '\t') {
        out.append(' ');
      } else if (!Character.isISOControl(c) && !isBidiControl(c)) {
        out.append(c);
      }
    }
    return out.toString()
        .replaceAll("[ \\u00A0]+\\n", "\n")
        .replaceAll("\\n{3,}", "\n\n")
        .strip();
  }

  private static boolean isBidiControl(char c) {
    return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
  }
}
