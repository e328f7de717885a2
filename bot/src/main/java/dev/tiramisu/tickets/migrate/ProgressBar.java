package dev.tiramisu.tickets.migrate;

import java.io.PrintStream;

/**
 * A plain-text progress bar for one table, one line per step ({@code tickets  [#####-----]
 * 512/1024}): no carriage returns or escape codes, so it reads the same on a terminal and in a CI
 * log. A line is printed at the start, whenever another tenth is done, and at the end.
 */
final class ProgressBar {
  static final int WIDTH = 10;

  private final PrintStream out;
  private final String label;
  private final long total;
  private int shown = -1;

  /**
   * @param labelWidth the label is padded to this width so the bars of several tables line up
   */
  ProgressBar(PrintStream out, String label, int labelWidth, long total) {
    this.out = out;
    this.label = pad(label, labelWidth);
    this.total = total;
  }

  /** Reports {@code done} rows; prints a line if the bar changed since the last one. */
  void update(long done) {
    int filled = filled(done, total);
    if (filled != shown) {
      shown = filled;
      out.println(line(label, done, total));
    }
  }

  /** The line for {@code done} of {@code total}, e.g. {@code tickets  [#####-----] 512/1024}. */
  static String line(String label, long done, long total) {
    int filled = filled(done, total);
    return label + "  [" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + done + "/"
        + total;
  }

  private static int filled(long done, long total) {
    if (total <= 0) {
      return WIDTH; // nothing to copy is done
    }
    long clamped = Math.max(0, Math.min(done, total));
    return (int) (clamped * WIDTH / total);
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
