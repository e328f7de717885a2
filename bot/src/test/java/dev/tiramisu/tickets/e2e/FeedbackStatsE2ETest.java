package dev.tiramisu.tickets.e2e;

import static dev.tiramisu.tickets.e2e.BotHarness.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.Json;
import dev.tiramisu.discordemu.driver.Actor;
import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.model.Interaction;
import dev.tiramisu.discordemu.model.Message;
import dev.tiramisu.tickets.effects.Effect;
import dev.tiramisu.tickets.effects.EffectKind;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.Rating;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketStats;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Feedback and statistics (issue 13) through the emulator and the real JDA client, on a clock the
 * test moves so every time is exact: tickets opened, answered by staff and closed at known times,
 * rated from the close DM (a double click, a comment, a non-creator, a restart), then {@code
 * /ticket stats 7} checked number by number, its PNG decoded.
 */
class FeedbackStatsE2ETest extends ClockedBotTest {
  /** "Today" of the statistics; the test's clock starts ten days before. */
  private static final LocalDate TODAY = LocalDate.parse("2026-03-09");
  private static final Duration M = Duration.ofMinutes(1);
  private static final Duration H = Duration.ofHours(1);

  FeedbackStatsE2ETest() {
    super(day(-10).plus(Duration.ofHours(10)));
  }

  /** Midnight (UTC) of the day {@code offset} days from {@link #TODAY}. */
  private static Instant day(int offset) {
    return TODAY.plusDays(offset).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
  }

  /** Moves the bot's clock forward to {@code t}. */
  private void at(Instant t) {
    assertThat(t).as("the clock only moves forward").isAfterOrEqualTo(clock.instant());
    clock.advance(Duration.between(clock.instant(), t));
  }

  private Ticket settled(Ticket t) {
    assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(30))).isTrue();
    return h.bot().core().tickets().find(t.id()).orElseThrow();
  }

  private void close(TestGuild g, Ticket t, String user) {
    MessageView confirm = g.as(user).slash(t.threadId(), "ticket close").awaitReply();
    g.as(user).click(confirm.id(), text(MessageKey.BUTTON_CLOSE_CONFIRM)).awaitReply();
    settled(t);
  }

  /** {@code user} writes in the ticket; waits until the bot saw it (its activity is recorded). */
  private void write(TestGuild g, Ticket t, String user) {
    Instant now = clock.instant();
    g.as(user).post(t.threadId(), "a message from " + user);
    h.emu.await("the message seen as activity", () -> {
      Long last = lastActivity(t);
      return last != null && last == now.toEpochMilli();
    });
  }

  private Long lastActivity(Ticket t) {
    try (var c = h.bot().core().database().dataSource().getConnection();
        var ps = c.prepareStatement(
            "SELECT last_activity_at FROM ticket_activity WHERE ticket_id = ?")) {
      ps.setLong(1, t.id());
      try (var rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private Optional<Instant> firstReply(Ticket t) {
    return h.bot().core().database().feedback().firstStaffReplyOf(t.id());
  }

  /** The close DM of ticket {@code t} in {@code user}'s DMs. */
  private MessageView dm(TestGuild g, String user, Ticket t) {
    return g.dms(user).stream().filter(m -> m.text().contains("#" + t.number() + " "))
        .reduce((a, b) -> b).orElseThrow();
  }

  private static String star(int n) {
    return text(MessageKey.BUTTON_RATE, n);
  }

  /** A click a modified client sends: {@code customId} on {@code message}, by {@code userId}. */
  private long forgedClick(long userId, long channelId, long messageId, String customId) {
    ObjectNode data = Json.object();
    data.put("custom_id", customId);
    data.put("component_type", 2);
    Interaction i = h.emu.interactions().create(Interaction.MESSAGE_COMPONENT, userId, channelId,
        data, messageId);
    return i.id;
  }

  /** The ephemeral answer to an interaction started without a handle. */
  private MessageView answer(long interactionId) {
    h.emu.await("the answer to interaction " + interactionId, () -> {
      Long id = h.emu.state().interactions.get(interactionId).originalMessageId;
      return id != null && !h.emu.state().messages.get(id).content.isEmpty()
          && (h.emu.state().messages.get(id).flags & (1 << 7)) == 0;
    });
    synchronized (h.emu.state()) {
      return MessageView.of(h.emu.state().messages.get(
          h.emu.state().interactions.get(interactionId).originalMessageId));
    }
  }

  private String customId(MessageView m, String label) {
    return m.allComponents().stream().filter(c -> label.equals(c.path("label").asText()))
        .findFirst().orElseThrow().path("custom_id").asText();
  }

  private List<Effect> logRatings(Ticket t) {
    return h.bot().core().effects().forTicket(t.id()).stream()
        .filter(e -> e.kind() == EffectKind.LOG_RATING).toList();
  }

  @Test
  void ratings_first_staff_replies_and_stats_of_the_last_seven_days() throws IOException {
    TestGuild g = h.guild();
    h.enableTickets(g);
    h.configure(g, "max_open_per_user", "0");
    long mod = g.user("moderator");
    long admin = g.user("admin");

    // #1, ten days ago: outside the period (opened, answered and closed then)
    Ticket t1 = h.open(g, "alice", "old question");
    at(clock.instant().plus(M.multipliedBy(5)));
    write(g, t1, "moderator");
    at(clock.instant().plus(H));
    close(g, t1, "moderator");

    // #2, day 0 of the period: the creator writes first (not a staff reply), staff at 30 min,
    // an admin later (not the first); closed by the moderator after 2 h
    at(day(-6).plus(Duration.ofHours(10)));
    Ticket t2 = h.open(g, "alice", "printer");
    at(day(-6).plus(Duration.ofHours(10)).plus(M.multipliedBy(10)));
    write(g, t2, "alice");
    assertThat(firstReply(t2)).as("the creator is not staff").isEmpty();
    at(day(-6).plus(Duration.ofHours(10)).plus(M.multipliedBy(30)));
    write(g, t2, "moderator");
    assertThat(firstReply(t2)).contains(day(-6).plus(Duration.ofHours(10)).plus(M.multipliedBy(30)));
    at(day(-6).plus(Duration.ofHours(11)));
    write(g, t2, "admin");
    assertThat(firstReply(t2)).as("only the first staff reply counts")
        .contains(day(-6).plus(Duration.ofHours(10)).plus(M.multipliedBy(30)));
    at(day(-6).plus(Duration.ofHours(12)));
    close(g, t2, "moderator");

    // #3 and #4, day 2: bob's answered after 1 h and closed by the admin after 4 h; alice's
    // never answered, still open
    at(day(-4).plus(Duration.ofHours(9)));
    Ticket t3 = h.open(g, "bob", "refund");
    at(day(-4).plus(Duration.ofHours(9)).plus(M.multipliedBy(10)));
    write(g, t3, "bob");
    at(day(-4).plus(Duration.ofHours(10)));
    write(g, t3, "moderator");
    at(day(-4).plus(Duration.ofHours(13)));
    close(g, t3, "admin");
    at(day(-4).plus(Duration.ofHours(15)));
    Ticket t4 = h.open(g, "alice", "still waiting");
    write(g, t4, "alice");
    assertThat(firstReply(t4)).isEmpty();

    // #5, yesterday: answered after 20 min, closed by its creator after 1 h
    at(day(-1).plus(Duration.ofHours(8)));
    Ticket t5 = h.open(g, "alice", "login");
    at(day(-1).plus(Duration.ofHours(8)).plus(M.multipliedBy(20)));
    write(g, t5, "moderator");
    at(day(-1).plus(Duration.ofHours(9)));
    close(g, t5, "alice");

    // #6, today: answered after 3 min, closed by the moderator after 1 h
    at(day(0).plus(Duration.ofHours(9)));
    Ticket t6 = h.open(g, "bob", "again");
    at(day(0).plus(Duration.ofHours(9)).plus(M.multipliedBy(3)));
    write(g, t6, "moderator");
    at(day(0).plus(Duration.ofHours(10)));
    close(g, t6, "moderator");

    // --- ratings ---
    at(day(0).plus(Duration.ofHours(11)));
    MessageView dm2 = dm(g, "alice", t2);
    assertThat(dm2.buttonLabels()).containsExactly(star(1), star(2), star(3), star(4), star(5));

    // alice double-clicks: 4 then (her client lagging) 5 on the same message: one rating
    InteractionHandle first = g.as("alice").click(dm2.id(), star(4));
    long second = forgedClick(g.user("alice"), dm2.channelId(), dm2.id(),
        customId(dm2, star(5)));
    List<String> answers = new ArrayList<>(List.of(first.awaitReply().text(),
        answer(second).text()));
    Rating r2 = h.bot().core().feedback().ratingOf(t2.id()).orElseThrow();
    assertThat(answers).containsExactlyInAnyOrder(
        text(MessageKey.FEEDBACK_THANKS, r2.rating()),
        text(MessageKey.ERROR_FEEDBACK_ALREADY_RATED, r2.rating()));
    assertThat(r2.ratedBy()).isEqualTo(g.user("alice"));
    assertThat(r2.ratedAt()).isEqualTo(clock.instant());
    settled(t2);
    assertThat(logRatings(t2)).as("one log effect for one rating").hasSize(1);
    MessageView rated2 = g.message(dm2.id()).orElseThrow();
    assertThat(rated2.text()).as("the DM's text is unchanged").isEqualTo(dm2.text());
    assertThat(rated2.buttonLabels()).containsExactly(
        text(MessageKey.BUTTON_FEEDBACK_RATED, r2.rating()),
        text(MessageKey.BUTTON_FEEDBACK_COMMENT));
    String ratedLine = text(MessageKey.LOG_TICKET_RATED, t2.number(), g.user("alice"),
        r2.rating(), "★".repeat(r2.rating()) + "☆".repeat(5 - r2.rating()), t2.threadId());
    assertThat(g.messages("mod-log").stream().filter(m -> m.text().equals(ratedLine)))
        .hasSize(1);

    // bob cannot rate alice's ticket (a modified client sending her button)
    long forged = forgedClick(g.user("bob"), dm2.channelId(), dm2.id(),
        "tt:rate:" + t2.id() + ":1");
    assertThat(answer(forged).text()).isEqualTo(text(MessageKey.ERROR_FEEDBACK_NOT_CREATOR));
    assertThat(h.bot().core().feedback().ratingOf(t2.id()).orElseThrow()).isEqualTo(r2);

    // bob rates #3 with 5 and comments (escaped, pinging nobody)
    MessageView dm3 = dm(g, "bob", t3);
    assertThat(g.as("bob").click(dm3.id(), star(5)).awaitReply().text())
        .isEqualTo(text(MessageKey.FEEDBACK_THANKS, 5));
    InteractionHandle opener = g.as("bob").click(dm3.id(), text(MessageKey.BUTTON_FEEDBACK_COMMENT));
    ObjectNode modal = opener.awaitModal();
    assertThat(modal.path("title").asText()).isEqualTo(text(MessageKey.MODAL_FEEDBACK_TITLE,
        t3.number()));
    String comment = "Quick **refund**, thanks @everyone <@&" + g.role("Staff") + ">";
    MessageView thanks = g.as("bob").submitModal(opener, Map.of("comment", comment)).awaitReply();
    assertThat(thanks.text()).isEqualTo(text(MessageKey.FEEDBACK_COMMENT_THANKS));
    assertThat(thanks.ephemeral()).isTrue();
    settled(t3);
    assertThat(h.bot().core().feedback().ratingOf(t3.id()).orElseThrow().comment())
        .isEqualTo(comment);
    assertThat(g.message(dm3.id()).orElseThrow().buttonLabels()).containsExactly(
        text(MessageKey.BUTTON_FEEDBACK_RATED, 5), text(MessageKey.BUTTON_FEEDBACK_COMMENTED));
    MessageView commentLog = g.messages("mod-log").get(g.messages("mod-log").size() - 1);
    assertThat(commentLog.text()).isEqualTo(text(MessageKey.LOG_TICKET_COMMENTED, t3.number(),
        g.user("bob"), 5, dev.tiramisu.tickets.text.DiscordText.escape(comment), t3.threadId()));
    assertThat(commentLog.text()).contains("\\*\\*refund\\*\\*").contains("\\<@&");
    assertThat(commentLog.pingedEveryone()).isFalse();
    assertThat(commentLog.pingedRoles()).isEmpty();
    assertThatThrownBy(() -> g.as("bob").click(dm3.id(),
        text(MessageKey.BUTTON_FEEDBACK_COMMENTED)))
        .as("one comment: the button is disabled").isInstanceOf(Actor.NotAllowedInClient.class);

    // the buttons keep working after a restart: bob rates #6 with 3
    h.restart();
    MessageView dm6 = dm(g, "bob", t6);
    assertThat(g.as("bob").click(dm6.id(), star(3)).awaitReply().text())
        .isEqualTo(text(MessageKey.FEEDBACK_THANKS, 3));
    settled(t6);

    // --- /ticket stats 7 ---
    MessageView stats = g.as("moderator").slash(g.channel("general"), "ticket stats",
        Map.of("days", 7)).awaitReply();

    double average = (r2.rating() + 5 + 3) / 3.0;
    assertThat(stats.ephemeral()).isTrue();
    assertThat(stats.text()).isEqualTo(text(MessageKey.STATS_MESSAGE, 7, "2026-03-03",
        5, 4, 1, "25m", "1h 30m",
        text(MessageKey.STATS_RATING, String.format(java.util.Locale.ROOT, "%.2f", average), 3),
        text(MessageKey.STATS_CLOSER_LINE, 1, mod, 2) + "\n"
            + text(MessageKey.STATS_CLOSER_LINE, 2, admin, 1)));
    assertThat(stats.pingedUsers()).isEmpty();
    assertThat(stats.attachmentNames()).containsExactly("ticket-stats.png");
    byte[] png;
    synchronized (h.emu.state()) {
      Message m = h.emu.state().messages.get(stats.id());
      png = m.attachments.get(0).data();
    }
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image).as("a PNG").isNotNull();
    assertThat(image.getWidth()).isEqualTo(1000);
    assertThat(image.getHeight()).isEqualTo(500);
    String dir = System.getProperty("tickets.screenshots.dir");
    Path out = dir != null ? Path.of(dir) : Path.of("target", "screenshots");
    Files.createDirectories(out);
    Files.write(out.resolve("stats-chart.png"), png);

    // the chart's days, from the same statistics: days without tickets at 0
    TicketStats s = h.bot().core().stats().compute(
        new dev.tiramisu.tickets.common.Actor(mod, java.util.Set.of(g.role("Staff")), false,
            false), g.id, 7, h.bot().shards().getShardById(0).getSelfUser().getIdLong()).value();
    assertThat(s.perDay()).extracting(d -> d.opened() + "/" + d.closed())
        .containsExactly("1/1", "0/0", "2/1", "0/0", "0/0", "1/1", "1/1");
    assertThat(s.perDay().get(0).date()).isEqualTo(TODAY.minusDays(6));
  }

  @Test
  void stats_are_for_staff_and_days_stay_within_1_to_365() {
    TestGuild g = h.guild();
    h.enableTickets(g);

    assertThat(g.as("alice").slash(g.channel("general"), "ticket stats", Map.of())
        .awaitReply().text()).isEqualTo(text(MessageKey.ERROR_STAFF_ONLY));
    // Discord's client keeps the option within 1..365; an old or modified one may not
    assertThat(g.as("moderator").slash(g.channel("general"), "ticket stats", Map.of("days", 0))
        .awaitReply().text()).isEqualTo(text(MessageKey.ERROR_STATS_DAYS, 1, 365));
    MessageView empty = g.as("moderator").slash(g.channel("general"), "ticket stats", Map.of())
        .awaitReply();
    String none = text(MessageKey.STATS_NO_VALUE);
    assertThat(empty.text()).isEqualTo(text(MessageKey.STATS_MESSAGE, 30,
        LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).minusDays(29).toString(),
        0, 0, 0, none, none, none, text(MessageKey.STATS_NO_CLOSERS)));
    assertThat(empty.attachmentNames()).containsExactly("ticket-stats.png");
  }

  @Test
  void with_feedback_off_the_close_dm_has_no_buttons() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    h.configure(g, "feedback", "off");
    Ticket t = h.open(g, "alice", "no survey please");
    close(g, t, "moderator");

    MessageView dm = dm(g, "alice", t);
    assertThat(dm.buttonLabels()).isEmpty();
    assertThat(dm.text()).contains("#" + t.number());
  }
}
