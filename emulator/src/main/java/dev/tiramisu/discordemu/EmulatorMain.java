package dev.tiramisu.discordemu;

import dev.tiramisu.discordemu.driver.TestGuild;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator on its own: {@code java -jar discord-emulator-all.jar [--port N] [--token T] [world.json]}.
 * Prints the REST and gateway addresses, the bot token and the guilds, then serves until stopped.
 */
public final class EmulatorMain {
  private EmulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    EmulatorConfig config = EmulatorConfig.defaults().withPort(7878);
    Path world = null;
    String token = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> config = config.withPort(Integer.parseInt(value(args, ++i, "--port")));
        case "--token" -> token = value(args, ++i, "--token");
        case "--help", "-h" -> {
          System.out.println("usage: java -jar discord-emulator-all.jar [--port N] [--token T] [world.json]");
          return;
        }
        default -> world = Path.of(args[i]);
      }
    }
    if (token != null) {
      config = new EmulatorConfig(config.host(), config.port(), config.botName(), token,
          config.recommendedShards(), config.openApiSpec(), config.rejectInvalidRequests(),
          config.heartbeatIntervalMillis(), config.rateLimits(), config.faultSeed());
    }
    Emulator emu = Emulator.start(config);
    List<TestGuild> guilds = world == null ? List.of() : World.load(emu, world);
    System.out.println("Discord emulator running");
    System.out.println("  REST:    " + emu.restUrl());
    System.out.println("  gateway: " + emu.gatewayUrl());
    System.out.println("  bot token: " + emu.botToken() + " (a local test token, not a Discord secret)");
    System.out.println("  OpenAPI validation: " + (config.openApiSpec() == null ? "off (spec not found)"
        : config.openApiSpec()));
    for (TestGuild g : guilds) {
      System.out.println("  guild " + g.id);
    }
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      emu.close();
      stop.countDown();
    }));
    stop.await();
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      System.err.println(flag + " needs a value");
      System.exit(2);
    }
    return args[i];
  }
}
