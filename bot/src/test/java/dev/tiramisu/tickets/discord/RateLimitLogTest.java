package dev.tiramisu.tickets.discord;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** One WARN line per burst of 429s, and JDA's line per 429 dropped by the shipped logback.xml. */
class RateLimitLogTest {
  private final List<Runnable> scheduled = new ArrayList<>();
  private final List<Duration> delays = new ArrayList<>();
  private final RateLimitLog refusals = new RateLimitLog((task, delay) -> {
    scheduled.add(task);
    delays.add(delay);
  });
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(RateLimitLog.class);

  @BeforeEach
  void capture() {
    logged.start();
    logger.addAppender(logged);
  }

  @AfterEach
  void release() {
    logger.detachAppender(logged);
  }

  @Test
  void a_burst_of_refusals_is_one_warning_with_counts_and_routes() {
    refusals.refused("POST /channels/{channel_id}/threads", true);
    refusals.refused("POST /channels/{channel_id}/messages", true);
    refusals.refused("POST /channels/{channel_id}/messages", false);
    assertThat(logged.list).as("nothing until the burst's period is over").isEmpty();
    assertThat(scheduled).as("one summary for the burst").hasSize(1);
    assertThat(delays).containsExactly(Duration.ofSeconds(10));

    scheduled.get(0).run();

    assertThat(logged.list).hasSize(1);
    ILoggingEvent line = logged.list.get(0);
    assertThat(line.getLevel()).isEqualTo(Level.WARN);
    assertThat(line.getFormattedMessage())
        .contains("3 requests refused in the last 10 s (2 on the global limit)")
        .contains("POST /channels/{channel_id}/messages x2")
        .contains("POST /channels/{channel_id}/threads x1");
    assertThat(refusals.total()).isEqualTo(3);
  }

  @Test
  void the_next_refusal_opens_a_new_burst() {
    refusals.refused("PUT /channels/{channel_id}/pins/{message_id}", false);
    scheduled.get(0).run();
    scheduled.get(0).run(); // a summary with nothing new logs nothing
    refusals.refused("PUT /channels/{channel_id}/pins/{message_id}", false);
    assertThat(scheduled).hasSize(2);
    scheduled.get(1).run();

    assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
        .hasSize(2)
        .allSatisfy(m -> assertThat(m).contains("1 request refused"));
    assertThat(refusals.total()).isEqualTo(2);
  }

  @Test
  void the_shipped_logback_xml_drops_only_jdas_lines_about_429s() throws Exception {
    LoggerContext context = new LoggerContext();
    JoranConfigurator config = new JoranConfigurator();
    config.setContext(context);
    URL shipped = getClass().getClassLoader().getResource("logback.xml");
    assertThat(shipped).as("bot/src/main/resources/logback.xml").isNotNull();
    config.doConfigure(shipped);
    ListAppender<ILoggingEvent> jdaLines = new ListAppender<>();
    jdaLines.setContext(context);
    jdaLines.start();
    Logger jda = context.getLogger(JdaRateLimitLogFilter.JDA_LOGGER);
    jda.addAppender(jdaLines);
    try {
      // JDA's own calls (SequentialRestRateLimiter), verbatim
      jda.error("Encountered global rate limit! Retry-After: {} ms Scope: {}", 1000L, "global");
      jda.warn("Encountered 429 on route {} with bucket {} Retry-After: {} ms Scope: {}",
          "POST/channels/{channel_id}/messages", "abc", 500L, "user");
      jda.error("Encountered exception trying to execute request", new IllegalStateException());
      jda.warn("Encountered long {} minutes Rate-Limit on route {}", 40L, "PATCH/channels");
    } finally {
      context.stop();
    }
    assertThat(jdaLines.list).extracting(ILoggingEvent::getMessage).containsExactly(
        "Encountered exception trying to execute request",
        "Encountered long {} minutes Rate-Limit on route {}");
  }
}
