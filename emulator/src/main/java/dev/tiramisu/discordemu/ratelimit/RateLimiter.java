package dev.tiramisu.discordemu.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Discord-style REST rate limiting for the emulator: per-route buckets counted per major parameter,
 * a global limit per bot token, the channel rename limit, and Discord's headers.
 *
 * <h2>How the server uses it</h2>
 *
 * For every REST request, once the route is known and before handling it:
 *
 * <pre>{@code
 * Decision d = limiter.check(method, "/channels/{channel.id}/messages",
 *     Map.of("channel.id", channelId), renames, botToken);
 * if (!d.allowed()) {
 *   // send d.status() (429), every header of d.headers(), and d.body(); do not handle
 * } else {
 *   // handle the request; add every header of d.headers() to the response, whatever its status
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@code routeTemplate}: the route as matched, with placeholders, without query string;
 *       {@code /api/v10} prefix optional, placeholder names free ({@code {channel.id}}, {@code
 *       {channel_id}}). See {@link RouteTemplates}.
 *   <li>{@code pathParams}: placeholder name to value for the placeholders of the template (at
 *       least the major parameters: the placeholder after {@code channels}, {@code guilds}, {@code
 *       webhooks} (and the webhook token after it), {@code interactions} (and the token)).
 *   <li>{@code renamesChannel}: true when the request is {@code PATCH /channels/{id}} and its body
 *       changes the channel's {@code name} or {@code topic} to a different value.
 *   <li>{@code botToken}: the token of the {@code Authorization: Bot ...} header; the global limit
 *       and all buckets are kept per token. Null counts as one anonymous client.
 * </ul>
 *
 * <h2>Semantics</h2>
 *
 * <ul>
 *   <li>Windows are fixed: a bucket's window opens with its first request and ends {@code window}
 *       later; {@code X-RateLimit-Reset(-After)} is that end.
 *   <li>A refused request consumes nothing.
 *   <li>Interaction endpoints skip the global limit: {@code /interactions/...}, and {@code
 *       /webhooks/{application.id}/{token}...} when the token placeholder's name contains {@code
 *       interaction} or its value starts with {@link #INTERACTION_TOKEN_PREFIX} (as Discord's
 *       interaction tokens do).
 *   <li>Time comes from the {@link Clock} only ({@link Clock#millis()}); nothing sleeps.
 * </ul>
 *
 * <p>Thread-safe. A request costs a map lookup for the route (cached), one for the bot, one per
 * bucket and a few arithmetic operations under the bot's lock.
 */
public final class RateLimiter {

  /** Base64 of {@code "interaction:"}, the start of Discord's interaction tokens. */
  public static final String INTERACTION_TOKEN_PREFIX = "aW50ZXJhY3Rpb246";

  private static final String ANONYMOUS = "";
  private static final int PRUNE_THRESHOLD = 1024;

  private final RateLimitConfig config;
  private final Clock clock;
  private final Map<String, Route> routes = new ConcurrentHashMap<>();
  private final Map<String, BotState> bots = new ConcurrentHashMap<>();
  private final String renameHash;
  private final java.util.concurrent.atomic.AtomicLong globalRefusals =
      new java.util.concurrent.atomic.AtomicLong();

  public RateLimiter(RateLimitConfig config, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.renameHash = config.renameLimit() == null ? null : hash("rename");
  }

  /** A limiter with {@link RateLimitConfig#defaults()} on the system clock. */
  public static RateLimiter withDefaults() {
    return new RateLimiter(RateLimitConfig.defaults(), Clock.systemUTC());
  }

  public RateLimitConfig config() {
    return config;
  }

  /**
   * Decides whether a request may be handled, and counts it when it may.
   *
   * @throws IllegalArgumentException when {@code pathParams} lacks a major parameter of the
   *     template
   */
  public Decision check(
      String method,
      String routeTemplate,
      Map<String, String> pathParams,
      boolean renamesChannel,
      String botToken) {
    if (!config.enabled()) {
      return Decision.allow();
    }
    Route route = route(method, routeTemplate);
    String major = route.majorValue(pathParams);
    boolean exempt = route.interaction || route.interactionByToken(pathParams);
    boolean rename = renamesChannel && route.channelMajor && config.renameLimit() != null;
    BotState bot =
        bots.computeIfAbsent(botToken == null ? ANONYMOUS : botToken, t -> new BotState());
    long now = clock.millis();

    BucketSpec spec = route.spec;
    BucketSpec renameSpec = rename ? config.renameLimit() : null;
    int remaining = 0;
    long resetAt = 0;
    long retryAfter = 0;
    RateLimitScope refusedScope = null;

    synchronized (bot) {
      bot.maybePrune(now);
      Window global = null;
      if (!exempt && config.globalEnabled()) {
        global = bot.global;
        global.roll(now);
        if (global.count >= config.globalLimit()) {
          refusedScope = RateLimitScope.GLOBAL;
          retryAfter = global.resetAt - now;
        }
      }
      Window bucket = null;
      if (refusedScope == null && spec != null) {
        bucket = bot.window(route.bucketPrefix + major);
        bucket.roll(now);
        remaining = spec.limit() - bucket.count;
        resetAt = bucket.resetAt(now, spec.windowMillis());
        if (remaining <= 0) {
          refusedScope = RateLimitScope.USER;
          retryAfter = resetAt - now;
        }
      }
      Window renames = null;
      if (refusedScope == null && renameSpec != null) {
        renames = bot.window("rename\u0000" + major);
        renames.roll(now);
        if (renames.count >= renameSpec.limit()) {
          refusedScope = RateLimitScope.USER;
          retryAfter = renames.resetAt - now;
        }
      }
      if (refusedScope == null) {
        if (global != null) {
          global.consume(now, config.globalWindow().toMillis());
        }
        if (bucket != null) {
          bucket.consume(now, spec.windowMillis());
          remaining = spec.limit() - bucket.count;
          resetAt = bucket.resetAt;
        }
        if (renames != null) {
          renames.consume(now, renameSpec.windowMillis());
        }
      }
    }

    if (refusedScope == RateLimitScope.GLOBAL) {
      globalRefusals.incrementAndGet();
      // Docs, "Example Exceeded Global Rate Limit Response": no per-route headers.
      return RateLimitResponses.tooManyRequests(RateLimitScope.GLOBAL, retryAfter, Map.of(), null);
    }
    Map<String, String> headers;
    if (spec != null) {
      // On a rename refusal too: Discord was observed to send the regular PATCH bucket's
      // headers with the rename window's retry_after (discord-api-docs #1900, #2761).
      headers =
          RateLimitResponses.bucketHeaders(
              spec.limit(), remaining, resetAt, resetAt - now, route.hash);
    } else if (refusedScope != null) {
      // Route without its own bucket, refused by the rename limit: report that limit.
      headers =
          RateLimitResponses.bucketHeaders(
              renameSpec.limit(), 0, now + retryAfter, retryAfter, renameHash);
    } else {
      headers = Map.of();
    }
    if (refusedScope == null) {
      return Decision.allow(headers);
    }
    return RateLimitResponses.tooManyRequests(refusedScope, retryAfter, headers, null);
  }

  /**
   * The {@code X-RateLimit-Bucket} hash a route reports; null when it has no per-route limit.
   * Stable across runs and across major parameter values.
   */
  public String bucketHash(String method, String routeTemplate) {
    return config.enabled() ? route(method, routeTemplate).hash : null;
  }

  /** How many buckets are being tracked, over all bots (for tests of memory use). */
  int trackedBuckets() {
    int n = 0;
    for (BotState b : bots.values()) {
      synchronized (b) {
        n += b.windows.size();
      }
    }
    return n;
  }

  /**
   * How many requests were refused on the global limit (all bots) since the start or {@link
   * #reset()}: what a bot pacing itself ahead of the limit keeps at 0.
   */
  public long globalRefusals() {
    return globalRefusals.get();
  }

  /** Forgets every counter (the configuration stays). */
  public void reset() {
    bots.clear();
    globalRefusals.set(0);
  }

  private Route route(String method, String template) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(template, "routeTemplate");
    // Cache by the raw text; the server passes a small fixed set of templates.
    String raw = method + ' ' + template;
    Route r = routes.get(raw);
    if (r == null) {
      r = routes.computeIfAbsent(raw, k -> new Route(method, template, config));
    }
    return r;
  }

  static String hash(String groupId) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(groupId.getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder(32);
      for (int i = 0; i < 16; i++) {
        sb.append(Character.forDigit((d[i] >> 4) & 0xf, 16))
            .append(Character.forDigit(d[i] & 0xf, 16));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /** What the limiter needs to know about one route template, computed once. */
  private static final class Route {
    final BucketSpec spec;
    final String hash;

    /** Key prefix of this route's bucket in a bot's window map; the major value follows. */
    final String bucketPrefix;

    final boolean channelMajor;
    final boolean interaction;

    /** Webhook route whose token might be an interaction token: checked per request. */
    final String webhookTokenParam;

    final String[] majorParams;
    final String majorPrefix;

    Route(String method, String template, RateLimitConfig config) {
      String key = RouteTemplates.key(method, template);
      List<String> segs = RouteTemplates.segments(template);
      String top = segs.isEmpty() ? "" : segs.get(0);
      String p1 = placeholder(segs, 1);
      String p2 = placeholder(segs, 2);

      boolean isInteraction = false;
      String tokenParam = null;
      switch (top) {
        case "channels":
        case "guilds":
          majorParams = p1 == null ? new String[0] : new String[] {p1};
          break;
        case "webhooks":
          majorParams =
              p1 == null ? new String[0] : p2 == null ? new String[] {p1} : new String[] {p1, p2};
          if (p2 != null) {
            if (p2.toLowerCase(Locale.ROOT).contains("interaction")) {
              isInteraction = true;
            } else {
              tokenParam = p2;
            }
          }
          break;
        case "interactions":
          isInteraction = true;
          majorParams =
              p1 == null ? new String[0] : p2 == null ? new String[] {p1} : new String[] {p1, p2};
          break;
        default:
          majorParams = new String[0];
      }
      this.majorPrefix = top + ':';
      this.channelMajor = top.equals("channels") && p1 != null;
      this.interaction = isInteraction;
      this.webhookTokenParam = tokenParam;

      this.spec = config.bucketFor(key);
      if (spec == null) {
        this.hash = null;
        this.bucketPrefix = null;
      } else {
        String groupId = spec.group() != null ? "group:" + spec.group() : "route:" + key;
        this.hash = hash(groupId);
        this.bucketPrefix = groupId + '\u0000';
      }
    }

    private static String placeholder(List<String> segs, int i) {
      if (segs.size() <= i || !RouteTemplates.isPlaceholder(segs.get(i))) {
        return null;
      }
      return RouteTemplates.placeholderName(segs.get(i));
    }

    String majorValue(Map<String, String> params) {
      if (majorParams.length == 0) {
        return "";
      }
      StringBuilder sb = new StringBuilder(majorPrefix);
      for (int i = 0; i < majorParams.length; i++) {
        String v = params == null ? null : params.get(majorParams[i]);
        if (v == null) {
          throw new IllegalArgumentException(
              "path parameter '" + majorParams[i] + "' missing; got " + params);
        }
        if (i > 0) {
          sb.append(':');
        }
        sb.append(v);
      }
      return sb.toString();
    }

    boolean interactionByToken(Map<String, String> params) {
      if (webhookTokenParam == null || params == null) {
        return false;
      }
      String token = params.get(webhookTokenParam);
      return token != null && token.startsWith(INTERACTION_TOKEN_PREFIX);
    }
  }

  /** A fixed window. {@code count == 0} means "not open": the next request opens it. */
  private static final class Window {
    long resetAt;
    int count;

    void roll(long now) {
      if (count > 0 && now >= resetAt) {
        count = 0;
      }
    }

    long resetAt(long now, long windowMillis) {
      return count == 0 ? now + windowMillis : resetAt;
    }

    void consume(long now, long windowMillis) {
      if (count == 0) {
        resetAt = now + windowMillis;
      }
      count++;
    }

    boolean idle(long now) {
      return count == 0 || now >= resetAt;
    }
  }

  /** Counters of one bot token. Guarded by its own monitor. */
  private static final class BotState {
    final Window global = new Window();
    final Map<String, Window> windows = new HashMap<>();
    int createdSincePrune;

    Window window(String key) {
      Window w = windows.get(key);
      if (w == null) {
        createdSincePrune++;
        w = new Window();
        windows.put(key, w);
      }
      return w;
    }

    /**
     * Drops windows that have expired, as they hold nothing a new window would not, once enough
     * have been created since the last pass (interaction tokens make a new bucket each). Called
     * before any window of a request is looked up, so none is dropped while in use.
     */
    void maybePrune(long now) {
      if (createdSincePrune < PRUNE_THRESHOLD) {
        return;
      }
      createdSincePrune = 0;
      for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
        if (it.next().idle(now)) {
          it.remove();
        }
      }
    }
  }
}
