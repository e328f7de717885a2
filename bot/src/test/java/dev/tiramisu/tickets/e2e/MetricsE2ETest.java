package dev.tiramisu.tickets.e2e;

import static dev.tiramisu.tickets.e2e.BotHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.tickets.config.MetricsConfig;
import dev.tiramisu.tickets.metrics.BotMetrics;
import dev.tiramisu.tickets.storage.PostgresTestDatabase;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.Ticket;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The operations endpoint of a running bot ({@code METRICS_PORT}, here a free port): scraped with
 * java.net.http after known actions, its counters move by exactly what was done; {@code /healthz}
 * answers while the process runs; {@code /readyz} is 200 when the shard is connected and the
 * database answers, 503 with the reason when the emulator's gateway is gone or PostgreSQL refuses
 * connections, and 200 again once they are back.
 */
class MetricsE2ETest {
  /** Gauges read from the database on every scrape, so a scrape shows the state just made. */
  private static final MetricsConfig METRICS =
      new MetricsConfig(0, MetricsConfig.DEFAULT_BIND, Duration.ZERO);
  private static final Duration WAIT = Duration.ofSeconds(30);
  /** Bounds the wait for the pool to reconnect; each attempt waits at most its pool timeout. */
  private static final int MAX_RECONNECT_ATTEMPTS = 20;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void counters_and_gauges_follow_known_actions_and_health_answers() throws Exception {
    try (BotHarness h = new BotHarness(c -> c.withMetrics(METRICS))) {
      int port = h.bot().metricsPort();
      assertThat(port).isPositive();
      BotMetrics metrics = h.bot().metrics().orElseThrow();
      assertThat(get(port, "/healthz").statusCode()).isEqualTo(200);
      HttpResponse<String> ready = get(port, "/readyz");
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);

      TestGuild g = h.guild();
      h.enableTickets(g); // three /setting set
      String start = awaitScrape(metrics, port, 3);
      assertThat(metrics.completions()).isEqualTo(3);

      Ticket t = h.open(g, "alice", "printer on fire");
      String open = awaitScrape(metrics, port, 4);
      assertThat(value(open, "tickets_open", Map.of())).isEqualTo(1.0);
      assertThat(value(open, "tickets_effects", Map.of("state", "pending"))).isEqualTo(0.0);

      // refused: /ticket close outside a ticket
      MessageView refused = g.as("bob").slash(g.channel("general"), "ticket close").awaitReply();
      assertThat(refused.text()).isEqualTo(text(MessageKey.ERROR_NOT_A_TICKET));
      // closed: the command asks, the button confirms
      MessageView confirm = g.as("moderator").slash(t.threadId(), "ticket close").awaitReply();
      MessageView done = g.as("moderator").click(confirm.id(),
          text(MessageKey.BUTTON_CLOSE_CONFIRM)).awaitReply();
      assertThat(done.text()).startsWith(text(MessageKey.TICKET_CLOSED_REPLY, 1));
      assertThat(h.bot().effects().awaitIdle(t.id(), WAIT)).as("close effects settled").isTrue();
      String end = awaitScrape(metrics, port, 7);

      assertThat(delta(start, end, "tickets_interactions_total",
          Map.of("command", "/ticket create", "outcome", "ok"))).isEqualTo(1.0);
      assertThat(delta(start, end, "tickets_interactions_total",
          Map.of("command", "/ticket create", "outcome", "refused"))).isEqualTo(0.0);
      assertThat(delta(start, end, "tickets_interactions_total",
          Map.of("command", "/ticket close", "outcome", "refused"))).isEqualTo(1.0);
      assertThat(delta(start, end, "tickets_interactions_total",
          Map.of("command", "/ticket close", "outcome", "ok"))).isEqualTo(1.0);
      assertThat(delta(start, end, "tickets_interactions_total",
          Map.of("command", "button ConfirmClose", "outcome", "ok"))).isEqualTo(1.0);
      assertThat(sum(end, "tickets_interactions_total", Map.of("outcome", "error")))
          .as("no interaction failed").isEqualTo(0.0);
      assertThat(value(end, "tickets_interactions_total",
          Map.of("command", "/setting set", "outcome", "ok"))).isEqualTo(3.0);
      // every handled interaction has one acknowledgement and one completion observation
      assertThat(delta(start, end, "tickets_interaction_ack_seconds_count",
          Map.of("command", "/ticket create"))).isEqualTo(1.0);
      assertThat(delta(start, end, "tickets_interaction_completion_seconds_count",
          Map.of("command", "button ConfirmClose"))).isEqualTo(1.0);
      assertThat(value(end, "tickets_interaction_ack_seconds_bucket",
          Map.of("command", "/ticket create", "le", "+Inf"))).isEqualTo(1.0);

      // Discord REST requests by route template: one thread was created, with its id hidden
      assertThat(sum(end, "discord_rest_requests_total",
          Map.of("method", "POST", "route", "/channels/{id}/threads")))
          .isEqualTo((double) h.emu.requests().route("POST /channels/{channel_id}/threads").size())
          .isEqualTo(1.0);
      assertThat(sum(end, "discord_rest_requests_total", Map.of("method", "POST",
          "route", "/interactions/{id}/{token}/callback"))).isGreaterThanOrEqualTo(7.0);
      assertThat(end).doesNotContain(h.emu.botToken()).doesNotContain(t.reason());
      assertThat(end).doesNotContainPattern("route=\"[^\"]*/\\d{5,}");

      // gauges: nothing left to do, no ticket open; the pool and the JVM are reported
      assertThat(value(end, "tickets_effects", Map.of("state", "pending"))).isEqualTo(0.0);
      assertThat(value(end, "tickets_open", Map.of())).isEqualTo(0.0);
      assertThat(end).contains("hikaricp_connections_max", "jvm_memory_used_bytes",
          "jvm_gc_max_data_size_bytes", "jvm_threads_live_threads", "process_cpu_usage");

      // the gateway gone: not ready, with the reason; back: ready again
      h.emu.gateway().refuseNextConnections(Integer.MAX_VALUE);
      h.emu.gateway().dropConnections();
      h.awaitBot("/readyz says 503 while the gateway is gone",
          () -> readyz(port).statusCode() == 503);
      assertThat(readyz(port).body()).startsWith("not ready: not connected to the gateway: shard 0");
      assertThat(get(port, "/healthz").statusCode()).as("alive all the same").isEqualTo(200);
      h.emu.gateway().refuseNextConnections(0);
      h.awaitBot("/readyz says 200 once the shard reconnected",
          () -> readyz(port).statusCode() == 200);

      assertThat(get(port, "/nothing").statusCode()).isEqualTo(404);
      assertThat(http.send(HttpRequest.newBuilder(uri(port, "/metrics"))
          .POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
      assertThat(h.emu.specViolations()).isEmpty();
    }
  }

  @Test
  void readyz_is_503_while_postgresql_refuses_connections_and_200_when_it_is_back()
      throws Exception {
    try (PostgresTestDatabase pg = PostgresTestDatabase.create();
        BotHarness h = new BotHarness(pg.config(2), c -> c.withMetrics(METRICS))) {
      int port = h.bot().metricsPort();
      assertThat(readyz(port).statusCode()).isEqualTo(200);
      String scrape = scrape(port);
      assertThat(value(scrape, "hikaricp_connections_max", Map.of("pool", "tickets-postgresql")))
          .isEqualTo(2.0);

      pg.admin("ALTER DATABASE " + pg.name() + " ALLOW_CONNECTIONS false");
      pg.admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
          + pg.name() + "'");
      HttpResponse<String> down;
      try {
        down = readyz(port);
        // the gauges cannot be read: NaN, and the scrape itself still works
        assertThat(scrape(port)).contains("tickets_open NaN");
      } finally {
        pg.admin("ALTER DATABASE " + pg.name() + " ALLOW_CONNECTIONS true");
      }
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.body()).isEqualTo("not ready: the database does not answer\n");
      assertThat(get(port, "/healthz").statusCode()).isEqualTo(200);

      int status = 0;
      for (int attempt = 0; attempt < MAX_RECONNECT_ATTEMPTS && status != 200; attempt++) {
        status = readyz(port).statusCode(); // a failing attempt waits the pool's timeout
      }
      assertThat(status).as("ready again once PostgreSQL accepts connections").isEqualTo(200);
    }
  }

  /** Scrapes once at least {@code completions} interactions were reported complete. */
  private String awaitScrape(BotMetrics metrics, int port, long completions)
      throws Exception {
    assertThat(metrics.awaitCompletions(completions, WAIT))
        .as("%d interactions reported complete (now %d)", completions, metrics.completions())
        .isTrue();
    return scrape(port);
  }

  private String scrape(int port) throws IOException, InterruptedException {
    HttpResponse<String> r = get(port, "/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    return r.body();
  }

  private HttpResponse<String> readyz(int port) {
    try {
      return get(port, "/readyz");
    } catch (IOException e) {
      throw new AssertionError("GET /readyz failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private HttpResponse<String> get(int port, String path)
      throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri(port, path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static double delta(String before, String after, String name, Map<String, String> labels) {
    return sum(after, name, labels) - sum(before, name, labels);
  }

  /** The one sample of {@code name} with exactly these labels' values (others may differ). */
  private static double value(String scrape, String name, Map<String, String> labels) {
    Double found = null;
    for (Sample s : samples(scrape, name)) {
      if (s.matches(labels)) {
        assertThat(found).as("one sample of %s%s in:\n%s", name, labels, scrape).isNull();
        found = s.value;
      }
    }
    assertThat(found).as("a sample of %s%s in:\n%s", name, labels, scrape).isNotNull();
    return found;
  }

  /** The sum over the samples of {@code name} with these labels' values (0 when none). */
  private static double sum(String scrape, String name, Map<String, String> labels) {
    double total = 0;
    for (Sample s : samples(scrape, name)) {
      if (s.matches(labels)) {
        total += s.value;
      }
    }
    return total;
  }

  private static final Pattern LINE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)$", Pattern.MULTILINE);
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private record Sample(Map<String, String> labels, double value) {
    boolean matches(Map<String, String> wanted) {
      return wanted.entrySet().stream()
          .allMatch(w -> w.getValue().equals(labels.get(w.getKey())));
    }
  }

  private static java.util.List<Sample> samples(String scrape, String name) {
    java.util.List<Sample> out = new java.util.ArrayList<>();
    Matcher m = LINE.matcher(scrape);
    while (m.find()) {
      if (!m.group(1).equals(name)) {
        continue;
      }
      Map<String, String> labels = new java.util.HashMap<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      out.add(new Sample(labels, Double.parseDouble(m.group(4))));
    }
    return out;
  }
}
