package dev.tiramisu.tickets.discord;

import java.io.InterruptedIOException;
import java.util.Objects;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;

/**
 * The result of one attempt at an effect: done, failed for good (settled with the outcome), or
 * to be retried. {@code outcome} is an internal description (ids and error codes, never user text).
 * {@code delay} is when a retry may come at the earliest as Discord said (a rate limit's {@code
 * retry_after}), or null for the retry policy's backoff.
 */
record EffectResult(Kind kind, String outcome, java.time.Duration delay) {
  enum Kind { DONE, FAILED, RETRY }

  EffectResult {
    Objects.requireNonNull(kind, "kind");
  }

  EffectResult(Kind kind, String outcome) {
    this(kind, outcome, null);
  }

  /** To be retried not before {@code delay} (Discord's {@code retry_after}). */
  static EffectResult retryAfter(String outcome, java.time.Duration delay) {
    return new EffectResult(Kind.RETRY, outcome, Objects.requireNonNull(delay, "delay"));
  }

  static EffectResult done(String outcome) {
    return new EffectResult(Kind.DONE, outcome);
  }

  static EffectResult failed(String outcome) {
    return new EffectResult(Kind.FAILED, outcome);
  }

  static EffectResult retry(String outcome) {
    return new EffectResult(Kind.RETRY, outcome);
  }

  /**
   * Classifies a failed request: Discord's 5xx, rate limits, timeouts and I/O errors are
   * transient (retry); any other error response (unknown channel 10003, missing access 50001,
   * missing permissions 50013, DMs closed 50007, ...) and a permission JDA's cache already knows
   * to be missing are permanent.
   */
  static EffectResult of(Throwable ex) {
    String what = TicketHandlers.describe(ex);
    if (ex instanceof ErrorResponseException ere) {
      int status = ere.getResponse() == null ? 0 : ere.getResponse().code;
      if (ere.isServerError() || status >= 500 || status == 429 || status <= 0) {
        return retry(what + " HTTP " + status);
      }
      return failed(what);
    }
    if (ex instanceof InsufficientPermissionException) {
      return failed(what);
    }
    if (ex instanceof InterruptedIOException || ex.getCause() instanceof InterruptedIOException) {
      return retry("timeout: " + what);
    }
    return retry(what);
  }
}
