package dev.tiramisu.tickets.bench;

import dev.tiramisu.tickets.config.DatabaseConfig;
import dev.tiramisu.tickets.settings.SettingKey;
import dev.tiramisu.tickets.settings.SettingValue;
import dev.tiramisu.tickets.storage.Database;
import dev.tiramisu.tickets.ticket.OpenedTicket;
import dev.tiramisu.tickets.ticket.TicketService;
import dev.tiramisu.tickets.ticket.TicketStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Storage throughput of the bot on SQLite and PostgreSQL: number allocations and ticket opens per
 * second with 1, 2, 4 and 8 threads. Prints a table and writes its section of {@code
 * docs/benchmarks.md} (see {@link BenchmarksDoc}).
 *
 * <pre>
 * mvn -q -B -pl bench -am package -DskipTests &amp;&amp; java -jar bench/target/tickets-bench.jar
 * </pre>
 *
 * Options: {@code --seconds N} per point (default 3), {@code --warmup-ms N} (500), {@code
 * --threads 1,2,4,8}, {@code --out docs/benchmarks.md} ({@code -} for none), {@code --pg-url
 * jdbc:postgresql://127.0.0.1:5432/} (server, no database), {@code --pg-user postgres}, {@code
 * --pg-password}, {@code --pg-admin-db postgres}, {@code --no-postgres}. A scratch database {@code
 * tickets_bench_<random>} is created on the server and dropped at the end.
 *
 * <p>After every point the guild's ticket numbers are checked to be exactly 1..N for the N
 * operations that returned, with the counter at N (and, for opens, every ticket attached to its
 * thread); any difference, or any failed operation, stops the run with exit code 1.
 */
public final class Bench {
  private static final long USER = 800_000_000_000_000_001L;
  private static final long CHANNEL = 700_000_000_000_000_001L;

  private final Options options;
  private final PrintStream out;
  /** Each point and warm-up gets a guild of its own, so its numbers start at 1. */
  private final AtomicLong nextGuild = new AtomicLong(900_000_000_000_000_001L);
  /** Fake Discord ids for attached threads and their first messages. */
  private final AtomicLong nextSnowflake = new AtomicLong(1_000_000_000_000_000_000L);

  record Options(double seconds, long warmupMillis, List<Integer> threads, SharedOptions shared) {

    static Options parse(String[] args) {
      final class Values {
        double seconds = 3;
        long warmup = 500;
        List<Integer> threads = List.of(1, 2, 4, 8);
      }
      Values v = new Values();
      SharedOptions shared = SharedOptions.parse(args, (flag, value) -> {
        switch (flag) {
          case "--seconds" -> v.seconds = Double.parseDouble(value);
          case "--warmup-ms" -> v.warmup = Long.parseLong(value);
          case "--threads" -> v.threads = Arrays.stream(value.split(",")).map(String::strip)
              .map(Integer::valueOf).toList();
          default -> {
            return false;
          }
        }
        return true;
      });
      return new Options(v.seconds, v.warmup, v.threads, shared);
    }
  }

  /** What one point measures. */
  enum Workload {
    ALLOCATE("number allocations/s"),
    OPEN("ticket opens/s");

    final String label;

    Workload(String label) {
      this.label = label;
    }
  }

  record Point(String database, Workload workload, int threads, long ops, double seconds,
      double p50Millis, double p99Millis) {
    double perSecond() {
      return ops / seconds;
    }
  }

  Bench(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    try {
      new Bench(options, System.out).run();
    } catch (Exception e) {
      System.err.println("bench FAILED: " + e);
      e.printStackTrace(System.err);
      System.exit(1);
    }
  }

  void run() throws Exception {
    Instant started = Instant.now();
    String loadBefore = BenchmarksDoc.loadAverage().orElse(null);
    List<Point> points = new ArrayList<>();
    String pgVersion = "not measured (--no-postgres)";
    Path dir = Files.createTempDirectory("tickets-bench");
    int pool = options.threads().stream().max(Integer::compare).orElse(1);
    try {
      DatabaseConfig sqlite = new DatabaseConfig(
          DatabaseConfig.SQLITE_PREFIX + dir.resolve("tickets.db"), null, null, pool);
      try (Database db = Database.start(sqlite)) {
        points.addAll(measure("SQLite", db));
      }
      if (options.shared().postgres()) {
        String name = "tickets_bench_"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE DATABASE " + name);
        try {
          DatabaseConfig pg = new DatabaseConfig(options.shared().pgUrl() + name, options.shared().pgUser(),
              options.shared().pgPassword(), pool);
          try (Database db = Database.start(pg)) {
            pgVersion = serverVersion(db);
            points.addAll(measure("PostgreSQL", db));
          }
        } finally {
          admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
      }
    } finally {
      deleteTree(dir);
    }
    String sqliteVersion = sqliteVersion();
    String load = loadBefore == null ? null
        : loadBefore + " at the start, " + BenchmarksDoc.loadAverage().orElse("?") + " at the end";
    String report = report(started, points, pgVersion, sqliteVersion, load);
    out.println();
    out.println(report);
    if (!options.shared().out().equals("-")) {
      BenchmarksDoc.writeSection(Path.of(options.shared().out()), "storage", report);
      out.println("wrote the storage section of " + options.shared().out());
    }
  }

  private List<Point> measure(String database, Database db) throws Exception {
    List<Point> points = new ArrayList<>();
    TicketService service = new TicketService(db.tickets(), db.settings(), Clock.systemUTC());
    for (Workload w : Workload.values()) {
      for (int threads : options.threads()) {
        settle(db);
        // warm-up: same work on a guild of its own, long enough for the JIT and the pool
        runPoint(database, db, service, w, threads, options.warmupMillis() * 1_000_000L);
        Point p = runPoint(database, db, service, w, threads,
            (long) (options.seconds() * 1_000_000_000L));
        out.printf(Locale.ROOT, "%-10s %-22s %2d threads  %9.0f/s  p50 %6.2f ms  p99 %6.2f ms%n",
            database, w.label, threads, p.perSecond(), p.p50Millis(), p.p99Millis());
        points.add(p);
      }
    }
    return points;
  }

  /** Runs {@code threads} workers on a fresh guild for {@code nanos}, then checks the numbers. */
  private Point runPoint(String database, Database db, TicketService service, Workload w,
      int threads, long nanos) throws Exception {
    long guild = nextGuild.getAndIncrement();
    if (w == Workload.OPEN) {
      db.settings().put(guild, SettingKey.TICKET_CHANNEL, new SettingValue.Snowflake(CHANNEL),
          Instant.now());
      // each worker is one member opening ticket after ticket: no per-member limit (so the
      // per-member lock of the limits is not part of this measurement)
      db.settings().put(guild, SettingKey.MAX_OPEN_PER_USER, new SettingValue.Count(0),
          Instant.now());
    }
    TicketStore tickets = db.tickets();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch go = new CountDownLatch(1);
      AtomicLong deadline = new AtomicLong();
      List<Future<long[]>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long creator = USER + t;
        workers.add(pool.submit(() -> {
          Latencies latencies = new Latencies();
          ready.countDown();
          go.await();
          long end = deadline.get();
          while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            if (w == Workload.ALLOCATE) {
              tickets.create(guild, creator, null, Instant.now());
            } else {
              OpenedTicket opened = service.open(guild, creator, "benchmark").value();
              long thread = nextSnowflake.getAndIncrement();
              if (!service.attachThread(opened.ticket().id(), thread, thread + 1)) {
                throw new IllegalStateException("ticket " + opened.ticket().id()
                    + " was not attached");
              }
            }
            latencies.add(System.nanoTime() - t0);
          }
          return latencies.toArray();
        }));
      }
      ready.await();
      long start = System.nanoTime();
      deadline.set(start + nanos);
      go.countDown();
      List<long[]> all = new ArrayList<>();
      for (Future<long[]> f : workers) {
        all.add(f.get(nanos / 1_000_000 + 60_000, TimeUnit.MILLISECONDS));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
      check(db, guild, merged.length, w == Workload.OPEN);
      return new Point(database, w, threads, merged.length, seconds,
          BenchmarksDoc.percentileMillis(merged, 0.50),
          BenchmarksDoc.percentileMillis(merged, 0.99));
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Brings the database to a steady state before a point: on PostgreSQL {@code CHECKPOINT}
   * (skipped for users not allowed to), so that a checkpoint caused by earlier points does not
   * land in this one; on SQLite a truncating WAL checkpoint. No {@code ANALYZE}: the bot must not
   * depend on fresh statistics (it did before schema V4, see docs/benchmarks.md), so the tables
   * have whatever statistics autovacuum gave them.
   */
  private static void settle(Database db) throws SQLException {
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      if (db.dialect() == Database.Dialect.SQLITE) {
        s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      } else {
        try {
          s.execute("CHECKPOINT");
        } catch (SQLException notAllowed) {
          // needs superuser or pg_checkpoint; the figures are just noisier without it
        }
      }
    }
  }

  /** The guild's numbers must be exactly 1..n, its counter n, and (opens) all attached. */
  private static void check(Database db, long guild, long n, boolean attached)
      throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT count(*), count(DISTINCT number), min(number), max(number),"
                + " count(thread_id) FROM tickets WHERE guild_id = ?")) {
      ps.setLong(1, guild);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long rows = rs.getLong(1);
        long distinct = rs.getLong(2);
        long min = rs.getLong(3);
        long max = rs.getLong(4);
        long withThread = rs.getLong(5);
        boolean ok = rows == n && distinct == n && (n == 0 || (min == 1 && max == n))
            && (!attached || withThread == n);
        if (!ok) {
          throw new IllegalStateException("guild " + guild + ": " + n + " operations returned"
              + " but the table has " + rows + " rows, " + distinct + " distinct numbers from "
              + min + " to " + max + ", " + withThread + " with a thread");
        }
      }
    }
    int counter = db.tickets().lastNumber(guild).orElse(0);
    if (counter != n) {
      throw new IllegalStateException("guild " + guild + ": counter at " + counter + " after "
          + n + " allocations");
    }
  }

  /** A growable array of latencies in nanoseconds, one per worker thread. */
  private static final class Latencies {
    private long[] values = new long[1024];
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

  // --- report ---

  private String report(Instant started, List<Point> points, String pgVersion,
      String sqliteVersion, String load) {
    StringBuilder md = new StringBuilder();
    md.append("## Storage throughput (no Discord)\n\n");
    md.append("Generated by `bench/` (`Bench`) on ")
        .append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .format(started.atOffset(ZoneOffset.UTC)))
        .append(". Rerun from the repository root (about a minute; rewrites this section"
            + " only):\n\n");
    md.append("```sh\nmvn -q -B -pl bench -am package -DskipTests"
        + " && java -jar bench/target/tickets-bench.jar\n```\n\n");
    md.append("Options: `--seconds N` per point, `--warmup-ms N`, `--threads 1,2,4,8`,"
        + " `--out FILE` (`-` for none), `--pg-url jdbc:postgresql://HOST:PORT/`, `--pg-user`,"
        + " `--pg-password` (or `PGPASSWORD`), `--no-postgres`. PostgreSQL runs in a scratch"
        + " database `tickets_bench_<random>`, dropped at the end.\n\n");

    md.append("### Machine\n\n| | |\n|---|---|\n");
    md.append(BenchmarksDoc.machineRows());
    md.append("| PostgreSQL | ").append(pgVersion)
        .append(options.shared().postgres() ? ", on " + hostOf(options.shared().pgUrl()) : "").append(" |\n");
    md.append("| SQLite | ").append(sqliteVersion)
        .append(", a file in the temporary directory (WAL, synchronous=NORMAL) |\n");
    if (load != null) {
      md.append("| Load average (1 min) | ").append(load)
          .append(" — anything above 0 is other work sharing the cores |\n");
    }
    md.append('\n');

    md.append("### Method\n\n");
    md.append("- **number allocations/s**: `TicketStore.create` — the counter upsert and the"
        + " ticket insert in one transaction, which is what allocating a number costs.\n");
    md.append("- **ticket opens/s**: `TicketService.open` (settings read + allocation and insert)"
        + " followed by `TicketService.attachThread`: everything an open does to the database.\n");
    md.append("- Each point: PostgreSQL `CHECKPOINT` if permitted, SQLite"
        + " `wal_checkpoint(TRUNCATE)`, so earlier points' writes are not flushed during this"
        + " one (no `ANALYZE`: statistics are whatever autovacuum made them, as in a running"
        + " bot); a fresh guild, all threads on that one guild (the worst case: they contend for"
        + " one counter row), ").append(options.warmupMillis())
        .append(" ms warm-up on another guild, then ")
        .append(String.format(Locale.ROOT, "%.1f", options.seconds()))
        .append(" s measured; pool size = the largest thread count. Latency is per operation,"
            + " as one thread sees it.\n");
    md.append("- Checked after every point: the guild's numbers are exactly 1..N for the N"
        + " operations that returned, its counter is N, and (opens) every ticket has its"
        + " thread. A mismatch or any failed operation stops the run.\n");
    md.append("- The databases run on the same machine as the benchmark and share its cores;"
        + " treat the figures as relative, not as capacity planning for another machine.\n\n");

    md.append("### Results\n\n");
    md.append("| database | operation | threads | per second | p50 ms | p99 ms | operations |\n");
    md.append("|---|---|---:|---:|---:|---:|---:|\n");
    points.stream()
        .sorted(Comparator.comparing(Point::workload).thenComparing(Point::database)
            .thenComparingInt(Point::threads))
        .forEach(p -> md.append(String.format(Locale.ROOT,
            "| %s | %s | %d | %.0f | %.2f | %.2f | %d |%n", p.database(), p.workload().label,
            p.threads(), p.perSecond(), p.p50Millis(), p.p99Millis(), p.ops())));
    md.append('\n');
    return md.toString();
  }

  private static String hostOf(String url) {
    String rest = url.substring(url.indexOf("//") + 2);
    int slash = rest.indexOf('/');
    String host = slash < 0 ? rest : rest.substring(0, slash);
    int at = host.indexOf('@');
    return at < 0 ? host : host.substring(at + 1);
  }

  private static String serverVersion(Database db) throws SQLException {
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW server_version")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static String sqliteVersion() {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT sqlite_version()")) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      return "unknown";
    }
  }

  private void admin(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(options.shared().pgUrl() + options.shared().pgAdminDb(),
            options.shared().pgUser(), options.shared().pgPassword());
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
