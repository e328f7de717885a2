package dev.tiramisu.tickets.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.tiramisu.tickets.common.StorageUnavailableException;
import dev.tiramisu.tickets.config.BotConfig;
import dev.tiramisu.tickets.config.ConfigException;
import dev.tiramisu.tickets.config.DatabaseConfig;
import dev.tiramisu.tickets.discord.DiscordEndpoint;
import dev.tiramisu.tickets.discord.DiscordStartException;
import dev.tiramisu.tickets.metrics.MetricsPortException;
import dev.tiramisu.tickets.migrate.MigrateCommand;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point. With a token the bot connects to Discord; without one it runs in sandbox mode
 * against a local emulator with a demo server ({@code --sandbox-smoke}: run one scripted ticket
 * and exit). {@code migrate ...} copies a SQLite database into PostgreSQL (see docs/migrate.md). Exit codes:
 * 0 success, 1 failure, 2 invalid configuration.
 */
public final class Main {
  static final String SANDBOX_SMOKE = "--sandbox-smoke";
  static final String SANDBOX_DATABASE = "data/sandbox.db";

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    if (args.length > 0 && args[0].equals("migrate")) {
      // the result goes to stdout and progress to stderr: keep library chatter (Flyway, Hikari) out of both
      setLogLevel("WARN");
      return MigrateCommand.run(List.of(args).subList(1, args.length), System.out, System.err);
    }
    try {
      return start(args);
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

  private static int start(String[] args) {
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
    BotConfig sandboxConfig = config.database().url().equals(DatabaseConfig.DEFAULT_URL)
        ? new BotConfig(null, new DatabaseConfig(DatabaseConfig.SQLITE_PREFIX + SANDBOX_DATABASE,
            null, null, config.database().poolSize()), config.devGuildId(),
            config.sandboxPort(), config.logLevel(), config.shards())
            .withStartupTimeout(config.startupTimeout()).withMetrics(config.metrics())
        : config;
    log.info("starting the sandbox with {}", sandboxConfig);
    Sandbox sandbox = Sandbox.start(smoke ? 0 : config.sandboxPort());
    if (!smoke) {
      // the page's Reset button empties the sandbox's own database file; a database named on the command line is
      // left alone. The demo server keeps its ids across runs, so settings and numbering survive a restart.
      boolean ownDatabase = sandboxConfig != config;
      SandboxSession session;
      try {
        session = new SandboxSession(sandbox,
            () -> Bot.start(sandboxConfig, sandbox.token(), sandbox.endpoint(), clock),
            ownDatabase ? () -> SandboxSession.deleteSqlite(Path.of(SANDBOX_DATABASE)) : () -> { });
      } catch (RuntimeException e) {
        sandbox.close();
        throw e;
      }
      System.out.println(sandbox.howToTry());
      return runUntilStopped(session, () -> { });
    }
    Bot bot;
    try {
      bot = Bot.start(sandboxConfig, sandbox.token(), sandbox.endpoint(), clock);
    } catch (RuntimeException e) {
      sandbox.close();
      throw e;
    }
    try (sandbox; bot) {
      sandbox.smoke();
      System.out.println("sandbox smoke test passed");
      return 0;
    } catch (AssertionError e) {
      System.err.println("sandbox smoke test failed: " + e.getMessage());
      return 1;
    }
  }

  /**
   * Serves until the process is stopped (SIGTERM, SIGINT), then closes {@code running} (the bot,
   * or the sandbox and its bot); {@code onReady} runs once the shutdown hook is in place.
   */
  private static int runUntilStopped(AutoCloseable running, Runnable onReady) {
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
