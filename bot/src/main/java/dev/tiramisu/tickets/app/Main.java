package dev.tiramisu.tickets.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.tiramisu.tickets.config.BotConfig;
import dev.tiramisu.tickets.config.ConfigException;
import dev.tiramisu.tickets.config.DatabaseConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point. With a token the bot connects to Discord; without one it runs in sandbox mode
 * against a local emulator with a demo server ({@code --sandbox-smoke}: run one scripted ticket
 * and exit). Exit codes: 0 success, 1 failure, 2 invalid configuration.
 */
public final class Main {
  static final String SANDBOX_SMOKE = "--sandbox-smoke";
  static final String SANDBOX_DATABASE = "data/sandbox.db";

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
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
    log.info("starting with {}", config);
    Clock clock = Clock.systemUTC();
    if (!config.sandbox()) {
      Bot bot = Bot.start(config, config.discordToken().orElseThrow(), null, clock);
      return runUntilStopped(bot, null);
    }
    BotConfig sandboxConfig = config.database().url().equals(DatabaseConfig.DEFAULT_URL)
        ? new BotConfig(null, new DatabaseConfig(DatabaseConfig.SQLITE_PREFIX + SANDBOX_DATABASE,
            null, null, config.database().poolSize()), config.devGuildId(),
            config.sandboxPort(), config.logLevel(), config.shards())
        : config;
    Sandbox sandbox = Sandbox.start(smoke ? 0 : config.sandboxPort());
    Bot bot;
    try {
      bot = Bot.start(sandboxConfig, sandbox.token(), sandbox.endpoint(), clock);
    } catch (RuntimeException e) {
      sandbox.close();
      throw e;
    }
    if (smoke) {
      try (sandbox; bot) {
        sandbox.smoke();
        System.out.println("sandbox smoke test passed");
        return 0;
      } catch (AssertionError e) {
        System.err.println("sandbox smoke test failed: " + e.getMessage());
        return 1;
      }
    }
    System.out.println(sandbox.howToTry());
    return runUntilStopped(bot, sandbox);
  }

  private static int runUntilStopped(Bot bot, Sandbox sandbox) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        bot.close();
        if (sandbox != null) {
          sandbox.close();
        }
      } finally {
        stopped.countDown();
      }
    }, "shutdown"));
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
