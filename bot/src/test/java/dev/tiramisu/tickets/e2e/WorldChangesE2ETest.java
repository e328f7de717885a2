package dev.tiramisu.tickets.e2e;

import static dev.tiramisu.tickets.e2e.BotHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.SystemReasons;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Discord changing under the bot: a ticket's thread deleted, the ticket channel deleted, the
 * creator gone from the server at close, and messages the bot missed while it was down. The
 * bot's clock starts 200 hours behind the wall clock (the emulator's messages carry wall-clock
 * snowflakes), so a message posted while the bot was down is, for the bot, recent activity.
 */
class WorldChangesE2ETest extends ClockedBotTest {
  private static final String POST_MESSAGE = "POST /channels/{channel_id}/messages";

  WorldChangesE2ETest() {
    super(Instant.now().minus(Duration.ofHours(200)));
  }

  private Ticket reload(Ticket t) {
    return h.bot().core().tickets().find(t.id()).orElseThrow();
  }

  private Ticket closedAndSettled(Ticket t) {
    h.emu.await("ticket #" + t.number() + " closed",
        () -> reload(t).state() == TicketState.CLOSED);
    assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(30))).isTrue();
    return reload(t);
  }

  private long botId() {
    return h.bot().shards().getShards().get(0).getSelfUser().getIdLong();
  }

  @Test
  void a_deleted_thread_closes_its_ticket_and_the_log_says_so() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket t = h.open(g, "alice", "printer");
    int mark = h.emu.requests().mark();

    g.as("admin").deleteChannel(t.threadId());

    Ticket closed = closedAndSettled(t);
    assertThat(closed.closeReason()).isEqualTo(SystemReasons.of(MessageKey.CLOSE_REASON_THREAD_DELETED));
    assertThat(closed.closedById()).isEqualTo(botId());
    assertThat(g.messages("mod-log")).last().satisfies(log -> assertThat(log.text())
        .isEqualTo(text(MessageKey.TICKET_CLOSED_LOG, t.number(), g.user("alice"), botId(),
            "thread deleted", t.threadId()) + "\n" + text(MessageKey.TRANSCRIPT_MISSING)));
    assertThat(g.dms("alice")).hasSize(1);
    assertThat(h.sent(mark, POST_MESSAGE))
        .noneMatch(r -> r.path().contains("/" + t.threadId() + "/"));
  }

  @Test
  void an_archived_thread_the_bot_never_cached_closes_its_ticket_when_deleted() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket t = h.open(g, "alice", "printer");
    g.autoArchive(t.threadId());
    h.restart(); // archived threads are not in JDA's cache after a start
    assertThat(h.bot().shards().getThreadChannelById(t.threadId())).isNull();

    g.as("admin").deleteChannel(t.threadId());

    assertThat(closedAndSettled(t).closeReason())
        .isEqualTo(SystemReasons.of(MessageKey.CLOSE_REASON_THREAD_DELETED));
  }

  @Test
  void a_deleted_ticket_channel_closes_its_tickets_and_the_admin_hears_once() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket a = h.open(g, "alice", "one");
    Ticket b = h.open(g, "bob", "two");

    g.as("admin").deleteChannel(g.channel("tickets"));

    for (Ticket t : List.of(a, b)) {
      assertThat(closedAndSettled(t).closeReason())
          .isEqualTo(SystemReasons.of(MessageKey.CLOSE_REASON_CHANNEL_DELETED));
    }
    MessageView first = g.as("admin").slash(g.channel("general"), "setting get",
        Map.of("name", "ticket_channel")).awaitReply();
    assertThat(first.text()).startsWith(text(MessageKey.NOTICE_CHANNEL_DELETED,
        g.channel("tickets"), 2, clock.instant().getEpochSecond()).substring(0, 40));
    assertThat(first.text()).contains("2 open tickets");
    MessageView second = g.as("admin").slash(g.channel("general"), "setting get",
        Map.of("name", "ticket_channel")).awaitReply();
    assertThat(second.text()).doesNotContain("was deleted").startsWith("`ticket_channel`");
  }

  @Test
  void a_creator_who_left_gets_no_dm_and_the_log_and_the_closer_are_told() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket t = h.open(g, "alice", "printer");
    g.as("alice").leaveGuild(g.id);

    MessageView confirm = g.as("moderator").slash(t.threadId(), "ticket close", Map.of())
        .awaitReply();
    MessageView done = g.as("moderator")
        .click(confirm.id(), text(MessageKey.BUTTON_CLOSE_CONFIRM)).awaitReply();

    Ticket closed = closedAndSettled(t);
    assertThat(closed.state()).isEqualTo(TicketState.CLOSED);
    assertThat(g.dms("alice")).isEmpty();
    assertThat(g.messages("mod-log")).last().satisfies(log -> assertThat(log.text())
        .contains("\n" + text(MessageKey.LOG_DM_SKIPPED_LEFT, g.user("alice")) + "\n"));
    h.emu.await("the closer's answer says why no DM was sent", () -> g.message(done.id())
        .map(m -> m.text().contains(text(MessageKey.TICKET_CLOSED_DM_SKIPPED_LEFT,
            g.user("alice")))).orElse(false));
  }

  @Test
  void messages_missed_while_the_bot_was_down_count_as_activity() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    h.configure(g, "autoclose_after", "72h", "autoclose_warning", "24h");
    Ticket t = h.open(g, "alice", "printer");

    h.restart(() -> g.as("alice").post(t.threadId(), "are you still there?"));
    Instant wrote = g.messages(t.threadId()).stream()
        .filter(m -> m.authorId() == g.user("alice")).findFirst().map(m -> Instant.ofEpochMilli(
            (m.id() >> 22) + 1420070400000L)).orElseThrow();

    // 201 h after the ticket was opened (by the bot's clock): due by the database alone
    clock.advance(Duration.ofHours(201));
    h.bot().timers().sweepOnce();
    assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(30))).isTrue();
    assertThat(warnings(g, t)).isEmpty();
    assertThat(reload(t).state()).isEqualTo(TicketState.OPEN);

    // 48 h after the missed message: warned
    clock.advance(Duration.between(clock.instant(), wrote.plus(Duration.ofHours(48))));
    h.bot().timers().sweepOnce();
    assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(30))).isTrue();
    assertThat(warnings(g, t)).hasSize(1);
  }

  private static List<MessageView> warnings(TestGuild g, Ticket t) {
    return g.messages(t.threadId()).stream()
        .filter(m -> m.text().contains("quiet for a while")).toList();
  }
}
