package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.config.ShardConfig;
import dev.tiramisu.tickets.metrics.InteractionMetrics;
import dev.tiramisu.tickets.text.Messages;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.MiscUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Discord side of the bot: JDA's {@link ShardManager} running this process's shards, the
 * interaction router and its executors.
 *
 * <p>Always a shard manager, also for the default single shard (shard 0 of 1, which connects
 * exactly like a lone JDA client): one code path, so every end-to-end test exercises the code a
 * sharded deployment runs. Handlers never care which shard an event came from: they use the
 * event's own guild, channel and JDA.
 *
 * <p>JDA is built light: no privileged intents (only GUILDS, which JDA always sends), no member
 * cache beyond the bot itself, since interactions carry the member who acts. Commands are
 * registered once at start by the process that runs shard 0 (globally), or, with a development
 * guild, by the process that runs that guild's shard; other processes leave them alone, so
 * processes of different versions never overwrite each other's commands in turn.
 */
public final class DiscordBot implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DiscordBot.class);

  private final ShardManager shards;
  private final List<ExecutorService> executors;
  private final ExecutorService callbacks;
  private final UnattachedReconciler reconciler;
  private final EffectWorker effects;
  private final TimerScheduler timers;

  private DiscordBot(ShardManager shards, List<ExecutorService> executors,
      ExecutorService callbacks, UnattachedReconciler reconciler, EffectWorker effects,
      TimerScheduler timers) {
    this.shards = shards;
    this.executors = executors;
    this.callbacks = callbacks;
    this.reconciler = reconciler;
    this.effects = effects;
    this.timers = timers;
  }

  /**
   * What the metrics observe, when they are on.
   *
   * @param interactions acknowledgement and completion of each interaction
   * @param rest an interceptor on JDA's HTTP client (every request to Discord), or null
   */
  public record Observers(InteractionMetrics interactions, okhttp3.Interceptor rest) {
    public static final Observers NONE = new Observers(InteractionMetrics.NONE, null);

    public Observers {
      Objects.requireNonNull(interactions, "interactions");
    }
  }

  /**
   * Connects this process's shards, waits until each is ready (its guilds loaded) and registers
   * the commands if this process is the one to do it, then starts the {@link
   * UnattachedReconciler} (unless {@code reconciliation} is manual).
   *
   * @param reconciliation when the reconciler of unattached tickets runs
   * @param observers what the metrics observe ({@link Observers#NONE} without metrics)
   * @throws DiscordStartException if the shards are not all ready in time, or one shut down
   *     (everything started is stopped first)
   */
  public static DiscordBot start(DiscordConnection connection, AdapterServices services,
      Reconciliation reconciliation, EffectWorker.Config effectConfig,
      TimerScheduler.Config timerConfig, Observers observers) {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(services, "services");
    Objects.requireNonNull(observers, "observers");
    AdapterWiring wired = new AdapterWiring(services, effectConfig, timerConfig, observers);
    List<ExecutorService> executors = wired.executors;
    EffectWorker worker = wired.worker;
    ShardConfig shardConfig = connection.shards();
    DiscordEndpoint endpoint = connection.endpoint();
    boolean messageContent = services.transcripts().messageContentIntent();
    ShardStartup.ShardsReady ready = new ShardStartup.ShardsReady();
    DefaultShardManagerBuilder builder =
        // GUILD_MESSAGES (not privileged): messages in ticket threads are activity for the
        // timers. MESSAGE_CONTENT (privileged) only when configured: transcripts then hold
        // members' text (Discord's REST reads follow the application's approval of it, the
        // gateway refuses an unapproved request with 4014). Raw events: THREAD_DELETE of threads
        // JDA has not cached.
        JdaCaching.builder(connection.token(), messageContent
                ? EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.MESSAGE_CONTENT)
                : EnumSet.of(GatewayIntent.GUILD_MESSAGES))
            .setShardsTotal(shardConfig.total())
            .setEnableShutdownHook(false) // Main's hook closes the bot in order
            .setRawEventsEnabled(true)
            .addEventListeners(ready, wired.router, wired.worldEvents);
    if (!shardConfig.allShards()) {
      builder.setShards(shardConfig.ids());
    }
    GlobalPacer pacer = GlobalPacer.of(connection.globalRateLimit()); // one for all shards
    // JDA's own defaults (connection pool, dispatcher), plus the pacer's interceptor (the calls
    // JDA sends outside its rate limiter, and its retries) and the metrics' one
    okhttp3.OkHttpClient.Builder http = net.dv8tion.jda.internal.utils.IOUtil
        .newHttpClientBuilder().socketFactory(new NoDelaySockets())
        .addInterceptor(pacer.interceptor());
    if (observers.rest() != null) {
      http.addInterceptor(observers.rest());
    }
    builder.setHttpClientBuilder(http);
    builder.setCallbackPool(wired.callbacks, false); // stopped in shutdown, after the shards
    RestConfig rest = new RestConfig();
    if (endpoint != null && endpoint.restBaseUrl() != null) {
      rest.setBaseUrl(endpoint.restBaseUrl());
    }
    if (endpoint != null && endpoint.gatewayUrl() != null) {
      builder.setSessionController(endpoint.local()
          ? new ShardStartup.LocalSessionController(endpoint.gatewayUrl())
          : new ShardStartup.GatewaySessionController(endpoint.gatewayUrl()));
    }
    pacer.install(rest);
    builder.setRestConfig(rest);
    ShardManager manager;
    try {
      manager = builder.build();
    } catch (RuntimeException e) {
      stop(executors);
      worker.close();
      wired.callbacks.shutdownNow();
      throw e;
    }
    try {
      int expected = shardConfig.allShards() ? manager.getShardsTotal() : shardConfig.ids().size();
      Duration timeout = connection.startupTimeout().apply(expected);
      if (!ready.await(expected, timeout)) {
        throw new DiscordStartException("shards " + ready.missing(shardIds(shardConfig, manager))
            + " of " + manager.getShardsTotal() + " did not connect and receive their servers"
            + " within " + timeout.toSeconds() + " s (ready: " + ready.describe()
            + "); is Discord reachable? STARTUP_TIMEOUT sets the wait");
      }
      log.info("connected shards {} of {}", ready.describe(), manager.getShardsTotal());
      registerCommands(manager, connection.devGuild(), services.messages());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      worker.close();
      shutdown(manager, executors, wired.callbacks);
      throw new IllegalStateException("interrupted while connecting to Discord", e);
    } catch (RuntimeException e) {
      worker.close();
      shutdown(manager, executors, wired.callbacks);
      throw e;
    }
    worker.start(manager, pacer::freeNow);
    wired.scheduler.start(manager);
    wired.panelMessages.finishPosting(manager);
    wired.panelMessages.finishRedraws(manager);
    UnattachedReconciler reconciler = new UnattachedReconciler(manager, services.tickets(),
        services.settings(), services.leases(), services.clock(), reconciliation);
    reconciler.start();
    return new DiscordBot(manager, executors, wired.callbacks, reconciler, worker, wired.scheduler);
  }

  private static Set<Integer> shardIds(ShardConfig shardConfig, ShardManager manager) {
    if (!shardConfig.allShards()) {
      return new java.util.TreeSet<>(shardConfig.ids());
    }
    Set<Integer> all = new java.util.TreeSet<>();
    for (int i = 0; i < manager.getShardsTotal(); i++) {
      all.add(i);
    }
    return all;
  }

  private static void registerCommands(ShardManager manager, OptionalLong devGuild,
      Messages messages) {
    if (devGuild.isPresent()) {
      long id = devGuild.getAsLong();
      int shard = MiscUtil.getShardForGuild(id, manager.getShardsTotal());
      if (manager.getShardById(shard) == null) {
        log.info("DEV_GUILD_ID {} is on shard {}, run by another process: it registers the"
            + " commands", id, shard);
        return;
      }
      Guild g = manager.getGuildById(id);
      if (g == null) {
        throw new IllegalStateException("the bot is not in DEV_GUILD_ID " + id);
      }
      g.updateCommands().addCommands(CommandCatalog.all(messages)).complete();
      log.info("commands registered in guild {}", id);
      return;
    }
    JDA first = manager.getShardById(0);
    if (first == null) {
      log.info("commands are registered by the process that runs shard 0");
      return;
    }
    first.updateCommands().addCommands(CommandCatalog.all(messages)).complete();
    log.info("commands registered globally");
  }

  /** The shards of this process, for the wiring and tests. */
  public ShardManager shards() {
    return shards;
  }

  /**
   * Null when every shard of this process is connected to the gateway; otherwise which are not
   * and their state (for {@code /readyz}).
   */
  public String shardsNotConnected() {
    List<String> down = new java.util.ArrayList<>();
    List<JDA> running = shards.getShards();
    for (JDA jda : running) {
      if (jda.getStatus() != JDA.Status.CONNECTED) {
        down.add("shard " + jda.getShardInfo().getShardId() + " " + jda.getStatus());
      }
    }
    if (running.isEmpty()) {
      return "no shards";
    }
    return down.isEmpty() ? null : String.join(", ", down);
  }

  /** The reconciler of tickets left without a thread by a dead process. */
  public UnattachedReconciler reconciler() {
    return reconciler;
  }

  /** The scheduler firing close requests' deadlines and auto-close. */
  public TimerScheduler timers() {
    return timers;
  }

  /** The worker performing the durable Discord effects. */
  public EffectWorker effects() {
    return effects;
  }

  @Override
  public void close() {
    try {
      timers.close();
      reconciler.close();
    } finally {
      try {
        stop(executors); // handlers first: they may still record and kick effects
        effects.close();
      } finally {
        shutdown(shards, executors, callbacks);
      }
    }
  }

  private static void shutdown(ShardManager manager, List<ExecutorService> executors,
      ExecutorService callbacks) {
    try {
      shutdownShards(manager, executors);
    } finally {
      stop(List.of(callbacks));
    }
  }

  private static void shutdownShards(ShardManager manager, List<ExecutorService> executors) {
    stop(executors);
    List<JDA> running = manager.getShards();
    manager.shutdown();
    for (JDA jda : running) {
      try {
        if (!jda.awaitShutdown(Duration.ofSeconds(10))) {
          jda.shutdownNow();
          jda.awaitShutdown(Duration.ofSeconds(5));
        }
      } catch (InterruptedException e) {
        jda.shutdownNow();
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Lets running work finish (up to 10 s), then stops the executors; also what the schedulers and
   * the effect worker use when they close.
   */
  static void stop(List<? extends ExecutorService> executors) {
    executors.forEach(ExecutorService::shutdown);
    try {
      for (ExecutorService executor : executors) {
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
          executor.shutdownNow();
        }
      }
    } catch (InterruptedException e) {
      executors.forEach(ExecutorService::shutdownNow);
      Thread.currentThread().interrupt();
    }
  }
}
