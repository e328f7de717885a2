package dev.tiramisu.tickets.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.LongSupplier;
import okhttp3.Interceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's Prometheus metrics (Micrometer): interactions by command and outcome, acknowledgement
 * and completion latency histograms, Discord REST requests ({@link RestMetrics}), gauges read from
 * the database (cached, see {@link #gauge}), the connection pool (HikariCP registers itself on
 * {@link #registry()}), and the JVM. Names as Prometheus shows them: {@code
 * tickets_interactions_total}, {@code tickets_interaction_ack_seconds}, {@code
 * tickets_interaction_completion_seconds}, {@code discord_rest_requests_total}, {@code
 * discord_rest_ratelimited_total}, {@code tickets_effects}, {@code tickets_open}, {@code
 * hikaricp_*}, {@code jvm_*}, {@code process_*}, {@code system_*}.
 */
public final class BotMetrics implements InteractionMetrics, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BotMetrics.class);
  /** Histogram buckets: Discord's 3 s acknowledgement deadline and the steps up to it. */
  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
    Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
    Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)
  };

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc;
  private final RestMetrics rest;
  private long completions;

  public BotMetrics() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    rest = new RestMetrics(registry);
  }

  /** The registry, for libraries that report themselves (HikariCP). */
  public MeterRegistry registry() {
    return registry;
  }

  /** Counts JDA's requests to Discord; add it to the shard manager's HTTP client. */
  public Interceptor restInterceptor() {
    return rest;
  }

  /** The Prometheus text exposition of every metric. */
  public String scrape() {
    return registry.scrape();
  }

  /**
   * A gauge whose value {@code read} takes from the database: read at most once per {@code ttl}
   * (at a scrape; nothing runs between scrapes), NaN while the database does not answer.
   */
  public void gauge(String name, String description, String tagKey, String tagValue,
      LongSupplier read, Duration ttl) {
    CachedValue value = new CachedValue(name, read, ttl);
    // strong: Micrometer holds a gauge's object weakly by default, and nothing else holds this one
    Gauge.Builder<CachedValue> b = Gauge.builder(name, value, CachedValue::get).strongReference(true)
        .description(description);
    if (tagKey != null) {
      b.tag(tagKey, tagValue);
    }
    b.register(registry);
  }

  @Override
  public void acknowledged(String command, Duration sinceCreated) {
    Timer.builder("tickets.interaction.ack")
        .description("From the interaction's creation (its id) to the bot's acknowledgement")
        .tag("command", command)
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .register(registry)
        .record(positive(sinceCreated));
  }

  @Override
  public void completed(String command, Outcome outcome, Duration sinceCreated) {
    Counter.builder("tickets.interactions")
        .description("Interactions handled, by command and outcome (ok, refused, error)")
        .tag("command", command)
        .tag("outcome", outcome.label())
        .register(registry)
        .increment();
    Timer.builder("tickets.interaction.completion")
        .description("From the interaction's creation to the end of its handling (the last"
            + " answer sent)")
        .tag("command", command)
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .register(registry)
        .record(positive(sinceCreated));
    synchronized (this) {
      completions++;
      notifyAll();
    }
  }

  /**
   * Waits until {@code atLeast} interactions were reported completed since start (for tests and
   * tools that act, then read the metrics); false if {@code timeout} passed first.
   */
  public synchronized boolean awaitCompletions(long atLeast, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (completions < atLeast) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /** Interactions reported completed since start. */
  public synchronized long completions() {
    return completions;
  }

  private static Duration positive(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }

  /** A value read through {@code read} at most once per {@code ttl}. */
  private static final class CachedValue {
    private final String name;
    private final LongSupplier read;
    private final long ttlNanos;
    private double value = Double.NaN;
    private long readAt;
    private boolean everRead;

    CachedValue(String name, LongSupplier read, Duration ttl) {
      this.name = name;
      this.read = read;
      this.ttlNanos = ttl.toNanos();
    }

    synchronized double get() {
      long now = System.nanoTime();
      if (everRead && now - readAt < ttlNanos) {
        return value;
      }
      try {
        value = read.getAsLong();
      } catch (RuntimeException e) {
        log.debug("gauge {}: cannot read: {}", name, e.toString());
        value = Double.NaN;
      }
      readAt = now;
      everRead = true;
      return value;
    }
  }
}
