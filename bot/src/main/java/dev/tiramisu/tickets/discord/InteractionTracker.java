package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.metrics.InteractionMetrics;
import dev.tiramisu.tickets.metrics.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.dv8tion.jda.api.interactions.Interaction;

/**
 * Follows each interaction through the router for {@link InteractionMetrics}: when it was
 * acknowledged, whether an answer refused it ({@link Replies} reports refusals) or it failed, and
 * when its last stage of work ended. A handling runs in stages on executors (acknowledge, then
 * work); it ends when its last running stage ends, and is reported once. Latencies are measured
 * from the interaction's creation time (its snowflake id) on the system clock.
 */
final class InteractionTracker {
  private final InteractionMetrics metrics;
  private final Map<Long, Handling> running = new ConcurrentHashMap<>();

  InteractionTracker(InteractionMetrics metrics) {
    this.metrics = metrics;
  }

  /** Starts following {@code e}; {@code command} is a fixed name (no user text). */
  void begin(Interaction e, String command) {
    if (metrics != InteractionMetrics.NONE) {
      running.put(e.getIdLong(), new Handling(command, e.getTimeCreated().toInstant()));
    }
  }

  /** Discord accepted the acknowledgement (the first call counts). */
  void acknowledged(Interaction e) {
    Handling h = running.get(e.getIdLong());
    if (h != null && h.acknowledged.compareAndSet(0, 1)) {
      metrics.acknowledged(h.command, since(h.created));
    }
  }

  /** The answer refused what the user asked. */
  void refused(Interaction e) {
    Handling h = running.get(e.getIdLong());
    if (h != null) {
      h.refused = true;
    }
  }

  /** The handling failed (database, bug, not acknowledged). */
  void failed(Interaction e) {
    Handling h = running.get(e.getIdLong());
    if (h != null) {
      h.failed = true;
    }
  }

  /** Another delivery of the interaction handles it (40060): this one is not reported. */
  void duplicate(Interaction e) {
    running.remove(e.getIdLong());
  }

  /** A stage of the handling is about to run. */
  void stageStarts(Interaction e) {
    Handling h = running.get(e.getIdLong());
    if (h != null) {
      h.stages.incrementAndGet();
    }
  }

  /** A stage ended; when it was the last one, the handling is reported. */
  void stageEnds(Interaction e) {
    Handling h = running.get(e.getIdLong());
    if (h != null && h.stages.decrementAndGet() <= 0) {
      end(e);
    }
  }

  /** The handling ended outside any stage (its acknowledgement failed). */
  void end(Interaction e) {
    Handling h = running.remove(e.getIdLong());
    if (h != null) {
      Outcome outcome = h.failed ? Outcome.ERROR : h.refused ? Outcome.REFUSED : Outcome.OK;
      metrics.completed(h.command, outcome, since(h.created));
    }
  }

  private static Duration since(Instant created) {
    return Duration.between(created, Instant.now());
  }

  private static final class Handling {
    final String command;
    final Instant created;
    final AtomicInteger acknowledged = new AtomicInteger();
    final AtomicInteger stages = new AtomicInteger();
    volatile boolean refused;
    volatile boolean failed;

    Handling(String command, Instant created) {
      this.command = command;
      this.created = created;
    }
  }
}
