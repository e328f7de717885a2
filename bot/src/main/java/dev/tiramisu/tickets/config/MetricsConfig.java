package dev.tiramisu.tickets.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The operations endpoint: Prometheus {@code /metrics}, {@code /healthz} and {@code /readyz} on
 * one port, off unless {@code METRICS_PORT} is set.
 *
 * @param port the port (0: any free port, for tests), or -1 when off
 * @param bind the address to listen on ({@code METRICS_BIND}, default {@value #DEFAULT_BIND}:
 *     only this machine)
 * @param gaugeTtl how long the gauges read from the database (pending and failed effects, open
 *     tickets) are reused before a scrape reads them again
 */
public record MetricsConfig(int port, String bind, Duration gaugeTtl) {
  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final Duration DEFAULT_GAUGE_TTL = Duration.ofSeconds(10);
  /** No endpoint. */
  public static final MetricsConfig OFF = new MetricsConfig(-1, DEFAULT_BIND, DEFAULT_GAUGE_TTL);

  public MetricsConfig {
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(gaugeTtl, "gaugeTtl");
    if (port < -1 || port > 65535) {
      throw new IllegalArgumentException("port: " + port);
    }
    if (gaugeTtl.isNegative()) {
      throw new IllegalArgumentException("gaugeTtl: " + gaugeTtl);
    }
  }

  /** The endpoint on {@code port} of {@code bind}, gauges cached for the default time. */
  public static MetricsConfig on(int port, String bind) {
    return new MetricsConfig(port, bind, DEFAULT_GAUGE_TTL);
  }

  public boolean enabled() {
    return port >= 0;
  }

  /** The same with gauges cached for {@code ttl} (tests: zero, read on every scrape). */
  public MetricsConfig withGaugeTtl(Duration ttl) {
    return new MetricsConfig(port, bind, ttl);
  }

  @Override
  public String toString() {
    return enabled() ? bind + ":" + port : "off";
  }
}
