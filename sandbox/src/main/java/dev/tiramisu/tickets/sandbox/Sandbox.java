package dev.tiramisu.tickets.sandbox;

import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.EmulatorConfig;
import dev.tiramisu.discordemu.Permissions;
import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.driver.ThreadView;
import dev.tiramisu.discordemu.web.WebUi;
import dev.tiramisu.tickets.discord.DiscordEndpoint;
import java.util.Map;

/**
 * Sandbox mode (no token): a local Discord emulator with a demo server, so the bot can be tried
 * without a Discord account. Settings start unset, as in a server that just invited the bot.
 */
final class Sandbox implements AutoCloseable {
  private final Emulator emulator;
  private volatile TestGuild guild;

  private Sandbox(Emulator emulator, TestGuild guild) {
    this.emulator = emulator;
    this.guild = guild;
  }

  /**
   * Starts the emulator on 127.0.0.1:{@code port} (0: any free port) with the demo server, and its
   * web page (the emulator's sandbox UI) on the same port.
   */
  static Sandbox start(int port) {
    Emulator emu = Emulator.start(EmulatorConfig.defaults().withPort(port));
    try {
      TestGuild g = seed(emu);
      emu.enableWebUi();
      return new Sandbox(emu, g);
    } catch (RuntimeException e) {
      emu.close();
      throw e;
    }
  }

  /**
   * Where the demo server's ids start: a snowflake of 2025-01-01, fixed so that the server, its channels, roles and
   * users have the same ids in every run and the sandbox database (settings, ticket numbers) still applies after a
   * restart. Messages and threads live in the emulator's memory only.
   */
  static final long DEMO_IDS = dev.tiramisu.discordemu.Snowflakes.firstAt(1735689600000L);

  private static TestGuild seed(Emulator emu) {
    TestGuild g = emu.guild("Tiramisu Sandbox")
        .stableIds(DEMO_IDS)
        .role("Admin", Permissions.ADMINISTRATOR)
        .role("Staff", 0)
        .role("Member", 0)
        .textChannel("tickets")
        .textChannel("mod-log")
        .textChannel("general")
        .owner("admin")
        .member("admin", "Admin")
        .member("moderator", "Staff")
        .member("alice", "Member")
        .member("bob", "Member")
        .botPermissions(Permissions.TICKET_BOT)
        .build();
    g.setRoleMentionable("Staff", true);
    return g;
  }

  /** Forgets everything the emulator holds and builds the demo server again (the bot must be stopped). */
  void reseed() {
    emulator.reset();
    guild = seed(emulator);
  }

  /** The demo server as it is now (a reset builds it again). */
  TestGuild guild() {
    return guild;
  }

  /** The page where a person uses the sandbox as its users would. */
  WebUi webUi() {
    return emulator.enableWebUi();
  }

  DiscordEndpoint endpoint() {
    return new DiscordEndpoint(emulator.restUrl(), emulator.gatewayUrl());
  }

  String token() {
    return emulator.botToken();
  }

  Emulator emulator() {
    return emulator;
  }

  /** A few lines telling a person how to try the bot. */
  String howToTry() {
    return String.join(System.lineSeparator(),
        "Sandbox: open " + webUi().url() + " in a browser to use the bot as the demo users would.",
        "A local Discord emulator is running at " + emulator.restUrl()
            + " (gateway " + emulator.gatewayUrl() + ").",
        "Demo server \"Tiramisu Sandbox\": channels #tickets, #mod-log,"
            + " #general; users admin (owner), moderator (Staff), alice and bob (Member).",
        "Nothing is set yet: an admin starts with /setting set ticket_channel #tickets, then"
            + " /setting set staff_role @Staff and /setting set modlog_channel #mod-log.",
        "The page's Reset button starts over with an empty sandbox database. Press Ctrl-C to stop.");
  }

  /**
   * The CI smoke script: the admin enables tickets, alice opens one with a reason and closes it.
   *
   * @throws AssertionError if any step does not give the expected result
   */
  void smoke() {
    long tickets = guild.channel("tickets");
    long general = guild.channel("general");
    expect(guild.as("admin").slash(general, "setting set",
            Map.of("name", "ticket_channel", "value", "<#" + tickets + ">")).awaitReply(),
        "ticket_channel");
    MessageView opened = guild.as("alice")
        .slash(general, "ticket create", Map.of("reason", "sandbox smoke test")).awaitReply();
    // a sandbox database kept from an earlier run continues the numbering: the thread is this run's only one
    ThreadView thread = guild.threads().stream().findFirst()
        .orElseThrow(() -> new AssertionError("no ticket thread was created"));
    expect(opened, thread.name().substring(thread.name().indexOf('#')));
    // the link goes out together with the first message, and may show a moment before it
    guild.awaitMessage(thread.id(), java.time.Duration.ofSeconds(30));
    MessageView first = guild.messages(thread.id()).get(0);
    InteractionHandle close = guild.as("alice").click(first.id(), "Close ticket");
    MessageView confirm = close.awaitReply();
    expect(guild.as("alice").click(confirm.id(), "Close").awaitReply(), "closed");
    emulator.await("the thread is closed", () -> guild.thread("[Closed] " + thread.name())
        .map(t -> t.locked() && t.archived()).orElse(false));
    if (!emulator.specViolations().isEmpty()) {
      throw new AssertionError("spec violations: " + emulator.specViolations());
    }
  }

  private static void expect(MessageView reply, String fragment) {
    if (!reply.text().contains(fragment)) {
      throw new AssertionError("expected a reply containing \"" + fragment + "\", got: "
          + reply.text());
    }
  }

  @Override
  public void close() {
    emulator.close();
  }
}
