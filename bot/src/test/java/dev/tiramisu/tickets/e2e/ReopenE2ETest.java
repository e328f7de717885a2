package dev.tiramisu.tickets.e2e;

import static dev.tiramisu.tickets.e2e.BotHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.driver.ThreadView;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reopening (issue 11): the Reopen button of the "closed" post and {@code /ticket reopen}. */
class ReopenE2ETest extends SingleBotE2ETest {

  private void settled(Ticket t) {
    assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(30))).isTrue();
  }

  private MessageView close(TestGuild g, Ticket t) {
    MessageView confirm = g.as("moderator").slash(t.threadId(), "ticket close").awaitReply();
    g.as("moderator").click(confirm.id(), text(MessageKey.BUTTON_CLOSE_CONFIRM)).awaitReply();
    settled(t);
    return lastPost(g, t);
  }

  private static MessageView lastPost(TestGuild g, Ticket t) {
    List<MessageView> posts = g.messages(t.threadId()).stream()
        .filter(m -> m.visibleTo() == null).toList();
    return posts.get(posts.size() - 1);
  }

  private ThreadView thread(TestGuild g, Ticket t) {
    return g.threads().stream().filter(th -> th.id() == t.threadId()).findFirst().orElseThrow();
  }

  private void assertReopened(TestGuild g, Ticket t) {
    settled(t);
    ThreadView th = thread(g, t);
    assertThat(th.name()).isEqualTo("Ticket #" + t.number());
    assertThat(th.archived()).isFalse();
    assertThat(th.locked()).isFalse();
    assertThat(h.ticketByThread(t.threadId()).orElseThrow().state()).isEqualTo(TicketState.OPEN);
    MessageView first = g.message(t.firstMessageId()).orElseThrow();
    assertThat(first.buttonLabels()).containsExactly(text(MessageKey.BUTTON_CLOSE_TICKET),
        text(MessageKey.BUTTON_CLAIM));
    assertThat(lastPost(g, t).text())
        .isEqualTo(text(MessageKey.TICKET_REOPENED_MESSAGE, g.user("moderator")));
    assertThat(g.messages("mod-log")).extracting(MessageView::text).contains(
        text(MessageKey.TICKET_REOPENED_LOG, t.number(), g.user("moderator"), t.threadId()));
  }

  @Test
  void the_reopen_button_is_staff_only_and_brings_the_ticket_back_as_it_was() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket t = h.open(g, "alice", "not done yet");
    MessageView closedPost = close(g, t);
    assertThat(closedPost.buttonLabels()).containsExactly(text(MessageKey.BUTTON_REOPEN));
    assertThat(thread(g, t).archived()).isTrue();

    MessageView refused = g.as("alice").click(closedPost.id(), text(MessageKey.BUTTON_REOPEN))
        .awaitReply();
    assertThat(refused.text()).isEqualTo(text(MessageKey.ERROR_REOPEN_NOT_ALLOWED));
    assertThat(thread(g, t).archived()).isTrue();

    MessageView reply = g.as("moderator").click(closedPost.id(), text(MessageKey.BUTTON_REOPEN))
        .awaitReply();
    assertThat(reply.text()).isEqualTo(text(MessageKey.TICKET_REOPENED_REPLY, 1, t.threadId()));
    assertReopened(g, t);

    // open now: a second press says so and changes nothing
    MessageView again = g.as("moderator").click(closedPost.id(), text(MessageKey.BUTTON_REOPEN))
        .awaitReply();
    assertThat(again.text()).isEqualTo(text(MessageKey.ERROR_TICKET_NOT_CLOSED, 1));
  }

  @Test
  void the_reopen_command_reopens_and_the_ticket_can_be_closed_again() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket t = h.open(g, "alice", "come back");
    assertThat(g.as("moderator").slash(t.threadId(), "ticket reopen").awaitReply().text())
        .isEqualTo(text(MessageKey.ERROR_TICKET_NOT_CLOSED, 1));
    close(g, t);

    assertThat(g.as("alice").slash(t.threadId(), "ticket reopen").awaitReply().text())
        .isEqualTo(text(MessageKey.ERROR_REOPEN_NOT_ALLOWED));
    assertThat(g.as("moderator").slash(t.threadId(), "ticket reopen").awaitReply().text())
        .isEqualTo(text(MessageKey.TICKET_REOPENED_REPLY, 1, t.threadId()));
    assertReopened(g, t);

    // Close is live again on the first message
    MessageView confirm = g.as("alice").click(t.firstMessageId(),
        text(MessageKey.BUTTON_CLOSE_TICKET)).awaitReply();
    assertThat(confirm.text()).isEqualTo(text(MessageKey.TICKET_CLOSE_CONFIRM, 1));
  }
}
