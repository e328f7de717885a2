package dev.tiramisu.tickets.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.EmulatorConfig;
import dev.tiramisu.discordemu.Permissions;
import dev.tiramisu.discordemu.RequestLog;
import dev.tiramisu.discordemu.driver.GuildBuilder;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.tickets.app.Bot;
import dev.tiramisu.tickets.config.BotConfig;
import dev.tiramisu.tickets.config.DatabaseConfig;
import dev.tiramisu.tickets.discord.DiscordEndpoint;
import dev.tiramisu.tickets.discord.EffectWorker;
import dev.tiramisu.tickets.discord.Reconciliation;
import dev.tiramisu.tickets.discord.TimerScheduler;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import dev.tiramisu.tickets.ticket.Ticket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.hooks.EventListener;
import org.slf4j.LoggerFactory;

/**
 * One emulator and one bot (real JDA, SQLite in a temp file) per test class; each test makes its
 * own guilds instead of resetting the emulator, so the bot never has to reconnect. Waits are
 * event-driven: on the emulator's state changes, or on JDA's events for the bot's cache.
 */
final class BotHarness implements AutoCloseable {
  static final Messages TEXT = Messages.english();

  final Emulator emu;
  private final DatabaseConfig database;
  private final Clock clock;
  private final Reconciliation reconciliation;
  private final EffectWorker.Config effects;
  private final TimerScheduler.Config timers;
  private final JdaWaiter waiter = new JdaWaiter();
  private final AtomicInteger guilds = new AtomicInteger();
  private final UnaryOperator<BotConfig> configure;
  /**
   * Whether the bots started from now on have {@code MESSAGE_CONTENT_INTENT} (default off, as in
   * production); the emulator's application has the intent unless a test turns it off.
   */
  volatile boolean messageContentIntent;
  private Bot bot;
  /**
   * What {@code EffectDispatch} logs: an attempt that threw something other than Discord's
   * refusal is a fault of ours or of JDA's, and fails the test class when the harness closes. On a
   * frozen clock such an attempt's retry never comes, so the test would otherwise only wait.
   */
  private final ListAppender<ILoggingEvent> dispatchLog = new ListAppender<>();
  /** {@code DISCORD_GLOBAL_RATE_LIMIT} of the bots started from now on; null: Discord's 50. */
  private Integer globalRateLimit;

  /** With SQLite in a temporary file. */
  BotHarness() {
    this(sqliteInTempDir());
  }

  /** With the given database (e.g. a PostgreSQL test database). */
  BotHarness(DatabaseConfig database) {
    this(database, Clock.systemUTC(), Reconciliation.DEFAULT);
  }

  /** With SQLite in a temporary file, the bot on {@code clock} with this reconciliation. */
  BotHarness(Clock clock, Reconciliation reconciliation) {
    this(sqliteInTempDir(), clock, reconciliation);
  }

  BotHarness(DatabaseConfig database, Clock clock, Reconciliation reconciliation) {
    this(database, clock, reconciliation, EffectWorker.Config.DEFAULT);
  }

  /** With SQLite in a temporary file and the effects worker configured (e.g. fast retries). */
  BotHarness(EffectWorker.Config effects, boolean discordRateLimits) {
    this(sqliteInTempDir(), Clock.systemUTC(), Reconciliation.DEFAULT, effects,
        EmulatorConfig.defaults().withRateLimits(discordRateLimits));
  }

  BotHarness(DatabaseConfig database, Clock clock, Reconciliation reconciliation,
      EffectWorker.Config effects) {
    this(database, clock, reconciliation, effects, EmulatorConfig.defaults());
  }

  BotHarness(DatabaseConfig database, Clock clock, Reconciliation reconciliation,
      EffectWorker.Config effects, EmulatorConfig emulator) {
    this(database, clock, reconciliation, effects, TimerScheduler.Config.DEFAULT, emulator);
  }

  /** With the timers' scheduler configured: tests sweep by hand on a clock they move. */
  BotHarness(DatabaseConfig database, Clock clock, TimerScheduler.Config timers) {
    this(database, clock, Reconciliation.DEFAULT, EffectWorker.Config.DEFAULT, timers,
        EmulatorConfig.defaults());
  }

  /** With SQLite in a temporary file and the timers' scheduler configured. */
  BotHarness(Clock clock, TimerScheduler.Config timers) {
    this(sqliteInTempDir(), clock, timers);
  }

  BotHarness(DatabaseConfig database, Clock clock, Reconciliation reconciliation,
      EffectWorker.Config effects, TimerScheduler.Config timers, EmulatorConfig emulator) {
    this(database, clock, reconciliation, effects, timers, emulator, c -> c);
  }

  /** With the given database and the bot's configuration changed by {@code configure}. */
  BotHarness(DatabaseConfig database, UnaryOperator<BotConfig> configure) {
    this(database, Clock.systemUTC(), Reconciliation.DEFAULT, EffectWorker.Config.DEFAULT,
        TimerScheduler.Config.DEFAULT, EmulatorConfig.defaults(), configure);
  }

  /** With SQLite in a temporary file and the bot's configuration changed by {@code configure}. */
  BotHarness(UnaryOperator<BotConfig> configure) {
    this(sqliteInTempDir(), configure);
  }

  BotHarness(DatabaseConfig database, Clock clock, Reconciliation reconciliation,
      EffectWorker.Config effects, TimerScheduler.Config timers, EmulatorConfig emulator,
      UnaryOperator<BotConfig> configure) {
    this.configure = configure;
    this.timers = timers;
    this.database = database;
    this.clock = clock;
    this.reconciliation = reconciliation;
    this.effects = effects;
    dispatchLog.start();
    dispatchLogger().addAppender(dispatchLog);
    emu = Emulator.start(emulator);
    InterimReplies.register(emu);
    // slow, loaded machines: only a test about Discord's 3 s deadline should see it
    emu.setBaseInteractionResponseDeadline(java.time.Duration.ofSeconds(30));
    try {
      bot = startBot();
    } catch (RuntimeException e) {
      emu.close();
      dispatchLogger().detachAppender(dispatchLog);
      throw e;
    }
  }

  private static DatabaseConfig sqliteInTempDir() {
    try {
      Path dir = Files.createTempDirectory("tickets-e2e");
      return DatabaseConfig.sqlite(dir.resolve("tickets.db").toString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Bot startBot() {
    Bot b = startAnotherBot();
    b.shards().addEventListener(waiter);
    return b;
  }

  /**
   * A second bot process on the same emulator (the same shard), database, clock and
   * reconciliation; the caller closes it.
   */
  Bot startAnotherBot() {
    BotConfig config = configure.apply(new BotConfig(null, database, null, 0, "INFO"))
        .withGlobalRateLimit(globalRateLimit).withMessageContentIntent(messageContentIntent);
    return Bot.start(config, emu.botToken(),
        new DiscordEndpoint(emu.restUrl(), emu.gatewayUrl()), reconciliation, effects, timers,
        clock);
  }

  Bot bot() {
    return bot;
  }

  /** Restarts the bot pacing {@code limit} requests/s on the global limit (0: off). */
  void restartWithGlobalRateLimit(int limit) {
    globalRateLimit = limit;
    restart();
  }

  /** Stops the bot and starts a new one on the same database and emulator. */
  void restart() {
    restart(() -> { });
  }

  /** Stops the bot, runs {@code whileDown} (the bot misses its events), starts a new one. */
  void restart(Runnable whileDown) {
    bot.close();
    whileDown.run();
    bot = startBot();
  }

  /**
   * A guild with roles Admin (Administrator), Staff (mentionable), Member; channels tickets,
   * mod-log, transcripts, general; users admin (owner), moderator (Staff), alice, bob (Member);
   * the bot with {@link Permissions#TICKET_BOT}. Settings are not set. Returns once the bot has
   * the guild in its cache.
   */
  TestGuild guild(UnaryOperator<GuildBuilder> customize) {
    GuildBuilder b = staffGuild(emu, "Guild " + guilds.incrementAndGet())
        .member("alice", "Member")
        .member("bob", "Member");
    TestGuild g = customize.apply(b).build();
    g.setRoleMentionable("Staff", true);
    awaitBot("the bot sees guild " + g.id + " with a mentionable Staff role", () -> {
      var guild = bot.shards().getGuildById(g.id);
      return guild != null && guild.getRoleById(g.role("Staff")) != null
          && guild.getRoleById(g.role("Staff")).isMentionable();
    });
    return g;
  }

  TestGuild guild() {
    return guild(b -> b);
  }

  /**
   * The builder of every test guild: roles Admin (Administrator), Staff, Member; channels tickets,
   * mod-log, transcripts, general; admin (owner) and moderator (Staff); the bot with {@link
   * Permissions#TICKET_BOT}. Callers add members; make Staff mentionable after building.
   */
  static GuildBuilder staffGuild(Emulator emu, String name) {
    return emu.guild(name)
        .role("Admin", Permissions.ADMINISTRATOR)
        .role("Staff", 0)
        .role("Member", 0)
        .textChannel("tickets")
        .textChannel("mod-log")
        .textChannel("transcripts")
        .textChannel("general")
        .owner("admin")
        .member("admin", "Admin")
        .member("moderator", "Staff")
        .botPermissions(Permissions.TICKET_BOT);
  }

  /** Runs {@code /setting set} as admin for each name/value pair and checks it was saved. */
  void configure(TestGuild g, String... nameValues) {
    configure(g, () -> "", nameValues);
  }

  /** As above; {@code context} is added to a failure (e.g. a forked bot's log). */
  static void configure(TestGuild g, java.util.function.Supplier<String> context,
      String... nameValues) {
    for (int i = 0; i < nameValues.length; i += 2) {
      MessageView reply = g.as("admin").slash(g.channel("general"), "setting set",
          Map.of("name", nameValues[i], "value", nameValues[i + 1])).awaitReply();
      assertThat(reply.text()).as("setting %s %s", nameValues[i], context.get())
          .startsWith("`" + nameValues[i] + "`");
    }
  }

  /** ticket_channel = #tickets, staff_role = Staff, modlog_channel = #mod-log. */
  void enableTickets(TestGuild g) {
    configure(g, "ticket_channel", "<#" + g.channel("tickets") + ">",
        "staff_role", "<@&" + g.role("Staff") + ">",
        "modlog_channel", "<#" + g.channel("mod-log") + ">");
  }

  /** Opens a ticket with a reason as {@code user} and returns its stored row once every effect of the create is settled. */
  Ticket open(TestGuild g, String user, String reason) {
    MessageView reply = g.as(user).slash(g.channel("general"), "ticket create",
        Map.of("reason", reason)).awaitReply();
    assertThat(reply.text()).contains("is open");
    long threadId = Long.parseLong(reply.text().replaceAll("(?s).*<#(\\d+)>.*", "$1"));
    // The member sees the answer a moment before its effect is recorded as done: wait for that,
    // so a test sees the ticket as the bot left it.
    long id = ticketByThread(threadId).orElseThrow().id();
    assertThat(bot.effects().awaitIdle(id, Duration.ofSeconds(30))).as("effects settled").isTrue();
    return bot.core().tickets().find(id).orElseThrow();
  }

  /**
   * Waits until the ticket's thread has its first message, whose ping adds the creator and the
   * staff: the link may arrive a moment before it (it is sent together with the first message,
   * {@code AnswerAlongside}), and a member who clicks it, unlike a test, has read it first.
   */
  void awaitFirstMessage(TestGuild g, long threadId) {
    g.awaitMessage(threadId, Duration.ofSeconds(30));
  }

  Optional<Ticket> ticketByThread(long threadId) {
    return bot.core().database().tickets().findByThread(threadId);
  }

  /** The requests since {@code mark} for a route such as {@code POST /channels/{channel_id}/messages}. */
  List<RequestLog.Entry> sent(int mark, String route) {
    return emu.requests().since(mark).stream().filter(e -> e.route().equals(route)).toList();
  }

  static String text(MessageKey key, Object... args) {
    return TEXT.format(key, args);
  }

  /** Waits until {@code condition} over the bot's JDA cache holds, re-checked on every JDA event. */
  void awaitBot(String description, BooleanSupplier condition) {
    waiter.await(description, Duration.ofSeconds(15), condition);
  }

  @Override
  public void close() {
    try {
      bot.close();
    } finally {
      emu.close();
      dispatchLogger().detachAppender(dispatchLog);
    }
    assertThat(attemptsThatThrew()).as("effect attempts that threw (their stacks are in the log)")
        .isEmpty();
  }

  /** The effect attempts so far that threw something other than Discord's refusal. */
  List<String> attemptsThatThrew() {
    synchronized (dispatchLog) { // the appender appends under its own monitor
      return dispatchLog.list.stream().filter(e -> e.getMessage().endsWith(" threw"))
          .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
              : ": " + e.getThrowableProxy().getClassName())).toList();
    }
  }

  private static Logger dispatchLogger() {
    return (Logger) LoggerFactory.getLogger("dev.tiramisu.tickets.discord.EffectDispatch");
  }

  /** Wakes waiters on every JDA event. */
  private static final class JdaWaiter implements EventListener {
    @Override
    public synchronized void onEvent(GenericEvent event) {
      notifyAll();
    }

    synchronized void await(String description, Duration timeout, BooleanSupplier condition) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!condition.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("timed out waiting for " + description);
        }
        try {
          wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted waiting for " + description);
        }
      }
    }
  }
}
