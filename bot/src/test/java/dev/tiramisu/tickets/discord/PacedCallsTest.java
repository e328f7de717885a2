package dev.tiramisu.tickets.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pacer's interceptor on calls made outside JDA's rate limiter (as {@code complete(false)}
 * makes them), against a local HTTP server; the pacer's clock is the test's.
 */
class PacedCallsTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final RateLimitLog refusals = new RateLimitLog((task, delay) -> { });
  private final GlobalPacer pacer = new GlobalPacer(1, now::get, refusals);
  private final AtomicInteger served = new AtomicInteger();
  private HttpServer server;
  private OkHttpClient client;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      served.incrementAndGet();
      boolean limited = exchange.getRequestURI().getPath().endsWith("/limited");
      if (limited) {
        exchange.getResponseHeaders().add("X-RateLimit-Global", "true");
      }
      exchange.sendResponseHeaders(limited ? 429 : 200, -1);
      exchange.close();
    });
    server.start();
    client = new OkHttpClient.Builder().addInterceptor(pacer.interceptor()).build();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  private int call(String path) throws Exception {
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + path;
    try (Response r = client.newCall(new Request.Builder().url(url).build()).execute()) {
      return r.code();
    }
  }

  @Test
  void an_unqueued_api_call_takes_a_permit_and_gives_it_back_a_window_after_its_response()
      throws Exception {
    assertThat(call("/api/v10/channels/1")).isEqualTo(200);

    assertThat(pacer.tryAcquire()).as("the permit rests a window").isEqualTo(-1);
    now.addAndGet(1000);
    assertThat(pacer.tryAcquire()).isEqualTo(0);
  }

  @Test
  void interaction_calls_and_calls_outside_the_api_take_no_permit() throws Exception {
    call("/api/v10/interactions/1/aW50ZXJhY3Rpb246abc/callback");
    call("/attachments/1/2/transcript.html");

    assertThat(pacer.tryAcquire()).as("the only permit is still free").isEqualTo(0);
  }

  @Test
  void an_unqueued_call_waits_for_a_free_permit() throws Exception {
    int taken = pacer.tryAcquire();
    CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        return call("/api/v10/channels/1/messages");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(served).as("nothing sent while the only permit is taken").hasValue(0);

    pacer.release(taken);
    now.addAndGet(1000); // a window after that response: free

    assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo(200);
    assertThat(served).hasValue(1);
  }

  @Test
  void an_unqueued_call_refused_by_discord_is_counted() throws Exception {
    assertThat(call("/api/v10/channels/123/limited")).isEqualTo(429);

    assertThat(refusals.total()).isEqualTo(1);
    assertThat(PacedCalls.template(List.of("api", "v10", "channels", "123", "limited")))
        .as("the route its log line names").isEqualTo("/channels/{id}/limited");
  }

  @Test
  void the_route_of_a_path_hides_ids_and_webhook_tokens() {
    assertThat(PacedCalls.template(List.of("api", "v10", "webhooks", "12", "tok", "messages",
        "@original"))).isEqualTo("/webhooks/{id}/{token}/messages/@original");
    assertThat(PacedCalls.onGlobalLimit(List.of("api", "v10", "webhooks", "12", "tok")))
        .as("a webhook counts: its token may be a webhook's").isTrue();
    assertThat(PacedCalls.onGlobalLimit(List.of("api", "v10", "gateway", "bot"))).isTrue();
  }
}
