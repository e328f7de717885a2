package dev.tiramisu.tickets.discord;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.ShutdownEvent;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;

/** How the shards connect: the session controllers for other gateways, and the wait for READY. */
final class ShardStartup {
  private ShardStartup() {}

  /** Another gateway (e.g. a gateway proxy), with Discord's pacing of identifies kept. */
  static class GatewaySessionController extends SessionControllerAdapter {
    private final String gatewayUrl;

    GatewaySessionController(String gatewayUrl) {
      this.gatewayUrl = gatewayUrl;
    }

    @Override
    public String getGateway() {
      return gatewayUrl;
    }
  }

  /**
   * A local Discord's gateway, with sessions started one right after another: JDA's default
   * waits 5 s between identifies, Discord's limit, which the emulator's test default and the
   * sandbox report but do not impose (the standalone emulator does: a refused IDENTIFY is retried).
   */
  static final class LocalSessionController extends GatewaySessionController {
    LocalSessionController(String gatewayUrl) {
      super(gatewayUrl);
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

  /** Waits for the first READY of every shard of this process; fails if a shard shuts down. */
  static final class ShardsReady implements EventListener {
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
