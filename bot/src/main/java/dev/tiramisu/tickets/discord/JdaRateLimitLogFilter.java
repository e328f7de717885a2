package dev.tiramisu.tickets.discord;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops JDA's log line per refused request (ERROR for each global 429, WARN for a route's), which
 * {@link RateLimitLog} replaces with one WARN line per burst; JDA's other lines from the same
 * logger (errors running a request, long rate limits, Cloudflare bans) pass. Installed in
 * {@code logback.xml} as a {@code turboFilter}.
 */
public final class JdaRateLimitLogFilter extends TurboFilter {
  /** The logger of JDA's {@code SequentialRestRateLimiter}. */
  static final String JDA_LOGGER = "net.dv8tion.jda.api.requests.RestRateLimiter";

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format,
      Object[] params, Throwable t) {
    if (format == null || logger == null || !JDA_LOGGER.equals(logger.getName())) {
      return FilterReply.NEUTRAL;
    }
    if (format.startsWith("Encountered global rate limit!")
        || format.startsWith("Encountered 429 on route")) {
      return FilterReply.DENY;
    }
    return FilterReply.NEUTRAL;
  }
}
