package dev.tiramisu.tickets.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The bot in its own JVM, as it runs in production: {@code java -cp tickets-bot.jar
 * dev.tiramisu.tickets.app.Main} with {@code DISCORD_TOKEN}, {@code DISCORD_REST_URL}, {@code
 * DISCORD_GATEWAY_URL} and {@code DATABASE_URL}, its production logging (INFO, stderr). Its output
 * goes to a log file; {@link #awaitReady} waits for Main's {@code ready: N shards connected} line
 * (read from the pipe, woken per line, no polling).
 */
final class ForkedBot implements AutoCloseable {
  private static final Pattern READY = Pattern.compile(" - ready: \\d+ shards connected$");
  /** Variables the bot reads that must not leak in from the benchmark's environment. */
  private static final List<String> BOT_VARIABLES = List.of("DISCORD_TOKEN", "DISCORD_TOKEN_FILE",
      "DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD", "DATABASE_POOL_SIZE", "DEV_GUILD_ID",
      "SANDBOX_PORT", "LOG_LEVEL", "SHARD_COUNT", "SHARD_IDS", "DISCORD_REST_URL",
      "DISCORD_GATEWAY_URL", "STARTUP_TIMEOUT", "EFFECT_LEASE_TTL", "METRICS_PORT", "METRICS_BIND",
      "DISCORD_GLOBAL_RATE_LIMIT", "MESSAGE_CONTENT_INTENT");

  private final Process process;
  private final Path log;
  private final Thread reader;
  private final Deque<String> tail = new ArrayDeque<>();
  private boolean ready;
  private boolean ended;

  private ForkedBot(Process process, Path log, Writer out) {
    this.process = process;
    this.log = log;
    this.reader = new Thread(() -> copy(out), "forked-bot-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts the bot against the Discord at {@code restUrl}/{@code gatewayUrl} on the SQLite file
   * {@code database}; its output goes to {@code log}.
   */
  static ForkedBot start(String restUrl, String gatewayUrl, String token, Path database, Path log,
      Map<String, String> env) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String opts = System.getenv("BENCH_BOT_JAVA_OPTS");
    if (opts != null && !opts.isBlank()) {
      command.addAll(List.of(opts.trim().split("\\s+")));
    }
    command.add("-cp");
    command.add(botClassPath());
    command.add("dev.tiramisu.tickets.app.Main");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> vars = pb.environment();
    BOT_VARIABLES.forEach(vars::remove);
    vars.put("DISCORD_TOKEN", token);
    vars.put("DISCORD_REST_URL", restUrl);
    vars.put("DISCORD_GATEWAY_URL", gatewayUrl);
    vars.put("DATABASE_URL", "jdbc:sqlite:" + database);
    vars.put("LOG_LEVEL", "INFO");
    vars.putAll(env);
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
      try {
        return new ForkedBot(pb.start(), log, out);
      } catch (IOException | RuntimeException e) {
        out.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the bot process", e);
    }
  }

  /**
   * The bot's shaded jar (it holds every library the bot uses), as production runs it; the whole
   * class path of this JVM when the bot's classes are not in a jar.
   */
  static String botClassPath() {
    try {
      var source = dev.tiramisu.tickets.app.Main.class.getProtectionDomain().getCodeSource();
      if (source != null) {
        Path p = Path.of(source.getLocation().toURI());
        if (Files.isRegularFile(p)) {
          return p.toString();
        }
      }
    } catch (URISyntaxException | RuntimeException e) {
      // fall through to the class path
    }
    return System.getProperty("java.class.path");
  }

  private void copy(Writer out) {
    try (out; BufferedReader in = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        out.write(line);
        out.write('\n');
        out.flush();
        boolean isReady = READY.matcher(line).find();
        synchronized (this) {
          tail.addLast(line);
          if (tail.size() > 30) {
            tail.removeFirst();
          }
          if (isReady) {
            ready = true;
            notifyAll();
          }
        }
      }
    } catch (IOException e) {
      // the process is gone
    } finally {
      synchronized (this) {
        ended = true;
        notifyAll();
      }
    }
  }

  /** CPU time the bot's process used so far (user and system, all threads); zero if unknown. */
  java.time.Duration cpu() {
    return process.toHandle().info().totalCpuDuration().orElse(java.time.Duration.ZERO);
  }

  /** Waits for Main's ready line; fails if the process ends first or after {@code timeout}. */
  synchronized void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!ready) {
      if (ended) {
        throw new IllegalStateException("the bot process ended before it was ready" + describe());
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException("the bot process was not ready within "
            + timeout.toSeconds() + " s" + describe());
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /** The log file and its last lines, for an error message. */
  synchronized String describe() {
    return "; its output is in " + log.toAbsolutePath() + ", last lines:\n  "
        + String.join("\n  ", tail);
  }

  /** The lines the bot logged at WARN or ERROR (it logs 429 bursts at WARN, once per burst). */
  List<String> warnings() {
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
          .filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long pid() {
    return process.pid();
  }

  /** SIGTERM, then (after 30 s) SIGKILL; waits for the exit. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
      }
      reader.join(5_000);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
