package dev.tiramisu.tickets.app;

import dev.tiramisu.tickets.config.BotConfig;
import dev.tiramisu.tickets.discord.AdapterServices;
import dev.tiramisu.tickets.discord.DiscordBot;
import dev.tiramisu.tickets.discord.DiscordConnection;
import dev.tiramisu.tickets.discord.DiscordEndpoint;
import dev.tiramisu.tickets.discord.EffectWorker;
import dev.tiramisu.tickets.discord.Reconciliation;
import dev.tiramisu.tickets.discord.TimerScheduler;
import dev.tiramisu.tickets.discord.Transcripts;
import dev.tiramisu.tickets.discord.UnattachedReconciler;
import java.time.Clock;
import java.util.Objects;
import net.dv8tion.jda.api.sharding.ShardManager;

/**
 * The one wiring class: the Discord-free {@link Core} (database, services, text) plus the Discord
 * adapter on top of it. The same code runs against discord.com and, with a {@link
 * DiscordEndpoint}, against the local emulator (sandbox and tests). Closing stops Discord first,
 * then the database.
 */
public final class Bot implements AutoCloseable {
  private final Core core;
  private final DiscordBot discord;
  private final Operations operations;

  private Bot(Core core, DiscordBot discord, Operations operations) {
    this.core = core;
    this.discord = discord;
    this.operations = operations;
  }

  /**
   * Opens the database and connects to Discord.
   *
   * @param token the bot token (the emulator's in sandbox mode)
   * @param endpoint a local Discord, or null for discord.com
   * @throws dev.tiramisu.tickets.discord.DiscordStartException if the shards were not ready
   *     within the start-up timeout (everything started is stopped again)
   */
  public static Bot start(BotConfig config, String token, DiscordEndpoint endpoint, Clock clock) {
    EffectWorker.Config effects = config.effectLeaseTtl() == null
        ? EffectWorker.Config.DEFAULT
        : EffectWorker.Config.DEFAULT.withLeaseTtl(config.effectLeaseTtl());
    return start(config, token, endpoint, Reconciliation.DEFAULT, effects, clock);
  }

  /**
   * Opens the database and connects to Discord, with the reconciler of unattached tickets
   * configured (tests use a manual one and a clock they move).
   */
  public static Bot start(BotConfig config, String token, DiscordEndpoint endpoint,
      Reconciliation reconciliation, Clock clock) {
    return start(config, token, endpoint, reconciliation, EffectWorker.Config.DEFAULT, clock);
  }

  /** As above, with the worker of durable Discord effects configured (tests: manual sweeps). */
  public static Bot start(BotConfig config, String token, DiscordEndpoint endpoint,
      Reconciliation reconciliation, EffectWorker.Config effects, Clock clock) {
    return start(config, token, endpoint, reconciliation, effects,
        TimerScheduler.Config.DEFAULT, clock);
  }

  /** As above, with the timers' scheduler configured (tests: manual sweeps on a moved clock). */
  public static Bot start(BotConfig config, String token, DiscordEndpoint endpoint,
      Reconciliation reconciliation, EffectWorker.Config effects, TimerScheduler.Config timers,
      Clock clock) {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(reconciliation, "reconciliation");
    Core core = Core.start(config, clock);
    Operations operations = null;
    try {
      operations = Operations.start(config.metrics(), core);
      DiscordBot discord = DiscordBot.start(
          new DiscordConnection(token, endpoint, config.shards(), config.devGuild(),
              config::startupTimeoutFor, config.globalRateLimitOrDefault()),
          services(core, config, clock), reconciliation, effects, timers,
          operations == null ? DiscordBot.Observers.NONE : operations.observers());
      if (operations != null) {
        operations.connected(discord);
      }
      return new Bot(core, discord, operations);
    } catch (RuntimeException e) {
      if (operations != null) {
        operations.close();
      }
      core.close();
      throw e;
    }
  }

  private static AdapterServices services(Core core, BotConfig config, Clock clock) {
    return new AdapterServices(core.tickets(), core.settings(), core.messages(), core.leases(),
        core.effects(), core.blocklist(), core.ticketList(), core.claims(), core.members(),
        core.timers(), core.world(), core.types(), core.panels(),
        new Transcripts(core.database().transcripts(), core.transcripts(),
            config.messageContentIntent()),
        core.feedback(), core.stats(), core.closeConfirmations(), clock);
  }

  public Core core() {
    return core;
  }

  /** This process's shards (one by default). */
  public ShardManager shards() {
    return discord.shards();
  }

  /** Performs the durable Discord effects; see {@link EffectWorker}. */
  public EffectWorker effects() {
    return discord.effects();
  }

  /** Fires close requests' deadlines and auto-close; see {@link TimerScheduler}. */
  public TimerScheduler timers() {
    return discord.timers();
  }

  /** Settles tickets a dead process saved without a thread; see {@link UnattachedReconciler}. */
  public UnattachedReconciler reconciler() {
    return discord.reconciler();
  }

  /** The metrics, when {@code METRICS_PORT} is set. */
  public java.util.Optional<dev.tiramisu.tickets.metrics.BotMetrics> metrics() {
    return operations == null ? java.util.Optional.empty()
        : java.util.Optional.of(operations.metrics());
  }

  /** The port of the metrics and health endpoint, or -1 when {@code METRICS_PORT} is unset. */
  public int metricsPort() {
    return operations == null ? -1 : operations.port();
  }

  @Override
  public void close() {
    try {
      if (operations != null) {
        operations.close();
      }
    } finally {
      try {
        discord.close();
      } finally {
        core.close();
      }
    }
  }
}
