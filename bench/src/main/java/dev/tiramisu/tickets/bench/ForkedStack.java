package dev.tiramisu.tickets.bench;

import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.EmulatorConfig;
import dev.tiramisu.discordemu.Permissions;
import dev.tiramisu.discordemu.driver.GuildBuilder;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.ratelimit.RateLimitConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * What the rate-limited benchmarks run against: the Discord emulator in this JVM with Discord's
 * rate limits on (global 50/s per token, per-route buckets, thread renames; interaction callbacks
 * exempt) and the bot in its own JVM ({@link ForkedBot}) on a fresh SQLite file, pacing itself at
 * its default {@code DISCORD_GLOBAL_RATE_LIMIT} (50/s).
 */
final class ForkedStack implements AutoCloseable {
  static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

  final Emulator emu;
  final ForkedBot bot;
  final boolean validation;
  private final Path dir;
  private final AtomicInteger guilds = new AtomicInteger();

  private ForkedStack(Emulator emu, ForkedBot bot, boolean validation, Path dir) {
    this.emu = emu;
    this.bot = bot;
    this.validation = validation;
    this.dir = dir;
  }

  /**
   * Starts the emulator and the bot and waits until the bot is ready.
   *
   * @param validation whether the emulator checks every request against Discord's OpenAPI spec
   * @param deadline the interaction response deadline (Discord's is 3 s; the smoke tests raise
   *     it so a loaded CI machine cannot fail a check that is not about time)
   */
  static ForkedStack start(boolean validation, Duration deadline) throws Exception {
    EmulatorConfig config = EmulatorConfig.defaults().withRateLimits(true);
    if (!validation) {
      config = config.withOpenApiSpec(null, false);
    } else if (config.openApiSpec() == null) {
      throw new IllegalStateException("OpenAPI validation needs ../shared/discord-api/openapi.json"
          + " (or -Dtickets.shared.dir=DIR)");
    }
    Emulator emu = Emulator.start(config);
    Path dir = null;
    try {
      emu.setRateLimits(RateLimitConfig.defaults());
      emu.setBaseInteractionResponseDeadline(deadline);
      dir = Files.createTempDirectory("tickets-bench");
      Path log = Path.of("target", "bench-bot-" + ProcessHandle.current().pid() + ".log");
      ForkedBot bot = ForkedBot.start(emu.restUrl(), emu.gatewayUrl(), emu.botToken(),
          dir.resolve("tickets.db"), log, Map.of());
      try {
        bot.awaitReady(READY_TIMEOUT);
      } catch (Exception | Error e) {
        bot.close();
        throw e;
      }
      return new ForkedStack(emu, bot, validation, dir);
    } catch (Exception | Error e) {
      emu.close();
      if (dir != null) {
        deleteTree(dir);
      }
      throw e;
    }
  }

  /**
   * A fresh guild ({@code #tickets}, {@code #mod-log}, {@code #general}; admin, a moderator with
   * the Staff role and {@code members} members {@code m1..mN}) with ticket_channel, staff_role and
   * modlog_channel set and max_open_per_user off (0), through {@code /setting set} as its admin.
   */
  TestGuild guild(int members) {
    GuildBuilder b = emu.guild("bench " + guilds.incrementAndGet())
        .role("Admin", Permissions.ADMINISTRATOR)
        .role("Staff", 0)
        .role("Member", 0)
        .textChannel("tickets")
        .textChannel("mod-log")
        .textChannel("general")
        .owner("admin")
        .member("admin", "Admin")
        .member("moderator", "Staff")
        .botPermissions(Permissions.TICKET_BOT);
    for (int i = 1; i <= members; i++) {
      b.member(member(i), "Member");
    }
    TestGuild g = b.build();
    g.setRoleMentionable("Staff", true);
    set(g, "ticket_channel", "<#" + g.channel("tickets") + ">");
    set(g, "staff_role", "<@&" + g.role("Staff") + ">");
    set(g, "modlog_channel", "<#" + g.channel("mod-log") + ">");
    // members of the closed loop open a ticket after another without closing them
    set(g, "max_open_per_user", "0");
    return g;
  }

  /** {@code n} guilds of {@code members} members each. */
  List<TestGuild> guilds(int n, int members) {
    List<TestGuild> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(guild(members));
    }
    return out;
  }

  static String member(int i) {
    return "m" + i;
  }

  private void set(TestGuild g, String name, String value) {
    MessageView reply = g.as("admin").slash(g.channel("general"), "setting set",
        Map.of("name", name, "value", value)).awaitReply();
    if (!reply.text().startsWith("`" + name + "`")) {
      throw new IllegalStateException("/setting set " + name + " was answered: " + reply.text()
          + bot.describe());
    }
  }

  /** Requests refused on the global limit since the start. */
  long globalRefusals() {
    return emu.rateLimiter().globalRefusals();
  }

  @Override
  public void close() {
    try {
      bot.close();
    } finally {
      try {
        emu.close();
      } finally {
        deleteTree(dir);
      }
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + dir, e);
    }
  }
}
