package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.config.ShardConfig;
import dev.tiramisu.tickets.effects.EffectStore;
import dev.tiramisu.tickets.jobs.JobLeases;
import dev.tiramisu.tickets.metrics.InteractionMetrics;
import dev.tiramisu.tickets.settings.SettingsService;
import dev.tiramisu.tickets.text.Messages;
import dev.tiramisu.tickets.ticket.TicketService;
import dev.tiramisu.tickets.ticket.TicketTimers;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.ShutdownEvent;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.MiscUtil;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
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
  /** Threads that run handlers after the acknowledgement; they block on Discord and the database. */
  private static final int HANDLER_THREADS = 8;
  /**
   * Threads that acknowledge creates (a settings read, then a form or a deferral), and as many
   * for those settings reads. An acknowledgement mostly waits (the database, then the callback's
   * round trip to Discord), so 4 threads served a burst of 200 creates one after another: in the
   * profile of that burst each acknowledgement took 2-5 ms, but waited over 600 ms for a thread.
   */
  private static final int ACK_THREADS = 16;

  private final ShardManager shards;
  private final List<ExecutorService> executors;
  private final UnattachedReconciler reconciler;
  private final EffectWorker effects;
  private final TimerScheduler timers;

  private DiscordBot(ShardManager shards, List<ExecutorService> executors,
      UnattachedReconciler reconciler, EffectWorker effects, TimerScheduler timers) {
    this.shards = shards;
    this.executors = executors;
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
   * @param endpoint a local Discord, or null for discord.com
   * @param shardConfig the shards to run
   * @param devGuild register commands in this guild only
   * @param leases the job leases shared by all processes on the database
   * @param reconciliation when the reconciler of unattached tickets runs
   * @param startupTimeout how long to wait for the given number of shards to be ready
   * @param globalRateLimit requests per second all shards together send at most on Discord's
   *     global limit ({@link GlobalPacer}), 0 for no pacing (a shared REST proxy paces)
   * @param observers what the metrics observe ({@link Observers#NONE} without metrics)
   * @throws DiscordStartException if the shards are not all ready in time, or one shut down
   *     (everything started is stopped first)
   */
  public static DiscordBot start(String token, DiscordEndpoint endpoint, ShardConfig shardConfig,
      OptionalLong devGuild, TicketService tickets, SettingsService settings, Messages messages,
      JobLeases leases, Reconciliation reconciliation, Clock clock,
      IntFunction<Duration> startupTimeout, EffectStore effectStore,
      EffectWorker.Config effectConfig, dev.tiramisu.tickets.ticket.Blocklist blocklist,
      dev.tiramisu.tickets.ticket.TicketList ticketList,
      dev.tiramisu.tickets.ticket.ClaimService claims,
      dev.tiramisu.tickets.ticket.MemberService members, TicketTimers ticketTimers,
      dev.tiramisu.tickets.ticket.TicketWorld world, TimerScheduler.Config timerConfig,
      dev.tiramisu.tickets.settings.TicketTypes types, dev.tiramisu.tickets.panel.Panels panels,
      Transcripts transcripts, int globalRateLimit, Observers observers,
      dev.tiramisu.tickets.ticket.Feedback feedback, dev.tiramisu.tickets.ticket.Stats stats) {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(observers, "observers");
    Objects.requireNonNull(effectStore, "effectStore");
    ExecutorService working = Executors.newFixedThreadPool(HANDLER_THREADS, named("handler"));
    ExecutorService acknowledging = Executors.newFixedThreadPool(ACK_THREADS, named("ack"));
    ExecutorService settingsReads = Executors.newFixedThreadPool(ACK_THREADS, named("ack-read"));
    List<ExecutorService> executors = List.of(acknowledging, settingsReads, working);
    InteractionTracker tracker = new InteractionTracker(observers.interactions());
    Replies replies = new Replies(messages, tracker);
    TicketTexts texts = new TicketTexts(messages, types::ofTicket,
        types.forms()::answers);
    ThreadLookup threads = new ThreadLookup(settings);
    TranscriptEffects transcriptEffects = new TranscriptEffects(transcripts.store(), messages,
        threads, transcripts.messageContentIntent(), clock);
    EffectWorker worker = new EffectWorker(effectStore, tickets, leases, clock, effectConfig,
        new OpenEffects(tickets, texts, threads),
        new CloseEffects(texts, threads, transcriptEffects),
        new ReplyEffects(), new ThreadStateEffects(threads),
        new StaffEffects(texts, threads, claims), new TimerEffects(ticketTimers, texts, threads),
        transcriptEffects, new FeedbackEffects(feedback));
    TicketThreads inThread = new TicketThreads(tickets, replies);
    StaffWorkflow workflow = new StaffWorkflow(
        new CloseHandlers(tickets, claims, replies, new PendingCloseReasons(clock), worker,
            inThread),
        new ClaimHandlers(claims, replies, worker, inThread),
        new MemberHandlers(members, claims, replies, worker, inThread),
        new ReopenHandlers(tickets, replies, worker, inThread));
    SettingHandlers settingHandlers = new SettingHandlers(settings, replies, world,
        transcripts.messageContentIntent());
    PanelMessages panelMessages = new PanelMessages(panels);
    InteractionRouter router = new InteractionRouter(acknowledging, working,
        new TicketHandlers(tickets, settings, replies, settingsReads, worker, blocklist, types),
        new StaffHandlers(tickets, settings, replies, worker, types),
        settingHandlers, new ListHandlers(ticketList, replies),
        new BlocklistHandlers(blocklist, settings, replies), workflow,
        new CloseRequestHandlers(tickets, ticketTimers, replies, worker),
        new TicketTypeHandlers(types, settings, settingHandlers, replies, panelMessages),
        new TypeQuestionHandlers(types, settings, replies),
        new PanelHandlers(panels, panelMessages, replies), panelMessages,
        new TypeAutocomplete(types), new TranscriptHandlers(transcripts.access(), replies),
        new FeedbackHandlers(feedback, replies), new StatsHandlers(stats, replies), replies,
        tracker);
    WorldEvents worldEvents =
        new WorldEvents(tickets, ticketTimers, world, worker, working, feedback);
    TimerScheduler scheduler = new TimerScheduler(tickets, ticketTimers, worker, threads, leases,
        clock, timerConfig);
    ShardsReady ready = new ShardsReady();
    DefaultShardManagerBuilder builder =
        // GUILD_MESSAGES (not privileged): messages in ticket threads are activity for the
        // timers. MESSAGE_CONTENT (privileged) only when configured: transcripts then hold
        // members' text (Discord's REST reads follow the application's approval of it, the
        // gateway refuses an unapproved request with 4014). Raw events: THREAD_DELETE of threads
        // JDA has not cached.
        DefaultShardManagerBuilder.createLight(token, transcripts.messageContentIntent()
                ? EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.MESSAGE_CONTENT)
                : EnumSet.of(GatewayIntent.GUILD_MESSAGES))
            .setShardsTotal(shardConfig.total())
            .setEnableShutdownHook(false) // Main's hook closes the bot in order
            .setRawEventsEnabled(true)
            .addEventListeners(ready, router, worldEvents);
    if (!shardConfig.allShards()) {
      builder.setShards(shardConfig.ids());
    }
    GlobalPacer pacer = GlobalPacer.of(globalRateLimit); // one for all shards of the process
    // JDA's own defaults (connection pool, dispatcher), plus the pacer's interceptor (the calls
    // JDA sends outside its rate limiter, and its retries) and the metrics' one
    okhttp3.OkHttpClient.Builder http = net.dv8tion.jda.internal.utils.IOUtil
        .newHttpClientBuilder().addInterceptor(pacer.interceptor());
    if (observers.rest() != null) {
      http.addInterceptor(observers.rest());
    }
    builder.setHttpClientBuilder(http);
    RestConfig rest = new RestConfig();
    if (endpoint != null && endpoint.restBaseUrl() != null) {
      rest.setBaseUrl(endpoint.restBaseUrl());
    }
    if (endpoint != null && endpoint.gatewayUrl() != null) {
      builder.setSessionController(endpoint.local()
          ? new LocalSessionController(endpoint.gatewayUrl())
          : new GatewaySessionController(endpoint.gatewayUrl()));
    }
    pacer.install(rest);
    builder.setRestConfig(rest);
    ShardManager manager;
    try {
      manager = builder.build();
    } catch (RuntimeException e) {
      stop(executors);
      worker.close();
      throw e;
    }
    try {
      int expected = shardConfig.allShards() ? manager.getShardsTotal() : shardConfig.ids().size();
      Duration timeout = startupTimeout.apply(expected);
      if (!ready.await(expected, timeout)) {
        throw new DiscordStartException("shards " + ready.missing(shardIds(shardConfig, manager))
            + " of " + manager.getShardsTotal() + " did not connect and receive their servers"
            + " within " + timeout.toSeconds() + " s (ready: " + ready.describe()
            + "); is Discord reachable? STARTUP_TIMEOUT sets the wait");
      }
      log.info("connected shards {} of {}", ready.describe(), manager.getShardsTotal());
      registerCommands(manager, devGuild, messages);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      worker.close();
      shutdown(manager, executors);
      throw new IllegalStateException("interrupted while connecting to Discord", e);
    } catch (RuntimeException e) {
      worker.close();
      shutdown(manager, executors);
      throw e;
    }
    worker.start(manager);
    scheduler.start(manager);
    panelMessages.finishPosting(manager);
    UnattachedReconciler reconciler =
        new UnattachedReconciler(manager, tickets, settings, leases, clock, reconciliation);
    reconciler.start();
    return new DiscordBot(manager, executors, reconciler, worker, scheduler);
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
        shutdown(shards, executors);
      }
    }
  }

  private static void shutdown(ShardManager manager, List<ExecutorService> executors) {
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

  private static ThreadFactory named(String kind) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "tickets-" + kind + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * A local Discord's gateway, with sessions started one right after another: JDA's default
   * waits 5 s between identifies, Discord's limit, which the emulator's test default and the
   * sandbox report but do not impose (the standalone emulator does: a refused IDENTIFY is retried).
   */
  private static final class LocalSessionController extends SessionControllerAdapter {
    private final String gatewayUrl;

    LocalSessionController(String gatewayUrl) {
      this.gatewayUrl = gatewayUrl;
    }

    @Override
    public String getGateway() {
      return gatewayUrl;
    }

    @Override
    protected void runWorker() {
      synchronized (lock) {
        if (workerHandle == null) {
          workerHandle = new QueueWorker(0L);
          workerHandle.start();
        }
      }
    }
  }

  /** Another gateway (e.g. a gateway proxy), with Discord's pacing of identifies kept. */
  private static final class GatewaySessionController extends SessionControllerAdapter {
    private final String gatewayUrl;

    GatewaySessionController(String gatewayUrl) {
      this.gatewayUrl = gatewayUrl;
    }

    @Override
    public String getGateway() {
      return gatewayUrl;
    }
  }

  /** Waits for the first READY of every shard of this process; fails if a shard shuts down. */
  private static final class ShardsReady implements EventListener {
    private final Set<Integer> ready = new HashSet<>();
    private boolean shutDown;

    @Override
    public synchronized void onEvent(GenericEvent event) {
      if (event instanceof ReadyEvent) {
        ready.add(event.getJDA().getShardInfo().getShardId());
        notifyAll();
      } else if (event instanceof ShutdownEvent) {
        shutDown = true;
        notifyAll();
      }
    }

    /** True once {@code expected} shards are ready; false if {@code timeout} passed first. */
    synchronized boolean await(int expected, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (ready.size() < expected) {
        if (shutDown) {
          throw new DiscordStartException("a shard shut down while connecting to Discord"
              + " (ready: " + describe() + "); is the token valid?");
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      return true;
    }

    synchronized Set<Integer> missing(Set<Integer> all) {
      Set<Integer> missing = new java.util.TreeSet<>(all);
      missing.removeAll(ready);
      return missing;
    }

    synchronized String describe() {
      return new java.util.TreeSet<>(ready).toString();
    }
  }
}
