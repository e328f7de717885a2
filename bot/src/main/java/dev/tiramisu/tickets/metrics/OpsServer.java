package dev.tiramisu.tickets.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations endpoint, on the JDK's HTTP server: {@code GET /metrics} (Prometheus text),
 * {@code GET /healthz} (200 while the process runs) and {@code GET /readyz} (200 when {@link
 * Readiness} says so, else 503 with the reason as plain text). Anything else is 404, another
 * method 405. Two daemon threads serve it; a slow readiness check (the database's timeout) holds
 * one of them, not the bot.
 */
public final class OpsServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OpsServer.class);
  private static final String TEXT = "text/plain; charset=utf-8";
  private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
  private static final int THREADS = 2;

  private final HttpServer server;
  private final ExecutorService executor;

  private OpsServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Listens on {@code bind}:{@code port} (0: a free port).
   *
   * @throws MetricsPortException if the port cannot be opened (in use, or a bad address)
   */
  public static OpsServer start(String bind, int port, BotMetrics metrics, Readiness readiness) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(bind, port), 16);
    } catch (IOException | RuntimeException e) {
      throw new MetricsPortException("cannot open the metrics port " + bind + ":" + port + " ("
          + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
    }
    AtomicInteger n = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
      Thread t = new Thread(r, "tickets-ops-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", exchange -> {
      try (exchange) {
        serve(exchange, metrics, readiness);
      } catch (IOException | RuntimeException e) {
        log.debug("metrics request failed: {}", e.toString());
      }
    });
    server.start();
    log.info("metrics and health on http://{}:{}/ (/metrics, /healthz, /readyz)", bind,
        server.getAddress().getPort());
    return new OpsServer(server, executor);
  }

  private static void serve(HttpExchange exchange, BotMetrics metrics, Readiness readiness)
      throws IOException {
    String path = exchange.getRequestURI().getPath();
    boolean known = path.equals("/metrics") || path.equals("/healthz") || path.equals("/readyz");
    if (!known) {
      send(exchange, 404, TEXT, "not found: /metrics, /healthz, /readyz\n");
      return;
    }
    if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      send(exchange, 405, TEXT, "method not allowed\n");
      return;
    }
    switch (path) {
      case "/metrics" -> send(exchange, 200, PROMETHEUS, metrics.scrape());
      case "/healthz" -> send(exchange, 200, TEXT, "ok\n");
      default -> {
        String reason;
        try {
          reason = readiness.notReadyReason();
        } catch (RuntimeException e) {
          reason = "readiness check failed: " + e.getClass().getSimpleName();
        }
        if (reason == null) {
          send(exchange, 200, TEXT, "ready\n");
        } else {
          send(exchange, 503, TEXT, "not ready: " + reason + "\n");
        }
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** The port it listens on (the chosen one when started with 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
