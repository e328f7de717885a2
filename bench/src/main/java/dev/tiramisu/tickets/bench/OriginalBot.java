package dev.tiramisu.tickets.bench;

import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.model.Command;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Another bot, in any language, started from a command line against the emulator: the original
 * Python Tiramisu for {@link SideBySideBench}. The command runs under {@code bash -c} with these
 * variables, and must start a bot that connects with them:
 *
 * <ul>
 *   <li>{@code TICKETS_BENCH_REST_URL}: the REST base, {@code http://127.0.0.1:PORT/api/v10/}
 *   <li>{@code TICKETS_BENCH_GATEWAY_URL}: the gateway, {@code ws://127.0.0.1:PORT/} (also the
 *       answer of {@code GET /gateway})
 *   <li>{@code TICKETS_BENCH_TOKEN}: the bot token
 *   <li>{@code TICKETS_BENCH_APPLICATION_ID}: the application (and bot user) id
 *   <li>{@code TICKETS_BENCH_WORKDIR}: an empty directory for the bot's files (its database),
 *       deleted afterwards
 * </ul>
 *
 * <p>It is ready when it has identified on the gateway, registered the global commands the
 * scenario uses and sent the request it sends once ready. Its output goes to a log file. Closing
 * it ends the command and every process it
 * started (SIGTERM, then SIGKILL after 10 s).
 */
final class OriginalBot implements AutoCloseable {
  private final Process process;
  private final Path log;
  private final Path workdir;

  private OriginalBot(Process process, Path log, Path workdir) {
    this.process = process;
    this.log = log;
    this.workdir = workdir;
  }

  /** Starts {@code command} against {@code emu}; its output goes to {@code log}. */
  static OriginalBot start(String command, Emulator emu, Path log) {
    try {
      Path workdir = Files.createTempDirectory("tickets-original");
      ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.to(prepare(log).toFile()));
      Map<String, String> env = pb.environment();
      env.put("TICKETS_BENCH_REST_URL", emu.restUrl());
      env.put("TICKETS_BENCH_GATEWAY_URL", emu.gatewayUrl());
      env.put("TICKETS_BENCH_TOKEN", emu.botToken());
      env.put("TICKETS_BENCH_APPLICATION_ID", Long.toString(emu.applicationId()));
      env.put("TICKETS_BENCH_WORKDIR", workdir.toString());
      return new OriginalBot(pb.start(), log, workdir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the original bot: " + command, e);
    }
  }

  private static Path prepare(Path log) throws IOException {
    Files.createDirectories(log.toAbsolutePath().getParent());
    return log;
  }

  /**
   * Waits until the bot identified on the gateway, registered {@code commands} as global
   * commands and sent a request on {@code readyRoute} (what it does once it is ready, e.g. on
   * its READY handler; a guild built before that would arrive as one of its startup guilds, not
   * as a join); fails when the process ends first or after {@code timeout}.
   */
  void awaitReady(Emulator emu, Set<String> commands, String readyRoute, Duration timeout) {
    try {
      emu.await("the original bot connected with its commands", timeout,
          () -> !process.isAlive() || (emu.gateway().identifyCount() > 0
              && registered(emu).containsAll(commands)
              && !emu.requests().route(readyRoute).isEmpty()));
    } catch (AssertionError e) {
      throw new IllegalStateException("the original bot was not ready within "
          + timeout.toSeconds() + " s" + describe(), e);
    }
    if (!process.isAlive()) {
      throw new IllegalStateException("the original bot ended (exit " + process.exitValue()
          + ") before it was ready" + describe());
    }
  }

  /** The names of the global commands; called under the state's monitor. */
  private static Set<String> registered(Emulator emu) {
    return emu.state().commands.values().stream().filter(c -> c.guildId == null)
        .map(Command::name).collect(Collectors.toSet());
  }

  /** The log file and its last lines, for an error message. */
  String describe() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "; its output is in " + log.toAbsolutePath() + ", last lines:\n  "
          + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "; its output is in " + log.toAbsolutePath();
    }
  }

  @Override
  public void close() {
    List<ProcessHandle> all = process.descendants().toList();
    process.destroy();
    all.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      for (ProcessHandle p : all) {
        p.onExit().get(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      all.forEach(ProcessHandle::destroyForcibly);
    } finally {
      deleteTree(workdir);
    }
  }

  private static void deleteTree(Path dir) {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a leftover temporary directory is harmless
    }
  }
}
