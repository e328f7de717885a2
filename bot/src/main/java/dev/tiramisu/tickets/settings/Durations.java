package dev.tiramisu.tickets.settings;

import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.text.DiscordText;
import dev.tiramisu.tickets.text.MessageKey;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people type them: {@code 30m}, {@code 24h}, {@code 3d}, {@code 1h30m}, {@code 1w},
 * {@code 90s}, with optional spaces between parts ({@code 1d 12h}); {@code off}, {@code none} and
 * {@code 0} mean zero (a feature switched off). Units: {@code s}, {@code m}/{@code min}, {@code
 * h}, {@code d}, {@code w}.
 */
public final class Durations {
  private static final Pattern PART =
      Pattern.compile("(\\d{1,6})\\s*(w|d|h|min|m|s)", Pattern.CASE_INSENSITIVE);
  private static final Pattern WHOLE =
      Pattern.compile("(\\s*\\d{1,6}\\s*(w|d|h|min|m|s)\\s*)+", Pattern.CASE_INSENSITIVE);
  private static final int ECHO_MAX = 50;

  private Durations() {}

  /**
   * Parses {@code raw}; a non-zero result must lie within {@code [min, max]}. Zero ({@code off})
   * is always accepted: callers that need a positive value check {@link Duration#isZero()}.
   */
  public static Result<Duration> parse(String raw, Duration min, Duration max) {
    String v = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
    if (v.equals("off") || v.equals("none") || v.equals("0")) {
      return Result.ok(Duration.ZERO);
    }
    if (!WHOLE.matcher(v).matches()) {
      return Result.refused(MessageKey.ERROR_DURATION_INVALID, echo(raw));
    }
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(v);
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "w" -> Duration.ofDays(7 * n);
        case "d" -> Duration.ofDays(n);
        case "h" -> Duration.ofHours(n);
        case "m", "min" -> Duration.ofMinutes(n);
        default -> Duration.ofSeconds(n);
      });
    }
    if (total.isZero()) {
      return Result.ok(Duration.ZERO);
    }
    if (total.compareTo(min) < 0 || total.compareTo(max) > 0) {
      return Result.refused(MessageKey.ERROR_DURATION_RANGE, echo(raw), format(min), format(max));
    }
    return Result.ok(total);
  }

  /** {@code 1d 2h}, {@code 30m}, {@code 45s}; zero is {@code 0s}. Largest unit is days. */
  public static String format(Duration d) {
    if (d.isZero() || d.isNegative()) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    append(out, d.toDaysPart(), "d");
    append(out, d.toHoursPart(), "h");
    append(out, d.toMinutesPart(), "m");
    append(out, d.toSecondsPart(), "s");
    return out.toString();
  }

  private static void append(StringBuilder out, long n, String unit) {
    if (n > 0) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(n).append(unit);
    }
  }

  private static String echo(String raw) {
    return DiscordText.escape(DiscordText.truncate(raw == null ? "" : raw.strip(), ECHO_MAX));
  }
}
