package dev.tiramisu.tickets.discord;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WARN line per burst of 429s, instead of JDA's line per refused request (which {@link
 * JdaRateLimitLogFilter} drops). The first 429 after a quiet spell opens a burst; {@link #PERIOD}
 * later one line says how many requests Discord refused in it, how many of them on the global
 * limit, and on which routes (templates: no ids, no tokens). Sustained refusals make one line per
 * period.
 *
 * <p>A 429 costs the bot nothing but time (JDA waits and sends the request again), which is why
 * WARN: a steady stream of them means the bot is too busy for its limits, and on real Discord
 * 10,000 refused requests in 10 minutes earn a temporary ban of the IP address.
 */
public final class RateLimitLog {
  static final Duration PERIOD = Duration.ofSeconds(10);
  private static final Logger log = LoggerFactory.getLogger(RateLimitLog.class);

  private final BiConsumer<Runnable, Duration> scheduler;
  private final Map<String, Integer> byRoute = new TreeMap<>();
  private int refused;
  private int global;
  private long total;

  /**
   * @param scheduler runs the summary of a burst after the given delay (tests run it themselves)
   */
  RateLimitLog(BiConsumer<Runnable, Duration> scheduler) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
  }

  /** A log whose summaries run on a daemon thread that ends when idle. */
  static RateLimitLog create() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "rate-limit-log");
      t.setDaemon(true);
      return t;
    });
    timer.setKeepAliveTime(PERIOD.toSeconds() * 2, TimeUnit.SECONDS);
    timer.allowCoreThreadTimeOut(true);
    return new RateLimitLog(
        (task, delay) -> timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS));
  }

  /** Counts a 429 on {@code route} ("POST /channels/{channel_id}/messages"). */
  void refused(String route, boolean globalLimit) {
    boolean opens;
    synchronized (this) {
      opens = refused == 0;
      refused++;
      total++;
      if (globalLimit) {
        global++;
      }
      byRoute.merge(route, 1, Integer::sum);
    }
    if (opens) {
      scheduler.accept(this::summarise, PERIOD);
    }
  }

  /** 429s received since the start (the burst being counted included). */
  synchronized long total() {
    return total;
  }

  /** Logs the burst being counted, if any, and closes it. */
  void summarise() {
    String line;
    synchronized (this) {
      if (refused == 0) {
        return;
      }
      line = String.format(
          "Discord rate limit: %d request%s refused in the last %d s (%d on the global limit)"
              + " on %s; JDA sends them again once allowed",
          refused, refused == 1 ? "" : "s", PERIOD.toSeconds(), global,
          byRoute.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue())
              .collect(Collectors.joining(", ")));
      refused = 0;
      global = 0;
      byRoute.clear();
    }
    log.warn(line);
  }
}
