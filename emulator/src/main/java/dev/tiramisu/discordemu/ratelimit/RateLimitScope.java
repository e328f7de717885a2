package dev.tiramisu.discordemu.ratelimit;

/**
 * Value of the {@code X-RateLimit-Scope} header Discord sends on a 429.
 *
 * <p>Source: discord-api-docs, docs/topics/rate-limits.md, "Header Format": {@code user} (per bot
 * or user limit), {@code global} (per bot or user global limit), {@code shared} (per resource
 * limit).
 */
public enum RateLimitScope {
  /** A per-route limit of this bot was exhausted. */
  USER("user"),
  /** The bot's global limit (50 requests per second by default) was exhausted. */
  GLOBAL("global"),
  /** A limit shared by everyone on one resource; Discord does not count these against the bot. */
  SHARED("shared");

  private final String headerValue;

  RateLimitScope(String headerValue) {
    this.headerValue = headerValue;
  }

  /** The header value, lower case as Discord sends it. */
  public String headerValue() {
    return headerValue;
  }
}
