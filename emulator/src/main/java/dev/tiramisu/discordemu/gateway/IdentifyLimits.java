package dev.tiramisu.discordemu.gateway;

import java.time.Duration;

/**
 * Discord's limits on starting gateway sessions (IDENTIFY), as {@code GET /gateway/bot} reports them in
 * {@code session_start_limit}.
 *
 * <ul>
 *   <li>{@code max_concurrency}: each bucket {@code shard_id % max_concurrency} may identify once per 5 s; a
 *       faster IDENTIFY is answered with op 9 INVALID_SESSION ({@code d: false}) and starts no session (Discord's
 *       Gateway docs, "Rate Limiting" and "Identifying").
 *   <li>{@code total} session starts per {@code resetAfter} window (1000 per 24 h): {@code remaining} counts down
 *       with every session started (not with a refused IDENTIFY nor a RESUME); the window starts with the first
 *       session after a reset and {@code reset_after} counts down to its end. An IDENTIFY with nothing remaining
 *       does what Discord documents for hitting the limit: every session of the bot is ended (close 4004) and the
 *       bot token is reset, so the old token is refused by REST (401) and the gateway (4004).
 * </ul>
 *
 * When not {@code enforced}, {@code remaining} still counts down and {@code max_concurrency} is still reported, but
 * no IDENTIFY is refused: the test default, since test clients (re)start sessions of the same shard within 5 s.
 *
 * @param enforced whether an IDENTIFY over a limit is refused
 * @param maxConcurrency identifies allowed per 5 s, one per bucket; at least 1
 * @param total session starts allowed per window
 * @param resetAfter the window's length
 */
public record IdentifyLimits(boolean enforced, int maxConcurrency, int total, Duration resetAfter) {
  /** The window of one bucket: one IDENTIFY per bucket per 5 s. */
  public static final Duration BUCKET_WINDOW = Duration.ofSeconds(5);

  public IdentifyLimits {
    if (maxConcurrency < 1 || total < 1 || resetAfter.isNegative() || resetAfter.isZero()) {
      throw new IllegalArgumentException("max_concurrency and total must be at least 1 and the window positive");
    }
  }

  /** A small bot's limits on Discord: max_concurrency 1, 1000 session starts per 24 h, enforced. */
  public static IdentifyLimits discord() {
    return new IdentifyLimits(true, 1, 1000, Duration.ofHours(24));
  }

  /**
   * The test default: reported as max_concurrency 16 (so JDA's session controller starts shards without its 5 s
   * pacing) and 1000 per 24 h counting down, but never refusing an IDENTIFY.
   */
  public static IdentifyLimits unenforced() {
    return new IdentifyLimits(false, 16, 1000, Duration.ofHours(24));
  }

  public IdentifyLimits withEnforced(boolean on) {
    return new IdentifyLimits(on, maxConcurrency, total, resetAfter);
  }

  public IdentifyLimits withMaxConcurrency(int n) {
    return new IdentifyLimits(enforced, n, total, resetAfter);
  }

  public IdentifyLimits withTotal(int n) {
    return new IdentifyLimits(enforced, maxConcurrency, n, resetAfter);
  }
}
