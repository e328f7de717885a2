package dev.tiramisu.tickets.bench;

import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.EmulatorConfig;
import dev.tiramisu.discordemu.Permissions;
import dev.tiramisu.discordemu.driver.GuildBuilder;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.tickets.app.Bot;
import dev.tiramisu.tickets.config.BotConfig;
import dev.tiramisu.tickets.config.DatabaseConfig;
import dev.tiramisu.tickets.discord.DiscordEndpoint;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.hooks.EventListener;

/**
 * Ticket creates per second end to end: the real bot ({@link Bot#start}, real JDA, real database)
 * connected to an in-process Discord emulator, with N simulated users each running {@code /ticket
 * create reason:...} and waiting for the reply, on SQLite and PostgreSQL, with and without the
 * emulator's OpenAPI validation. Prints a table and writes its section of {@code
 * docs/benchmarks.md} (see {@link BenchmarksDoc}).
 *
 * <pre>
 * mvn -q -B -pl bench -am package -DskipTests &amp;&amp;
 *   java -cp bench/target/tickets-bench.jar dev.tiramisu.tickets.bench.EndToEndBench
 * </pre>
 *
 * <p>The emulator's Discord rate limits are off: Discord's per-channel and global limits would
 * make this measure the limiter (and JDA's waiting for it), not the bot. After every point the
 * guild's tickets are checked: numbers exactly 1..N for the N replies, the counter at N, every
 * ticket OPEN with its own thread, the thread the reply names, one emulator thread per ticket, no
 * FAILED rows, no spec violations. A difference, or any create that fails, stops the run with exit
 * code 1. A point also ends once its guild has 1000 tickets, Discord's limit of active threads
 * per guild. A last run of {@code --memory-tickets} creates (at most 1000) reports the JVM heap.
 *
 * <p>Options: {@code --seconds N} per point (default 4), {@code --warmup-seconds N} per point (1),
 * {@code --start-warmup-seconds N} per bot (5), {@code
 * --users 1,2,4,8}, {@code --validation on|off|both} (both), {@code --memory-tickets N} (1000, 0
 * for none), {@code --out FILE} ({@code -} for none), {@code --pg-url}, {@code --pg-user}, {@code
 * --pg-password} (or {@code PGPASSWORD}), {@code --pg-admin-db}, {@code --no-postgres}.
 */
public final class EndToEndBench {
  private static final Pattern THREAD_MENTION = Pattern.compile("<#(\\d+)>");
  /** What a user's reply says once the ticket is open ({@code ticket.opened.reply}). */
  private static final String OPENED = " is open: <#";
  private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);
  /**
   * Discord allows 1000 active threads per guild (error 160006 after that, which the bot reports
   * to the user as a failed create): a point stops at this many creates even before its time.
   */
  static final int MAX_CREATES_PER_GUILD = 1000;

  private final Options options;
  private final PrintStream out;
  private final AtomicInteger guildCount = new AtomicInteger();

  record Options(double seconds, double warmupSeconds, double startWarmupSeconds, List<Integer> users,
      List<Boolean> validation, int memoryTickets, SharedOptions shared) {

    static Options parse(String[] args) {
      final class Values {
        double seconds = 4;
        double warmup = 1;
        double startWarmup = 5;
        List<Integer> users = List.of(1, 2, 4, 8);
        List<Boolean> validation = List.of(true, false);
        int memoryTickets = 1000;
      }
      Values v = new Values();
      SharedOptions shared = SharedOptions.parse(args, (flag, value) -> {
        switch (flag) {
          case "--seconds" -> v.seconds = Double.parseDouble(value);
          case "--warmup-seconds" -> v.warmup = Double.parseDouble(value);
          case "--start-warmup-seconds" -> v.startWarmup = Double.parseDouble(value);
          case "--users" -> v.users = Arrays.stream(value.split(",")).map(String::strip)
              .map(Integer::valueOf).toList();
          case "--validation" -> v.validation = switch (value) {
            case "on" -> List.of(true);
            case "off" -> List.of(false);
            case "both" -> List.of(true, false);
            default -> throw new IllegalArgumentException("--validation on, off or both: " + value);
          };
          case "--memory-tickets" -> v.memoryTickets = Integer.parseInt(value);
          default -> {
            return false;
          }
        }
        return true;
      });
      return new Options(v.seconds, v.warmup, v.startWarmup, v.users, v.validation, v.memoryTickets, shared);
    }
  }

  record Point(String database, boolean validation, int users, long creates, double seconds,
      double p50Millis, double p99Millis, double requestsPerCreate) {
    double perSecond() {
      return creates / seconds;
    }
  }

  /** Heap used after a full GC at each step of the memory run, in bytes. */
  record Memory(int tickets, double seconds, long idle, long afterTickets, long botClosed,
      long emulatorClosed, long max) {}

  EndToEndBench(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("e2e bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    try {
      new EndToEndBench(options, System.out).run();
      System.exit(0); // JDA and the emulator leave non-daemon threads behind
    } catch (Throwable e) {
      System.err.println("e2e bench FAILED: " + e);
      e.printStackTrace(System.err);
      System.exit(1);
    }
  }

  void run() throws Exception {
    BenchmarksDoc.quietLogs();
    if (options.validation().contains(true) && EmulatorConfig.findSpec() == null) {
      throw new IllegalStateException("OpenAPI validation needs Discord's spec,"
          + " ../shared/discord-api/openapi.json from the working directory (or"
          + " -Dtickets.shared.dir=DIR); run from the repository root, or pass --validation off");
    }
    Instant started = Instant.now();
    String loadBefore = BenchmarksDoc.loadAverage().orElse(null);
    List<Point> points = new ArrayList<>();
    for (boolean validation : options.validation()) {
      try (Stack stack = Stack.sqlite(validation)) {
        points.addAll(measure(stack));
      }
      if (options.shared().postgres()) {
        try (Stack stack = Stack.postgres(options, validation)) {
          points.addAll(measure(stack));
        }
      }
    }
    Memory memory = options.memoryTickets() > 0 ? memoryRun() : null;
    String load = loadBefore == null ? null
        : loadBefore + " at the start, " + BenchmarksDoc.loadAverage().orElse("?") + " at the end";
    String report = report(started, points, memory, load);
    out.println();
    out.println(report);
    if (!options.shared().out().equals("-")) {
      BenchmarksDoc.writeSection(Path.of(options.shared().out()), "e2e", report);
      out.println("wrote the e2e section of " + options.shared().out());
    }
  }

  private List<Point> measure(Stack stack) throws Exception {
    // the JIT compiles the bot's, JDA's and the emulator's (with validation, the validator's) hot
    // paths: without this, the first points of a run measure a cold JVM
    runPoint(stack, 4, (long) (options.startWarmupSeconds() * 1e9));
    List<Point> points = new ArrayList<>();
    for (int users : options.users()) {
      // warm-up: same work in a guild of its own (JIT, pools, JDA's caches), also checked
      runPoint(stack, users, (long) (options.warmupSeconds() * 1e9));
      Point p = runPoint(stack, users, (long) (options.seconds() * 1e9));
      out.printf(Locale.ROOT,
          "%-10s validation %-3s %d users  %7.1f creates/s  p50 %6.2f ms  p99 %6.2f ms"
              + "  (%d creates, %.1f requests each)%n",
          p.database(), p.validation() ? "on" : "off", users, p.perSecond(), p.p50Millis(),
          p.p99Millis(), p.creates(), p.requestsPerCreate());
      points.add(p);
    }
    return points;
  }

  /**
   * {@code users} members of a fresh guild each create tickets back to back for {@code nanos};
   * then the guild's tickets are checked.
   */
  private Point runPoint(Stack stack, int users, long nanos) throws Exception {
    BenchGuild guild = newGuild(stack, users);
    int mark = stack.emu.requests().mark();
    List<Long> replyThreads = new ArrayList<>();
    long[] latencies;
    double seconds;
    ExecutorService pool = Executors.newFixedThreadPool(users);
    try {
      CountDownLatch ready = new CountDownLatch(users);
      CountDownLatch go = new CountDownLatch(1);
      AtomicLong deadline = new AtomicLong();
      AtomicInteger left = new AtomicInteger(MAX_CREATES_PER_GUILD);
      List<Future<Result>> workers = new ArrayList<>();
      for (int u = 0; u < users; u++) {
        String user = userName(u);
        workers.add(pool.submit(() -> {
          Result r = new Result();
          ready.countDown();
          go.await();
          long end = deadline.get();
          int n = 0;
          while (System.nanoTime() < end && left.getAndDecrement() > 0) {
            long t0 = System.nanoTime();
            MessageView reply = guild.g.as(user).slash(guild.general, "ticket create",
                Map.of("reason", "benchmark " + user + " " + ++n)).awaitReply();
            r.latencies.add(System.nanoTime() - t0);
            r.threads.add(threadOf(reply));
          }
          return r;
        }));
      }
      ready.await();
      long start = System.nanoTime();
      deadline.set(start + nanos);
      go.countDown();
      List<long[]> all = new ArrayList<>();
      for (Future<Result> f : workers) {
        Result r = f.get(nanos / 1_000_000 + 60_000, TimeUnit.MILLISECONDS);
        all.add(r.latencies.toArray());
        replyThreads.addAll(r.threads);
      }
      seconds = (System.nanoTime() - start) / 1e9;
      latencies = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    } finally {
      pool.shutdownNow();
    }
    int requests = stack.emu.requests().since(mark).size();
    check(stack, guild, replyThreads);
    return new Point(stack.database, stack.validation, users, latencies.length, seconds,
        BenchmarksDoc.percentileMillis(latencies, 0.50),
        BenchmarksDoc.percentileMillis(latencies, 0.99),
        latencies.length == 0 ? Double.NaN : requests / (double) latencies.length);
  }

  /** One worker's latencies (ns) and the thread ids its replies named. */
  private static final class Result {
    final Latencies latencies = new Latencies();
    final List<Long> threads = new ArrayList<>();
  }

  private static long threadOf(MessageView reply) {
    String text = reply.text();
    Matcher m = THREAD_MENTION.matcher(text);
    if (!text.contains(OPENED) || !m.find()) {
      // the reply is the bot's answer to the user, not user content: safe to show
      throw new IllegalStateException("the create was not answered with an open ticket: " + text);
    }
    return Long.parseLong(m.group(1));
  }

  /** A guild whose ticket_channel is set, with {@code users} members, known to the bot. */
  private record BenchGuild(TestGuild g, long general, long tickets) {}

  private BenchGuild newGuild(Stack stack, int users) {
    GuildBuilder b = stack.emu.guild("bench " + guildCount.incrementAndGet())
        .role("Admin", Permissions.ADMINISTRATOR)
        .role("Member", 0)
        .textChannel("tickets")
        .textChannel("general")
        .owner("admin")
        .member("admin", "Admin")
        .botPermissions(Permissions.TICKET_BOT);
    for (int u = 0; u < users; u++) {
      b.member(userName(u), "Member");
    }
    TestGuild g = b.build();
    long tickets = g.channel("tickets");
    stack.awaitBot("the bot sees guild " + g.id, () -> {
      var guild = stack.bot.shards().getGuildById(g.id);
      return guild != null && guild.getTextChannelById(tickets) != null;
    });
    long general = g.channel("general");
    MessageView reply = g.as("admin").slash(general, "setting set",
        Map.of("name", "ticket_channel", "value", "<#" + tickets + ">")).awaitReply();
    if (!reply.text().startsWith("`ticket_channel`")) {
      throw new IllegalStateException("setting ticket_channel failed: " + reply.text());
    }
    return new BenchGuild(g, general, tickets);
  }

  private static String userName(int u) {
    return "user" + (u + 1);
  }

  /**
   * The guild's tickets are exactly the replies: numbers 1..N, counter N, all OPEN with distinct
   * threads that the replies named, as many threads in the emulator, no spec violations.
   */
  private static void check(Stack stack, BenchGuild guild, List<Long> replyThreads)
      throws SQLException {
    int n = replyThreads.size();
    long guildId = guild.g.id;
    Set<Long> stored = new HashSet<>();
    try (Connection c = stack.bot.core().database().dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT number, state, thread_id FROM tickets WHERE guild_id = ? ORDER BY number")) {
      ps.setLong(1, guildId);
      try (ResultSet rs = ps.executeQuery()) {
        int expected = 1;
        while (rs.next()) {
          int number = rs.getInt(1);
          String state = rs.getString(2);
          long thread = rs.getLong(3);
          boolean hasThread = !rs.wasNull();
          if (number != expected++ || !state.equals("OPEN") || !hasThread
              || !stored.add(thread)) {
            throw new IllegalStateException("guild " + guildId + ": ticket #" + number + " is "
                + state + (hasThread ? " with thread " + thread : " without a thread")
                + " (expected #" + (expected - 1) + ", OPEN, a thread of its own)");
          }
        }
        if (expected - 1 != n) {
          throw new IllegalStateException("guild " + guildId + ": " + n + " replies but "
              + (expected - 1) + " tickets");
        }
      }
    }
    int counter = stack.bot.core().database().tickets().lastNumber(guildId).orElse(0);
    if (counter != n) {
      throw new IllegalStateException("guild " + guildId + ": counter at " + counter + " after "
          + n + " creates");
    }
    if (!stored.equals(new HashSet<>(replyThreads))) {
      throw new IllegalStateException("guild " + guildId + ": the replies name other threads"
          + " than the stored tickets");
    }
    long emulatorThreads = guild.g.threads().stream()
        .filter(t -> t.parentId() == guild.tickets()).count();
    if (emulatorThreads != n) {
      throw new IllegalStateException("guild " + guildId + ": " + emulatorThreads
          + " threads in the ticket channel for " + n + " tickets");
    }
    List<String> violations = stack.emu.specViolations();
    if (!violations.isEmpty()) {
      throw new IllegalStateException(violations.size() + " OpenAPI violations, first: "
          + violations.get(0));
    }
  }

  /**
   * A fresh SQLite stack with validation on, warmed up in a guild of its own, then {@code
   * --memory-tickets} creates by 4 users in another, and the heap used after a full GC: before
   * them, after them, after closing the bot (the emulator's records of every request, thread and
   * message remain), after closing the emulator.
   */
  private Memory memoryRun() throws Exception {
    int tickets = Math.min(options.memoryTickets(), MAX_CREATES_PER_GUILD);
    int users = 4;
    MemoryMXBean heap = ManagementFactory.getMemoryMXBean();
    long idle;
    long afterTickets;
    long botClosed;
    double seconds;
    Stack stack = Stack.sqlite(options.validation().contains(true));
    try {
      runPoint(stack, users, (long) (options.startWarmupSeconds() * 1e9));
      BenchGuild guild = newGuild(stack, users);
      idle = usedAfterGc(heap);
      AtomicInteger left = new AtomicInteger(tickets);
      List<Long> replyThreads = new ArrayList<>();
      ExecutorService pool = Executors.newFixedThreadPool(users);
      long start = System.nanoTime();
      try {
        List<Future<List<Long>>> workers = new ArrayList<>();
        for (int u = 0; u < users; u++) {
          String user = userName(u);
          workers.add(pool.submit(() -> {
            List<Long> threads = new ArrayList<>();
            while (left.getAndDecrement() > 0) {
              threads.add(threadOf(guild.g.as(user).slash(guild.general, "ticket create",
                  Map.of("reason", "memory " + user + " " + threads.size())).awaitReply()));
            }
            return threads;
          }));
        }
        for (Future<List<Long>> f : workers) {
          replyThreads.addAll(f.get(10, TimeUnit.MINUTES));
        }
      } finally {
        pool.shutdownNow();
      }
      seconds = (System.nanoTime() - start) / 1e9;
      check(stack, guild, replyThreads);
      afterTickets = usedAfterGc(heap);
      stack.closeBot();
      botClosed = usedAfterGc(heap);
    } finally {
      stack.close();
    }
    long emulatorClosed = usedAfterGc(heap);
    Memory m = new Memory(tickets, seconds, idle, afterTickets, botClosed, emulatorClosed,
        heap.getHeapMemoryUsage().getMax());
    out.printf(Locale.ROOT, "memory: %d tickets in %.1f s; heap used after GC: idle %s, after"
            + " the tickets %s, bot closed %s, emulator closed %s%n", tickets, seconds,
        mib(m.idle()), mib(m.afterTickets()), mib(m.botClosed()), mib(m.emulatorClosed()));
    return m;
  }

  private static long usedAfterGc(MemoryMXBean heap) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return heap.getHeapMemoryUsage().getUsed();
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }

  /** The bot logs at WARN (INFO is a line per ticket); JDA and the emulator too. */
  // --- report ---

  private String report(Instant started, List<Point> points, Memory memory, String load) {
    StringBuilder md = new StringBuilder();
    md.append("## End to end: ticket creates through the emulator\n\n");
    md.append("Generated by `bench/` (`EndToEndBench`) on ")
        .append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .format(started.atOffset(ZoneOffset.UTC)))
        .append(". Rerun from the repository root (about two minutes; rewrites this section"
            + " only):\n\n");
    md.append("```sh\nmvn -q -B -pl bench -am package -DskipTests && java -cp"
        + " bench/target/tickets-bench.jar dev.tiramisu.tickets.bench.EndToEndBench\n```\n\n");
    md.append("Options: `--seconds N` per point, `--warmup-seconds N` per point,"
        + " `--start-warmup-seconds N` per bot, `--users 1,2,4,8`,"
        + " `--validation on|off|both`, `--memory-tickets N` (0: no memory run), `--out FILE`"
        + " (`-` for none), `--pg-url`, `--pg-user`, `--pg-password` (or `PGPASSWORD`),"
        + " `--no-postgres`. OpenAPI validation needs `../shared/discord-api/openapi.json`"
        + " (or `-Dtickets.shared.dir=DIR`).\n\n");

    md.append("### Machine\n\n| | |\n|---|---|\n");
    md.append(BenchmarksDoc.machineRows());
    md.append("| JVM heap | max ").append(mib(Runtime.getRuntime().maxMemory()))
        .append(", ").append(ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(b -> b.getName()).reduce((a, b) -> a + ", " + b).orElse("?"))
        .append(" |\n");
    if (load != null) {
      md.append("| Load average (1 min) | ").append(load)
          .append(" — anything above 0 is other work sharing the cores |\n");
    }
    md.append('\n');

    md.append("### Method\n\n");
    md.append("- One JVM runs the emulator (`dev.tiramisu.discordemu.Emulator`), the real bot"
        + " (`Bot.start`: JDA over HTTP and WebSocket on 127.0.0.1, the bot's 4 handler threads,"
        + " its database pool of " + DatabaseConfig.DEFAULT_POOL_SIZE + ") and the simulated"
        + " users; bot, JDA and emulator log at WARN.\n");
    md.append("- **The emulator's Discord rate limits are off** (`withRateLimits(false)`): with"
        + " them, Discord's per-channel and global limits would be what is measured (JDA waits"
        + " for its buckets), not the bot. Real Discord will cap a busy guild well below these"
        + " figures.\n");
    md.append("- OpenAPI validation (the emulator checks every request and response against"
        + " Discord's spec) is measured off and on. It is the emulator's cost, not the bot's, and"
        + " it dominates (see the results), so the figures with it off are the bot's; the run"
        + " with it on still proves the bot's requests valid at every point.\n");
    md.append("- Each point: a fresh guild with `ticket_channel` set through `/setting set`,"
        + " N members (1, 2, 4, 8) each running `/ticket create reason:...` through the driver"
        + " (`TestGuild.as(user).slash(...)`, then `InteractionHandle.awaitReply()`) back to"
        + " back; ")
        .append(String.format(Locale.ROOT, "%.1f s warm-up in another guild, then %.1f s"
            + " measured (and, once per bot, %.1f s with 4 users before the first point, so that"
            + " no point measures a cold JVM)", options.warmupSeconds(), options.seconds(),
            options.startWarmupSeconds()))
        .append(String.format(Locale.ROOT, ", or until the guild has %d tickets (Discord's"
            + " limit of active threads per guild: the next create fails with 160006)",
            MAX_CREATES_PER_GUILD))
        .append(". The time is from creating the interaction to the user seeing the reply"
            + " (defer, number allocation, thread, member, first message, pin, attach, reply)."
            + " Requests per create: the REST requests the emulator received during the point,"
            + " divided by the creates.\n");
    md.append("- Checked after every point (and the warm-up): the guild's numbers are exactly"
        + " 1..N for the N replies, its counter is N, every ticket is OPEN with a thread of its"
        + " own and that thread is the one its reply names, the ticket channel has N threads,"
        + " no FAILED rows, no spec violations. A mismatch or a failed create stops the run.\n");
    md.append("- SQLite: a file in the temporary directory; PostgreSQL: a scratch database"
        + " `tickets_e2e_<random>` on the same machine, dropped at the end. Everything shares"
        + " the same cores, so the figures are relative.\n\n");

    md.append("### Results\n\n");
    md.append("| database | OpenAPI validation | users | creates/s | p50 ms | p99 ms | creates"
        + " | requests per create |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
    points.stream()
        .sorted(Comparator.comparing(Point::validation)
            .thenComparing(p -> !p.database().equals("SQLite")).thenComparingInt(Point::users))
        .forEach(p -> md.append(String.format(Locale.ROOT,
            "| %s | %s | %d | %.1f | %.2f | %.2f | %d | %.1f |%n", p.database(),
            p.validation() ? "on" : "off", p.users(), p.perSecond(), p.p50Millis(),
            p.p99Millis(), p.creates(), p.requestsPerCreate())));
    md.append('\n');

    if (memory != null) {
      md.append("### Memory\n\n");
      md.append(String.format(Locale.ROOT, "A fresh SQLite bot and emulator (validation %s),"
              + " warmed up in a guild of their own, then %d tickets created by 4 users in another"
              + " guild (%.1f s); the heap used after `System.gc()` (max heap %s):%n%n", options.validation().contains(true) ? "on" : "off",
          memory.tickets(), memory.seconds(), mib(memory.max())));
      md.append("| after | heap used |\n|---|---:|\n");
      md.append("| warm-up, guild configured (bot + emulator + JVM) | ")
          .append(mib(memory.idle())).append(" |\n");
      md.append("| ").append(memory.tickets()).append(" tickets | ")
          .append(mib(memory.afterTickets())).append(" |\n");
      md.append("| the bot closed (the emulator keeps its records) | ")
          .append(mib(memory.botClosed())).append(" |\n");
      md.append("| the emulator closed | ").append(mib(memory.emulatorClosed())).append(" |\n\n");
      md.append(String.format(Locale.ROOT, "The %d tickets grew the heap by %s (bot and"
              + " emulator together). Closing the bot freed %s: the bot's whole heap at that"
              + " point (JDA with its cache of the guild and the %d threads, the database pool,"
              + " the services). Closing the emulator freed %s (its records of every request,"
              + " thread and message). For a large deployment the bot's heap is dominated by"
              + " JDA's cache of every guild, channel, thread and member it sees, which this run"
              + " (one guild) does not show.%n%n", memory.tickets(),
          mib(memory.afterTickets() - memory.idle()),
          mib(memory.afterTickets() - memory.botClosed()), memory.tickets(),
          mib(memory.botClosed() - memory.emulatorClosed())));
    }
    return md.toString();
  }

  // --- the emulator and the bot ---

  /** One emulator and one bot on one database, closed together. */
  private static final class Stack implements AutoCloseable {
    final String database;
    final boolean validation;
    final Emulator emu;
    private final Runnable dropDatabase;
    private final JdaWaiter waiter = new JdaWaiter();
    Bot bot;

    private Stack(String database, boolean validation, DatabaseConfig db, Runnable dropDatabase) {
      this.database = database;
      this.validation = validation;
      this.dropDatabase = dropDatabase;
      EmulatorConfig config = EmulatorConfig.defaults().withRateLimits(false);
      if (!validation) {
        config = config.withOpenApiSpec(null, false);
      }
      emu = Emulator.start(config);
      try {
        bot = Bot.start(new BotConfig(null, db, null, 0, "WARN"), emu.botToken(),
            new DiscordEndpoint(emu.restUrl(), emu.gatewayUrl()), Clock.systemUTC());
        bot.shards().addEventListener(waiter);
      } catch (RuntimeException e) {
        emu.close();
        dropDatabase.run();
        throw e;
      }
    }

    static Stack sqlite(boolean validation) throws IOException {
      Path dir = Files.createTempDirectory("tickets-e2e");
      return new Stack("SQLite", validation,
          new DatabaseConfig(DatabaseConfig.SQLITE_PREFIX + dir.resolve("tickets.db"), null,
              null, DatabaseConfig.DEFAULT_POOL_SIZE),
          () -> deleteTree(dir));
    }

    static Stack postgres(Options o, boolean validation) throws SQLException {
      String name = "tickets_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      admin(o, "CREATE DATABASE " + name);
      return new Stack("PostgreSQL", validation,
          new DatabaseConfig(o.shared().pgUrl() + name, o.shared().pgUser(), o.shared().pgPassword(),
              DatabaseConfig.DEFAULT_POOL_SIZE),
          () -> {
            try {
              admin(o, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
              throw new IllegalStateException("could not drop " + name, e);
            }
          });
    }

    void awaitBot(String description, BooleanSupplier condition) {
      waiter.await(description, SETUP_TIMEOUT, condition);
    }

    void closeBot() {
      if (bot != null) {
        bot.close();
        bot = null;
      }
    }

    @Override
    public void close() {
      try {
        closeBot();
      } finally {
        try {
          emu.close();
        } finally {
          dropDatabase.run();
        }
      }
    }
  }

  /** Wakes waiters on every JDA event, so set-up waits without polling. */
  private static final class JdaWaiter implements EventListener {
    @Override
    public synchronized void onEvent(GenericEvent event) {
      notifyAll();
    }

    synchronized void await(String description, Duration timeout, BooleanSupplier condition) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!condition.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException("timed out waiting for " + description);
        }
        try {
          wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted waiting for " + description);
        }
      }
    }
  }

  /** A growable array of latencies in nanoseconds, one per worker thread. */
  private static final class Latencies {
    private long[] values = new long[256];
    private int size;

    void add(long v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    long[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }

  private static void admin(Options o, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(o.shared().pgUrl() + o.shared().pgAdminDb(), o.shared().pgUser(),
            o.shared().pgPassword());
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not delete " + dir, e);
    }
  }
}
