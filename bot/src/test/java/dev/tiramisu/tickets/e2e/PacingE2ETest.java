package dev.tiramisu.tickets.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.tiramisu.discordemu.RequestLog;
import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.ratelimit.RateLimitConfig;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.Ticket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The bot paces itself ahead of Discord's global limit ({@code GlobalPacer}): a burst of creates
 * that needs several seconds' worth of the limit is spread out, and the emulator, enforcing the
 * limit, refuses none of it. The emulator's global limit and the bot's are both lowered to 5/s
 * so that a dozen creates saturate it even on a slow, loaded machine; the control test shows the
 * same burst without pacing is refused, and logged once per burst. Lifecycles (create, then
 * close) at saturation get none either: the close's rename is sent outside JDA's rate limiter
 * ({@code complete(false)}), and before the pacer's interceptor covered such calls it took a
 * place in windows the pacer had filled (6 global 429s in this test, about one in three
 * lifecycles in the benchmark).
 */
class PacingE2ETest extends SingleBotE2ETest {
  private static final int LIMIT = 5;
  private static final List<String> MEMBERS = List.of("alice", "bob", "admin", "moderator");
  private static final int GUILDS = 3;
  /** Members who open a ticket and close it themselves (a member may close their own). */
  private static final List<String> CLOSERS = List.of("alice", "bob");

  @Test
  void a_burst_of_creates_needing_seconds_of_the_global_limit_gets_no_global_429() {
    h.emu.setRateLimits(RateLimitConfig.builder().globalLimit(LIMIT, Duration.ofSeconds(1))
        .build());
    h.restartWithGlobalRateLimit(LIMIT);
    int mark = h.emu.requests().mark();

    List<TestGuild> guilds = burstOfCreates();

    List<RequestLog.Entry> sent = h.emu.requests().since(mark);
    assertThat(sent.stream().filter(e -> !exempt(e)).count())
        .as("requests on the global limit: seven seconds' worth (thread, first message, pin)")
        .isGreaterThanOrEqualTo(3L * GUILDS * MEMBERS.size());
    assertThat(h.emu.rateLimiter().globalRefusals())
        .as("requests refused on the global limit").isZero();
    assertThat(guilds).hasSize(GUILDS);
  }

  @Test
  void a_burst_of_lifecycles_at_saturation_gets_no_global_429() {
    h.emu.setRateLimits(RateLimitConfig.builder().globalLimit(LIMIT, Duration.ofSeconds(1))
        .build());
    h.restartWithGlobalRateLimit(LIMIT);
    List<TestGuild> guilds = new ArrayList<>();
    List<InteractionHandle> creates = new ArrayList<>();
    for (int i = 0; i < GUILDS; i++) {
      TestGuild g = h.guild();
      h.enableTickets(g);
      guilds.add(g);
    }
    int mark = h.emu.requests().mark();
    for (String member : CLOSERS) {
      for (TestGuild g : guilds) {
        creates.add(g.as(member).slash(g.channel("general"), "ticket create",
            Map.of("reason", "lifecycle " + member)));
      }
    }
    // every member closes their ticket as soon as its link is there: creates and closes overlap,
    // and the close's requests (the rename among them) meet a saturated limit
    List<InteractionHandle> confirms = new ArrayList<>();
    for (int i = 0; i < creates.size(); i++) {
      InteractionHandle c = creates.get(i);
      TestGuild g = guilds.get(i % GUILDS);
      String member = CLOSERS.get(i / GUILDS);
      h.emu.await("the link in answer " + c.id, Duration.ofSeconds(60),
          () -> c.original().text().contains("is open: <#"));
      long thread = Long.parseLong(c.original().text().replaceAll("(?s).*<#(\\d+)>.*", "$1"));
      h.awaitFirstMessage(g, thread);
      confirms.add(g.as(member).slash(thread, "ticket close"));
    }
    List<InteractionHandle> closes = new ArrayList<>();
    for (int i = 0; i < confirms.size(); i++) {
      MessageView confirm = confirms.get(i).awaitReply();
      assertThat(confirm.text()).startsWith("Close ticket #");
      closes.add(guilds.get(i % GUILDS).as(CLOSERS.get(i / GUILDS))
          .click(confirm.id(), BotHarness.text(MessageKey.BUTTON_CLOSE_CONFIRM)));
    }
    for (InteractionHandle c : closes) {
      assertThat(c.awaitReply().text()).matches("(?s)Ticket #\\d+ is closed\\..*");
    }
    for (TestGuild g : guilds) {
      List<Ticket> tickets = FaultSoak.tickets(h, g);
      assertThat(tickets).as("guild %d", g.id).hasSize(CLOSERS.size());
      for (Ticket t : tickets) {
        assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(60)))
            .as("effects of #%d settled", t.number()).isTrue();
      }
      LifecycleChecks.assertEndState(g, h.emu.botUserId(), FaultSoak.tickets(h, g), true);
    }

    List<RequestLog.Entry> sent = h.emu.requests().since(mark);
    assertThat(sent.stream().filter(e -> !exempt(e)).count())
        .as("requests on the global limit: over ten seconds' worth")
        // at least 9 per lifecycle: thread, first message, pin; "closed" post, first message
        // edit, transcript read, rename+lock+archive, DM, log (the creators close their own
        // tickets: no member lookup; the DM channel is opened once per user)
        .isGreaterThanOrEqualTo(9L * GUILDS * CLOSERS.size());
    assertThat(sent).as("renames sent").anyMatch(e -> e.route().equals("PATCH /channels/{channel_id}")
        && e.body() != null && e.body().path("name").asText().startsWith("[Closed] "));
    assertThat(h.emu.rateLimiter().globalRefusals())
        .as("requests refused on the global limit").isZero();
  }

  @Test
  void without_pacing_the_same_burst_is_refused_and_logged_once_per_burst() throws Exception {
    h.emu.setRateLimits(RateLimitConfig.builder().globalLimit(LIMIT, Duration.ofSeconds(1))
        .build());
    h.restartWithGlobalRateLimit(0);
    CountDownLatch summary = new CountDownLatch(1);
    List<ILoggingEvent> warnings = new ArrayList<>();
    AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent e) {
        synchronized (warnings) {
          warnings.add(e);
        }
        summary.countDown();
      }
    };
    Logger logger = (Logger) LoggerFactory.getLogger("dev.tiramisu.tickets.discord.RateLimitLog");
    capture.start();
    logger.addAppender(capture);
    try {
      burstOfCreates();
      assertThat(h.emu.rateLimiter().globalRefusals())
          .as("without pacing, Discord refuses part of the burst").isPositive();
      assertThat(summary.await(30, TimeUnit.SECONDS)).as("the burst's summary").isTrue();
    } finally {
      logger.detachAppender(capture);
      h.restartWithGlobalRateLimit(GlobalPacerDefault.LIMIT);
      h.emu.setRateLimits(RateLimitConfig.defaults());
    }
    synchronized (warnings) {
      ILoggingEvent first = warnings.get(0);
      assertThat(first.getLevel()).isEqualTo(Level.WARN);
      assertThat(first.getFormattedMessage()).startsWith("Discord rate limit: ")
          .contains("on the global limit").contains("POST /channels/{channel_id}/");
    }
  }

  /** Every member of fresh guilds runs /ticket create at once; checks every ticket completed. */
  private List<TestGuild> burstOfCreates() {
    List<TestGuild> guilds = new ArrayList<>();
    for (int i = 0; i < GUILDS; i++) {
      TestGuild g = h.guild();
      h.enableTickets(g);
      guilds.add(g);
    }
    List<InteractionHandle> creates = new ArrayList<>();
    for (String member : MEMBERS) {
      for (TestGuild g : guilds) {
        creates.add(g.as(member).slash(g.channel("general"), "ticket create",
            Map.of("reason", "burst " + member)));
      }
    }
    for (InteractionHandle c : creates) {
      c.awaitReply(); // at once, or "saved, still being set up" after 5 s; then the link
      h.emu.await("the link in answer " + c.id, Duration.ofSeconds(60),
          () -> c.original().text().contains("is open: <#"));
    }
    for (TestGuild g : guilds) {
      List<Ticket> tickets = FaultSoak.tickets(h, g);
      assertThat(tickets).as("guild %d", g.id).hasSize(MEMBERS.size());
      for (Ticket t : tickets) {
        assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(60)))
            .as("effects of #%d settled", t.number()).isTrue();
      }
      LifecycleChecks.assertEndState(g, h.emu.botUserId(), FaultSoak.tickets(h, g), false);
    }
    return guilds;
  }

  private static boolean exempt(RequestLog.Entry e) {
    return e.template().startsWith("/interactions/") || e.template().startsWith("/webhooks/");
  }

  /** Discord's limit, the default the harness's other bots run with. */
  private static final class GlobalPacerDefault {
    static final int LIMIT = 50;
  }
}
