package dev.tiramisu.tickets.e2e;

import static dev.tiramisu.tickets.e2e.BotHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.Permissions;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.Ticket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 9: what staff and admins read. (Mentions in reasons and the 160006 answer are
 * in {@link TicketCreateE2ETest} and {@link EffectsE2ETest}.)
 */
class StaffReadsE2ETest extends SingleBotE2ETest {

  private MessageView set(TestGuild g, String name, String value) {
    return g.as("admin").slash(g.channel("general"), "setting set",
        Map.of("name", name, "value", value)).awaitReply();
  }

  @Test
  void without_a_staff_role_nobody_is_promised_and_the_admin_and_member_are_told() {
    TestGuild g = h.guild();

    MessageView saved = set(g, "ticket_channel", "<#" + g.channel("tickets") + ">");
    assertThat(saved.text()).endsWith(text(MessageKey.SETTING_NO_STAFF_ROLE));

    MessageView reply = g.as("alice").slash(g.channel("general"), "ticket create",
        Map.of("reason", "anyone there?")).awaitReply();
    Ticket t = h.ticketByThread(g.thread("Ticket #1").orElseThrow().id()).orElseThrow();
    assertThat(reply.text()).isEqualTo(text(MessageKey.TICKET_OPENED_REPLY, 1, t.threadId())
        + "\n" + text(MessageKey.TICKET_OPENED_NO_STAFF_NOTE));
    h.awaitFirstMessage(g, t.threadId()); // the link goes out together with it
    MessageView first = g.messages(t.threadId()).get(0);
    assertThat(first.text()).isEqualTo(text(MessageKey.TICKET_FIRST_HEADING_PLAIN, 1) + "\n"
        + text(MessageKey.TICKET_OPENED_MESSAGE_NO_STAFF,
        g.user("alice"), "anyone there?")).doesNotContain("will be with you shortly");
    assertThat(first.pingedRoles()).isEmpty();

    MessageView withRole = set(g, "staff_role", "<@&" + g.role("Staff") + ">");
    assertThat(withRole.text()).doesNotContain(text(MessageKey.SETTING_NO_STAFF_ROLE));
    assertThat(set(g, "staff_role", "none").text())
        .endsWith(text(MessageKey.SETTING_NO_STAFF_ROLE));
  }

  @Test
  void the_staff_role_cannot_be_a_bots_managed_role_or_everyone() {
    TestGuild g = h.guild();

    assertThat(set(g, "staff_role", "<@&" + g.botRoleId + ">").text())
        .isEqualTo(text(MessageKey.ERROR_SETTING_MANAGED_ROLE, "staff_role", g.botRoleId));
    assertThat(set(g, "staff_role", Long.toString(g.id)).text())
        .isEqualTo(text(MessageKey.ERROR_SETTING_INVALID_ROLE, "staff_role", g.id));
    assertThat(h.bot().core().settings().get(g.id).staffRoleId()).isNull();
  }

  @Test
  void a_log_channel_everyone_can_read_gets_a_warning() {
    long bot = Permissions.VIEW_CHANNEL | Permissions.SEND_MESSAGES;
    TestGuild g = h.guild(b -> b.textChannel("staff-log")
        .overwrite("staff-log", "@everyone", 0, Permissions.VIEW_CHANNEL)
        .overwrite("staff-log", "@bot", bot, 0));

    assertThat(set(g, "modlog_channel", "<#" + g.channel("mod-log") + ">").text())
        .contains(text(MessageKey.SETTING_LOG_CHANNEL_PUBLIC, g.channel("mod-log")));
    assertThat(set(g, "transcript_channel", "<#" + g.channel("general") + ">").text())
        .contains(text(MessageKey.SETTING_LOG_CHANNEL_PUBLIC, g.channel("general")));
    MessageView privateLog = set(g, "transcript_channel", "<#" + g.channel("staff-log") + ">");
    // saved without the public-channel warning (the bot here has no Message Content intent, so
    // the transcript note follows)
    assertThat(privateLog.text()).isEqualTo(text(MessageKey.SETTING_SAVED, "transcript_channel",
        "<#" + g.channel("staff-log") + ">") + "\n" + text(MessageKey.SETTING_TRANSCRIPT_NO_INTENT));
  }

  @Test
  void name_template_supports_the_members_name_and_refuses_unknown_placeholders() {
    TestGuild g = h.guild();
    h.enableTickets(g);

    assertThat(set(g, "name_template", "Ticket {numbr}").text()).isEqualTo(text(
        MessageKey.ERROR_SETTING_TEMPLATE_UNKNOWN_PLACEHOLDER, "name_template", "{numbr}"));
    assertThat(set(g, "name_template", "{user} #{number}").text())
        .startsWith("`name_template` is now");

    Ticket t = h.open(g, "alice", "named after me");
    assertThat(g.thread("alice #1")).isPresent();
    assertThat(g.as("moderator").slash(t.threadId(), "ticket check").awaitReply().text())
        .startsWith(text(MessageKey.TICKET_CHECK_IS_TICKET, t.threadId(), 1));

    MessageView confirm = g.as("moderator").slash(t.threadId(), "ticket close").awaitReply();
    g.as("moderator").click(confirm.id(), text(MessageKey.BUTTON_CLOSE_CONFIRM)).awaitReply();
    assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(30))).isTrue();
    assertThat(g.thread("[Closed] alice #1")).as("renamed with the name it was opened with")
        .isPresent();
  }
}
