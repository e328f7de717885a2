package dev.tiramisu.tickets.app;

import dev.tiramisu.tickets.common.StorageUnavailableException;
import dev.tiramisu.tickets.config.MetricsConfig;
import dev.tiramisu.tickets.discord.DiscordBot;
import dev.tiramisu.tickets.metrics.BotMetrics;
import dev.tiramisu.tickets.metrics.OpsServer;
import dev.tiramisu.tickets.storage.OpsQueries;

/**
 * The operations endpoint of one bot process ({@code METRICS_PORT}): the metrics, fed by the
 * database's counts, the pool and the Discord adapter's observers, and {@code /readyz}, which
 * asks the shards and the database. Started before Discord connects, so that {@code /healthz}
 * answers during a long start and {@code /readyz} says what is still missing.
 */
final class Operations implements AutoCloseable {
  private final BotMetrics metrics;
  private final OpsServer server;
  private volatile DiscordBot discord;

  private Operations(BotMetrics metrics, OpsQueries queries, MetricsConfig config) {
    this.metrics = metrics;
    this.server = OpsServer.start(config.bind(), config.port(), metrics, () -> {
      DiscordBot d = discord;
      if (d == null) {
        return "starting: the shards are not connected yet";
      }
      String shards = d.shardsNotConnected();
      if (shards != null) {
        return "not connected to the gateway: " + shards;
      }
      try {
        queries.ping();
      } catch (StorageUnavailableException e) {
        return "the database does not answer";
      } catch (RuntimeException e) {
        return "the database check failed (" + e.getClass().getSimpleName() + ")";
      }
      return null;
    });
  }

  /** The endpoint on {@code core}'s database, or null when {@code config} leaves it off. */
  static Operations start(MetricsConfig config, Core core) {
    if (!config.enabled()) {
      return null;
    }
    BotMetrics metrics = new BotMetrics();
    try {
      OpsQueries queries = core.database().ops();
      core.database().recordPoolMetrics(metrics.registry());
      metrics.gauge("tickets.effects", "Durable Discord side effects in the database, by state"
          + " (pending: still to do; failed: given up, e.g. DMs closed)", "state", "pending",
          () -> queries.effects("PENDING"), config.gaugeTtl());
      metrics.gauge("tickets.effects", "Durable Discord side effects in the database, by state"
          + " (pending: still to do; failed: given up, e.g. DMs closed)", "state", "failed",
          () -> queries.effects("FAILED"), config.gaugeTtl());
      metrics.gauge("tickets.open", "Tickets open now, over every guild of the database", null,
          null, queries::openTickets, config.gaugeTtl());
      return new Operations(metrics, queries, config);
    } catch (RuntimeException e) {
      metrics.close();
      throw e;
    }
  }

  /** What the Discord adapter reports to. */
  DiscordBot.Observers observers() {
    return new DiscordBot.Observers(metrics, metrics.restInterceptor());
  }

  /** From now on, {@code /readyz} asks these shards. */
  void connected(DiscordBot discord) {
    this.discord = discord;
  }

  BotMetrics metrics() {
    return metrics;
  }

  /** The port the endpoint listens on. */
  int port() {
    return server.port();
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      metrics.close();
    }
  }
}
