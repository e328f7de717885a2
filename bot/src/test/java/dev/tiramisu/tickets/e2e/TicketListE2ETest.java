package dev.tiramisu.tickets.e2e;

import static dev.tiramisu.tickets.e2e.BotHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.Ticket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 11, item 8: {@code /ticket list [user] [state]} for staff, paged with buttons. */
class TicketListE2ETest extends SingleBotE2ETest {

  @Test
  void staff_page_through_more_than_ten_tickets_newest_first_even_after_a_restart() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    h.configure(g, "max_open_per_user", "0");
    List<Ticket> opened = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      opened.add(h.open(g, i % 3 == 0 ? "bob" : "alice", "question " + i));
    }
    Ticket closed = opened.get(2); // #3, bob's
    MessageView confirm = g.as("moderator").slash(closed.threadId(), "ticket close").awaitReply();
    g.as("moderator").click(confirm.id(), text(MessageKey.BUTTON_CLOSE_CONFIRM)).awaitReply();
    assertThat(h.bot().effects().awaitIdle(closed.id(), Duration.ofSeconds(30))).isTrue();

    MessageView page1 = g.as("moderator").slash(g.channel("general"), "ticket list").awaitReply();

    assertThat(page1.ephemeral()).isTrue();
    List<String> lines = page1.text().lines().toList();
    assertThat(lines.get(0)).isEqualTo(text(MessageKey.TICKET_LIST_HEADER, 12, 1, 2));
    assertThat(lines).hasSize(11);
    assertThat(lines.get(1)).isEqualTo(line(opened.get(11), MessageKey.TICKET_STATE_OPEN));
    assertThat(lines.get(10)).isEqualTo(line(closed, MessageKey.TICKET_STATE_CLOSED));
    assertThat(page1.buttonLabels()).containsExactly(text(MessageKey.BUTTON_NEXT));
    assertThat(page1.pingedUsers()).isEmpty();

    InteractionHandle next = g.as("moderator").click(page1.id(), text(MessageKey.BUTTON_NEXT));
    assertThat(next.responseType()).as("the list is updated in place").isEqualTo(6);
    MessageView page2 = awaitPage(g, page1.id(), 2);
    assertThat(page2.text().lines().skip(1).toList()).containsExactly(
        line(opened.get(1), MessageKey.TICKET_STATE_OPEN),
        line(opened.get(0), MessageKey.TICKET_STATE_OPEN));
    assertThat(page2.buttonLabels()).containsExactly(text(MessageKey.BUTTON_PREVIOUS));

    // the buttons carry the filter and the page: they work after a restart
    h.restart();
    g.as("moderator").click(page1.id(), text(MessageKey.BUTTON_PREVIOUS));
    assertThat(awaitPage(g, page1.id(), 1).text().lines().skip(1).findFirst())
        .contains(line(opened.get(11), MessageKey.TICKET_STATE_OPEN));
  }

  @Test
  void filters_by_member_and_state_and_is_for_staff_only() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    h.configure(g, "max_open_per_user", "0");
    Ticket a = h.open(g, "alice", "one");
    Ticket b = h.open(g, "bob", "two");
    Ticket c = h.open(g, "bob", "three");
    MessageView confirm = g.as("moderator").slash(b.threadId(), "ticket close").awaitReply();
    g.as("moderator").click(confirm.id(), text(MessageKey.BUTTON_CLOSE_CONFIRM)).awaitReply();
    assertThat(h.bot().effects().awaitIdle(b.id(), Duration.ofSeconds(30))).isTrue();

    MessageView bobs = g.as("moderator").slash(g.channel("general"), "ticket list",
        Map.of("user", g.user("bob"))).awaitReply();
    assertThat(bobs.text().lines().toList()).containsExactly(
        text(MessageKey.TICKET_LIST_HEADER_USER, 2, g.user("bob"), 1, 1),
        line(c, MessageKey.TICKET_STATE_OPEN), line(b, MessageKey.TICKET_STATE_CLOSED));
    assertThat(bobs.buttonLabels()).as("one page: no buttons").isEmpty();

    MessageView open = g.as("admin").slash(g.channel("general"), "ticket list",
        Map.of("state", "open")).awaitReply();
    assertThat(open.text().lines().skip(1).toList()).containsExactly(
        line(c, MessageKey.TICKET_STATE_OPEN), line(a, MessageKey.TICKET_STATE_OPEN));
    MessageView none = g.as("moderator").slash(g.channel("general"), "ticket list",
        Map.of("user", g.user("alice"), "state", "closed")).awaitReply();
    assertThat(none.text()).endsWith(text(MessageKey.TICKET_LIST_EMPTY));

    MessageView refused = g.as("alice").slash(g.channel("general"), "ticket list").awaitReply();
    assertThat(refused.text()).isEqualTo(text(MessageKey.ERROR_STAFF_ONLY));
  }

  private static String line(Ticket t, MessageKey state) {
    return text(MessageKey.TICKET_LIST_LINE, t.number(), text(state), t.creatorId(),
        text(MessageKey.TICKET_LIST_THREAD, t.threadId()), t.createdAt().getEpochSecond());
  }

  private MessageView awaitPage(TestGuild g, long messageId, int page) {
    MessageView[] now = {null};
    h.emu.await("the list shows page " + page, () -> {
      now[0] = g.message(messageId).orElseThrow();
      return now[0].text().contains("Page " + page + " of");
    });
    return now[0];
  }
}
