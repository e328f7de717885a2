package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.common.StorageUnavailableException;
import dev.tiramisu.tickets.effects.Effect;
import dev.tiramisu.tickets.effects.EffectKind;
import dev.tiramisu.tickets.effects.EffectStore;
import dev.tiramisu.tickets.effects.RetryPolicy;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.MiscUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performs the recorded Discord effects ({@link EffectStore}): for each ticket, its PENDING
 * effects one at a time in the order they were recorded, each attempt committed before its
 * request; transient failures are retried with the {@link RetryPolicy}'s backoff, permanent ones
 * settled as FAILED with the outcome.
 *
 * <p>Who performs: the process holding the lease {@code effects:<shardId>} of the ticket's guild's
 * shard (renewed every sweep, released on close). The process that recorded an effect performs it
 * at once when it holds that lease (the usual case: it runs the shard); otherwise the holder's
 * next sweep does. After a crash the lease expires and the process that runs the shard next takes
 * it over and resumes every PENDING effect, so nothing a confirmed action implies is lost. Within
 * a process a ticket's chain runs on one thread at a time. Logs carry ids and outcomes only.
 *
 * <p>What an attempt of each kind does is {@link EffectDispatch}'s; recording its result is
 * {@link EffectSettlement}'s; waiting for a ticket's effects to settle is {@link EffectWaits}'s.
 */
public final class EffectWorker implements AutoCloseable {
  static final String LEASE_PREFIX = "effects:";
  private static final Logger log = LoggerFactory.getLogger(EffectWorker.class);
  private static final int SWEEP_LIMIT = 500;
  private static final int THREADS = 8;

  /**
   * @param sweepPeriod how often due effects are looked for and the leases renewed
   * @param leaseTtl how long a lease lasts without renewal: how long other processes wait for a
   *     process that died before they take its shards' effects over
   * @param scheduled false for tests that call {@link #sweepOnce()} themselves
   * @param answerHold how long a create's reply is held back for the worker's answer to be its
   *     first response before it is deferred ({@link HeldReplies}); zero defers at once
   */
  public record Config(Duration sweepPeriod, Duration leaseTtl, RetryPolicy retry,
      boolean scheduled, Duration answerHold) {
    public static final Config DEFAULT =
        new Config(Duration.ofSeconds(2), Duration.ofSeconds(15), RetryPolicy.DEFAULT, true);

    public Config {
      Objects.requireNonNull(sweepPeriod, "sweepPeriod");
      Objects.requireNonNull(leaseTtl, "leaseTtl");
      Objects.requireNonNull(retry, "retry");
      Objects.requireNonNull(answerHold, "answerHold");
      if (leaseTtl.compareTo(sweepPeriod) <= 0) {
        throw new IllegalArgumentException("the lease must outlive a sweep period");
      }
    }

    /** With the default hold of a create's reply ({@link HeldReplies#BUDGET}). */
    public Config(Duration sweepPeriod, Duration leaseTtl, RetryPolicy retry, boolean scheduled) {
      this(sweepPeriod, leaseTtl, retry, scheduled, HeldReplies.BUDGET);
    }

    public Config withLeaseTtl(Duration ttl) {
      Duration half = ttl.dividedBy(2); // renewed at least twice per lease
      return new Config(sweepPeriod.compareTo(half) < 0 ? sweepPeriod : half, ttl, retry,
          scheduled, answerHold);
    }

    /** The same with another hold of a create's reply (tests). */
    public Config withAnswerHold(Duration hold) {
      return new Config(sweepPeriod, leaseTtl, retry, scheduled, hold);
    }
  }

  private volatile ShardManager shards;
  private final EffectStore store;
  private final TicketService tickets;
  private final Clock clock;
  private final Config config;
  private final EffectDispatch dispatch;
  private final EffectWaits waits;
  private final EffectSettlement settlement;
  private final ShardLeases shardLeases;
  private final ExecutorService pool;
  private final ScheduledExecutorService timer;
  /** Sends answers together with first messages. */
  private final AnswerAlongside alongside;
  /** Tickets whose chain runs here now; the value says whether it was kicked again meanwhile. */
  private final ConcurrentHashMap<Long, Boolean> active = new ConcurrentHashMap<>();
  /**
   * The tickets' reply locks, striped: a lock is held across an answer's request, so tickets that
   * share one wait for each other's answers; 1,024 stripes keep that rare in a burst of hundreds.
   */
  private final Object[] replyLocks = new Object[1024];
  private volatile boolean closed;

  EffectWorker(EffectStore store, TicketService tickets,
      dev.tiramisu.tickets.jobs.JobLeases leases, Clock clock, Config config,
      EffectDispatch dispatch) {
    this.store = Objects.requireNonNull(store, "store");
    this.tickets = Objects.requireNonNull(tickets, "tickets");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.config = Objects.requireNonNull(config, "config");
    this.dispatch = Objects.requireNonNull(dispatch, "dispatch");
    this.waits = new EffectWaits(store);
    this.settlement = new EffectSettlement(store, tickets, config.retry(), waits,
        (delay, ticketId) -> later(ticketId, delay));
    this.shardLeases = new ShardLeases(LEASE_PREFIX, leases, clock, config.leaseTtl());
    for (int i = 0; i < replyLocks.length; i++) {
      replyLocks[i] = new Object();
    }
    AtomicInteger n = new AtomicInteger();
    pool = Executors.newFixedThreadPool(THREADS, r -> daemon(r, "tickets-effects-" + n.incrementAndGet()));
    timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "tickets-effects-timer"));
    alongside = new AnswerAlongside(store, dispatch, clock, this::replyLock, settlement::settle);
  }

  /** A daemon thread named {@code name} (the worker's pools, and {@link AnswerAlongside}'s). */
  static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** Sweeps now and then every period (unless the configuration is manual). */
  void start(ShardManager shards, BooleanSupplier globalLimitFree) {
    alongside.start(globalLimitFree);
    this.shards = Objects.requireNonNull(shards, "shards");
    if (config.scheduled()) {
      timer.scheduleWithFixedDelay(this::sweepLogged, 0, config.sweepPeriod().toMillis(),
          TimeUnit.MILLISECONDS);
      log.info("effects worker: sweeps every {}, shard leases of {} (owner {})",
          config.sweepPeriod(), config.leaseTtl(), shardLeases.owner());
    }
  }

  private void sweepLogged() {
    try {
      sweepOnce();
    } catch (RuntimeException e) {
      log.warn("effects sweep failed: {}", e.toString());
    }
  }

  /**
   * Claims or renews the lease of every connected shard of this process, then starts the chains
   * of due tickets whose guild is on a held shard.
   *
   * @return how many tickets' chains were started or kicked
   */
  public int sweepOnce() {
    ShardManager shards = this.shards;
    if (shards == null || shardLeases.claimConnected(shards).isEmpty()) {
      return 0;
    }
    int started = 0;
    for (long[] due : store.ticketsDue(clock.instant(), SWEEP_LIMIT)) {
      if (shardLeases.holds(shardOf(due[1]))) {
        submit(due[0]);
        started++;
      }
    }
    return started;
  }

  /** Whether this process holds (or could just claim) the lease of the guild's shard. */
  private boolean holds(long guildId) {
    ShardManager shards = this.shards;
    return shards != null // not connected yet: the first sweep picks it up
        && shardLeases.holdOrClaim(shards, shardOf(guildId));
  }

  private int shardOf(long guildId) {
    return MiscUtil.getShardForGuild(guildId, shards.getShardsTotal());
  }

  /**
   * Performs the ticket's pending effects now if this process holds its shard's lease (else the
   * holder's sweep will).
   *
   * @return whether this process runs them
   */
  boolean kick(long ticketId, long guildId) {
    if (closed || !holds(guildId)) {
      return false;
    }
    submit(ticketId);
    return true;
  }

  private void submit(long ticketId) {
    boolean[] start = {false};
    active.compute(ticketId, (k, again) -> {
      if (again == null) {
        start[0] = true;
        return Boolean.FALSE;
      }
      return Boolean.TRUE;
    });
    if (start[0]) {
      try {
        pool.execute(() -> run(ticketId));
      } catch (RejectedExecutionException stopping) {
        active.remove(ticketId);
      }
    }
  }

  private void run(long ticketId) {
    boolean again;
    do {
      try {
        runChain(ticketId);
      } catch (StorageUnavailableException e) {
        log.warn("effects of ticket id {}: database unavailable, left for the next sweep: {}",
            ticketId, e.getMessage());
      } catch (RuntimeException e) {
        log.error("effects of ticket id {}: unexpected failure, left for the next sweep",
            ticketId, e);
      }
      boolean[] rerun = {false};
      active.compute(ticketId, (k, kicked) -> {
        if (Boolean.TRUE.equals(kicked) && !closed) {
          rerun[0] = true;
          return Boolean.FALSE;
        }
        return null;
      });
      again = rerun[0];
    } while (again);
  }

  private void runChain(long ticketId) {
    while (!closed) {
      List<Effect> chain = store.forTicket(ticketId);
      Instant now = clock.instant();
      Effect next = null;
      Instant wake = null;
      for (Effect e : chain) {
        if (!e.isPending()) {
          continue;
        }
        if (!e.nextAttemptAt().isAfter(now)) {
          next = e;
          break;
        }
        wake = wake == null || e.nextAttemptAt().isBefore(wake) ? e.nextAttemptAt() : wake;
        if (!e.kind().mayWait() || !waitsForRenameLimit(e)) {
          // a waiting effect holds up the ones after it, except a rename waiting for Discord's
          // rename limit (minutes; see mayWait): a rename retried after a 5xx keeps its place,
          // so the lock and archive never overtake it
          break;
        }
      }
      if (next == null) {
        if (wake != null) {
          later(ticketId, Duration.between(now, wake));
        }
        return;
      }
      if (!holds(next.guildId())) {
        return; // another process holds the shard's lease; its sweep goes on
      }
      JDA shard = shards == null ? null : shards.getShardById(shardOf(next.guildId()));
      if (shard == null || shard.getStatus() != JDA.Status.CONNECTED) {
        return; // the next sweep, once connected
      }
      Guild guild = shard.getGuildById(next.guildId());
      Ticket t = tickets.find(ticketId).orElseThrow(
          () -> new IllegalStateException("effects of a missing ticket " + ticketId));
      if (guild == null && shard.isUnavailable(next.guildId())) {
        later(ticketId, config.sweepPeriod());
        return; // a Discord outage of the guild: wait, without counting an attempt
      }
      String skip = EffectDispatch.skipReason(next, t);
      if (skip != null) {
        settlement.settle(next, t, EffectResult.failed(skip), now);
        continue;
      }
      String done = EffectDispatch.doneWithoutRequest(next, chain);
      if (done != null) {
        settlement.settle(next, t, EffectResult.done(done), now);
        continue;
      }
      Effect started = store.startAttempt(next, now);
      if (started == null) {
        continue; // changed under us: read again
      }
      List<Effect> before = before(chain, started);
      Future<?> answer = alongside.start(started, t, shard, guild, chain, now);
      EffectResult result;
      if (started.kind().isReply()) {
        // The answer and its settlement under the ticket's reply lock: a handler's interim
        // answer ("still in progress") must never land after the final one.
        synchronized (replyLock(t.id())) {
          result = dispatch.perform(started, t, shard, guild, before, chain);
          settlement.settle(started, t, result, clock.instant());
        }
      } else {
        result = dispatch.perform(started, t, shard, guild, before, chain);
        settlement.settle(started, t, result, clock.instant());
      }
      if (answer != null) {
        AnswerAlongside.await(answer, t);
      }
      if (result.kind() == EffectResult.Kind.RETRY && !started.kind().mayWait()) {
        return; // the retry is scheduled; the effects after it wait for it
      }
    }
  }

  /** The effects of {@code chain} recorded before {@code e}: what its attempt may depend on. */
  static List<Effect> before(List<Effect> chain, Effect e) {
    return chain.stream().filter(x -> x.id() < e.id()).toList();
  }

  private static boolean waitsForRenameLimit(Effect e) {
    return e.outcome() != null && e.outcome().startsWith(ThreadStateEffects.RENAME_LIMITED);
  }

  private void later(long ticketId, Duration delay) {
    if (closed) {
      return;
    }
    try {
      timer.schedule(() -> submit(ticketId), Math.max(1, delay.toMillis()), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopping) {
      // closing: the next process's sweep resumes it
    }
  }

  Object replyLock(long ticketId) {
    return replyLocks[(int) Math.floorMod(ticketId, (long) replyLocks.length)];
  }

  /**
   * Waits until the latest effect of {@code kind} of the ticket is settled, at most {@code
   * timeout}.
   *
   * @return that effect as it is now (possibly still PENDING), or empty if the ticket has none
   */
  Optional<Effect> awaitSettled(long ticketId, EffectKind kind, Duration timeout) {
    return waits.awaitSettled(ticketId, kind, timeout);
  }

  /**
   * Waits until the ticket has no PENDING effect, at most {@code timeout} (tests, and operators'
   * tools).
   *
   * @return whether none is pending
   */
  public boolean awaitIdle(long ticketId, Duration timeout) {
    return waits.awaitIdle(ticketId, timeout);
  }

  static Optional<Effect> latest(List<Effect> chain, EffectKind kind) {
    Effect found = null;
    for (Effect e : chain) {
      if (e.kind() == kind) {
        found = e;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The ticket's effects, for {@code /ticket check}. */
  List<Effect> effectsOf(long ticketId) {
    return store.forTicket(ticketId);
  }

  /** Stops performing, lets attempts under way finish, and gives up this process's leases. */
  @Override
  public void close() {
    closed = true;
    timer.shutdownNow();
    alongside.close();
    DiscordBot.stop(List.of(pool));
    shardLeases.releaseAll(shardLeases.claimed());
  }
}
