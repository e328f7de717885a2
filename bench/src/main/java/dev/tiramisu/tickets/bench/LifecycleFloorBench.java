package dev.tiramisu.tickets.bench;

import dev.tiramisu.discordemu.RequestLog;
import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.ratelimit.RateLimitConfig;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Lifecycles against the rate-limit floor: N full lifecycles (a member's {@code /ticket create},
 * the moderator's {@code /ticket close} and its confirmation, and every side effect: thread,
 * member, first message, pin, log lines, closed post, DM, rename, lock and archive) over G guilds,
 * with Discord's rate limits on and the bot in its own JVM. The floor is the time Discord's global
 * limit (50 requests/s per bot; interaction callbacks and webhooks exempt) needs for the requests
 * the run made, counted from the emulator's request log; reports achieved time / floor and the
 * 429s the bot received, global and per route. Writes section {@code lifecycle} of
 * docs/benchmarks.md and {@code bench-lifecycle.png}.
 *
 * <pre>
 * mvn -o -B -q -pl emulator,bot,bench -am package -DskipTests
 * java -cp bench/target/tickets-bench.jar dev.tiramisu.tickets.bench.LifecycleFloorBench
 * </pre>
 */
public final class LifecycleFloorBench {
  static final double TARGET_RATIO = 1.2;

  record Options(int lifecycles, int guilds, int perGuild, boolean validation,
      SharedOptions shared) {
    static Options parse(String[] args) {
      int[] v = {400, 20, 4};
      boolean[] validation = {false};
      SharedOptions shared = SharedOptions.parse(args, (flag, value) -> {
        switch (flag) {
          case "--lifecycles" -> v[0] = Integer.parseInt(value);
          case "--guilds" -> v[1] = Integer.parseInt(value);
          case "--per-guild" -> v[2] = Integer.parseInt(value);
          case "--validation" -> validation[0] = value.equals("on");
          default -> {
            return false;
          }
        }
        return true;
      });
      return new Options(v[0], v[1], v[2], validation[0], shared);
    }
  }

  /**
   * The run's figures.
   *
   * @param limited requests on the global limit that Discord served (not the refused ones)
   * @param seconds from the first interaction to the last request of the last lifecycle
   * @param curve seconds since the start of each limited request, in order (for the plot)
   */
  record Result(int lifecycles, int guilds, int workers, long limited, long exempt,
      double seconds, int globalLimit, long global429, long route429, double[] curve) {
    double perLifecycle() {
      return (double) limited / lifecycles;
    }

    double floorSeconds() {
      return (double) limited / globalLimit;
    }

    double ratio() {
      return seconds / floorSeconds();
    }
  }

  private LifecycleFloorBench() {}

  public static void main(String[] args) {
    BenchMain.run("lifecycle bench", "lifecycle", args, Options::parse, o -> o.shared().out(),
        o -> {
          Machine machine = Machine.now();
          Instant started = Instant.now();
          Result r;
          try (ForkedStack stack = ForkedStack.start(o.validation(), Duration.ofSeconds(3));
              ReplyWatcher w = new ReplyWatcher(stack.emu)) {
            run(stack, w, 2, 2, 2); // warm-up in guilds of their own
            r = run(stack, w, o.lifecycles(), o.guilds(), o.perGuild());
          }
          System.out.println(summary(r));
          String chart = Charts.save(chart(r), o.shared().out(), "bench-lifecycle.png",
              "rate-limited requests over time against the floor");
          return report(started, machine, o, r, chart);
        });
  }


  /**
   * {@code lifecycles} lifecycles over {@code guilds} fresh guilds, {@code perGuild} members of
   * each acting at once (each takes the next lifecycle until all are taken); checks every
   * ticket complete and closed.
   */
  static Result run(ForkedStack stack, ReplyWatcher w, int lifecycles, int guilds, int perGuild)
      throws Exception {
    List<TestGuild> gs = stack.guilds(guilds, perGuild);
    int mark = stack.emu.requests().mark();
    long refusals = stack.globalRefusals();
    Map<TestGuild, List<InteractionHandle>> creates = new LinkedHashMap<>();
    gs.forEach(g -> creates.put(g, Collections.synchronizedList(new ArrayList<>())));
    AtomicInteger left = new AtomicInteger(lifecycles);
    long startMillis = System.currentTimeMillis();
    ExecutorService pool = Executors.newFixedThreadPool(guilds * perGuild);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int m = 1; m <= perGuild; m++) {
        for (TestGuild g : gs) {
          String member = ForkedStack.member(m);
          workers.add(pool.submit(() -> {
            while (left.getAndDecrement() > 0) {
              InteractionHandle c = Lifecycle.create(w, g, member, "lifecycle");
              creates.get(g).add(c);
              Lifecycle.close(w, g, c);
            }
            return null;
          }));
        }
      }
      for (Future<?> f : workers) {
        f.get();
      }
    } finally {
      AckLatencyBench.shutdown(pool);
    }
    TicketChecks.awaitComplete(stack.emu, creates, true);
    long global429 = stack.globalRefusals() - refusals;
    List<RequestLog.Entry> sent = stack.emu.requests().since(mark);
    long limited = 0;
    long exempt = 0;
    long all429 = 0;
    long last = startMillis;
    List<Double> curve = new ArrayList<>();
    for (RequestLog.Entry e : sent) {
      if (e.status() == 429) {
        all429++;
      } else if (exemptFromGlobal(e)) {
        exempt++;
      } else {
        limited++;
        curve.add((e.atMillis() - startMillis) / 1000.0);
      }
      last = Math.max(last, e.atMillis());
    }
    int limit = RateLimitConfig.defaults().globalLimit();
    return new Result(lifecycles, guilds, guilds * perGuild, limited, exempt,
        (last - startMillis) / 1000.0, limit, global429, all429 - global429,
        curve.stream().sorted().mapToDouble(Double::doubleValue).toArray());
  }

  /** Interaction callbacks and interaction webhooks do not count on Discord's global limit. */
  static boolean exemptFromGlobal(RequestLog.Entry e) {
    return e.template().startsWith("/interactions/") || e.template().startsWith("/webhooks/");
  }

  static String summary(Result r) {
    return String.format(Locale.ROOT, "%d lifecycles over %d guilds: %.1f s, floor %.1f s"
        + " (%.2f rate-limited requests each at %d/s), %.2fx the floor, %d global 429s,"
        + " %d route 429s", r.lifecycles(), r.guilds(), r.seconds(), r.floorSeconds(),
        r.perLifecycle(), r.globalLimit(), r.ratio(), r.global429(), r.route429());
  }

  private static XYChart chart(Result r) {
    XYChart c = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT)
        .title(r.lifecycles() + " lifecycles over " + r.guilds() + " guilds, rate limits on")
        .xAxisTitle("seconds since the first create").yAxisTitle("rate-limited requests served")
        .build();
    int n = r.curve().length;
    int step = Math.max(1, n / 400);
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (int i = 0; i < n; i += step) {
      xs.add(r.curve()[i]);
      ys.add((double) (i + 1));
    }
    if (n > 0) {
      xs.add(r.curve()[n - 1]);
      ys.add((double) n);
      c.addSeries("the bot", xs, ys).setMarker(SeriesMarkers.NONE);
    }
    c.addSeries("floor: " + r.globalLimit() + "/s", new double[] {0, r.floorSeconds()},
        new double[] {0, r.limited()}).setMarker(SeriesMarkers.NONE);
    c.addSeries("target: " + TARGET_RATIO + "x the floor",
        new double[] {0, r.floorSeconds() * TARGET_RATIO}, new double[] {0, r.limited()})
        .setMarker(SeriesMarkers.NONE);
    return c;
  }

  static String report(Instant started, Machine machine, Options o, Result r, String chart) {
    StringBuilder md = new StringBuilder();
    md.append("## Lifecycles against the rate-limit floor (LifecycleFloorBench)\n\n");
    md.append("Generated ").append(started).append(". Rerun from the repository root (about two"
        + " minutes; rewrites this section and `bench-lifecycle.png`):\n\n```sh\n"
        + "mvn -o -B -q -pl emulator,bot,bench -am package -DskipTests\n"
        + "java -cp bench/target/tickets-bench.jar dev.tiramisu.tickets.bench.LifecycleFloorBench\n"
        + "```\n\nOptions: `--lifecycles 400`, `--guilds 20`, `--per-guild 4` (members acting"
        + " at once per guild), `--validation off|on`, `--out FILE` (`-` for none).\n\n");
    md.append(machine.table()).append('\n');
    md.append("- The bot in its own JVM against the emulator with Discord's rate limits on, as in"
        + " the section above (validation ").append(o.validation() ? "on" : "off").append(").\n");
    md.append("- A lifecycle: a member's `/ticket create` until the link, then the moderator's"
        + " `/ticket close` in the thread and the confirmation's Close button until \"closed\"."
        + " ").append(r.workers()).append(" members act at once (").append(o.perGuild())
        .append(" per guild), each taking the next lifecycle until ").append(r.lifecycles())
        .append(" are done. The run ends when the last side effect (pin, log lines, closed"
        + " post, DM, rename, lock and archive) reached the emulator; then every ticket is checked"
        + " (numbers 1..N per guild, thread, creator in it, first message pinned, renamed,"
        + " locked, archived, one closed post, one DM, one close log line).\n");
    md.append("- **The floor** is the time Discord's global limit (").append(r.globalLimit())
        .append(" requests/s per bot) needs for the rate-limited requests the run made:"
        + " every request in the emulator's log except interaction callbacks and interaction"
        + " webhooks (exempt) and refused ones, divided by the limit. Counted, not assumed: if the"
        + " bot needs fewer requests, the floor drops with them.\n\n");
    md.append("| | measured | target |\n|---|---:|---|\n");
    md.append(String.format(Locale.ROOT, "| lifecycles (guilds) | %d (%d) | |\n",
        r.lifecycles(), r.guilds()));
    md.append(String.format(Locale.ROOT, "| rate-limited requests per lifecycle | %.2f | |\n",
        r.perLifecycle()));
    md.append(String.format(Locale.ROOT, "| exempt requests per lifecycle (interactions) | %.2f"
        + " | |\n", (double) r.exempt() / r.lifecycles()));
    md.append(String.format(Locale.ROOT, "| floor | %.1f s | |\n", r.floorSeconds()));
    md.append(String.format(Locale.ROOT, "| achieved | %.1f s (%.2f lifecycles/s) | |\n",
        r.seconds(), r.lifecycles() / r.seconds()));
    md.append(String.format(Locale.ROOT, "| achieved / floor | %.2f | ≤ %.1f: %s |\n",
        r.ratio(), TARGET_RATIO, r.ratio() <= TARGET_RATIO ? "**met**" : "**missed**"));
    md.append(String.format(Locale.ROOT, "| global 429s | %d | 0: %s |\n", r.global429(),
        r.global429() == 0 ? "**met**" : "**missed**"));
    md.append(String.format(Locale.ROOT, "| per-route 429s | %d | |\n\n", r.route429()));
    md.append(chart);
    return md.toString();
  }
}
