package dev.tiramisu.tickets.e2e;

import static dev.tiramisu.tickets.e2e.BotHarness.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiramisu.discordemu.Permissions;
import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.faults.FaultPlan;
import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.panel.Panel;
import dev.tiramisu.tickets.settings.TicketType;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.Ticket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: panels ({@code /panel create|list|delete}) as Components V2 messages with a button or
 * a select option per ticket type; clicks open typed tickets; type edits and deletes under a live
 * panel; restarts and a crash in the middle of posting.
 */
class PanelsE2ETest extends SingleBotE2ETest {

  /** Timers swept by hand only: a sweep (which redraws due panels) never races a test's steps. */
  @Override
  BotHarness harness() {
    return new BotHarness(java.time.Clock.systemUTC(),
        dev.tiramisu.tickets.discord.TimerScheduler.Config.manual());
  }

  /** Types Billing (#billing, Billing role), Report (#reports, Mods role), Appeal (server's). */
  private TestGuild threeTypes() {
    TestGuild g = h.guild(b -> b.role("Billing", 0).role("Mods", 0)
        .textChannel("billing").textChannel("reports").textChannel("read-only")
        .overwrite("read-only", "@bot", 0, Permissions.SEND_MESSAGES)
        .member("biller", "Billing").member("modder", "Mods"));
    g.setRoleMentionable("Billing", true);
    g.setRoleMentionable("Mods", true);
    h.enableTickets(g);
    type(g, "create", Map.of("name", "Billing", "emoji", "💳",
        "ticket_channel", "<#" + g.channel("billing") + ">",
        "staff_roles", "<@&" + g.role("Billing") + ">"));
    type(g, "create", Map.of("name", "Report",
        "ticket_channel", "<#" + g.channel("reports") + ">",
        "staff_roles", "<@&" + g.role("Mods") + ">"));
    type(g, "create", Map.of("name", "Appeal", "description", "Contest a ban"));
    return g;
  }

  private String type(TestGuild g, String sub, Map<String, ?> options) {
    return g.as("admin").slash(g.channel("general"), "tickettype " + sub, options).awaitReply()
        .text();
  }

  private long typeId(TestGuild g, String name) {
    return h.bot().core().types().list(g.id).stream().filter(t -> t.name().equals(name))
        .findFirst().orElseThrow().id();
  }

  private String panel(TestGuild g, String sub, Map<String, ?> options) {
    return g.as("admin").slash(g.channel("general"), "panel " + sub, options).awaitReply().text();
  }

  /** Posts a panel as admin and returns its message. */
  private MessageView postPanel(TestGuild g, Map<String, ?> options) {
    String reply = panel(g, "create", options);
    assertThat(reply).startsWith("Panel #");
    long messageId = Long.parseLong(reply.replaceAll("(?s).*/(\\d+)$", "$1"));
    return g.message(messageId).orElseThrow();
  }

  private MessageView current(TestGuild g, MessageView m) {
    return g.message(m.id()).orElseThrow();
  }

  /** Submits the reason form a panel click opened and returns the ticket, effects settled. */
  private Ticket openThrough(InteractionHandle click, String user, TestGuild g) {
    MessageView reply = g.as(user).submitModal(click, Map.of("reason", "help")).awaitReply();
    assertThat(reply.text()).contains("is open");
    long threadId = Long.parseLong(reply.text().replaceAll("(?s).*<#(\\d+)>.*", "$1"));
    Ticket t = h.ticketByThread(threadId).orElseThrow();
    assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(30))).isTrue();
    return t;
  }

  private long parentOf(TestGuild g, Ticket t) {
    return g.threads().stream().filter(x -> x.id() == t.threadId()).findFirst().orElseThrow()
        .parentId();
  }

  private static List<String> selectValues(MessageView m) {
    List<String> out = new ArrayList<>();
    for (JsonNode c : m.allComponents()) {
      if (c.path("type").asInt() == 3) {
        c.path("options").forEach(o -> out.add(o.path("label").asText()));
      }
    }
    return out;
  }

  @Test
  void a_button_panel_opens_each_type_and_follows_type_edits_and_deletes() {
    TestGuild g = threeTypes();
    MessageView p = postPanel(g, Map.of("types", "billing, Report,Appeal",
        "title", "Help *desk*", "description", "Pick one\\nwe answer fast", "colour", "#FF0000"));

    assertThat(p.componentsV2()).isTrue();
    assertThat(p.content()).isEmpty();
    JsonNode container = p.components().get(0);
    assertThat(container.path("type").asInt()).isEqualTo(17);
    assertThat(container.path("accent_color").asInt()).isEqualTo(0xFF0000);
    assertThat(p.textDisplays()).containsExactly("## Help \\*desk\\*",
        "Pick one\nwe answer fast");
    assertThat(p.buttonLabels()).containsExactly("Billing", "Report", "Appeal");
    assertThat(p.allComponents()).extracting(c -> c.path("custom_id").asText())
        .allMatch(id -> id.matches("tt:panel:\\d+:\\d+"));

    // Each button opens its type (the reason form first), in its channel, for its staff only.
    Ticket billing = openThrough(g.as("alice").click(p.id(), "Billing"), "alice", g);
    assertThat(parentOf(g, billing)).isEqualTo(g.channel("billing"));
    assertThat(h.bot().core().types().ofTicket(billing.id()).orElseThrow().name())
        .isEqualTo("Billing");
    assertThat(g.as("biller").canSee(billing.threadId())).isTrue();
    assertThat(g.as("modder").canSee(billing.threadId())).isFalse();
    Ticket report = openThrough(g.as("bob").click(p.id(), "Report"), "bob", g);
    assertThat(parentOf(g, report)).isEqualTo(g.channel("reports"));
    assertThat(g.as("modder").canSee(report.threadId())).isTrue();
    assertThat(g.as("biller").canSee(report.threadId())).isFalse();
    Ticket appeal = openThrough(g.as("modder").click(p.id(), "Appeal"), "modder", g);
    assertThat(parentOf(g, appeal)).isEqualTo(g.channel("tickets"));
    assertThat(g.as("moderator").canSee(appeal.threadId())).isTrue();
    assertThat(g.as("biller").canSee(appeal.threadId())).isFalse();

    // A type renamed: the panel is edited to show the new name.
    assertThat(type(g, "edit", Map.of("type", "Appeal", "name", "Appeals", "emoji", "⚖️")))
        .contains(text(MessageKey.PANELS_REFRESHED, 1));
    assertThat(current(g, p).buttonLabels()).containsExactly("Billing", "Report", "Appeals");
    // A type deleted: the panel is edited to leave it out.
    assertThat(type(g, "delete", Map.of("type", "Appeals")))
        .isEqualTo(text(MessageKey.TYPE_DELETED, "Appeals") + "\n"
            + text(MessageKey.PANELS_REFRESHED, 1));
    assertThat(current(g, p).buttonLabels()).containsExactly("Billing", "Report");

    // A type deleted without the panel being redrawn (a process stopped in between): the stale
    // button is answered clearly, and the panel is redrawn then.
    Actor admin = new Actor(g.user("admin"), Set.of(), true, true);
    assertThat(h.bot().core().types().delete(g.id, admin, "Report").isOk()).isTrue();
    assertThat(g.as("alice").click(p.id(), "Report").awaitReply().text())
        .isEqualTo(text(MessageKey.ERROR_TYPE_GONE));
    h.emu.await("the stale panel redrawn",
        () -> current(g, p).buttonLabels().equals(List.of("Billing")));

    // The last type deleted: the panel says so and offers nothing.
    type(g, "delete", Map.of("type", "Billing"));
    MessageView empty = current(g, p);
    assertThat(empty.allComponents()).isEmpty();
    assertThat(empty.textDisplays()).contains(text(MessageKey.PANEL_UNAVAILABLE));
  }

  @Test
  void a_select_panel_for_six_types_survives_a_restart_and_is_listed_and_deleted() {
    TestGuild g = threeTypes();
    for (String name : List.of("Four", "Five", "Six")) {
      type(g, "create", Map.of("name", name));
    }
    MessageView p = postPanel(g, Map.of("types", "all", "channel", g.channel("tickets")));
    assertThat(p.channelId()).isEqualTo(g.channel("tickets"));
    assertThat(p.buttonLabels()).isEmpty();
    assertThat(selectValues(p)).containsExactly("Billing", "Report", "Appeal", "Four", "Five",
        "Six");
    assertThat(p.textDisplays()).containsExactly("## " + text(MessageKey.PANEL_DEFAULT_TITLE));
    long panelId = Long.parseLong(p.allComponents().get(0).path("custom_id").asText()
        .replace("tt:panel-select:", ""));
    String select = "tt:panel-select:" + panelId;

    Ticket report = openThrough(
        g.as("alice").select(p.id(), select, Long.toString(typeId(g, "Report"))), "alice", g);
    assertThat(parentOf(g, report)).isEqualTo(g.channel("reports"));
    assertThat(g.as("modder").canSee(report.threadId())).isTrue();

    // Nothing is kept in memory: after a restart the same select still opens tickets.
    h.restart();
    Ticket six = openThrough(
        g.as("bob").select(p.id(), select, Long.toString(typeId(g, "Six"))), "bob", g);
    assertThat(h.bot().core().types().ofTicket(six.id()).orElseThrow().name()).isEqualTo("Six");

    String list = panel(g, "list", Map.of());
    assertThat(list).startsWith(text(MessageKey.PANEL_LIST_HEADER, 1))
        .contains("**#" + panelId + "** " + text(MessageKey.PANEL_DEFAULT_TITLE) + " in <#"
            + g.channel("tickets") + "> https://discord.com/channels/" + g.id + "/"
            + g.channel("tickets") + "/" + p.id())
        .contains("💳 Billing, Report, Appeal, Four, Five, Six")
        .contains(text(MessageKey.PANEL_STATE_POSTED));

    assertThat(panel(g, "delete", Map.of("id", panelId)))
        .isEqualTo(text(MessageKey.PANEL_DELETED, panelId));
    assertThat(g.message(p.id())).isEmpty();
    assertThat(panel(g, "list", Map.of())).isEqualTo(text(MessageKey.PANEL_LIST_EMPTY));
    assertThat(panel(g, "delete", Map.of("id", panelId)))
        .isEqualTo(text(MessageKey.ERROR_PANEL_UNKNOWN, panelId));
  }

  @Test
  void a_panel_whose_posting_a_crash_interrupted_is_posted_once_at_the_next_start()
      throws Exception {
    TestGuild g = threeTypes();
    // Crash after Discord took the message, before it was recorded: found, not posted again.
    MessageView posted = postPanel(g, Map.of("types", "Billing"));
    long postedId = h.bot().core().panels().list(g.id, adminOf(g)).value().get(0).id();
    try (Connection c = h.bot().core().database().dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(
            "UPDATE panels SET state = 'POSTING', message_id = NULL WHERE id = ?")) {
      ps.setLong(1, postedId);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
    // Crash after the panel was saved, before it was posted: posted at the next start.
    Panel saved = h.bot().core().database().panels().insert(new Panel(0, g.id,
        g.channel("tickets"), null, "Saved only", null, 0x00FF00, g.user("admin"),
        Instant.now(), Panel.State.POSTING, List.of(typeId(g, "Report"))));
    int before = g.messages("general").size();

    h.restart();

    Panel found = h.bot().core().panels().find(postedId).orElseThrow();
    assertThat(found.state()).isEqualTo(Panel.State.POSTED);
    assertThat(found.messageId()).isEqualTo(posted.id());
    assertThat(g.messages("general")).hasSize(before);
    Panel finished = h.bot().core().panels().find(saved.id()).orElseThrow();
    assertThat(finished.state()).isEqualTo(Panel.State.POSTED);
    MessageView message = g.message(finished.messageId()).orElseThrow();
    assertThat(message.channelId()).isEqualTo(g.channel("tickets"));
    assertThat(message.textDisplays()).containsExactly("## Saved only");
    assertThat(message.buttonLabels()).containsExactly("Report");
    assertThat(g.messages("tickets").stream()
        .filter(m -> m.textDisplays().contains("## Saved only"))).hasSize(1);
  }

  @Test
  void a_redraw_that_discord_refused_is_retried_and_one_a_stop_cut_off_is_done_at_start() {
    TestGuild g = threeTypes();
    MessageView p = postPanel(g, Map.of("types", "Billing, Report"));
    // Discord refuses the redraw (a 5xx): the type's change is saved, the panel stays due.
    h.emu.faults().replace(FaultPlan.builder()
        .onRequest("PATCH /channels/{channel.id}/messages/{message.id}").times(1)
        .serverError(500).build());
    assertThat(type(g, "edit", Map.of("type", "Billing", "name", "Payments")))
        .contains("Payments").doesNotContain(text(MessageKey.PANELS_REFRESHED, 1))
        .endsWith(text(MessageKey.PANELS_NOT_REFRESHED, 1));
    assertThat(h.emu.faults().injected()).filteredOn(s -> s.startsWith("http")).hasSize(1);
    assertThat(current(g, p).buttonLabels()).containsExactly("Billing", "Report");
    // The next timers' sweep tries again.
    assertThat(h.bot().timers().sweepOnce().panelsRedrawn()).isEqualTo(1);
    assertThat(current(g, p).buttonLabels()).containsExactly("Payments", "Report");
    assertThat(h.bot().timers().sweepOnce().panelsRedrawn()).as("done").isZero();
    // A type deleted and the process stopped before its redraw: the change and the request of
    // the redraw were one transaction, so the request is there.
    assertThat(h.bot().core().types().delete(g.id, adminOf(g), "Report").isOk()).isTrue();
    assertThat(h.bot().core().panels().redrawsDue(g.id)).hasSize(1);

    h.restart();

    assertThat(current(g, p).buttonLabels()).containsExactly("Payments");
    assertThat(h.bot().core().panels().redrawsDue(g.id)).isEmpty();
  }

  @Test
  void a_deleted_panels_message_that_a_stop_left_opens_nothing_and_goes_at_the_first_click() {
    TestGuild g = threeTypes();
    MessageView p = postPanel(g, Map.of("types", "Billing"));
    long panelId = h.bot().core().panels().list(g.id, adminOf(g)).value().get(0).id();
    // /panel delete saved, and the process stopped before it deleted the message
    assertThat(h.bot().core().panels().delete(g.id, adminOf(g), panelId).isOk()).isTrue();
    assertThat(g.message(p.id())).isPresent();

    MessageView reply = g.as("alice").click(p.id(), "Billing").awaitReply();

    assertThat(reply.text()).isEqualTo(text(MessageKey.ERROR_PANEL_REMOVED));
    assertThat(reply.ephemeral()).isTrue();
    h.emu.await("the leftover message deleted", () -> g.message(p.id()).isEmpty());
    assertThat(g.threads()).as("no ticket opened").isEmpty();
    assertThat(h.bot().core().panels().find(panelId).orElseThrow().state())
        .isEqualTo(Panel.State.DELETED);
  }

  @Test
  void a_redraw_discord_refuses_for_good_is_reported_and_not_tried_again() {
    TestGuild g = threeTypes();
    MessageView p = postPanel(g, Map.of("types", "Billing"));
    // The bot loses sight of the panel's channel (its role and @everyone lose every permission).
    g.setBotPermissions(0);
    g.setRolePermissions(g.id, 0);
    h.awaitBot("the bot sees it lost its permissions", () -> !h.bot().shards().getGuildById(g.id)
        .getSelfMember().hasPermission(h.bot().shards().getTextChannelById(p.channelId()),
            net.dv8tion.jda.api.Permission.VIEW_CHANNEL));

    assertThat(type(g, "edit", Map.of("type", "Billing", "name", "Payments")))
        .contains("Payments").endsWith(text(MessageKey.PANELS_REFUSED, 1));
    assertThat(current(g, p).buttonLabels()).containsExactly("Billing");
    assertThat(h.bot().core().panels().redrawsDue(g.id)).as("not asked again").isEmpty();
    assertThat(h.bot().timers().sweepOnce().panelsRedrawn()).isZero();
  }

  private static Actor adminOf(TestGuild g) {
    return new Actor(g.user("admin"), Set.of(), true, true);
  }

  @Test
  void type_options_suggest_the_guilds_types() {
    TestGuild g = threeTypes();
    long general = g.channel("general");
    assertThat(g.as("alice").autocomplete(general, "ticket create", Map.of(), "type", "b")
        .awaitChoices()).containsExactly("Billing");
    assertThat(g.as("alice").autocomplete(general, "ticket create", Map.of(), "type", "PE")
        .awaitChoices()).containsExactly("Appeal");
    assertThat(g.as("admin").autocomplete(general, "tickettype delete", Map.of(), "type", "")
        .awaitChoices()).containsExactly("Billing", "Report", "Appeal");
    assertThat(g.as("admin").autocomplete(general, "tickettype edit", Map.of(), "type", "rep")
        .awaitChoices()).containsExactly("Report");
    assertThat(g.as("admin").autocomplete(general, "panel create", Map.of(), "types", "")
        .awaitChoices()).containsExactly("all", "Billing", "Report", "Appeal");
    assertThat(g.as("admin").autocomplete(general, "panel create", Map.of(), "types", "billing, ")
        .awaitChoices()).containsExactly("billing, Report", "billing, Appeal");
    assertThat(g.as("admin").autocomplete(general, "panel create", Map.of("title", "x"), "types",
        "Report,a").awaitChoices()).containsExactly("Report, Appeal");
  }

  @Test
  void bad_panels_are_refused_with_the_reason_and_the_old_button_still_works() {
    TestGuild bare = h.guild();
    h.enableTickets(bare);
    assertThat(panel(bare, "create", Map.of("types", "all")))
        .isEqualTo(text(MessageKey.ERROR_PANEL_NO_TYPES));

    TestGuild g = threeTypes();
    assertThat(panel(g, "create", Map.of("types", "Billing, Nope")))
        .isEqualTo(text(MessageKey.ERROR_TYPE_UNKNOWN, "Nope", "`Billing`, `Report`, `Appeal`"));
    assertThat(panel(g, "create", Map.of("types", " , ")))
        .isEqualTo(text(MessageKey.ERROR_PANEL_TYPES_NEEDED, "`Billing`, `Report`, `Appeal`"));
    assertThat(panel(g, "create", Map.of("types", "all", "colour", "blue")))
        .isEqualTo(text(MessageKey.ERROR_PANEL_COLOUR_INVALID, "blue"));
    assertThat(panel(g, "create", Map.of("types", "all", "title", "   ")))
        .isEqualTo(text(MessageKey.ERROR_PANEL_TEXT_INVALID, "title", Panel.MAX_TITLE));
    assertThatThrownBy(() -> g.as("alice").slash(g.channel("general"), "panel create",
        Map.of("types", "all"))).hasMessageContaining("/panel is hidden");
    assertThat(panel(g, "create", Map.of("types", "all", "channel", g.channel("read-only"))))
        .isEqualTo(text(MessageKey.ERROR_MISSING_PERMISSIONS, g.channel("read-only"),
            text(MessageKey.PERMISSION_SEND_MESSAGES)));
    assertThat(h.bot().core().panels().list(g.id, adminOf(g)).value()).isEmpty();

    // The old /ticket button panel keeps working next to the new ones.
    assertThat(g.as("moderator").slash(g.channel("general"), "ticket button").awaitReply().text())
        .isEqualTo(text(MessageKey.PANEL_POSTED, g.channel("general")));
    List<MessageView> general = g.messages("general");
    MessageView old = general.get(general.size() - 1);
    assertThat(g.as("bob").click(old.id(), text(MessageKey.BUTTON_OPEN_TICKET)).awaitReply()
        .text()).isEqualTo(text(MessageKey.TICKET_PICK_TYPE));
  }
}
