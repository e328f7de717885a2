package dev.tiramisu.tickets.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code docs/benchmarks.md} is shared by several benchmarks: each one rewrites only its own
 * section, between {@code <!-- bench:ID:begin -->} and {@code <!-- bench:ID:end -->}, and keeps
 * everything else (the other sections and hand-written notes) as it is. A section not yet in the
 * file is appended; a file without any section (the old single-benchmark layout) is started anew.
 */
final class BenchmarksDoc {
  static final String TITLE = "# Benchmarks\n\n";

  private BenchmarksDoc() {}

  /** Writes {@code body} as section {@code id} of {@code file}. */
  static void writeSection(Path file, String id, String body) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new IOException("cannot write " + file + ": its directory does not exist (run"
          + " from the repository root, or pass --out FILE or --out -)");
    }
    String old = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    Files.writeString(file, replaceSection(old, id, body), StandardCharsets.UTF_8);
  }

  /** {@code document} with section {@code id} replaced by (or extended with) {@code body}. */
  static String replaceSection(String document, String id, String body) {
    String begin = "<!-- bench:" + id + ":begin -->\n";
    String end = "<!-- bench:" + id + ":end -->\n";
    String section = begin + body.strip() + "\n" + end;
    if (!document.contains("<!-- bench:")) {
      return TITLE + section;
    }
    int from = document.indexOf(begin);
    int to = document.indexOf(end);
    if (from < 0 || to < from) {
      return document.stripTrailing() + "\n\n" + section;
    }
    return document.substring(0, from) + section + document.substring(to + end.length());
  }

  static Optional<String> cpuModel() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(cpuinfo)) {
      return Optional.empty();
    }
    try (Stream<String> lines = Files.lines(cpuinfo)) {
      return lines.filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The 1-minute load average from {@code /proc/loadavg}, if there is one. */
  static Optional<String> loadAverage() {
    try {
      return Optional.of(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The machine rows every section's table starts with: CPU, OS, Java. */
  static String machineRows() {
    return "| CPU | " + cpuModel().orElse("unknown") + ", "
        + Runtime.getRuntime().availableProcessors() + " cores available |\n"
        + "| OS | " + System.getProperty("os.name") + ' ' + System.getProperty("os.version")
        + " (" + System.getProperty("os.arch") + ") |\n"
        + "| Java | " + System.getProperty("java.version") + " ("
        + System.getProperty("java.vm.name") + ") |\n";
  }

  /** The value at quantile {@code q} of sorted nanoseconds, in milliseconds. */
  static double percentileMillis(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }

  /** Library and bot logging at WARN: a benchmark's output is its table. */
  static void quietLogs() {
    if (org.slf4j.LoggerFactory.getILoggerFactory()
        instanceof ch.qos.logback.classic.LoggerContext ctx) {
      for (String name : java.util.List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "dev.tiramisu",
          "net.dv8tion", "com.zaxxer.hikari", "org.flywaydb")) {
        ctx.getLogger(name).setLevel(ch.qos.logback.classic.Level.WARN);
      }
    }
  }
}
