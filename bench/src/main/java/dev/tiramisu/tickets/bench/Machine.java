package dev.tiramisu.tickets.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The machine a rate-limited benchmark ran on, printed with its figures: cores, {@code java
 * -version} of the JVM that runs the bot, and the load average at the start and the end (other
 * work sharing the cores).
 */
final class Machine {
  private final String javaVersion;
  private final String loadAtStart;

  private Machine(String javaVersion, String loadAtStart) {
    this.javaVersion = javaVersion;
    this.loadAtStart = loadAtStart;
  }

  /** Takes the load average now (the start of the run). */
  static Machine now() {
    return new Machine(javaVersion(), BenchmarksDoc.loadAverage().orElse("?"));
  }

  /** The output of {@code java -version} of this JVM's java binary (the bot's), on one line. */
  static String javaVersion() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    try {
      Process p = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(30, TimeUnit.SECONDS);
      return String.join("; ", out.strip().lines().toList());
    } catch (IOException e) {
      return System.getProperty("java.version");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return System.getProperty("java.version");
    }
  }

  /** The load average at the start and now, one line. */
  String load() {
    return loadAtStart + " at the start, " + BenchmarksDoc.loadAverage().orElse("?")
        + " at the end";
  }

  /** A Markdown table of the machine, ending the run (load average at the end taken now). */
  String table() {
    return "| | |\n|---|---|\n" + BenchmarksDoc.machineRows()
        + "| `java -version` | " + javaVersion + " |\n"
        + "| load average (1 min) | " + load() + " — anything above 0 is other work sharing the"
        + " cores |\n";
  }

  /** The same, for the console. */
  String line() {
    return Runtime.getRuntime().availableProcessors() + " cores, " + javaVersion + ", load average "
        + load();
  }
}
