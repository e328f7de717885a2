package dev.tiramisu.tickets.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What {@link MemoryStartupBench} reads from a running bot process: its live heap ({@code jcmd PID
 * GC.class_histogram}, which runs a full GC first and counts what survives) and its start-up
 * phases (the times of known lines in its log).
 */
final class BotProbe {
  private BotProbe() {}

  /** One class of the histogram. */
  record ClassRow(String name, long instances, long bytes) {}

  /** The live heap after a full GC: its total and its largest classes. */
  record Histogram(long totalBytes, List<ClassRow> top) {
    double mib() {
      return totalBytes / (1024.0 * 1024.0);
    }
  }

  /** {@code jcmd PID GC.class_histogram}: a full GC, then every live class; keeps the top {@code n}. */
  static Histogram histogram(long pid, int n) {
    String out = jcmd(pid, "GC.class_histogram");
    List<ClassRow> rows = new ArrayList<>();
    long total = -1;
    for (String line : out.lines().toList()) {
      String[] f = line.strip().split("\\s+");
      if (f.length >= 3 && f[0].equals("Total")) {
        total = Long.parseLong(f[2]);
      } else if (f.length >= 4 && f[0].endsWith(":") && rows.size() < n) {
        rows.add(new ClassRow(f[3], Long.parseLong(f[1]), Long.parseLong(f[2])));
      }
    }
    if (total < 0) {
      throw new IllegalStateException("jcmd " + pid + " GC.class_histogram gave no total:\n" + out);
    }
    return new Histogram(total, rows);
  }

  /** CPU time (user and system, all threads) the process {@code pid} used so far. */
  static double cpuSeconds(long pid) {
    return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration())
        .map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
  }

  /**
   * CPU seconds per kind of thread of {@code pid} (Linux: {@code /proc/PID/task/T/stat}, names
   * with their digits dropped, e.g. "C2 CompilerThre", "JDA [#] MainWS-ReadThread"), largest
   * first; empty where there is no /proc.
   */
  static Map<String, Double> threadCpu(long pid) {
    Map<String, Double> byKind = new java.util.HashMap<>();
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    double tick = 100.0; // USER_HZ on Linux
    try (var dirs = Files.list(tasks)) {
      for (Path t : dirs.toList()) {
        String stat;
        try {
          stat = Files.readString(t.resolve("stat"));
        } catch (IOException gone) {
          continue;
        }
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        String name = stat.substring(open + 1, close).replaceAll("\\d+", "#");
        String[] f = stat.substring(close + 2).split(" ");
        double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / tick; // utime, stime
        byKind.merge(name, cpu, Double::sum);
      }
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
    Map<String, Double> sorted = new LinkedHashMap<>();
    byKind.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  private static String jcmd(long pid, String command) {
    Path jdk = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    String bin = Files.isExecutable(jdk) ? jdk.toString() : "jcmd";
    try {
      Process p = new ProcessBuilder(bin, Long.toString(pid), command).redirectErrorStream(true)
          .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run jcmd (a JDK's bin/jcmd is needed)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The start-up phases, in order: each ends at the first (or last) log line matching. */
  enum Phase {
    JVM("JVM start, logging, config", " - starting with ", false),
    DATABASE("database: Flyway migrations, Hikari", " - database ready: ", false),
    LOGIN("wiring, JDA login, gateway connect", "Connected to WebSocket", false),
    GUILDS("READY and every GUILD_CREATE", "Finished Loading!", true),
    READY("commands registered, ready line", " - ready: ", false);

    final String label;
    final String marker;
    final boolean last;

    Phase(String label, String marker, boolean last) {
      this.label = label;
      this.marker = marker;
      this.last = last;
    }
  }

  /**
   * Seconds from {@code start} (the wall-clock time of day the process was started, in the
   * zone the bot logs in) to the end of each phase, from the bot's log (its lines begin with
   * {@code HH:mm:ss.SSS}); a phase whose line is missing is left out.
   */
  static Map<Phase, Double> phases(Path log, LocalTime start) {
    List<String> lines;
    try {
      lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<Phase, Double> at = new LinkedHashMap<>();
    for (Phase p : Phase.values()) {
      for (String line : lines) {
        if (line.length() > 12 && line.contains(p.marker)) {
          Double s = secondsSince(start, line.substring(0, 12));
          if (s != null && (p.last || !at.containsKey(p))) {
            at.put(p, s);
          }
        }
      }
    }
    return at;
  }

  private static Double secondsSince(LocalTime start, String stamp) {
    try {
      long nanos = LocalTime.parse(stamp).toNanoOfDay() - start.toNanoOfDay();
      if (nanos < -3_600_000_000_000L) {
        nanos += 86_400_000_000_000L; // past midnight
      }
      return nanos / 1e9;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
