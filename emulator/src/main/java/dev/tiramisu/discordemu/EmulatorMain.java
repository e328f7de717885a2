package dev.tiramisu.discordemu;

import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.gateway.IdentifyLimits;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator on its own: {@code java -jar discord-emulator-<version>-all.jar [options] [world.json]}.
 * Prints the REST and gateway addresses, the bot token and the guilds, then serves until stopped. With
 * {@code --driver} it also serves the sandbox page at {@code /} and the driver HTTP API under {@code /_driver/}, so
 * a bot written in any language can be tested against it over HTTP (docs/emulator.md, "Test your own bot against
 * the emulator").
 */
public final class EmulatorMain {
  /** The standalone jar's logback configuration, a class path resource; {@code -Dlogback.configurationFile} wins. */
  static final String LOGBACK_CONFIG = "dev/tiramisu/discordemu/standalone-logback.xml";

  static final String USAGE = String.join(System.lineSeparator(),
      "usage: java -jar discord-emulator-all.jar [options] [world.json]",
      "  --port N             listen on 127.0.0.1:N (default 7878; 0 picks a free port)",
      "  --token T            the bot token to accept (default emulator-bot-token)",
      "  --driver             also serve the sandbox page at / and the driver HTTP API under /_driver/",
      "  --max-concurrency N  session_start_limit.max_concurrency (default 1, as for a small bot on Discord)",
      "  --no-identify-limits report the limits but never refuse an IDENTIFY",
      "  world.json           guilds to create at start (see World)");

  private EmulatorMain() {}

  /** A wrong command line, with the message to print. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  public static void main(String[] args) throws InterruptedException {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGBACK_CONFIG); // before the first logger is made
    }
    Emulator emu;
    try {
      emu = start(args, System.out);
    } catch (UsageException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    if (emu == null) {
      return; // --help
    }
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      emu.close();
      stop.countDown();
    }));
    stop.await();
  }

  /**
   * Parses the command line, starts the emulator as {@link #main} does and prints where it listens on {@code out};
   * the caller closes it. Returns null for {@code --help}.
   *
   * @throws UsageException for a wrong command line
   */
  public static Emulator start(String[] args, PrintStream out) {
    EmulatorConfig config = EmulatorConfig.defaults().withPort(7878).withIdentifyLimits(IdentifyLimits.discord());
    Path world = null;
    boolean driver = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> config = config.withPort(number(args, ++i, "--port", 0, 65_535));
        case "--token" -> config = config.withBotToken(value(args, ++i, "--token"));
        case "--driver" -> driver = true;
        case "--max-concurrency" -> config = config.withIdentifyLimits(
            config.identifyLimits().withMaxConcurrency(number(args, ++i, "--max-concurrency", 1, 1024)));
        case "--no-identify-limits" -> config = config.withIdentifyLimits(
            config.identifyLimits().withEnforced(false));
        case "--help", "-h" -> {
          out.println(USAGE);
          return null;
        }
        default -> {
          if (args[i].startsWith("--")) {
            throw new UsageException("unknown option " + args[i]);
          }
          world = Path.of(args[i]);
        }
      }
    }
    Emulator emu = Emulator.start(config);
    try {
      List<TestGuild> guilds = world == null ? List.of() : World.load(emu, world);
      String page = null;
      if (driver) {
        Path seed = world;
        // the page's Reset button and POST /_driver/reset: forget everything and build the world file again
        page = emu.enableWebUi().onReset(() -> {
          emu.reset();
          if (seed != null) {
            World.load(emu, seed);
          }
        }).url();
      }
      out.println("Discord emulator running");
      out.println("  REST:    " + emu.restUrl());
      out.println("  gateway: " + emu.gatewayUrl());
      out.println("  bot token: " + emu.botToken() + " (a local test token, not a Discord secret)");
      out.println("  OpenAPI validation: " + (config.openApiSpec() == null ? "off (spec not found)"
          : config.openApiSpec()));
      IdentifyLimits limits = config.identifyLimits();
      out.println("  identify limits: max_concurrency " + limits.maxConcurrency() + ", " + limits.total()
          + " session starts per " + limits.resetAfter().toHours() + " h"
          + (limits.enforced() ? "" : " (not enforced)"));
      if (page != null) {
        out.println("  sandbox page: " + page);
        out.println("  driver API:   " + page + "_driver/");
      }
      for (TestGuild g : guilds) {
        out.println("  guild " + g.id);
      }
      return emu;
    } catch (RuntimeException e) {
      emu.close();
      throw e;
    }
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new UsageException(flag + " needs a value");
    }
    return args[i];
  }

  private static int number(String[] args, int i, String flag, int min, int max) {
    String v = value(args, i, flag);
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw new UsageException(flag + " must be between " + min + " and " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException(flag + " needs a number, not " + v);
    }
  }
}
