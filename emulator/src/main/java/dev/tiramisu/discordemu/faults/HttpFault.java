package dev.tiramisu.discordemu.faults;

import dev.tiramisu.discordemu.ratelimit.Decision;

/**
 * What {@link FaultInjector#onRequest} wants done to one REST request: a delay, a replacement
 * response, or both.
 *
 * <p><b>Latency is not a sleep.</b> The injector never blocks. The server delays the response by
 * {@link #latencyMillis()} itself, without holding a thread: with Jetty, keep the request's {@code
 * Callback} and complete the response from a {@code ScheduledExecutorService} task (or the server's
 * {@code Scheduler}) {@code latencyMillis} later. Delay whichever response goes out: the injected
 * one, or the real one.
 *
 * @param latencyMillis extra delay before the response is sent; 0 for none
 * @param response when not null, send this instead of handling the request (a 5xx or a 429 from a
 *     storm): its status, every header, its body. Null: handle the request normally (rate limiter
 *     included)
 * @param description what was injected, as logged in {@link FaultInjector#injected()}
 */
public record HttpFault(long latencyMillis, Decision response, String description) {

  public HttpFault {
    if (latencyMillis < 0) {
      throw new IllegalArgumentException("latency must not be negative: " + latencyMillis);
    }
    if (response != null && response.allowed()) {
      throw new IllegalArgumentException("an injected response is a refused decision");
    }
    if (latencyMillis == 0 && response == null) {
      throw new IllegalArgumentException("a fault delays, replaces the response, or both");
    }
  }

  /** Whether the request must be answered with {@link #response()} instead of being handled. */
  public boolean hasResponse() {
    return response != null;
  }
}
