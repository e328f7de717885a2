package dev.tiramisu.discordemu.ratelimit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of {@link RateLimiter#check}: either "go ahead" with rate-limit headers to add to the
 * response, or a complete 429 response to send instead of handling the request.
 *
 * <p>The same type describes the response of an injected fault (see {@code
 * dev.tiramisu.discordemu.faults.HttpFault#response()}), so the server can write any refused {@code
 * Decision} with one piece of code: status, every header of {@link #headers()}, body.
 *
 * @param allowed whether the request may be handled
 * @param headers headers to set on the response, in a stable order; never null, possibly empty. On
 *     an allowed request these are the {@code X-RateLimit-*} headers to put on the real response
 *     (whatever its status); on a refused one they are the headers of the 429/5xx response, {@code
 *     Content-Type} included.
 * @param status 0 when allowed (the server picks the status); the status to send when refused
 * @param body null when allowed; the JSON body to send when refused
 */
public record Decision(boolean allowed, Map<String, String> headers, int status, String body) {

  private static final Decision ALLOWED_WITHOUT_HEADERS = new Decision(true, Map.of(), 0, null);

  public Decision {
    Objects.requireNonNull(headers, "headers");
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    if (allowed && (status != 0 || body != null)) {
      throw new IllegalArgumentException("an allowed decision has no status and no body");
    }
    if (!allowed && (status < 400 || status > 599 || body == null)) {
      throw new IllegalArgumentException("a refused decision needs a 4xx/5xx status and a body");
    }
  }

  /** Allowed, with these headers to add to the response. */
  public static Decision allow(Map<String, String> headers) {
    return headers.isEmpty() ? ALLOWED_WITHOUT_HEADERS : new Decision(true, headers, 0, null);
  }

  /** Allowed, no headers (rate limiting disabled, or a route without a per-route limit). */
  public static Decision allow() {
    return ALLOWED_WITHOUT_HEADERS;
  }

  /** Refused: send {@code status}, {@code headers} and {@code body} instead of handling. */
  public static Decision refuse(int status, Map<String, String> headers, String body) {
    return new Decision(false, headers, status, body);
  }

  /** A header of this decision, looked up case-insensitively; null when absent. */
  public String header(String name) {
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }
}
