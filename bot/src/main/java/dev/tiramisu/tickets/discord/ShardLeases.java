package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.jobs.JobLeases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.sharding.ShardManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link JobLeases} lease per shard, {@code <prefix><shardId>}, for work that one process at a
 * time must do for a shard's guilds. One lease per shard, not one for the whole job: a single
 * lease would be renewed by its holder forever and starve the guilds of shards it does not run.
 * Only connected shards are claimed (a shard that is not connected may have an incomplete guild
 * cache). Owner = this process's pid and a random id; leases are released on {@link #releaseAll}.
 */
final class ShardLeases {
  private static final Logger log = LoggerFactory.getLogger(ShardLeases.class);

  private final String prefix;
  private final JobLeases leases;
  private final Clock clock;
  private final Duration ttl;
  private final String owner;
  private final ConcurrentHashMap<Integer, Instant> heldUntil = new ConcurrentHashMap<>();

  ShardLeases(String prefix, JobLeases leases, Clock clock, Duration ttl) {
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    this.leases = Objects.requireNonNull(leases, "leases");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.owner = "pid-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID();
  }

  String owner() {
    return owner;
  }

  /**
   * Claims or renews the lease of every connected shard of {@code shards}; forgets the others.
   *
   * @return the shards whose lease this process holds now
   */
  Set<Integer> claimConnected(ShardManager shards) {
    Instant now = clock.instant();
    Set<Integer> held = new TreeSet<>();
    for (JDA shard : shards.getShards()) {
      int id = shard.getShardInfo().getShardId();
      if (shard.getStatus() == JDA.Status.CONNECTED && claim(id, now)) {
        held.add(id);
      } else {
        heldUntil.remove(id);
      }
    }
    return held;
  }

  /** Whether this process holds the shard's lease now, as of its last claim or renewal. */
  boolean holds(int shardId) {
    Instant until = heldUntil.get(shardId);
    return until != null && until.isAfter(clock.instant());
  }

  /**
   * Whether this process holds the shard's lease for at least half its time to live, renewing or
   * claiming it when not (and the shard is connected).
   */
  boolean holdOrClaim(ShardManager shards, int shardId) {
    Instant now = clock.instant();
    Instant until = heldUntil.get(shardId);
    if (until != null && until.isAfter(now.plus(ttl.dividedBy(2)))) {
      return true;
    }
    JDA shard = shards.getShardById(shardId);
    return shard != null && shard.getStatus() == JDA.Status.CONNECTED && claim(shardId, now);
  }

  private boolean claim(int shardId, Instant now) {
    if (leases.tryClaim(prefix + shardId, owner, now, ttl)) {
      heldUntil.put(shardId, now.plus(ttl));
      return true;
    }
    heldUntil.remove(shardId);
    return false;
  }

  /** Gives up this process's lease of each of {@code shardIds}, so another process may take over. */
  void releaseAll(List<Integer> shardIds) {
    for (int shardId : shardIds) {
      try {
        leases.release(prefix + shardId, owner);
      } catch (RuntimeException ex) {
        log.warn("lease {}{} not released: {}", prefix, shardId, ex.toString());
      }
      heldUntil.remove(shardId);
    }
  }

  /** The shards whose lease this process claimed and did not give up. */
  List<Integer> claimed() {
    return List.copyOf(heldUntil.keySet());
  }
}
