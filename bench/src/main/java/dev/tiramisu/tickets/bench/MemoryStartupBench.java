package dev.tiramisu.tickets.bench;

import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.EmulatorConfig;
import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Memory and start-up at scale: the emulator in this JVM serving G guilds ({@link ScaleWorld}:
 * 14 roles, 14 channels and 12 overwrites each), the bot alone in its own JVM ({@link ForkedBot},
 * production jar, fresh SQLite file) with {@code SHARD_COUNT=auto} (the emulator recommends one
 * shard per 1,000 guilds, as Discord does). Per run: the time from starting the process to its
 * {@code ready} line (every shard READY with its GUILD_CREATEs, commands registered), split into
 * phases from the bot's log, and the live heap after a full GC ({@code jcmd GC.class_histogram}).
 * The median of {@code --runs} runs per G; after the last run of each G, a member opens a ticket
 * in one guild and it is checked complete. Writes section {@code memory} of docs/benchmarks.md,
 * {@code bench-memory.png} and {@code bench-startup.png}.
 *
 * <pre>
 * mvn -o -B -q -pl emulator,bot,bench -am package -DskipTests
 * java -cp bench/target/tickets-bench.jar dev.tiramisu.tickets.bench.MemoryStartupBench
 * </pre>
 *
 * Options: {@code --guilds 1000,10000}, {@code --runs 3}, {@code --validation on|off} (OpenAPI
 * validation of the bot's requests, default off), {@code --jvm-options "..."} (more options for
 * the bot's JVM, through {@code JAVA_TOOL_OPTIONS}), {@code --out FILE|-}.
 */
public final class MemoryStartupBench {
  /** Issue 14's targets. */
  static final double TARGET_MIB_PER_10K = 64;
  static final double TARGET_READY_SECONDS_1K = 1.5;
  static final int GUILDS_PER_SHARD = 1000;
  static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
  /** The bot's JVM options as run.sh starts it (the smoke test checks run.sh has them). */
  static final String RUN_SH_OPTIONS = "-XX:+ExitOnOutOfMemoryError";

  record Options(List<Integer> guilds, int runs, boolean validation, String jvmOptions,
      SharedOptions shared) {
    static Options parse(String[] args) {
      List<List<Integer>> guilds = new ArrayList<>(List.of(List.of(1000, 10000)));
      int[] runs = {3};
      boolean[] validation = {false};
      String[] jvm = {""};
      SharedOptions shared = SharedOptions.parse(args, (flag, value) -> {
        switch (flag) {
          case "--guilds" -> guilds.set(0, Arrays.stream(value.split(",")).map(String::strip)
              .map(Integer::valueOf).toList());
          case "--runs" -> runs[0] = Integer.parseInt(value);
          case "--validation" -> validation[0] = value.equals("on");
          case "--jvm-options" -> jvm[0] = value;
          default -> {
            return false;
          }
        }
        return true;
      });
      return new Options(guilds.get(0), runs[0], validation[0], jvm[0], shared);
    }
  }

  /** One start of the bot. */
  /**
   * One start of the bot.
   *
   * @param cpuSeconds CPU time the bot process used until its ready line (all its threads)
   * @param emulatorSeconds time the emulator spent building and queuing READY and the
   *     GUILD_CREATEs ({@code Gateway.handshakeMillis})
   */
  record Run(double readySeconds, double cpuSeconds, double emulatorSeconds, long heapBytes,
      Map<BotProbe.Phase, Double> phases, Map<String, Double> threadCpu) {}

  /**
   * The runs at one guild count, with the histogram of the last run and whether its ticket check
   * passed.
   */
  record Point(int guilds, int shards, double buildSeconds, List<Run> runs,
      BotProbe.Histogram histogram, String ticket) {
    double medianReadySeconds() {
      return median(runs.stream().mapToDouble(Run::readySeconds).toArray());
    }

    double medianCpuSeconds() {
      return median(runs.stream().mapToDouble(Run::cpuSeconds).toArray());
    }

    double medianEmulatorSeconds() {
      return median(runs.stream().mapToDouble(Run::emulatorSeconds).toArray());
    }

    double medianHeapMib() {
      return median(runs.stream().mapToDouble(r -> r.heapBytes() / 1048576.0).toArray());
    }

    double heapKibPerGuild() {
      return medianHeapMib() * 1024 / guilds;
    }

    /** The median end of each phase, in seconds after the start. */
    Map<BotProbe.Phase, Double> medianPhases() {
      Map<BotProbe.Phase, Double> out = new EnumMap<>(BotProbe.Phase.class);
      for (BotProbe.Phase p : BotProbe.Phase.values()) {
        double[] v = runs.stream().filter(r -> r.phases().containsKey(p))
            .mapToDouble(r -> r.phases().get(p)).toArray();
        if (v.length > 0) {
          out.put(p, median(v));
        }
      }
      return out;
    }
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length == 0 ? Double.NaN
        : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  public static void main(String[] args) {
    BenchMain.run("memory bench", "memory", args, Options::parse, o -> o.shared().out(), o -> {
      Machine machine = Machine.now();
      List<Point> points = new ArrayList<>();
      for (int g : o.guilds()) {
        points.add(measure(g, o, System.out));
      }
      String doc = o.shared().out();
      String charts = Charts.save(MemoryCharts.heap(points), doc, "bench-memory.png", "heap")
          + Charts.save(MemoryCharts.startup(points), doc, "bench-startup.png", "start-up");
      return MemoryReport.report(Instant.now(), machine, o, points, charts);
    });
  }


  /** The runs at {@code guilds} guilds against one emulator; the ticket check after the last. */
  static Point measure(int guilds, Options o, PrintStream out) throws Exception {
    int shards = Math.max(1, (guilds + GUILDS_PER_SHARD - 1) / GUILDS_PER_SHARD);
    EmulatorConfig config = EmulatorConfig.defaults().withRecommendedShards(shards);
    if (!o.validation()) {
      config = config.withOpenApiSpec(null, false);
    }
    try (Emulator emu = Emulator.start(config)) {
      // correctness, not time: a loaded machine must not fail the ticket check on a deadline
      emu.setBaseInteractionResponseDeadline(Duration.ofSeconds(30));
      long built = System.nanoTime();
      List<TestGuild> world = ScaleWorld.guilds(emu, guilds);
      double buildSeconds = (System.nanoTime() - built) / 1e9;
      out.printf(Locale.ROOT, "%d guilds built in %.1f s; %d shards%n", guilds, buildSeconds,
          shards);
      List<Run> runs = new ArrayList<>();
      BotProbe.Histogram histogram = null;
      String ticket = null;
      Path dir = Files.createTempDirectory("tickets-memory");
      try {
        for (int i = 1; i <= o.runs(); i++) {
          Path log = Path.of("target", "bench-memory-" + guilds + "-" + i + ".log");
          Map<String, String> env = new HashMap<>();
          env.put("SHARD_COUNT", "auto");
          env.put("STARTUP_TIMEOUT", Long.toString(READY_TIMEOUT.toSeconds()));
          env.put("JAVA_TOOL_OPTIONS", (RUN_SH_OPTIONS + " " + o.jvmOptions()).strip());
          long handshakes = emu.gateway().handshakeMillis();
          LocalTime wall = LocalTime.now();
          long t0 = System.nanoTime();
          try (ForkedBot bot = ForkedBot.start(emu.restUrl(), emu.gatewayUrl(), emu.botToken(),
              dir.resolve("tickets-" + i + ".db"), log, env)) {
            bot.awaitReady(READY_TIMEOUT);
            double ready = (System.nanoTime() - t0) / 1e9;
            double cpu = BotProbe.cpuSeconds(bot.pid());
            Map<String, Double> threads = BotProbe.threadCpu(bot.pid());
            double emulator = (emu.gateway().handshakeMillis() - handshakes) / 1e3;
            histogram = BotProbe.histogram(bot.pid(), 25);
            Run run = new Run(ready, cpu, emulator, histogram.totalBytes(),
                BotProbe.phases(log, wall), threads);
            runs.add(run);
            out.printf(Locale.ROOT, "  run %d: ready after %.2f s (bot CPU %.2f s, emulator"
                + " handshakes %.2f s), heap %.1f MiB, phases %s%n", i, ready, cpu, emulator,
                histogram.mib(), run.phases());
            out.println("    CPU by thread: " + threads.entrySet().stream().limit(8)
                .map(e -> String.format(Locale.ROOT, "%s %.2f s", e.getKey(), e.getValue()))
                .toList());
            if (i == o.runs()) {
              ticket = checkTicket(emu, world.get(world.size() / 2), bot);
              out.println("  " + ticket);
            }
          }
        }
      } finally {
        try (var files = Files.list(dir)) {
          for (Path p : files.toList()) {
            Files.deleteIfExists(p);
          }
        }
        Files.deleteIfExists(dir);
      }
      if (o.validation() && !emu.specViolations().isEmpty()) {
        throw new IllegalStateException("requests off the spec: " + emu.specViolations());
      }
      return new Point(guilds, shards, buildSeconds, runs, histogram, ticket);
    }
  }

  /**
   * The bot works in a guild far into the list: its admin sets the ticket channel, staff role
   * and log channel, a member opens a ticket and the ticket is checked complete (thread, member,
   * first message pinned, reply); throws otherwise.
   */
  static String checkTicket(Emulator emu, TestGuild g, ForkedBot bot) {
    set(g, "ticket_channel", "<#" + g.channel("tickets") + ">", bot);
    set(g, "staff_role", "<@&" + g.role("Staff") + ">", bot);
    set(g, "modlog_channel", "<#" + g.channel("mod-log") + ">", bot);
    InteractionHandle create = g.as("alice").slash(g.channel("general"), "ticket create",
        Map.of("reason", "scale check"));
    TicketChecks.awaitComplete(emu, Map.of(g, List.of(create)), false);
    TicketChecks.Opened opened = TicketChecks.opened(g, create);
    return "ticket " + opened.number() + " opened in guild " + g.id + " (thread " + opened.threadId()
        + "), checked complete";
  }

  private static void set(TestGuild g, String name, String value, ForkedBot bot) {
    MessageView reply = g.as("admin").slash(g.channel("bot-commands"), "setting set",
        Map.of("name", name, "value", value)).awaitReply();
    if (!reply.text().startsWith("`" + name + "`")) {
      throw new IllegalStateException("/setting set " + name + " was answered: " + reply.text()
          + bot.describe());
    }
  }
}
