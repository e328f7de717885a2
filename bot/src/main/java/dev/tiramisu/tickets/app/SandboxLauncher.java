package dev.tiramisu.tickets.app;

import dev.tiramisu.tickets.config.BotConfig;
import java.time.Clock;

/**
 * Runs the sandbox: a local Discord emulator with a demo server and the bot against it. The sandbox module
 * ({@code sandbox/}, {@code dev.tiramisu.tickets.sandbox.SandboxMain}) passes one to {@link Main#run(String[],
 * SandboxLauncher)}; the production jar has none, so the emulator and its web server never ship with the bot.
 */
@FunctionalInterface
public interface SandboxLauncher {
  /**
   * Runs the sandbox until the process is stopped, or once through its smoke script.
   *
   * @param config the configuration as loaded (no token; its database, port and log level)
   * @param smoke run the scripted ticket and return instead of serving
   * @return the process's exit code
   */
  int run(BotConfig config, boolean smoke, Clock clock);
}
