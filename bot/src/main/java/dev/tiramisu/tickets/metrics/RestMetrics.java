package dev.tiramisu.tickets.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Counts every HTTP request JDA sends to Discord (an OkHttp interceptor on the shard manager's
 * client): {@code discord_rest_requests_total{method, route, status}}, where {@code route} is the
 * path with ids and tokens replaced ({@code /channels/{id}/threads}) and {@code status} the HTTP
 * status ({@code io_error} when no response came); and 429s separately, {@code
 * discord_rest_ratelimited_total{route, scope}} with Discord's {@code X-RateLimit-Scope} ({@code
 * global} also when {@code X-RateLimit-Global} says so, {@code user}, {@code shared}, or {@code
 * unknown}). Interaction and webhook tokens never reach a label.
 */
public final class RestMetrics implements Interceptor {
  static final String REQUESTS = "discord.rest.requests";
  static final String RATE_LIMITED = "discord.rest.ratelimited";
  private static final int MAX_SEGMENTS = 12;

  private final MeterRegistry registry;

  RestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String route = routeOf(request.url().encodedPath());
    String method = request.method();
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException | RuntimeException e) {
      count(method, route, "io_error");
      throw e;
    }
    count(method, route, Integer.toString(response.code()));
    if (response.code() == 429) {
      Counter.builder(RATE_LIMITED)
          .description("Discord REST requests refused with 429, by route and limit scope")
          .tag("route", route)
          .tag("scope", scope(response))
          .register(registry)
          .increment();
    }
    return response;
  }

  private void count(String method, String route, String status) {
    Counter.builder(REQUESTS)
        .description("Discord REST requests by method, route template and HTTP status")
        .tag("method", method)
        .tag("route", route)
        .tag("status", status)
        .register(registry)
        .increment();
  }

  private static String scope(Response response) {
    if ("true".equalsIgnoreCase(response.header("X-RateLimit-Global"))) {
      return "global";
    }
    String scope = response.header("X-RateLimit-Scope");
    if (scope == null) {
      return "unknown";
    }
    String s = scope.toLowerCase(Locale.ROOT);
    return s.equals("global") || s.equals("user") || s.equals("shared") ? s : "unknown";
  }

  /**
   * The route template of a REST path: the {@code /api/vN} prefix dropped, numeric segments as
   * {@code {id}}, the segment after an interaction's or webhook's id as {@code {token}}, a
   * reaction's emoji as {@code {emoji}}.
   */
  static String routeOf(String encodedPath) {
    String[] parts = encodedPath.split("/");
    List<String> out = new ArrayList<>();
    int start = 0;
    while (start < parts.length && parts[start].isEmpty()) {
      start++;
    }
    if (start + 1 < parts.length && parts[start].equals("api")
        && parts[start + 1].matches("v\\d+")) {
      start += 2;
    }
    for (int i = start; i < parts.length && out.size() < MAX_SEGMENTS; i++) {
      String p = parts[i];
      if (p.isEmpty()) {
        continue;
      }
      String before2 = out.size() >= 2 ? out.get(out.size() - 2) : "";
      String before1 = out.isEmpty() ? "" : out.get(out.size() - 1);
      if ((before2.equals("interactions") || before2.equals("webhooks"))
          && before1.equals("{id}")) {
        out.add("{token}");
      } else if (before1.equals("reactions")) {
        out.add("{emoji}");
      } else if (p.chars().allMatch(Character::isDigit)) {
        out.add("{id}");
      } else if (p.matches("[a-z][a-z0-9_-]{0,31}|@original|@me")) {
        out.add(p);
      } else {
        out.add("{other}");
      }
    }
    return "/" + String.join("/", out);
  }
}
