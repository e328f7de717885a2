package dev.tiramisu.tickets.bench;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** The Markdown section {@code memory} of docs/benchmarks.md, written by {@link MemoryStartupBench}. */
final class MemoryReport {
  private MemoryReport() {}

  static String report(Instant started, Machine machine, MemoryStartupBench.Options o,
      java.util.List<MemoryStartupBench.Point> points, String charts) {
    StringBuilder md = new StringBuilder();
    md.append("## Memory and start-up at scale (MemoryStartupBench)\n\n");
    md.append("Generated ").append(started).append(". Rerun from the repository root (a few"
        + " minutes; rewrites this section, `bench-memory.png` and `bench-startup.png`):\n\n```sh\n"
        + "mvn -o -B -q -pl emulator,bot,bench -am package -DskipTests\n"
        + "java -cp bench/target/tickets-bench.jar dev.tiramisu.tickets.bench.MemoryStartupBench\n"
        + "```\n\nOptions: `--guilds 1000,10000`, `--runs 3`, `--validation off|on`,"
        + " `--jvm-options \"...\"` (more options for the bot's JVM), `--out FILE` (`-` for"
        + " none).\n\n");
    md.append(machine.table()).append('\n');
    md.append("- The emulator in the benchmark's JVM serves G guilds, each like a small community"
        + " server: ").append(ScaleWorld.ROLES.size() + 2).append(" roles (12, `@everyone`, the"
        + " bot's), ").append(ScaleWorld.CHANNELS).append(" channels (3 categories, 8 text, 3"
        + " voice) with ").append(ScaleWorld.OVERWRITES).append(" permission overwrites, 3"
        + " members and the bot. The bot runs alone in its own JVM, the production jar as"
        + " `run.sh` starts it (`").append(MemoryStartupBench.RUN_SH_OPTIONS)
        .append(o.jvmOptions().isBlank() ? "" : " " + o.jvmOptions()).append("`, default heap"
        + " limits), on a fresh SQLite file, with `SHARD_COUNT=auto`: the emulator recommends one"
        + " shard per ").append(String.format(Locale.ROOT, "%,d",
            MemoryStartupBench.GUILDS_PER_SHARD)).append(" guilds, as Discord"
        + " does, and reports `max_concurrency` 16, so the shards identify at once (a bot with"
        + " Discord's default `max_concurrency` 1 waits 5 s per shard after the first).\n");
    md.append("- **Heap**: live objects after a full GC (`jcmd PID GC.class_histogram`), taken"
        + " right after the ready line. **Start → ready**: from starting the process to its"
        + " `ready: N shards connected` line (every shard READY with all its GUILD_CREATEs, the"
        + " commands registered). Median of ").append(o.runs()).append(" runs per G, each a new"
        + " process on a new database. The phases are the median times (from the process start)"
        + " of the bot's log lines that end them.\n");
    md.append("- After the last run of each G, a member opens a ticket in a guild far into the"
        + " list (settings set first by its admin) and the ticket is checked complete.\n\n");
    md.append("| guilds (shards) | heap after full GC | per guild | start → ready | bot CPU to"
        + " ready | emulator: READY + GUILD_CREATEs | target |\n|---|---:|---:|---:|---:|---:|---|\n");
    for (MemoryStartupBench.Point p : points) {
      md.append(String.format(Locale.ROOT, "| %,d (%d) | %.1f MiB | %.2f KiB | %.2f s | %.2f s"
          + " | %.2f s | %s |\n", p.guilds(), p.shards(), p.medianHeapMib(), p.heapKibPerGuild(),
          p.medianReadySeconds(), p.medianCpuSeconds(), p.medianEmulatorSeconds(), target(p)));
    }
    md.append("\nStart-up phases (median seconds after the process started):\n\n| guilds |");
    for (BotProbe.Phase ph : BotProbe.Phase.values()) {
      md.append(' ').append(ph.label).append(" |");
    }
    md.append("\n|---|");
    md.append("---:|".repeat(BotProbe.Phase.values().length)).append('\n');
    for (MemoryStartupBench.Point p : points) {
      Map<BotProbe.Phase, Double> at = p.medianPhases();
      md.append(String.format(Locale.ROOT, "| %,d |", p.guilds()));
      for (BotProbe.Phase ph : BotProbe.Phase.values()) {
        Double s = at.get(ph);
        md.append(s == null ? " – |" : String.format(Locale.ROOT, " %.2f |", s));
      }
      md.append('\n');
    }
    MemoryStartupBench.Point last = points.get(points.size() - 1);
    if (last.histogram() != null) {
      md.append(String.format(Locale.ROOT, "%nLargest classes on the heap at %,d guilds (last run):"
          + "%n%n| class | instances | MiB | bytes per guild |%n|---|---:|---:|---:|%n",
          last.guilds()));
      last.histogram().top().stream().limit(15).forEach(r -> md.append(String.format(Locale.ROOT,
          "| `%s` | %,d | %.1f | %.0f |%n", r.name(), r.instances(), r.bytes() / 1048576.0,
          (double) r.bytes() / last.guilds())));
    }
    md.append('\n');
    for (MemoryStartupBench.Point p : points) {
      md.append(String.format(Locale.ROOT, "- %,d guilds built in the emulator in %.1f s; %s.%n",
          p.guilds(), p.buildSeconds(), p.ticket()));
    }
    md.append('\n').append(charts);
    return md.toString();
  }

  private static String target(MemoryStartupBench.Point p) {
    StringBuilder t = new StringBuilder();
    if (p.guilds() == 10_000) {
      t.append(String.format(Locale.ROOT, "heap ≤ %.0f MiB: %s",
          MemoryStartupBench.TARGET_MIB_PER_10K,
          p.medianHeapMib() <= MemoryStartupBench.TARGET_MIB_PER_10K ? "**met**" : "**missed**"));
    }
    if (p.guilds() == 1000) {
      t.append(String.format(Locale.ROOT, "ready ≤ %.1f s: %s",
          MemoryStartupBench.TARGET_READY_SECONDS_1K,
          p.medianReadySeconds() <= MemoryStartupBench.TARGET_READY_SECONDS_1K
              ? "**met**" : "**missed**"));
    }
    return t.toString();
  }
}
