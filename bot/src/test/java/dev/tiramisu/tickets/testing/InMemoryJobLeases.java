package dev.tiramisu.tickets.testing;

import dev.tiramisu.tickets.jobs.JobLeases;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** {@link JobLeases} in memory; passes the store contract tests. */
public final class InMemoryJobLeases implements JobLeases {
  private record Lease(String owner, Instant expiresAt) {}

  private final Map<String, Lease> leases = new HashMap<>();

  @Override
  public synchronized boolean tryClaim(String name, String owner, Instant now, Duration ttl) {
    Lease current = leases.get(name);
    if (current != null && current.expiresAt.isAfter(now) && !current.owner.equals(owner)) {
      return false;
    }
    leases.put(name, new Lease(owner, now.plus(ttl)));
    return true;
  }

  @Override
  public synchronized void release(String name, String owner) {
    leases.computeIfPresent(name, (k, l) -> l.owner.equals(owner) ? null : l);
  }
}
