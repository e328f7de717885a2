package dev.tiramisu.tickets.discord;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.requests.RestRateLimiter;
import net.dv8tion.jda.api.requests.Route;
import net.dv8tion.jda.api.requests.SequentialRestRateLimiter;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Keeps this process under Discord's global limit (50 requests per second per bot token) by
 * pacing requests before they are sent, instead of sending until Discord refuses them.
 *
 * <p><b>The limit.</b> {@code limit} permits; a request takes one when it starts and gives it
 * back one window (1 s) after its response came back. So the request that takes a permit
 * started at least one window after the previous holder's response, hence reached Discord at
 * least one window after it: whatever the network delay, Discord never sees more than {@code
 * limit} requests in any window. The price is the round trip: a permit is busy for a window plus
 * one request's latency, so at saturation the bot sends {@code limit / (1 s + latency)} requests
 * per second (49.8/s at 4 ms; 45/s at 100 ms).
 *
 * <p><b>Inside JDA.</b> {@link #install} gives every shard's REST client a rate limiter that is
 * JDA's own {@link SequentialRestRateLimiter} with two changes, and one pacer serves all the
 * shards of the process (as Discord counts per token, not per shard):
 *
 * <ul>
 *   <li>its {@link RestRateLimiter.GlobalRateLimit} reports, besides a global 429's retry time,
 *       the time the next permit becomes free: every classic bucket of JDA consults it before
 *       each request and waits (on JDA's scheduler, no thread blocked) until then;
 *   <li>each enqueued {@link RestRateLimiter.Work} takes a permit when it executes. Several
 *       buckets may see the same free permit; the losers do not send and do not wait: their work
 *       reports "not done", JDA puts it back at the head of its bucket, reads the (now later) free
 *       time and backs off until then. Taking a permit never blocks.
 * </ul>
 *
 * <p><b>Outside JDA's rate limiter.</b> Not every request goes through it: a request sent with
 * {@code complete(false)} or {@code submit(false)} (the thread rename does, so that Discord's
 * rename limit answers at once instead of JDA holding the thread's bucket for minutes) is sent
 * by JDA's requester directly, on the caller's thread; the shard manager's {@code GET
 * /gateway/bot} too. And JDA retries a 502/503/504 (and the like) up to three times inside one
 * execution. So the pacer is also an OkHttp {@link #interceptor()} on JDA's HTTP client, which
 * sees every HTTP call: the first call of a paced work uses the work's permit; a call outside any
 * work (unqueued) waits for a permit of its own on its caller's thread, and a retry inside a work
 * gives the spent permit back (free one window after its response) and waits for another. A
 * thread holds at most one permit while it waits, so waiting cannot deadlock. Before this, each
 * close's unpaced rename took a place in a window the pacer had filled: about one global 429 in
 * three lifecycles at saturation (issue 14).
 *
 * <p>Interaction routes (the callback, and webhook routes with an interaction token: JDA's
 * {@link Route#isInteractionBucket()}) are not counted: Discord exempts them from the global
 * limit, so an acknowledgement never waits behind the bot's other work. For an unqueued call
 * only the URL is known: {@code /interactions/...} is exempt, a webhook call is counted (a
 * permit too many at worst), and a URL outside {@code /api/vN/} (a file download) is not
 * Discord's API.
 *
 * <p>Every 429 the bot receives is counted by a {@link RateLimitLog}, which logs one WARN line
 * per burst; JDA's own line per refused request is dropped by {@link JdaRateLimitLogFilter}.
 */
public final class GlobalPacer {
  /** Discord's global limit: requests per second per bot token. */
  public static final int DISCORD_GLOBAL_LIMIT = 50;
  /** The window of Discord's global limit. */
  static final long WINDOW_MILLIS = 1000;
  private static final long IN_FLIGHT = Long.MAX_VALUE;

  private final boolean paced;
  private final long[] freeAt;
  private final LongSupplier clock;
  private final RateLimitLog refusals;
  /** What the work running on this thread holds (see {@link PacedCalls}). */
  private final ThreadLocal<Held> held = new ThreadLocal<>();

  /**
   * A work's permit, spent once its first HTTP call went out; -1 when it holds none (a retry's
   * wait was interrupted).
   */
  static final class Held {
    /** A work on an exempt route. */
    static final Held EXEMPT = new Held(-1);
    int permit;
    boolean spent;

    Held(int permit) {
      this.permit = permit;
    }
  }

  /**
   * @param limit requests per second (Discord's is {@value #DISCORD_GLOBAL_LIMIT}), 0 to pace
   *     nothing and only log the 429s (a shared REST proxy paces)
   * @param clock milliseconds of {@link System#currentTimeMillis()} (JDA compares with it)
   */
  GlobalPacer(int limit, LongSupplier clock, RateLimitLog refusals) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
    this.paced = limit > 0;
    this.freeAt = new long[limit];
    this.clock = Objects.requireNonNull(clock, "clock");
    this.refusals = Objects.requireNonNull(refusals, "refusals");
  }

  /** A pacer of {@code limit} requests per second (0: none) on the system clock. */
  public static GlobalPacer of(int limit) {
    return new GlobalPacer(limit, System::currentTimeMillis, RateLimitLog.create());
  }

  public int limit() {
    return freeAt.length;
  }

  /**
   * Takes a free permit.
   *
   * @return the permit, to {@link #release} once the request's response came back; -1 if none is
   *     free now
   */
  synchronized int tryAcquire() {
    long now = clock.getAsLong();
    int best = -1;
    for (int i = 0; i < freeAt.length; i++) {
      if (freeAt[i] <= now && (best < 0 || freeAt[i] < freeAt[best])) {
        best = i;
      }
    }
    if (best >= 0) {
      freeAt[best] = IN_FLIGHT;
    }
    return best;
  }

  /** Gives a permit back: it is free again one window from now. */
  synchronized void release(int permit) {
    if (freeAt[permit] != IN_FLIGHT) {
      throw new IllegalStateException("permit " + permit + " is not taken");
    }
    freeAt[permit] = clock.getAsLong() + WINDOW_MILLIS;
    notifyAll();
  }

  /**
   * Takes a permit, waiting until one is free (for a call outside JDA's rate limiter, on its
   * caller's thread).
   */
  synchronized int acquire() throws InterruptedException {
    while (true) {
      int permit = tryAcquire();
      if (permit >= 0) {
        return permit;
      }
      // woken early by a release (its permit is free a window later: the wait is recomputed)
      wait(Math.max(1, nextFreeMillis() - clock.getAsLong()));
    }
  }

  /**
   * When the next permit is free: now or earlier if one is free; otherwise the earliest time one
   * given back becomes free, or, when all are still in flight, one window from now (none can be
   * free sooner, as none is given back yet).
   */
  synchronized long nextFreeMillis() {
    long now = clock.getAsLong();
    long earliest = IN_FLIGHT;
    for (long t : freeAt) {
      earliest = Math.min(earliest, t);
    }
    return earliest == IN_FLIGHT ? now + WINDOW_MILLIS : earliest;
  }

  /** Whether a request sent now takes a permit at once (always, when nothing is paced). */
  boolean freeNow() {
    return !paced || nextFreeMillis() <= clock.getAsLong();
  }

  RateLimitLog refusals() {
    return refusals;
  }

  /**
   * The interceptor to add to JDA's HTTP client (the shard manager's), so that the calls JDA
   * makes outside its rate limiter, and its retries, are paced too.
   */
  public Interceptor interceptor() {
    return new PacedCalls(this);
  }

  boolean paced() {
    return paced;
  }

  /** What the work running on this thread holds: {@link Held#EXEMPT}, a permit, or null. */
  Held held() {
    return held.get();
  }

  /** Makes every shard built with {@code config} pace through this pacer; returns it. */
  public RestConfig install(RestConfig config) {
    return config.setRateLimiterFactory(rateLimiterFactory());
  }

  /** The factory of JDA rate limiters (one per shard) that share this pacer. */
  public Function<RestRateLimiter.RateLimitConfig, RestRateLimiter> rateLimiterFactory() {
    return jda -> new Paced(new SequentialRestRateLimiter(new RestRateLimiter.RateLimitConfig(
        jda.getScheduler(), jda.getElastic(), new PacedGlobal(jda.getGlobalRateLimit()),
        jda.isRelative())));
  }

  /** JDA's limiter, with each work taking a permit. */
  private final class Paced implements RestRateLimiter {
    private final RestRateLimiter delegate;

    Paced(RestRateLimiter delegate) {
      this.delegate = delegate;
    }

    @Override
    public void enqueue(Work task) {
      delegate.enqueue(new PacedWork(task));
    }

    @Override
    public void stop(boolean shutdown, Runnable callback) {
      delegate.stop(shutdown, callback);
    }

    @Override
    public boolean isStopped() {
      return delegate.isStopped();
    }

    @Override
    public int cancelRequests() {
      return delegate.cancelRequests();
    }
  }

  /** The global limit JDA's classic buckets consult: a 429's retry time or the next permit. */
  private final class PacedGlobal implements RestRateLimiter.GlobalRateLimit {
    private final RestRateLimiter.GlobalRateLimit delegate;

    PacedGlobal(RestRateLimiter.GlobalRateLimit delegate) {
      this.delegate = delegate;
    }

    @Override
    public long getClassic() {
      return paced ? Math.max(delegate.getClassic(), nextFreeMillis()) : delegate.getClassic();
    }

    @Override
    public void setClassic(long timestamp) {
      delegate.setClassic(timestamp);
    }

    @Override
    public long getCloudflare() {
      return delegate.getCloudflare();
    }

    @Override
    public void setCloudflare(long timestamp) {
      delegate.setCloudflare(timestamp);
    }
  }

  /** A request that takes a permit to run (unless exempt) and reports its 429s. */
  private final class PacedWork implements RestRateLimiter.Work {
    private final RestRateLimiter.Work delegate;

    PacedWork(RestRateLimiter.Work delegate) {
      this.delegate = delegate;
    }

    @Override
    public Route.CompiledRoute getRoute() {
      return delegate.getRoute();
    }

    @Override
    public JDA getJDA() {
      return delegate.getJDA();
    }

    @Override
    public Response execute() {
      Route route = delegate.getRoute().getBaseRoute();
      if (route.isInteractionBucket() || !paced) {
        held.set(Held.EXEMPT);
        try {
          return observed(route, delegate.execute());
        } finally {
          held.remove();
        }
      }
      int permit = tryAcquire();
      if (permit < 0) {
        // Another bucket took the permit this one saw: not sent, not done; JDA retries it first
        // in its bucket after the global wait, which now ends later.
        return null;
      }
      Held h = new Held(permit);
      held.set(h);
      try {
        return observed(route, delegate.execute());
      } finally {
        held.remove();
        if (h.permit >= 0) {
          release(h.permit); // the first's, or a retry's (PacedCalls swapped them)
        }
      }
    }

    private Response observed(Route route, Response response) {
      if (response != null && response.code() == 429) {
        refusals.refused(route.getMethod() + " /" + route.getRoute(),
            response.header(RestRateLimiter.GLOBAL_HEADER) != null);
      }
      return response;
    }

    @Override
    public boolean isSkipped() {
      return delegate.isSkipped();
    }

    @Override
    public boolean isDone() {
      return delegate.isDone();
    }

    @Override
    public boolean isPriority() {
      return delegate.isPriority();
    }

    @Override
    public boolean isCancelled() {
      return delegate.isCancelled();
    }

    @Override
    public void cancel() {
      delegate.cancel();
    }
  }
}
