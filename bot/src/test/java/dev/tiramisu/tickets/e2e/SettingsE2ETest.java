package dev.tiramisu.tickets.e2e;

import static dev.tiramisu.tickets.e2e.BotHarness.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.Json;
import dev.tiramisu.discordemu.Permissions;
import dev.tiramisu.discordemu.driver.Actor;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.model.Command;
import dev.tiramisu.discordemu.model.Interaction;
import dev.tiramisu.tickets.settings.GuildSettings;
import dev.tiramisu.tickets.settings.NameTemplate;
import dev.tiramisu.tickets.text.MessageKey;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /setting set} and {@code /setting get}: every setting, every validation error, rights. */
class SettingsE2ETest extends SingleBotE2ETest {

  private MessageView set(TestGuild g, String name, String value) {
    return g.as("admin").slash(g.channel("general"), "setting set",
        Map.of("name", name, "value", value)).awaitReply();
  }

  private GuildSettings stored(TestGuild g) {
    return h.bot().core().settings().get(g.id);
  }

  @Test
  void every_setting_can_be_set_read_back_and_reset() {
    TestGuild g = h.guild();
    long tickets = g.channel("tickets");

    assertThat(set(g, "ticket_channel", "<#" + tickets + ">").text())
        .isEqualTo(text(MessageKey.SETTING_SAVED, "ticket_channel", "<#" + tickets + ">") + "\n"
            + text(MessageKey.SETTING_NO_STAFF_ROLE)); // no staff_role yet: nobody notified
    assertThat(set(g, "staff_role", "<@&" + g.role("Staff") + ">").text())
        .isEqualTo(text(MessageKey.SETTING_SAVED, "staff_role", "<@&" + g.role("Staff") + ">"));
    set(g, "modlog_channel", Long.toString(g.channel("mod-log")));
    set(g, "transcript_channel", "<#" + g.channel("transcripts") + ">");
    assertThat(set(g, "require_reason", "no").text())
        .isEqualTo(text(MessageKey.SETTING_SAVED, "require_reason", "off"));
    set(g, "creator_can_close", "off");
    set(g, "name_template", "Support {number}");

    GuildSettings s = stored(g);
    assertThat(s.ticketChannelId()).isEqualTo(tickets);
    assertThat(s.staffRoleId()).isEqualTo(g.role("Staff"));
    assertThat(s.modlogChannelId()).isEqualTo(g.channel("mod-log"));
    assertThat(s.transcriptChannelId()).isEqualTo(g.channel("transcripts"));
    assertThat(s.requireReason()).isFalse();
    assertThat(s.creatorCanClose()).isFalse();
    assertThat(s.nameTemplate()).isEqualTo(NameTemplate.of("Support {number}"));

    MessageView all = g.as("admin").slash(g.channel("general"), "setting get").awaitReply();
    assertThat(all.text()).startsWith(text(MessageKey.SETTING_LIST_HEADER))
        .contains("`ticket_channel`: <#" + tickets + ">", "`require_reason`: off",
            "`name_template`: Support {number}");
    assertThat(all.pingedRoles()).isEmpty();
    MessageView one = g.as("admin").slash(g.channel("general"), "setting get",
        Map.of("name", "staff_role")).awaitReply();
    assertThat(one.text()).isEqualTo(text(MessageKey.SETTING_LINE, "staff_role",
        "<@&" + g.role("Staff") + ">", text(MessageKey.SETTING_DESCRIPTION_STAFF_ROLE)));

    assertThat(set(g, "transcript_channel", "none").text())
        .isEqualTo(text(MessageKey.SETTING_RESET, "transcript_channel",
            text(MessageKey.SETTING_VALUE_NOT_SET)));
    set(g, "name_template", "default");
    assertThat(stored(g).transcriptChannelId()).isNull();
    assertThat(stored(g).nameTemplate()).isEqualTo(NameTemplate.DEFAULT);
  }

  @Test
  void the_name_template_names_new_threads() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    set(g, "name_template", "Help {number}");

    h.open(g, "alice", "question");

    assertThat(g.thread("Help 1")).isPresent();
  }

  @Test
  void each_invalid_value_is_refused_with_its_message_and_nothing_is_saved() {
    TestGuild g = h.guild();
    long thread;
    synchronized (h.emu.state()) {
      var s = h.emu.state();
      thread = s.createThread(s.channel(g.channel("general")), 11, "chat", g.user("alice"), true,
          10080).id;
    }
    h.awaitBot("the bot sees the thread",
        () -> h.bot().shards().getThreadChannelById(thread) != null);

    assertThat(set(g, "ticket_channel", "#tickets").text())
        .isEqualTo(text(MessageKey.ERROR_SETTING_INVALID_CHANNEL, "ticket_channel", "\\#tickets"));
    assertThat(set(g, "modlog_channel", "<#123456789>").text())
        .isEqualTo(text(MessageKey.ERROR_SETTING_INVALID_CHANNEL, "modlog_channel",
            "\\<\\#123456789\\>"));
    assertThat(set(g, "modlog_channel", "<#" + thread + ">").text())
        .isEqualTo(text(MessageKey.ERROR_SETTING_CHANNEL_TYPE, "modlog_channel"));
    assertThat(set(g, "staff_role", "Staff").text())
        .isEqualTo(text(MessageKey.ERROR_SETTING_INVALID_ROLE, "staff_role", "Staff"));
    assertThat(set(g, "staff_role", "<@&" + g.id + ">").text()).as("@everyone")
        .isEqualTo(text(MessageKey.ERROR_SETTING_INVALID_ROLE, "staff_role",
            "\\<@&" + g.id + "\\>"));
    assertThat(set(g, "require_reason", "maybe").text())
        .isEqualTo(text(MessageKey.ERROR_SETTING_INVALID_BOOLEAN, "require_reason", "maybe"));
    assertThat(set(g, "name_template", "Ticket").text())
        .isEqualTo(text(MessageKey.ERROR_SETTING_TEMPLATE_NO_NUMBER, "name_template"));
    assertThat(set(g, "name_template", "[Closed] {number}").text())
        .isEqualTo(text(MessageKey.ERROR_SETTING_TEMPLATE_INVALID, "name_template"));
    assertThat(set(g, "name_template", "x".repeat(90) + "{number}").text())
        .isEqualTo(text(MessageKey.ERROR_SETTING_TEMPLATE_TOO_LONG, "name_template",
            NameTemplate.MAX_LENGTH));

    assertThat(stored(g)).isEqualTo(GuildSettings.defaults(g.id));
    assertThatThrownBy(() -> g.as("admin").slash(g.channel("general"), "setting set",
        Map.of("name", "colour", "value", "red")))
        .as("names are a fixed choice").isInstanceOf(Actor.NotAllowedInClient.class);
  }

  @Test
  void a_ticket_channel_without_the_bots_permissions_is_saved_with_every_missing_one_named() {
    TestGuild g = h.guild(b -> b.overwrite("tickets", "@bot", 0,
        Permissions.MANAGE_THREADS | Permissions.PIN_MESSAGES | Permissions.MANAGE_MESSAGES));

    MessageView reply = set(g, "ticket_channel", "<#" + g.channel("tickets") + ">");

    assertThat(reply.text()).isEqualTo(String.join("\n",
        text(MessageKey.SETTING_SAVED, "ticket_channel", "<#" + g.channel("tickets") + ">"),
        text(MessageKey.ERROR_MISSING_PERMISSIONS, g.channel("tickets"),
            "Manage Threads, Pin Messages (or Manage Messages)"),
        text(MessageKey.SETTING_NO_STAFF_ROLE)));
    assertThat(stored(g).ticketChannelId()).isEqualTo(g.channel("tickets"));
  }

  @Test
  void a_staff_role_that_cannot_be_pinged_is_saved_with_a_warning() {
    TestGuild g = h.guild(b -> b.role("Helpers", 0));

    MessageView reply = set(g, "staff_role", "<@&" + g.role("Helpers") + ">");

    assertThat(reply.text()).endsWith(text(MessageKey.SETTING_STAFF_ROLE_NOT_PINGABLE,
        g.role("Helpers")));
    assertThat(stored(g).staffRoleId()).isEqualTo(g.role("Helpers"));
  }

  @Test
  void setting_commands_are_hidden_from_non_managers_and_refused_if_reached_anyway() {
    TestGuild g = h.guild();

    assertThatThrownBy(() -> g.as("moderator").slash(g.channel("general"), "setting get"))
        .isInstanceOf(Actor.NotAllowedInClient.class);
    assertThatThrownBy(() -> g.as("alice").slash(g.channel("general"), "setting set",
        Map.of("name", "ticket_channel", "value", "none")))
        .isInstanceOf(Actor.NotAllowedInClient.class);

    // A server could grant the command to everyone in its integration settings: the bot checks.
    Command setting;
    synchronized (h.emu.state()) {
      setting = h.emu.state().commands.values().stream()
          .filter(c -> c.name().equals("setting")).findFirst().orElseThrow();
    }
    ObjectNode data = Json.object();
    data.put("id", Long.toString(setting.id));
    data.put("name", "setting");
    data.put("type", 1);
    ArrayNode options = data.putArray("options");
    ObjectNode sub = options.addObject();
    sub.put("name", "set");
    sub.put("type", 1);
    ArrayNode subOptions = sub.putArray("options");
    subOptions.addObject().put("name", "name").put("type", 3).put("value", "ticket_channel");
    subOptions.addObject().put("name", "value").put("type", 3)
        .put("value", "<#" + g.channel("general") + ">");
    Interaction forged = h.emu.interactions().create(Interaction.APPLICATION_COMMAND,
        g.user("moderator"), g.channel("general"), data, null);
    h.emu.await("the bot answers", () -> {
      Interaction i = h.emu.state().interactions.get(forged.id);
      Long m = i.originalMessageId;
      return m != null && !h.emu.state().messages.get(m).content.isEmpty();
    });
    String answer;
    synchronized (h.emu.state()) {
      answer = h.emu.state().messages.get(
          h.emu.state().interactions.get(forged.id).originalMessageId).content;
    }

    assertThat(answer).isEqualTo(text(MessageKey.ERROR_SETTINGS_NOT_ALLOWED));
    assertThat(stored(g).ticketChannelId()).isNull();
  }
}
