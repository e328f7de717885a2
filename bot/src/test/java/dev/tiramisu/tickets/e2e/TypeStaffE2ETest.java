package dev.tiramisu.tickets.e2e;

import static dev.tiramisu.tickets.e2e.BotHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.Ticket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: staff of a ticket type who are not the server's staff are staff for the tickets of
 * their type in {@code /ticket list}, {@code /ticket check} and {@code /ticket button}, and only
 * for those.
 */
class TypeStaffE2ETest extends SingleBotE2ETest {

  private Ticket open(TestGuild g, String user, String type) {
    MessageView reply = g.as(user).slash(g.channel("general"), "ticket create",
        Map.of("type", type, "reason", "help")).awaitReply();
    assertThat(reply.text()).contains("is open");
    long threadId = Long.parseLong(reply.text().replaceAll("(?s).*<#(\\d+)>.*", "$1"));
    Ticket t = h.ticketByThread(threadId).orElseThrow();
    assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(30))).isTrue();
    return t;
  }

  @Test
  void type_staff_list_and_check_the_tickets_of_their_type_only() {
    TestGuild g = h.guild(b -> b.role("Billing", 0).textChannel("billing")
        .member("biller", "Billing"));
    g.setRoleMentionable("Billing", true);
    h.enableTickets(g);
    g.as("admin").slash(g.channel("general"), "tickettype create", Map.of("name", "Billing",
        "ticket_channel", "<#" + g.channel("billing") + ">",
        "staff_roles", "<@&" + g.role("Billing") + ">")).awaitReply();
    g.as("admin").slash(g.channel("general"), "tickettype create", Map.of("name", "Other"))
        .awaitReply();
    Ticket billing = open(g, "alice", "Billing");
    Ticket other = open(g, "bob", "Other");

    // The type's staff see their type's tickets only; the server's staff see all.
    String list = g.as("biller").slash(g.channel("general"), "ticket list").awaitReply().text();
    assertThat(list).startsWith(text(MessageKey.TICKET_LIST_HEADER, 1, 1, 1))
        .contains("<#" + billing.threadId() + ">").doesNotContain("<#" + other.threadId() + ">");
    assertThat(g.as("moderator").slash(g.channel("general"), "ticket list").awaitReply().text())
        .startsWith(text(MessageKey.TICKET_LIST_HEADER, 2, 1, 1));
    assertThat(g.as("alice").slash(g.channel("general"), "ticket list").awaitReply().text())
        .isEqualTo(text(MessageKey.ERROR_STAFF_ONLY));

    // a ticket in its type's own channel is a ticket (the stored ticket decides, not the
    // guild's ticket_channel)
    assertThat(g.as("biller").slash(billing.threadId(), "ticket check").awaitReply().text())
        .startsWith(text(MessageKey.TICKET_CHECK_IS_TICKET, billing.threadId(),
            billing.number()));
    assertThat(g.as("biller").slash(g.channel("general"), "ticket check",
        Map.of("thread", other.threadId())).awaitReply().text())
        .isEqualTo(text(MessageKey.ERROR_STAFF_ONLY));
    assertThat(g.as("alice").slash(billing.threadId(), "ticket check").awaitReply().text())
        .isEqualTo(text(MessageKey.ERROR_STAFF_ONLY));

    // A type's staff may post the old panel too; a member may not.
    assertThat(g.as("biller").slash(g.channel("general"), "ticket button").awaitReply().text())
        .isEqualTo(text(MessageKey.PANEL_POSTED, g.channel("general")));
    assertThat(g.as("alice").slash(g.channel("general"), "ticket button").awaitReply().text())
        .isEqualTo(text(MessageKey.ERROR_STAFF_ONLY));
  }
}
