package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.jobs.JobLeases;
import dev.tiramisu.tickets.ticket.AutoClose;
import dev.tiramisu.tickets.ticket.ClosedTicket;
import dev.tiramisu.tickets.ticket.CloseRequest;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketService;
import dev.tiramisu.tickets.ticket.TicketTimers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.MiscUtil;
import net.dv8tion.jda.api.utils.TimeUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the tickets' timers ({@link TicketTimers}): expired close requests, closes a crashed
 * process left unfinished, and auto-close warnings and closes. Runs in the process holding the
 * lease {@code timers:<shardId>} of a guild's shard (claimed on connected shards each sweep, as
 * {@link EffectWorker} does); the database decides who acts, so two sweeps of the same timer act
 * once. Before an idle ticket is warned or closed, its thread is looked at: messages the bot
 * missed (it was down, its events lost) count as activity, by the thread's {@code
 * last_message_id} and the messages after the ticket's idle time. Each sweep also redraws the
 * panels of its guilds whose redraw Discord refused earlier ({@link PanelMessages#redrawDue}).
 */
public final class TimerScheduler implements AutoCloseable {
  static final String LEASE_PREFIX = "timers:";
  private static final Logger log = LoggerFactory.getLogger(TimerScheduler.class);

  /**
   * @param period how often timers are looked at (a timer fires up to a period late)
   * @param leaseTtl how long a shard's lease lasts without renewal
   * @param scheduled false for tests that call {@link #sweepOnce()} themselves
   */
  public record Config(Duration period, Duration leaseTtl, boolean scheduled) {
    public static final Config DEFAULT =
        new Config(Duration.ofSeconds(30), Duration.ofSeconds(90), true);

    public Config {
      Objects.requireNonNull(period, "period");
      Objects.requireNonNull(leaseTtl, "leaseTtl");
      if (leaseTtl.compareTo(period) <= 0) {
        throw new IllegalArgumentException("the lease must outlive a period");
      }
    }

    /** Sweeps only when {@link #sweepOnce()} is called. */
    public static Config manual() {
      return new Config(DEFAULT.period, DEFAULT.leaseTtl, false);
    }
  }

  /** What one sweep did. */
  public record Sweep(Set<Integer> shards, int expired, int finished, int warned, int closed,
      int deferred, int panelsRedrawn) {}

  private final TicketService tickets;
  private final TicketTimers timers;
  private final EffectWorker effects;
  private final ThreadLookup threads;
  private final PanelMessages panels;
  private final ShardLeases leases;
  private final Config config;
  private final Object running = new Object();
  private volatile ShardManager shards;
  private ScheduledExecutorService executor;

  TimerScheduler(TicketService tickets, TicketTimers timers, EffectWorker effects,
      ThreadLookup threads, PanelMessages panels, JobLeases leases, Clock clock, Config config) {
    this.panels = Objects.requireNonNull(panels, "panels");
    this.tickets = Objects.requireNonNull(tickets, "tickets");
    this.timers = Objects.requireNonNull(timers, "timers");
    this.effects = Objects.requireNonNull(effects, "effects");
    this.threads = Objects.requireNonNull(threads, "threads");
    this.config = Objects.requireNonNull(config, "config");
    this.leases = new ShardLeases(LEASE_PREFIX, leases, clock, config.leaseTtl());
  }

  synchronized void start(ShardManager shards) {
    this.shards = Objects.requireNonNull(shards, "shards");
    if (!config.scheduled() || executor != null) {
      return;
    }
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tickets-timers");
      t.setDaemon(true);
      return t;
    });
    executor.scheduleWithFixedDelay(() -> {
      try {
        sweepOnce();
      } catch (RuntimeException e) {
        log.warn("timers sweep failed: {}", e.toString());
      }
    }, config.period().toMillis(), config.period().toMillis(), TimeUnit.MILLISECONDS);
    log.info("timers: sweep every {} (owner {})", config.period(), leases.owner());
  }

  /** Claims or renews the shards' leases, then fires the due timers of their guilds. */
  public Sweep sweepOnce() {
    ShardManager s = shards;
    return s == null ? empty() : sweep(leases.claimConnected(s));
  }

  /**
   * Fires the due timers of every guild of this process's connected shards, without the leases:
   * for tests showing that the database alone makes two processes act once.
   */
  public Sweep sweepIgnoringLeases() {
    ShardManager s = shards;
    if (s == null) {
      return empty();
    }
    Set<Integer> all = new HashSet<>();
    s.getShards().stream().filter(j -> j.getStatus() == JDA.Status.CONNECTED)
        .forEach(j -> all.add(j.getShardInfo().getShardId()));
    return sweep(all);
  }

  private static Sweep empty() {
    return new Sweep(Set.of(), 0, 0, 0, 0, 0, 0);
  }

  private Sweep sweep(Set<Integer> held) {
    if (held.isEmpty()) {
      return empty();
    }
    synchronized (running) {
      int expired = 0;
      int warned = 0;
      int closed = 0;
      int deferred = 0;
      for (CloseRequest r : timers.dueRequests()) {
        Guild g = guild(held, r.guildId());
        if (g != null) {
          Optional<ClosedTicket> c = timers.expire(r, botId(g));
          effects.kick(r.ticketId(), r.guildId());
          expired += c.isPresent() ? 1 : 0;
        }
      }
      List<ClosedTicket> finished = timers.finishUnfinished(botId(),
          guildId -> guild(held, guildId) != null);
      finished.forEach(c -> effects.kick(c.ticket().id(), c.ticket().guildId()));
      for (long guildId : timers.autocloseGuilds()) {
        Guild g = guild(held, guildId);
        if (g == null) {
          continue;
        }
        for (TicketTimers.IdleStep step : timers.idleSteps(guildId)) {
          try {
            switch (idleStep(g, step)) {
              case WARNED -> warned++;
              case CLOSED -> closed++;
              case DEFERRED -> deferred++;
              case NONE -> { }
            }
          } catch (RuntimeException e) {
            log.warn("timers: guild {}: ticket id {} not handled: {}", guildId,
                step.ticket().ticketId(), TicketHandlers.describe(e));
          }
        }
      }
      int redrawn = panels.redrawDue(guildId -> guild(held, guildId));
      Sweep done = new Sweep(Set.copyOf(held), expired, finished.size(), warned, closed,
          deferred, redrawn);
      if (redrawn > 0) {
        log.info("timers on shards {}: {} panels redrawn", held, redrawn);
      }
      if (expired + finished.size() + warned + closed + deferred > 0) {
        log.info("timers on shards {}: {} requests expired, {} closes finished, {} warned, {}"
            + " closed as inactive, {} found active", held, expired, finished.size(), warned,
            closed, deferred);
      }
      return done;
    }
  }

  private enum Step { NONE, WARNED, CLOSED, DEFERRED }

  private Step idleStep(Guild guild, TicketTimers.IdleStep step) {
    Optional<Ticket> t = tickets.find(step.ticket().ticketId()).filter(Ticket::isOpen);
    if (t.isEmpty()) {
      return Step.NONE;
    }
    Optional<Instant> missed = lastMessageAfter(guild, t.get(), step.ticket().idleSince());
    if (missed.isPresent()) {
      timers.activityAt(t.get().id(), guild.getIdLong(), missed.get());
      return Step.DEFERRED;
    }
    if (step.decision() == AutoClose.Decision.WARN) {
      if (timers.warn(step)) {
        effects.kick(t.get().id(), guild.getIdLong());
        return Step.WARNED;
      }
      return Step.NONE;
    }
    Result<ClosedTicket> c = timers.closeInactive(step, botId(guild));
    if (c.isOk()) {
      log.info("guild {}: ticket #{} (id {}) closed as inactive", guild.getIdLong(),
          t.get().number(), t.get().id());
      effects.kick(t.get().id(), guild.getIdLong());
      return Step.CLOSED;
    }
    return Step.NONE;
  }

  /**
   * The time of the latest message in the ticket's thread after {@code idleSince} by someone
   * other than the bot, if the thread's {@code last_message_id} says there may be one.
   */
  private Optional<Instant> lastMessageAfter(Guild guild, Ticket t, Instant idleSince) {
    ThreadChannel thread = threads.find(guild, t);
    if (thread == null) {
      return Optional.empty();
    }
    long latest = thread.getLatestMessageIdLong();
    if (latest == 0
        || !TimeUtil.getTimeCreated(latest).toInstant().isAfter(idleSince)) {
      return Optional.empty();
    }
    long self = guild.getSelfMember().getIdLong();
    List<Message> after = thread.getHistoryAfter(
        TimeUtil.getDiscordTimestamp(idleSince.toEpochMilli()), 100).complete()
        .getRetrievedHistory();
    return after.stream()
        .filter(m -> m.getAuthor().getIdLong() != self && !m.getType().isSystem())
        .map(m -> m.getTimeCreated().toInstant())
        .max(Instant::compareTo);
  }

  private Guild guild(Set<Integer> held, long guildId) {
    ShardManager s = shards;
    int shard = MiscUtil.getShardForGuild(guildId, s.getShardsTotal());
    if (!held.contains(shard)) {
      return null;
    }
    JDA jda = s.getShardById(shard);
    return jda == null ? null : jda.getGuildById(guildId);
  }

  private long botId(Guild g) {
    return g.getJDA().getSelfUser().getIdLong();
  }

  private long botId() {
    return shards.getShards().get(0).getSelfUser().getIdLong();
  }

  /** Stops the schedule and gives up this process's leases. */
  @Override
  public void close() {
    ScheduledExecutorService e;
    synchronized (this) {
      e = executor;
      executor = null;
    }
    if (e != null) {
      DiscordBot.stop(List.of(e)); // a run under way finishes; no further runs
    }
    synchronized (running) {
      leases.releaseAll(leases.claimed());
    }
  }
}
