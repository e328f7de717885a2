package dev.tiramisu.tickets.sandbox;

import dev.tiramisu.tickets.app.Bot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The sandbox with its running bot, which the page's Reset button restarts: the bot stops, the sandbox
 * database is emptied, the emulator forgets everything and seeds the demo server again, and a new bot
 * starts (registering its commands anew), so the first steps are the real ones again.
 */
final class SandboxSession implements AutoCloseable {
  private final Sandbox sandbox;
  private final Supplier<Bot> startBot;
  private final Runnable emptyDatabase;
  private Bot bot;

  /**
   * @param startBot starts a bot against the sandbox
   * @param emptyDatabase empties the sandbox database while no bot uses it
   */
  SandboxSession(Sandbox sandbox, Supplier<Bot> startBot, Runnable emptyDatabase) {
    this.sandbox = sandbox;
    this.startBot = startBot;
    this.emptyDatabase = emptyDatabase;
    this.bot = startBot.get();
    sandbox.webUi().onReset(this::reset);
  }

  synchronized Bot bot() {
    return bot;
  }

  /** Starts over: stops the bot, empties the database, seeds the demo server again, starts a new bot. */
  synchronized void reset() {
    if (bot != null) {
      bot.close();
      bot = null;
    }
    emptyDatabase.run();
    sandbox.reseed();
    bot = startBot.get();
  }

  /** Deletes a SQLite database file and its journal files, for a sandbox database no bot has open. */
  static void deleteSqlite(Path file) {
    try {
      for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
        Files.deleteIfExists(Path.of(file + suffix));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not empty the sandbox database " + file, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      if (bot != null) {
        bot.close();
      }
    } finally {
      sandbox.close();
    }
  }
}
