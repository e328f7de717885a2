package dev.tiramisu.tickets.bench;

import dev.tiramisu.tickets.e2e.FaultSoak;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/**
 * The fault soak at bench scale: {@code --lifecycles} (default 2,000) create+close lifecycles
 * over 8 guilds through the emulator with Discord's rate limits on, under ~10 % 5xx on every
 * route, 429 storms and gateway drops, RECONNECT and INVALID_SESSION (the same run as {@code
 * FaultSoakE2ETest}, which does 200 in every build). It fails (exit 1) unless every ticket ends
 * complete once; otherwise prints and writes the {@code soak} section of docs/benchmarks.md.
 *
 * <pre>
 * mvn -q -B -pl bench -am package -DskipTests
 * java -cp bench/target/tickets-bench.jar dev.tiramisu.tickets.bench.SoakBench [--lifecycles N]
 * </pre>
 */
public final class SoakBench {
  private SoakBench() {}

  public static void main(String[] args) {
    int[] lifecycles = {2_000};
    SharedOptions options;
    try {
      options = SharedOptions.parse(args, (flag, value) -> {
        if (flag.equals("--lifecycles")) {
          lifecycles[0] = Integer.parseInt(value);
          return lifecycles[0] > 0;
        }
        return false;
      });
    } catch (IllegalArgumentException e) {
      System.err.println("soak bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    try {
      run(lifecycles[0], options, System.out);
      System.exit(0); // JDA and the emulator leave non-daemon threads behind
    } catch (Throwable e) {
      System.err.println("soak bench FAILED: " + e);
      e.printStackTrace(System.err);
      System.exit(1);
    }
  }

  static void run(int lifecycles, SharedOptions options, PrintStream out) throws Exception {
    BenchmarksDoc.quietLogs();
    Instant started = Instant.now();
    String loadBefore = BenchmarksDoc.loadAverage().orElse("?");
    FaultSoak.Result r = FaultSoak.run(lifecycles, true);
    String load = loadBefore + " at the start, " + BenchmarksDoc.loadAverage().orElse("?")
        + " at the end";
    String report = report(started, r, load);
    out.println(report);
    if (!options.out().equals("-")) {
      BenchmarksDoc.writeSection(Path.of(options.out()), "soak", report);
      out.println("wrote the soak section of " + options.out());
    }
  }

  private static String report(Instant started, FaultSoak.Result r, String load) {
    double seconds = r.took().toMillis() / 1000.0;
    return "## Fault soak (SoakBench)\n\n"
        + "Run " + started + ". Every lifecycle is a `/ticket create` by a member, then `/ticket"
        + " close` and its confirmation by staff, through the real JDA client and the emulator"
        + " with Discord's rate limits on, while the emulator answers about 10 % of all requests"
        + " with 500 or 503, sends 429 storms and drops, reconnects or invalidates gateway"
        + " sessions. Members try failed interactions again. Pass/fail is the same end-state check"
        + " as `FaultSoakE2ETest` (one thread, the creator in it, one pinned first message,"
        + " renamed + locked + archived, one closed post, one DM, one log line, numbers 1..N,"
        + " every effect settled): this run passed it.\n\n"
        + "| | |\n|---|---|\n"
        + BenchmarksDoc.machineRows()
        + "| load average (1 min) | " + load + " |\n"
        + "| lifecycles | " + r.lifecycles() + " over 8 guilds, 8 members acting at once |\n"
        + "| faults injected | " + r.faults() + " |\n"
        + "| interactions tried again by members | " + r.retriedInteractions() + " |\n"
        + "| duration | " + String.format(Locale.ROOT, "%.1f s", seconds) + " |\n"
        + "| lifecycles per second | "
        + String.format(Locale.ROOT, "%.2f", r.lifecycles() / seconds) + " |\n\n"
        + "Rerun from the repository root: `mvn -q -B -pl bench -am package -DskipTests && java"
        + " -cp bench/target/tickets-bench.jar dev.tiramisu.tickets.bench.SoakBench`"
        + " (`--lifecycles N`, `--out FILE` or `-`).\n";
  }
}
