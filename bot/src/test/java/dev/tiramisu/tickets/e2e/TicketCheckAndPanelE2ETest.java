package dev.tiramisu.tickets.e2e;

import static dev.tiramisu.tickets.e2e.BotHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.Ticket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /ticket check} (the original {@code is_ticket}, every reason) and {@code /ticket button}
 * (the panel), including a panel that keeps working after the bot restarts.
 */
class TicketCheckAndPanelE2ETest extends SingleBotE2ETest {

  /** A thread made by someone else (not the bot), which the bot sees. */
  private long thread(TestGuild g, String parent, int type, String name) {
    long id;
    synchronized (h.emu.state()) {
      var s = h.emu.state();
      id = s.createThread(s.channel(g.channel(parent)), type, name, g.user("moderator"), false,
          10080).id;
    }
    h.awaitBot("the bot sees thread " + name,
        () -> h.bot().shards().getThreadChannelById(id) != null);
    return id;
  }

  private String check(TestGuild g, long channelId) {
    return g.as("moderator").slash(g.channel("general"), "ticket check",
        Map.of("thread", channelId)).awaitReply().text();
  }

  private String notTicket(long channelId, MessageKey why) {
    return text(MessageKey.TICKET_CHECK_NOT_TICKET, channelId, text(why));
  }

  @Test
  void check_explains_every_reason_a_thread_is_or_is_not_a_ticket() {
    TestGuild g = h.guild();
    h.configure(g, "staff_role", "<@&" + g.role("Staff") + ">");
    long early = thread(g, "tickets", 12, "Ticket #1");
    assertThat(check(g, early)).isEqualTo(notTicket(early,
        MessageKey.CHECK_WHY_TICKET_CHANNEL_NOT_SET));

    h.configure(g, "ticket_channel", "<#" + g.channel("tickets") + ">");
    assertThat(check(g, early)).isEqualTo(notTicket(early, MessageKey.CHECK_WHY_NOT_COUNTING));

    Ticket real = h.open(g, "alice", "question");
    long open = thread(g, "tickets", 11, "Ticket #1");
    long elsewhere = thread(g, "general", 12, "Ticket #1");
    long named = thread(g, "tickets", 12, "chat");
    long tooHigh = thread(g, "tickets", 12, "Ticket #99");

    assertThat(check(g, real.threadId()))
        .isEqualTo(text(MessageKey.TICKET_CHECK_IS_TICKET, real.threadId(), 1) + "\n"
            + text(MessageKey.TICKET_CHECK_EFFECTS_DONE));
    assertThat(check(g, open)).isEqualTo(notTicket(open, MessageKey.CHECK_WHY_NOT_PRIVATE));
    assertThat(check(g, elsewhere))
        .isEqualTo(notTicket(elsewhere, MessageKey.CHECK_WHY_WRONG_PARENT));
    assertThat(check(g, named)).isEqualTo(notTicket(named, MessageKey.CHECK_WHY_NAME_MISMATCH));
    assertThat(check(g, tooHigh))
        .isEqualTo(notTicket(tooHigh, MessageKey.CHECK_WHY_NUMBER_TOO_HIGH));
    assertThat(check(g, g.channel("general")))
        .isEqualTo(notTicket(g.channel("general"), MessageKey.CHECK_WHY_NOT_A_THREAD));
    MessageView inside = g.as("moderator").slash(real.threadId(), "ticket check").awaitReply();
    assertThat(inside.text()).as("without an option: this thread")
        .isEqualTo(text(MessageKey.TICKET_CHECK_IS_TICKET, real.threadId(), 1) + "\n"
            + text(MessageKey.TICKET_CHECK_EFFECTS_DONE));
  }

  @Test
  void check_and_button_are_for_staff_only() {
    TestGuild g = h.guild();
    h.enableTickets(g);

    MessageView check = g.as("alice").slash(g.channel("general"), "ticket check").awaitReply();
    MessageView button = g.as("alice").slash(g.channel("general"), "ticket button").awaitReply();

    assertThat(check.text()).isEqualTo(text(MessageKey.ERROR_STAFF_ONLY));
    assertThat(button.text()).isEqualTo(text(MessageKey.ERROR_STAFF_ONLY));
    assertThat(g.messages("general")).allMatch(MessageView::ephemeral);
  }

  @Test
  void the_panel_opens_tickets_and_keeps_working_after_a_restart() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    MessageView posted = g.as("moderator").slash(g.channel("general"), "ticket button",
        Map.of("channel", g.channel("tickets"), "message", "Need help? @everyone")).awaitReply();
    assertThat(posted.text()).isEqualTo(text(MessageKey.PANEL_POSTED, g.channel("tickets")));
    MessageView panel = g.messages("tickets").get(0);
    assertThat(panel.text()).isEqualTo("Need help? @everyone");
    assertThat(panel.pingedEveryone()).isFalse();
    assertThat(panel.buttonLabels()).containsExactly(text(MessageKey.BUTTON_OPEN_TICKET));

    var beforeRestart = g.as("alice").click(panel.id(), text(MessageKey.BUTTON_OPEN_TICKET));
    MessageView first = g.as("alice").submitModal(beforeRestart,
        Map.of("reason", "before the restart")).awaitReply();
    assertThat(first.text()).startsWith("Your ticket #1 is open");

    h.restart();
    h.awaitBot("the new bot sees the guild", () -> h.bot().shards().getGuildById(g.id) != null);

    var afterRestart = g.as("bob").click(panel.id(), text(MessageKey.BUTTON_OPEN_TICKET));
    assertThat(afterRestart.responseType()).as("a modal asks for the reason").isEqualTo(9);
    MessageView second = g.as("bob").submitModal(afterRestart,
        Map.of("reason", "after the restart")).awaitReply();

    assertThat(second.text()).startsWith("Your ticket #2 is open");
    long threadId = Long.parseLong(second.text().replaceAll("(?s).*<#(\\d+)>.*", "$1"));
    assertThat(h.ticketByThread(threadId).orElseThrow().reason()).isEqualTo("after the restart");
    h.awaitFirstMessage(g, threadId); // its ping adds bob
    assertThat(g.thread("Ticket #2").orElseThrow().memberIds()).contains(g.user("bob"));
  }
}
