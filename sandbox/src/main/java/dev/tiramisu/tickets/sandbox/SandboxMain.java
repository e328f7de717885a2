package dev.tiramisu.tickets.sandbox;

import dev.tiramisu.tickets.app.Bot;
import dev.tiramisu.tickets.app.Main;
import dev.tiramisu.tickets.config.BotConfig;
import dev.tiramisu.tickets.config.DatabaseConfig;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the sandbox jar ({@code bash run.sh} without a token): the bot's {@link Main} with the sandbox
 * plugged in. Without a token (or with {@code --sandbox}, {@code --sandbox-smoke}) it starts the local emulator with
 * the demo server and the bot against it; with a token it runs the bot exactly as the production jar does, and
 * {@code migrate ...} is the bot's. Exit codes are Main's: 0 success, 1 failure, 2 invalid configuration.
 */
public final class SandboxMain {
  /** The sandbox's own database when none is named, apart from the bot's {@code data/tickets.db}. */
  static final String SANDBOX_DATABASE = "data/sandbox.db";

  private SandboxMain() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    return Main.run(args, SandboxMain::runSandbox);
  }

  /** Main's sandbox branch: serves the sandbox until stopped, or runs its smoke script once. */
  private static int runSandbox(BotConfig config, boolean smoke, Clock clock) {
    boolean ownDatabase = config.database().url().equals(DatabaseConfig.DEFAULT_URL);
    BotConfig sandboxConfig = ownDatabase
        ? new BotConfig(null, new DatabaseConfig(DatabaseConfig.SQLITE_PREFIX + SANDBOX_DATABASE,
            null, null, config.database().poolSize()), config.devGuildId(),
            config.sandboxPort(), config.logLevel(), config.shards())
            .withStartupTimeout(config.startupTimeout()).withMetrics(config.metrics())
            .withMessageContentIntent(true)
        // the sandbox's application has the Message Content intent (the emulator's default)
        : config.withMessageContentIntent(true);
    LoggerFactory.getLogger(SandboxMain.class).info("starting the sandbox with {}", sandboxConfig);
    Sandbox sandbox = Sandbox.start(smoke ? 0 : config.sandboxPort());
    if (!smoke) {
      // the page's Reset button empties the sandbox's own database file; a database named on the command line is
      // left alone. The demo server keeps its ids across runs, so settings and numbering survive a restart.
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
      return Main.runUntilStopped(session, () -> { });
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
}
