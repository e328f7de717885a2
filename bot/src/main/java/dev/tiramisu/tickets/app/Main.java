package dev.tiramisu.tickets.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.tiramisu.tickets.common.StorageUnavailableException;
import dev.tiramisu.tickets.config.BotConfig;
import dev.tiramisu.tickets.config.ConfigException;
import dev.tiramisu.tickets.discord.DiscordEndpoint;
import dev.tiramisu.tickets.discord.DiscordStartException;
import dev.tiramisu.tickets.metrics.MetricsPortException;
import dev.tiramisu.tickets.migrate.MigrateCommand;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the production jar. With a token the bot connects to Discord. Without one (or with {@code
 * --sandbox}, {@code --sandbox-smoke}: run one scripted ticket and exit) it hands over to the sandbox, a local
 * emulator with a demo server, when started through the sandbox module's {@code SandboxMain}; the production jar
 * has no sandbox and says so (exit 2). {@code migrate ...} copies a SQLite database into PostgreSQL (see
 * docs/migrate.md). Exit codes: 0 success, 1 failure, 2 invalid configuration.
 */
public final class Main {
  /** Runs the sandbox's scripted ticket and exits (the sandbox module). */
  public static final String SANDBOX_SMOKE = "--sandbox-smoke";

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    return run(args, null);
  }

  /**
   * Runs the bot, the {@code migrate} command, or (without a token) {@code sandbox}; returns the exit code.
   *
   * @param sandbox runs the sandbox, or null where there is none (the production jar)
   */
  public static int run(String[] args, SandboxLauncher sandbox) {
    if (args.length > 0 && args[0].equals("migrate")) {
      // the result goes to stdout and progress to stderr: keep library chatter (Flyway, Hikari) out of both
      setLogLevel("WARN");
      return MigrateCommand.run(List.of(args).subList(1, args.length), System.out, System.err);
    }
    try {
      return start(args, sandbox);
    } catch (StorageUnavailableException e) {
      System.err.println("tiramisu-tickets: the database is unavailable: " + e.getMessage());
      return 1;
    } catch (DiscordStartException e) {
      System.err.println("tiramisu-tickets: cannot connect to Discord: " + e.getMessage());
      return 1;
    } catch (MetricsPortException e) {
      System.err.println("tiramisu-tickets: " + e.getMessage() + "; METRICS_PORT sets the port");
      return 1;
    }
  }

  private static int start(String[] args, SandboxLauncher sandbox) {
    List<String> rest = new ArrayList<>(List.of(args));
    boolean smoke = rest.remove(SANDBOX_SMOKE);
    if (smoke) {
      rest.add("--sandbox");
    }
    BotConfig config;
    try {
      config = BotConfig.load(rest.toArray(String[]::new));
    } catch (ConfigException e) {
      System.err.println("tiramisu-tickets: " + e.getMessage());
      return 2;
    }
    setLogLevel(config.logLevel());
    Logger log = LoggerFactory.getLogger(Main.class);
    Clock clock = Clock.systemUTC();
    if (!config.sandbox()) {
      log.info("starting with {}", config);
      DiscordEndpoint endpoint = config.localDiscord()
          ? new DiscordEndpoint(config.discordRestUrl(), config.discordGatewayUrl())
          : null;
      Bot bot = Bot.start(config, config.discordToken().orElseThrow(), endpoint, clock);
      return runUntilStopped(bot, () -> log.info("ready: {} shards connected",
          bot.shards().getShards().size()));
    }
    if (sandbox == null) {
      System.err.println("tiramisu-tickets: no Discord token: set DISCORD_TOKEN or DISCORD_TOKEN_FILE"
          + " (this jar has no sandbox; bash run.sh without a token starts it)");
      return 2;
    }
    return sandbox.run(config, smoke, clock);
  }

  /**
   * Serves until the process is stopped (SIGTERM, SIGINT), then closes {@code running} (the bot,
   * or the sandbox and its bot); {@code onReady} runs once the shutdown hook is in place.
   */
  public static int runUntilStopped(AutoCloseable running, Runnable onReady) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        running.close();
      } catch (Exception e) {
        LoggerFactory.getLogger(Main.class).warn("error while stopping", e);
      } finally {
        stopped.countDown();
      }
    }, "shutdown"));
    onReady.run();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** Applies LOG_LEVEL to our loggers and the root; JDA stays at INFO or less (see logback.xml). */
  private static void setLogLevel(String level) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
      Level l = Level.toLevel(level, Level.INFO);
      ctx.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(l);
      ctx.getLogger("dev.tiramisu.tickets").setLevel(l);
      Level capped = l.isGreaterOrEqual(Level.INFO) ? l : Level.INFO;
      ctx.getLogger("net.dv8tion").setLevel(capped);
      ctx.getLogger("dev.tiramisu.discordemu").setLevel(capped);
    }
  }
}
