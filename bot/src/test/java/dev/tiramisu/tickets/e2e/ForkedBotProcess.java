package dev.tiramisu.tickets.e2e;

import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.tickets.config.DatabaseConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The bot as a separate JVM, the way it runs in production ({@code java ... Main}), against an
 * emulator of the test: for crash tests that kill it with SIGKILL and start another process on the
 * same database.
 *
 * <p>The child runs {@code dev.tiramisu.tickets.app.Main} on this JVM's classpath with {@code
 * DISCORD_TOKEN}, {@code DISCORD_REST_URL} and {@code DISCORD_GATEWAY_URL} pointing at the
 * emulator, {@code DATABASE_URL} (and user/password) for the given database, {@code
 * LOG_LEVEL=INFO} and the production {@code logback.xml}, plus the caller's variables and
 * arguments (which win). Every other variable the
 * bot reads is removed from the inherited environment. Its stdout and stderr go to {@link #log()}
 * under {@code target/bot-processes/}; assertion messages name that file.
 *
 * <p>Waits are on the child's output and exit, never sleeps: a reader thread copies the output to
 * the file and wakes {@link #awaitReady} when Main logs {@code ready: N shards connected} (after
 * every shard received its guilds, the commands were registered and the shutdown hook is in
 * place) or when the output ends (the process died).
 */
final class ForkedBotProcess implements AutoCloseable {
  /** Main's line once the bot serves (see {@code Main.runUntilStopped}). */
  static final Pattern READY = Pattern.compile(" - ready: \\d+ shards connected$");
  /** Variables of {@code BotConfig} that must not leak in from the test JVM's environment. */
  private static final List<String> BOT_VARIABLES = List.of("DISCORD_TOKEN",
      "DISCORD_TOKEN_FILE", "DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD",
      "DATABASE_POOL_SIZE", "DEV_GUILD_ID", "SANDBOX_PORT", "LOG_LEVEL", "SHARD_COUNT",
      "SHARD_IDS", "DISCORD_REST_URL", "DISCORD_GATEWAY_URL", "STARTUP_TIMEOUT",
      "EFFECT_LEASE_TTL", "METRICS_PORT", "METRICS_BIND");
  private static final Path LOG_DIR = Path.of("target", "bot-processes");
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final int TAIL_LINES = 40;
  private static final Duration EXIT_WAIT = Duration.ofSeconds(30);

  private final String name;
  private final Process process;
  private final Path log;
  private final Thread reader;
  private final Deque<String> tail = new ArrayDeque<>();
  private boolean ready;
  private boolean outputEnded;

  private ForkedBotProcess(String name, Process process, Path log, Writer out) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.reader = new Thread(() -> copyOutput(out), "bot-process-" + name + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code java -cp <this classpath> dev.tiramisu.tickets.app.Main [args]}.
   *
   * @param name names the process in messages and its log file
   * @param env more variables for the child (they override the defaults above)
   */
  static ForkedBotProcess start(String name, Emulator emu, DatabaseConfig database,
      Map<String, String> env, String... args) {
    return start(name, emu.restUrl(), emu.gatewayUrl(), emu.botToken(), database, env, args);
  }

  /**
   * As above, against the Discord at {@code restUrl} and {@code gatewayUrl} with {@code token}
   * (e.g. a standalone emulator in its own process).
   */
  static ForkedBotProcess start(String name, String restUrl, String gatewayUrl, String token,
      DatabaseConfig database, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    // the production logging (logback.xml: stderr, JDA capped), not the tests' logback-test.xml
    command.add("-Dlogback.configurationFile=logback.xml");
    command.add("dev.tiramisu.tickets.app.Main");
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> childEnv = pb.environment();
    BOT_VARIABLES.forEach(childEnv::remove);
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("DISCORD_TOKEN", token);
    vars.put("DISCORD_REST_URL", restUrl);
    vars.put("DISCORD_GATEWAY_URL", gatewayUrl);
    vars.put("DATABASE_URL", database.url());
    if (database.user() != null) {
      vars.put("DATABASE_USER", database.user());
    }
    if (database.password() != null) {
      vars.put("DATABASE_PASSWORD", database.password());
    }
    vars.put("LOG_LEVEL", "INFO");
    vars.putAll(env);
    childEnv.putAll(vars);
    try {
      Files.createDirectories(LOG_DIR);
      Path log = LOG_DIR.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + "-"
          + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet() + ".log");
      Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
      Process process;
      try {
        process = pb.start();
      } catch (IOException | RuntimeException e) {
        out.close();
        throw e;
      }
      return new ForkedBotProcess(name, process, log, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start bot process " + name, e);
    }
  }

  private void copyOutput(Writer out) {
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
          if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
          }
          if (isReady) {
            ready = true;
            notifyAll();
          }
        }
      }
    } catch (IOException e) {
      // the process is gone (killed): its output ends here
    } finally {
      synchronized (this) {
        outputEnded = true;
        notifyAll();
      }
    }
  }

  /**
   * Waits until the bot is connected, has its guilds and serves. Fails at once if the process ends
   * first, or after {@code timeout}, naming the log file and quoting its last lines.
   */
  ForkedBotProcess awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      while (!ready) {
        if (outputEnded) {
          throw new AssertionError(this + " ended before it was ready" + exitDescription()
              + describeLog());
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(this + " was not ready within " + timeout.toSeconds() + " s"
              + describeLog());
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for " + this, e);
        }
      }
    }
    return this;
  }

  /** SIGKILL ({@link Process#destroyForcibly()} on Unix), then waits for the exit; its code. */
  int kill() {
    process.destroyForcibly();
    return awaitExit(EXIT_WAIT);
  }

  /** SIGTERM ({@link Process#destroy()} on Unix): Main's shutdown hook closes the bot; the code. */
  int stop() {
    process.destroy();
    return awaitExit(EXIT_WAIT);
  }

  /** Waits for the process to end by itself and its output to be written; its exit code. */
  int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(this + " did not exit within " + timeout.toSeconds() + " s"
            + describeLog());
      }
      reader.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + this + " to exit", e);
    }
    return process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /** The file with the process's stdout and stderr. */
  Path log() {
    return log.toAbsolutePath();
  }

  /** The process's output so far. */
  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** For assertion messages: where the output is, and its last lines. */
  String describeLog() {
    List<String> last;
    synchronized (this) {
      last = new ArrayList<>(tail);
    }
    return "; output in " + log() + ", last lines:\n  " + String.join("\n  ", last);
  }

  private String exitDescription() {
    return process.isAlive() ? "" : " (exit code " + process.exitValue() + ")";
  }

  /** Kills the process if it still runs. */
  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  @Override
  public String toString() {
    return "bot process " + name + " (pid " + process.pid() + ")";
  }

  /**
   * A guild for forked bots ({@link BotHarness#staffGuild} with alice and bob), made before the
   * bot starts so that it comes in the bot's READY.
   */
  static dev.tiramisu.discordemu.driver.TestGuild guild(Emulator emu, String name) {
    dev.tiramisu.discordemu.driver.TestGuild g = BotHarness.staffGuild(emu, name)
        .member("alice", "Member")
        .member("bob", "Member")
        .build();
    g.setRoleMentionable("Staff", true);
    return g;
  }

  /** Runs {@code /setting set} as admin for each name/value pair through this process. */
  void configure(dev.tiramisu.discordemu.driver.TestGuild g, String... nameValues) {
    BotHarness.configure(g, this::describeLog, nameValues);
  }
}
