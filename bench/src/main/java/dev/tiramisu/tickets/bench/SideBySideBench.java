package dev.tiramisu.tickets.bench;

import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.RequestLog;
import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.TestGuild;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue 14's side by side: our bot and the original Python Tiramisu (nextcord) on the same
 * emulator (rate limits and OpenAPI validation on), the same scenario, the same clock. Rounds of
 * N tickets in a fresh guild at 1 and at 10 members at once: each member opens tickets with a
 * reason until N are open (every effect checked), then the moderator closes them, as many at once
 * (command and confirmation, as each bot does it; every effect checked). Measured from the
 * emulator's records: create → the member's final reply, confirmation → the bot's last request
 * for that close, requests per create and per close. Our bot always runs (the production jar in
 * its own JVM); the original runs when {@code --original "<command>"} says how to start it
 * ({@link OriginalBot} gives it the emulator through environment variables). Writes section
 * {@code side} of docs/benchmarks.md and {@code bench-side.png}; {@code --smoke} runs ours with a
 * few tickets only. Report and chart: {@link SideReport}.
 *
 * <pre>
 * mvn -o -B -q -pl emulator,bot,bench -am package -DskipTests
 * java -cp bench/target/tickets-bench.jar dev.tiramisu.tickets.bench.SideBySideBench \
 *     --original "/usr/bin/python3 /path/to/run_original.py"
 * </pre>
 */
public final class SideBySideBench {
  static final Duration ORIGINAL_READY = Duration.ofSeconds(180);

  /**
   * The scenario.
   *
   * @param rounds measured rounds per point
   * @param tickets tickets per round
   * @param concurrency the points: members at once
   * @param warmup tickets of the unmeasured round each bot runs first
   * @param original the command that starts the original, or null
   * @param think the member's reading time before a modal's submission or a confirmation's click
   *     ({@link SideBot#think})
   */
  record Options(int rounds, int tickets, List<Integer> concurrency, int warmup, String original,
      Duration think, boolean smoke, SharedOptions shared) {}

  /**
   * One bot at one concurrency: every round's tickets. Times are of the creates and closes that
   * completed; requests per create and per close are over every one tried ({@code tried}: the
   * tickets of the rounds that ran; a round does not run when the bot cannot be set up).
   *
   * @param failures what did not complete for the member, and the bot's bookkeeping faults
   * @param routes requests per route template, in the create phases and in the close phases
   */
  record Point(String bot, int members, int rounds, int tickets, int tried, long[] createMillis,
      long[] closeMillis, long createRequests, long closeRequests, long closeCommandRequests,
      long refused, List<String> failures, Map<String, long[]> routes) {
    SideMetrics.Stats create() {
      return SideMetrics.Stats.of(createMillis);
    }

    SideMetrics.Stats close() {
      return SideMetrics.Stats.of(closeMillis);
    }

    double perCreate() {
      return (double) createRequests / tried;
    }

    double perClose() {
      return (double) closeRequests / tried;
    }

    double perConfirmation() {
      return (double) (closeRequests - closeCommandRequests) / tried;
    }
  }

  private SideBySideBench() {}

  public static void main(String[] args) {
    BenchMain.run("side-by-side bench", "side", args, SideBySideBench::parse,
        o -> o.shared().out(), o -> {
        Machine machine = Machine.now();
        Instant started = Instant.now();
        List<Point> points = new ArrayList<>();
        long[] violations = new long[2];
        Duration deadline = Duration.ofSeconds(o.smoke() ? 30 : 3);
        try (ForkedStack stack = ForkedStack.start(true, deadline)) {
          try (ReplyWatcher w = new ReplyWatcher(stack.emu)) {
            points.addAll(measure(new OursSide(stack, o.think()), w, o, System.out));
          }
          violations[0] = stack.emu.specViolations().size();
          stack.bot.close();
          if (o.original() != null) {
            stack.emu.reset();
            Path log = Path.of("target",
                "bench-original-" + ProcessHandle.current().pid() + ".log");
            try (OriginalBot bot = OriginalBot.start(o.original(), stack.emu, log);
                ReplyWatcher w = new ReplyWatcher(stack.emu)) {
              bot.awaitReady(stack.emu, OriginalSide.COMMANDS, OriginalSide.READY_ROUTE,
                  ORIGINAL_READY);
              SideBot original = new OriginalSide(stack.emu, bot, o.think());
              points.addAll(measure(original, w, o, System.out));
            }
            violations[1] = stack.emu.specViolations().size();
          }
        }
        String chart = Charts.save(SideReport.chart(points), o.shared().out(), "bench-side.png",
            "side by side: our bot and the original");
        return SideReport.report(started, machine, o, points, violations, chart);
        });
  }


  static Options parse(String[] args) {
    int[] rounds = {3};
    int[] tickets = {20};
    int[] warmup = {20};
    int[] think = {250};
    List<List<Integer>> concurrency = new ArrayList<>(List.of(List.of(1, 10)));
    String[] original = {null};
    boolean smoke = Arrays.asList(args).contains("--smoke");
    String[] rest = Arrays.stream(args).filter(a -> !a.equals("--smoke")).toArray(String[]::new);
    SharedOptions shared = SharedOptions.parse(rest, (flag, value) -> {
      switch (flag) {
        case "--rounds" -> rounds[0] = Integer.parseInt(value);
        case "--tickets" -> tickets[0] = Integer.parseInt(value);
        case "--warmup" -> warmup[0] = Integer.parseInt(value);
        case "--think-ms" -> think[0] = Integer.parseInt(value);
        case "--concurrency" -> concurrency.set(0,
            Arrays.stream(value.split(",")).map(String::strip).map(Integer::parseInt).toList());
        case "--original" -> original[0] = value;
        default -> {
          return false;
        }
      }
      return true;
    });
    if (smoke) {
      return new Options(1, 3, List.of(1, 2), 0, null, Duration.ZERO, true, shared);
    }
    return new Options(rounds[0], tickets[0], concurrency.get(0), warmup[0], original[0],
        Duration.ofMillis(think[0]), false, shared);
  }

  /** A warm-up round, then each point of {@code o} for {@code bot}. */
  static List<Point> measure(SideBot bot, ReplyWatcher w, Options o, PrintStream out)
      throws Exception {
    if (o.warmup() > 0) {
      round(bot, w, 1, o.warmup(), o.think());
    }
    List<Point> points = new ArrayList<>();
    for (int members : o.concurrency()) {
      List<Round> rounds = new ArrayList<>();
      for (int r = 0; r < o.rounds(); r++) {
        rounds.add(round(bot, w, members, o.tickets(), o.think()));
      }
      Map<String, long[]> routes = new TreeMap<>();
      List<String> failures = new ArrayList<>();
      for (Round one : rounds) {
        one.routes.forEach((k, v) -> {
          long[] sum = routes.computeIfAbsent(k, x -> new long[2]);
          sum[0] += v[0];
          sum[1] += v[1];
        });
        failures.addAll(one.failures);
      }
      Point p = new Point(bot.name(), members, o.rounds(), o.rounds() * o.tickets(),
          rounds.stream().mapToInt(Round::tried).sum(),
          rounds.stream().flatMap(x -> x.creates.stream()).mapToLong(Long::longValue).toArray(),
          rounds.stream().flatMap(x -> x.closes.stream()).mapToLong(Long::longValue).toArray(),
          rounds.stream().mapToLong(Round::createRequests).sum(),
          rounds.stream().mapToLong(Round::closeRequests).sum(),
          rounds.stream().mapToLong(Round::closeCommandRequests).sum(),
          rounds.stream().mapToLong(Round::refused).sum(), summarize(failures), routes);
      out.println(SideReport.line(p));
      points.add(p);
    }
    return points;
  }

  /** "reason (×n)" for each distinct reason, in first-seen order. */
  private static List<String> summarize(List<String> failures) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    failures.forEach(f -> counts.merge(f.replaceAll("\\d{6,}", "…"), 1, Integer::sum));
    List<String> out = new ArrayList<>();
    counts.forEach((f, n) -> out.add(f + " (×" + n + ")"));
    return out;
  }

  /** One round's figures. */
  private record Round(int tried, List<Long> creates, List<Long> closes, long createRequests,
      long closeRequests, long closeCommandRequests, long refused, List<String> failures,
      Map<String, long[]> routes) {}

  /**
   * A fresh guild with {@code members} members; they open {@code n} tickets, {@code members} at
   * a time, then the moderator closes them, as many at a time; each phase checked complete. Each
   * command comes after the member's reading time {@code think}, as each modal submission and
   * click does, so both bots see the same pace of commands (outside every measured time).
   */
  private static Round round(SideBot bot, ReplyWatcher w, int members, int n, Duration think)
      throws Exception {
    Emulator emu = bot.emu();
    TestGuild g;
    try {
      g = bot.guild(members);
    } catch (SideBot.Failed e) {
      // the bot is past setting up another guild: the round's tickets count as failed
      return new Round(0, List.of(), List.of(), 0, 0, 0, 0,
          java.util.Collections.nCopies(n, "round not run: " + e.getMessage()), Map.of());
    }
    List<SideBot.Ticket> tickets = Collections.synchronizedList(new ArrayList<>());
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    int createMark = emu.requests().mark();
    AtomicInteger next = new AtomicInteger();
    parallel(members, worker -> {
      int i;
      while ((i = next.getAndIncrement()) < n) {
        try {
          SideBot.think(think);
          tickets.add(bot.create(w, g, ForkedStack.member(worker + 1), "printer " + (i + 1)));
        } catch (SideBot.Failed e) {
          failures.add("create: " + e.getMessage());
        }
      }
    });
    bot.awaitComplete(g, tickets, false);
    int closeMark = emu.requests().mark();
    ConcurrentLinkedQueue<SideBot.Ticket> open = new ConcurrentLinkedQueue<>(tickets);
    List<SideBot.Ticket> closed = Collections.synchronizedList(new ArrayList<>());
    parallel(members, worker -> {
      SideBot.Ticket t;
      while ((t = open.poll()) != null) {
        try {
          SideBot.think(think);
          bot.close(w, g, t);
          closed.add(t);
        } catch (SideBot.Failed e) {
          failures.add("close: " + e.getMessage());
        }
      }
    });
    bot.awaitComplete(g, closed, true);
    int end = emu.requests().mark();
    bot.faults(g).forEach(f -> failures.add("fault: " + f));
    List<RequestLog.Entry> all = emu.requests().since(createMark);
    List<RequestLog.Entry> createLog = all.subList(0, closeMark - createMark);
    List<RequestLog.Entry> closeLog = all.subList(closeMark - createMark, end - createMark);
    List<Long> creates = new ArrayList<>();
    List<Long> closes = new ArrayList<>();
    for (SideBot.Ticket t : tickets) {
      creates.add(SideMetrics.createMillis(emu, t, createLog, bot.createdReply()));
    }
    for (SideBot.Ticket t : closed) {
      closes.add(SideMetrics.closeMillis(emu, t, closed, closeLog));
    }
    long commandRequests = SideMetrics.onTokens(emu, tickets.stream()
        .map(t -> t.closeCommand).filter(h -> h != null && acknowledged(emu, h)).toList(),
        closeLog);
    long refused = all.subList(0, end - createMark).stream().filter(e -> e.status() == 429)
        .count();
    Map<String, long[]> routes = new TreeMap<>();
    createLog.forEach(e -> routes.computeIfAbsent(e.route(), k -> new long[2])[0]++);
    closeLog.forEach(e -> routes.computeIfAbsent(e.route(), k -> new long[2])[1]++);
    return new Round(n, creates, closes, createLog.size(), closeLog.size(), commandRequests,
        refused, List.copyOf(failures), routes);
  }

  private static boolean acknowledged(Emulator emu, InteractionHandle h) {
    synchronized (emu.state()) {
      var i = emu.state().interactions.get(h.id);
      return i != null && i.acknowledged();
    }
  }

  private interface Worker {
    void run(int worker) throws Exception;
  }

  private static void parallel(int n, Worker body) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<?>> all = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        int worker = k;
        all.add(pool.submit(() -> {
          body.run(worker);
          return null;
        }));
      }
      for (Future<?> f : all) {
        try {
          f.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof Exception cause) {
            throw cause;
          }
          throw e;
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
