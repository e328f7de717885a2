package dev.tiramisu.tickets.discord;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Objects;
import net.dv8tion.jda.api.requests.RestRateLimiter;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * {@link GlobalPacer}'s OkHttp interceptor on JDA's HTTP client: it sees every HTTP call JDA
 * makes, including those outside JDA's rate limiter, and paces those the pacer's works do not:
 *
 * <ul>
 *   <li>the first call of a paced work goes out on the work's permit; a work on an exempt route
 *       (interactions) goes out unpaced;
 *   <li>a further call of the same work (JDA's retry of a 502/503/504 inside one execution) gives
 *       the spent permit back (free one window after its response) and waits for another, which
 *       the work gives back after its execution;
 *   <li>a call outside any work (JDA's {@code complete(false)}/{@code submit(false)}, the shard
 *       manager's {@code GET /gateway/bot}) waits for a permit on its caller's thread and gives
 *       it back after its response, unless its URL is exempt ({@code /api/vN/interactions/...})
 *       or not the API (no {@code /api/vN/}: a file download). Its 429s go to the pacer's {@link
 *       RateLimitLog}.
 * </ul>
 *
 * A thread waits holding no permit, so waiting cannot deadlock.
 */
final class PacedCalls implements Interceptor {
  private final GlobalPacer pacer;

  PacedCalls(GlobalPacer pacer) {
    this.pacer = Objects.requireNonNull(pacer, "pacer");
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    GlobalPacer.Held h = pacer.held();
    if (!pacer.paced() || h == GlobalPacer.Held.EXEMPT) {
      return chain.proceed(chain.request());
    }
    if (h != null && !h.spent) {
      h.spent = true; // the work's first call: its permit
      return chain.proceed(chain.request());
    }
    List<String> path = chain.request().url().pathSegments();
    if (h == null && !onGlobalLimit(path)) {
      return chain.proceed(chain.request());
    }
    if (h != null && h.permit >= 0) {
      pacer.release(h.permit); // a retry: the spent permit is free a window after its response
      h.permit = -1;
    }
    int permit;
    try {
      permit = pacer.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for Discord's global limit");
    }
    if (h != null) {
      h.permit = permit; // the work gives it back after its execution
      return chain.proceed(chain.request());
    }
    try {
      Response response = chain.proceed(chain.request());
      if (response.code() == 429) {
        pacer.refusals().refused(chain.request().method() + " " + template(path),
            response.header(RestRateLimiter.GLOBAL_HEADER) != null);
      }
      return response;
    } finally {
      pacer.release(permit);
    }
  }

  /**
   * Whether a call to this path counts on Discord's global limit: a path of the API ({@code
   * /api/vN/...}) other than {@code /interactions/...}. A webhook call counts: the URL does not
   * say whether its token is an interaction's (a permit too many at worst).
   */
  static boolean onGlobalLimit(List<String> segments) {
    int api = apiStart(segments);
    return api >= 0 && !(segments.size() > api && segments.get(api).equals("interactions"));
  }

  /** The index of the first segment after {@code api/vN}, -1 if there is none. */
  private static int apiStart(List<String> segments) {
    for (int i = 0; i + 1 < segments.size(); i++) {
      if (segments.get(i).equals("api") && segments.get(i + 1).matches("v\\d+")) {
        return i + 2;
      }
    }
    return -1;
  }

  /** The route of an API path for the log: ids as {@code {id}}, webhook tokens as {@code {token}}. */
  static String template(List<String> segments) {
    StringBuilder out = new StringBuilder();
    for (int i = Math.max(0, apiStart(segments)); i < segments.size(); i++) {
      String s = segments.get(i);
      boolean token = i >= 2 && segments.get(i - 2).equals("webhooks");
      boolean id = !s.isEmpty() && s.chars().allMatch(Character::isDigit);
      out.append('/').append(token ? "{token}" : id ? "{id}" : s);
    }
    return out.toString();
  }
}
