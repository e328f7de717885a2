package dev.tiramisu.discordemu.ratelimit;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable rate-limit settings. {@link #defaults()} is close to what Discord does; {@link
 * #builder()} starts from the defaults and changes any part of them.
 *
 * <h2>Default limits and where they come from</h2>
 *
 * Discord documents only the global limit and the exemption of interaction endpoints; it asks
 * clients to read the headers instead of hard-coding per-route limits, and changes them without
 * notice. The per-route numbers below are what clients have observed in those headers, with the
 * report each comes from.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>What</th><th>Limit</th><th>Per</th><th>Source</th></tr>
 *   <tr><td>Every route of one bot (global)</td><td>50 / 1 s</td><td>bot token</td>
 *       <td>docs/topics/rate-limits.md, "Global Rate Limit": "All bots can make up to 50 requests
 *       per second"</td></tr>
 *   <tr><td>Interaction endpoints ({@code POST /interactions/{id}/{token}/callback},
 *       {@code /webhooks/{application.id}/{interaction.token}...})</td><td>exempt from the global
 *       limit</td><td></td><td>same page: "Interaction endpoints are not bound to the bot's Global
 *       Rate Limit"</td></tr>
 *   <tr><td>{@code POST /channels/{channel.id}/messages} and
 *       {@code PATCH /channels/{channel.id}/messages/{message.id}} (one shared bucket)</td>
 *       <td>5 / 5 s</td><td>channel</td><td>discord-api-docs issues #1442 and #2761 (both routes
 *       report the same 5/5 bucket hash); eris PR #1267 ("the parent rate limit of 5/5")</td></tr>
 *   <tr><td>{@code DELETE /channels/{channel.id}/messages/{message.id}}</td><td>5 / 1 s</td>
 *       <td>channel</td><td>docs/topics/Rate_Limits.md (older revisions): message deletion has "a
 *       separate, higher rate limit"; discord-api-docs issue #8330 (5 per 1 s for recent
 *       messages; #1295 saw 3/1 s and 30/120 s for older ones, not modelled)</td></tr>
 *   <tr><td>Reactions: {@code PUT|DELETE .../messages/{id}/reactions/{emoji}/@me}, {@code DELETE
 *       .../reactions/{emoji}/{user.id}}, {@code DELETE .../reactions/{emoji}}, {@code DELETE
 *       .../reactions} (one shared bucket)</td><td>1 / 0.25 s</td><td>channel</td>
 *       <td>discord-api-docs issue #981 (shared bucket); Yasmin issue #33 ("the real ratelimit
 *       is 1/250ms")</td></tr>
 *   <tr><td>{@code PATCH /channels/{channel.id}}</td><td>10 / 15 s</td><td>channel</td>
 *       <td>discord-api-docs issue #2761 ("the default 10/15 bucket"; #1900 saw 5/15 s in
 *       2020)</td></tr>
 *   <tr><td>Channel rename: {@code PATCH /channels/{channel.id}} changing {@code name} or {@code
 *       topic}, on top of the row above</td><td>2 / 10 min</td><td>channel</td>
 *       <td>discord-api-docs issue #1900 ("2 channel renames/10 minutes"), PR #2760 (Discord
 *       declined to document it), python-discord/bot PR #966 ("change the topic/name twice per 10
 *       minutes per channel"), discord.py issue #9073</td></tr>
 *   <tr><td>Any other route</td><td>5 / 1 s</td><td>route and major parameter</td><td>emulator
 *       choice, not Discord's: every route gets headers so clients exercise their bucket logic,
 *       and a short window keeps real-time tests from stalling</td></tr>
 * </table>
 *
 * <p>The rename limit answers 429 with the headers of the regular {@code PATCH /channels/{id}}
 * bucket and a {@code retry_after} from the rename window, as Discord was observed to do (issues
 * #1900 and #2761).
 */
public final class RateLimitConfig {

  /** Docs: 50 requests per second per bot. */
  public static final int DEFAULT_GLOBAL_LIMIT = 50;

  public static final Duration DEFAULT_GLOBAL_WINDOW = Duration.ofSeconds(1);

  /** Emulator choice for routes without a known limit. */
  public static final BucketSpec DEFAULT_ROUTE_BUCKET = BucketSpec.of(5, Duration.ofSeconds(1));

  /** Observed: 2 renames (name or topic) per 10 minutes per channel. */
  public static final BucketSpec DEFAULT_RENAME_LIMIT =
      BucketSpec.shared("channel-rename", 2, Duration.ofMinutes(10));

  private static final RateLimitConfig DEFAULTS = new Builder().defaultsInto().build();

  private final boolean enabled;
  private final boolean globalEnabled;
  private final int globalLimit;
  private final Duration globalWindow;
  private final BucketSpec defaultBucket;
  private final Map<String, BucketSpec> routes;
  private final Set<String> unlimitedRoutes;
  private final BucketSpec renameLimit;

  private RateLimitConfig(Builder b) {
    this.enabled = b.enabled;
    this.globalEnabled = b.globalEnabled;
    this.globalLimit = b.globalLimit;
    this.globalWindow = b.globalWindow;
    this.defaultBucket = b.defaultBucket;
    this.routes = Collections.unmodifiableMap(new LinkedHashMap<>(b.routes));
    this.unlimitedRoutes = Collections.unmodifiableSet(new LinkedHashSet<>(b.unlimitedRoutes));
    this.renameLimit = b.renameLimit;
  }

  /** Discord-like defaults (see the class comment for the table and sources). */
  public static RateLimitConfig defaults() {
    return DEFAULTS;
  }

  /** Rate limiting switched off: every request allowed, no headers. */
  public static RateLimitConfig disabled() {
    return builder().enabled(false).build();
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder().defaultsInto();
  }

  /** A builder holding this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.enabled = enabled;
    b.globalEnabled = globalEnabled;
    b.globalLimit = globalLimit;
    b.globalWindow = globalWindow;
    b.defaultBucket = defaultBucket;
    b.routes.putAll(routes);
    b.unlimitedRoutes.addAll(unlimitedRoutes);
    b.renameLimit = renameLimit;
    return b;
  }

  public boolean enabled() {
    return enabled;
  }

  public boolean globalEnabled() {
    return globalEnabled;
  }

  public int globalLimit() {
    return globalLimit;
  }

  public Duration globalWindow() {
    return globalWindow;
  }

  /** The limit of routes not configured one by one; null when they have no per-route limit. */
  public BucketSpec defaultBucket() {
    return defaultBucket;
  }

  /** Per-route limits, keyed by {@link RouteTemplates#key normalized route key}. */
  public Map<String, BucketSpec> routes() {
    return routes;
  }

  /** Routes with no per-route limit (only the global one), by normalized key. */
  public Set<String> unlimitedRoutes() {
    return unlimitedRoutes;
  }

  /** The channel rename limit; null when not enforced. */
  public BucketSpec renameLimit() {
    return renameLimit;
  }

  /**
   * The limit that applies to a route, by normalized key: its own, else the default; null when it
   * has none.
   */
  public BucketSpec bucketFor(String normalizedRouteKey) {
    if (unlimitedRoutes.contains(normalizedRouteKey)) {
      return null;
    }
    BucketSpec own = routes.get(normalizedRouteKey);
    return own != null ? own : defaultBucket;
  }

  @Override
  public String toString() {
    return "RateLimitConfig{enabled="
        + enabled
        + ", global="
        + (globalEnabled ? globalLimit + "/" + globalWindow : "off")
        + ", default="
        + defaultBucket
        + ", routes="
        + routes
        + ", unlimited="
        + unlimitedRoutes
        + ", rename="
        + renameLimit
        + '}';
  }

  /** Mutable builder; {@link #build()} checks it and returns an immutable config. */
  public static final class Builder {
    private boolean enabled = true;
    private boolean globalEnabled = true;
    private int globalLimit = DEFAULT_GLOBAL_LIMIT;
    private Duration globalWindow = DEFAULT_GLOBAL_WINDOW;
    private BucketSpec defaultBucket = DEFAULT_ROUTE_BUCKET;
    private final Map<String, BucketSpec> routes = new LinkedHashMap<>();
    private final Set<String> unlimitedRoutes = new LinkedHashSet<>();
    private BucketSpec renameLimit = DEFAULT_RENAME_LIMIT;

    private Builder() {}

    private Builder defaultsInto() {
      // Sources for every number: see the table in the class comment.
      BucketSpec messageWrite =
          BucketSpec.shared("channel-message-write", 5, Duration.ofSeconds(5));
      route("POST /channels/{channel.id}/messages", messageWrite);
      route("PATCH /channels/{channel.id}/messages/{message.id}", messageWrite);

      route(
          "DELETE /channels/{channel.id}/messages/{message.id}",
          BucketSpec.shared("channel-message-delete", 5, Duration.ofSeconds(1)));

      BucketSpec reactions = BucketSpec.shared("channel-reactions", 1, Duration.ofMillis(250));
      route("PUT /channels/{channel.id}/messages/{message.id}/reactions/{emoji}/@me", reactions);
      route("DELETE /channels/{channel.id}/messages/{message.id}/reactions/{emoji}/@me", reactions);
      route(
          "DELETE /channels/{channel.id}/messages/{message.id}/reactions/{emoji}/{user.id}",
          reactions);
      route("DELETE /channels/{channel.id}/messages/{message.id}/reactions/{emoji}", reactions);
      route("DELETE /channels/{channel.id}/messages/{message.id}/reactions", reactions);

      route(
          "PATCH /channels/{channel.id}",
          BucketSpec.shared("channel-modify", 10, Duration.ofSeconds(15)));
      return this;
    }

    /** Master switch: false allows everything and sends no rate-limit headers. */
    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /** The global limit per bot token. */
    public Builder globalLimit(int limit, Duration window) {
      if (limit < 1) {
        throw new IllegalArgumentException("global limit must be at least 1: " + limit);
      }
      if (Objects.requireNonNull(window, "window").toMillis() < 1) {
        throw new IllegalArgumentException("global window must be at least 1 ms: " + window);
      }
      this.globalLimit = limit;
      this.globalWindow = window;
      this.globalEnabled = true;
      return this;
    }

    /** Switches the global limit on or off (per-route limits are unaffected). */
    public Builder globalLimitEnabled(boolean on) {
      this.globalEnabled = on;
      return this;
    }

    /** The limit of every route not configured one by one; null for "none, only global". */
    public Builder defaultBucket(BucketSpec spec) {
      if (spec != null && spec.group() != null) {
        throw new IllegalArgumentException(
            "the default bucket applies to each route separately; give it no group");
      }
      this.defaultBucket = spec;
      return this;
    }

    /** Shorthand for {@code defaultBucket(BucketSpec.of(limit, window))}. */
    public Builder defaultBucket(int limit, Duration window) {
      return defaultBucket(BucketSpec.of(limit, window));
    }

    /**
     * Sets the limit of one route, e.g. {@code route("POST /channels/{channel.id}/messages",
     * BucketSpec.of(1, Duration.ofSeconds(1)))}. Replaces any earlier setting for that route.
     */
    public Builder route(String methodAndTemplate, BucketSpec spec) {
      String key = RouteTemplates.parseKey(methodAndTemplate);
      routes.put(key, Objects.requireNonNull(spec, "spec"));
      unlimitedRoutes.remove(key);
      return this;
    }

    /** Same as {@link #route(String, BucketSpec)} with the method apart. */
    public Builder route(String method, String template, BucketSpec spec) {
      return route(method + ' ' + template, spec);
    }

    /** Gives a route no per-route limit (the global limit still applies). */
    public Builder unlimitedRoute(String methodAndTemplate) {
      String key = RouteTemplates.parseKey(methodAndTemplate);
      routes.remove(key);
      unlimitedRoutes.add(key);
      return this;
    }

    /** Forgets every per-route setting, the built-in defaults included. */
    public Builder clearRoutes() {
      routes.clear();
      unlimitedRoutes.clear();
      return this;
    }

    /** The channel rename limit (name or topic change), per channel. */
    public Builder renameLimit(int limit, Duration window) {
      this.renameLimit = BucketSpec.shared(DEFAULT_RENAME_LIMIT.group(), limit, window);
      return this;
    }

    /** Switches the rename limit off ({@code false}) or back to the default ({@code true}). */
    public Builder renameLimitEnabled(boolean on) {
      this.renameLimit = on ? DEFAULT_RENAME_LIMIT : null;
      return this;
    }

    /**
     * Checks that routes sharing a group agree on limit and window, and returns the config.
     *
     * @throws IllegalArgumentException when two routes of one group disagree
     */
    public RateLimitConfig build() {
      Map<String, BucketSpec> byGroup = new HashMap<>();
      for (Map.Entry<String, BucketSpec> e : routes.entrySet()) {
        BucketSpec spec = e.getValue();
        if (spec.group() == null) {
          continue;
        }
        BucketSpec seen = byGroup.putIfAbsent(spec.group(), spec);
        if (seen != null && !seen.sameLimits(spec)) {
          throw new IllegalArgumentException(
              "routes of group '"
                  + spec.group()
                  + "' disagree: "
                  + seen
                  + " vs "
                  + spec
                  + " (at "
                  + e.getKey()
                  + ')');
        }
      }
      return new RateLimitConfig(this);
    }
  }
}
