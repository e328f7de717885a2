package dev.tiramisu.tickets.transcript;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times as the transcript shows them: UTC, ISO-like, the same in every language. */
final class Timestamps {
  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** 8.64e15 ms, the range of JavaScript's Date, which Discord's clients use. */
  private static final long MAX_SECONDS = 8_640_000_000_000L;

  private Timestamps() {}

  /** {@code 2025-01-02 13:45:07 UTC}. */
  static String shown(Instant t) {
    return SHOWN.format(t);
  }

  /** The machine-readable {@code datetime} attribute value (ISO-8601, UTC). */
  static String iso(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t);
  }

  /**
   * Discord's {@code <t:seconds:style>} as fixed UTC text (relative styles become absolute: a
   * record must not change with the day it is read); null when out of range.
   */
  static String markdown(String seconds, String style) {
    try {
      long value = Long.parseLong(seconds);
      if (Math.abs(value) > MAX_SECONDS) {
        return null; // past what Discord's clients show (JavaScript's Date range)
      }
      Instant t = Instant.ofEpochSecond(value);
      String s = style == null ? "f" : style;
      return switch (s) {
        case "t" -> TIME.format(t);
        case "d", "D" -> DATE.format(t);
        case "T", "S" -> SHOWN.format(t);
        default -> MINUTES.format(t);
      };
    } catch (NumberFormatException | DateTimeException e) {
      return null;
    }
  }
}
