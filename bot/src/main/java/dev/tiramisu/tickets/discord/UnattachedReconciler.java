package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.jobs.JobLeases;
import dev.tiramisu.tickets.settings.GuildSettings;
import dev.tiramisu.tickets.settings.SettingsService;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketService;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.MiscUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles tickets saved by a process that died before their thread was recorded ({@link
 * TicketService#unattachedOlderThan}): a thread named like the ticket in the guild's {@code
 * ticket_channel} (JDA's cache) is attached to it, without posting a first message; without one the
 * ticket is marked FAILED.
 *
 * <p>One lease per shard, {@code reconcile-unattached:<shardId>}, held for one period: per period
 * exactly one process running a shard settles that shard's guilds. A single lease for the whole
 * job would starve the guilds of shards its holder does not run, since the holder renews it on
 * every run. Tickets of guilds on shards this process does not run, or did not win, are left to
 * the process that did. A shard that is not connected is not claimed (its guild cache may be
 * incomplete). Logs carry ids only.
 */
public final class UnattachedReconciler implements AutoCloseable {
  static final String LEASE_PREFIX = "reconcile-unattached:";
  static final String NO_THREAD = "no thread after restart";
  static final String NOT_IN_GUILD = "bot not in guild after restart";
  private static final Logger log = LoggerFactory.getLogger(UnattachedReconciler.class);

  /** What one {@link #runOnce()} did. */
  public record Run(Set<Integer> shardsClaimed, int attached, int failed, int skipped) {
    /** Whether this process won a lease and looked at tickets. */
    public boolean ran() {
      return !shardsClaimed.isEmpty();
    }
  }

  private final ShardManager shards;
  private final TicketService tickets;
  private final SettingsService settings;
  private final ShardLeases leases;
  private final Reconciliation config;
  private final AtomicInteger runs = new AtomicInteger();
  private final Object running = new Object();
  private ScheduledExecutorService executor;

  UnattachedReconciler(ShardManager shards, TicketService tickets, SettingsService settings,
      JobLeases leases, Clock clock, Reconciliation config) {
    this.shards = Objects.requireNonNull(shards, "shards");
    this.tickets = Objects.requireNonNull(tickets, "tickets");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.config = Objects.requireNonNull(config, "config");
    this.leases = new ShardLeases(LEASE_PREFIX, leases, clock, config.period());
  }

  /** Runs now, then every period, on one daemon thread (unless the configuration is manual). */
  synchronized void start() {
    if (!config.scheduled() || executor != null) {
      return;
    }
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tickets-reconciler");
      t.setDaemon(true);
      return t;
    });
    long periodMs = config.period().toMillis();
    executor.scheduleWithFixedDelay(this::runLogged, 0, periodMs, TimeUnit.MILLISECONDS);
    log.info("reconciler of unattached tickets runs every {} for tickets older than {} (owner {})",
        config.period(), config.age(), leases.owner());
  }

  /** A scheduled run: an exception must not cancel the later runs. */
  private void runLogged() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      log.warn("reconciler run failed: {}", e.toString());
    }
  }

  /**
   * Claims the lease of every connected shard of this process, then settles the unattached tickets
   * older than the age whose guild is on a claimed shard. Runs one at a time.
   *
   * @throws dev.tiramisu.tickets.common.StorageUnavailableException if the database is unreachable
   */
  public Run runOnce() {
    synchronized (running) {
      Set<Integer> claimed = leases.claimConnected(shards);
      if (claimed.isEmpty()) {
        log.debug("reconciler: no shard lease won by {}", leases.owner());
        return new Run(Set.of(), 0, 0, 0);
      }
      runs.incrementAndGet();
      int total = shards.getShardsTotal();
      int attached = 0;
      int failed = 0;
      int skipped = 0;
      for (Ticket t : tickets.unattachedOlderThan(config.age())) {
        int shardId = MiscUtil.getShardForGuild(t.guildId(), total);
        JDA shard = claimed.contains(shardId) ? shards.getShardById(shardId) : null;
        if (shard == null) {
          skipped++;
          continue;
        }
        try {
          switch (settle(shard, t)) {
            case ATTACHED -> attached++;
            case FAILED -> failed++;
            case LEFT -> skipped++;
          }
        } catch (RuntimeException e) {
          skipped++;
          log.warn("reconciler: guild {}: ticket id {} not settled: {}", t.guildId(), t.id(),
              e.toString());
        }
      }
      if (attached + failed > 0) {
        log.info("reconciler on shards {}: {} attached, {} failed, {} left", claimed, attached,
            failed, skipped);
      } else {
        log.debug("reconciler on shards {}: nothing to settle ({} left)", claimed, skipped);
      }
      return new Run(Set.copyOf(claimed), attached, failed, skipped);
    }
  }

  private enum Outcome { ATTACHED, FAILED, LEFT }

  private Outcome settle(JDA shard, Ticket t) {
    Guild guild = shard.getGuildById(t.guildId());
    if (guild == null) {
      if (shard.isUnavailable(t.guildId())) {
        return Outcome.LEFT; // an outage: its threads are unknown for now
      }
      return markFailed(t, NOT_IN_GUILD);
    }
    GuildSettings s = settings.get(t.guildId());
    Long channel = s.ticketChannelId();
    String name = s.nameTemplate().render(t.number());
    List<ThreadChannel> named = channel == null ? List.of() : guild.getThreadChannels().stream()
        .filter(th -> th.getParentChannel().getIdLong() == channel && th.getName().equals(name))
        .toList();
    for (ThreadChannel thread : named) {
      if (tickets.attachThread(t.id(), thread.getIdLong(), null)) {
        log.info("reconciler: guild {}: ticket id {} attached to thread {} found after a restart"
            + " (first message not recorded, none posted)", t.guildId(), t.id(), thread.getIdLong());
        return Outcome.ATTACHED;
      }
    }
    // No thread, or its thread belongs to another ticket; markFailed only changes a ticket that
    // is still OPEN without a thread, so a create that finished meanwhile is kept.
    return markFailed(t, NO_THREAD);
  }

  private Outcome markFailed(Ticket t, String why) {
    if (tickets.markFailed(t.id(), why)) {
      log.info("reconciler: guild {}: ticket id {} marked failed ({})", t.guildId(), t.id(), why);
      return Outcome.FAILED;
    }
    return Outcome.LEFT;
  }

  /** Runs in which this process won at least one shard's lease. */
  public int runs() {
    return runs.get();
  }

  /** This process's lease owner id. */
  public String owner() {
    return leases.owner();
  }

  /** Stops the schedule and gives up this process's leases so another process can take over. */
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
      leases.releaseAll(shards.getShards().stream()
          .map(shard -> shard.getShardInfo().getShardId()).toList());
    }
  }
}
