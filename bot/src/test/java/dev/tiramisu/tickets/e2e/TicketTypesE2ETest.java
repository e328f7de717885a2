package dev.tiramisu.tickets.e2e;

import static dev.tiramisu.tickets.e2e.BotHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.driver.ThreadView;
import dev.tiramisu.tickets.settings.TicketType;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.Ticket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 12: ticket types (/tickettype, /ticket create [type], the type select, type staff). */
class TicketTypesE2ETest extends SingleBotE2ETest {

  private TestGuild typedGuild() {
    TestGuild g = h.guild(b -> b.role("Billing", 0).role("Mods", 0)
        .textChannel("billing").textChannel("reports")
        .member("biller", "Billing").member("modder", "Mods"));
    g.setRoleMentionable("Billing", true);
    g.setRoleMentionable("Mods", true);
    h.enableTickets(g);
    return g;
  }

  private MessageView type(TestGuild g, String as, String sub, Map<String, ?> options) {
    return g.as(as).slash(g.channel("general"), "tickettype " + sub, options).awaitReply();
  }

  private void createTypes(TestGuild g) {
    assertThat(type(g, "admin", "create", Map.of("name", "Billing",
        "ticket_channel", "<#" + g.channel("billing") + ">",
        "staff_roles", "<@&" + g.role("Billing") + ">", "emoji", "💳",
        "description", "Payments and refunds", "name_template", "Billing #{number}")).text())
        .startsWith(text(MessageKey.TYPE_CREATED, "Billing"));
    assertThat(type(g, "admin", "create", Map.of("name", "Report",
        "ticket_channel", "<#" + g.channel("reports") + ">",
        "staff_roles", "<@&" + g.role("Mods") + "> <@&" + g.role("Staff") + ">",
        "max_open_per_user", "2")).text())
        .startsWith(text(MessageKey.TYPE_CREATED, "Report"));
  }

  private Ticket awaitTicket(MessageView reply) {
    assertThat(reply.text()).contains("is open");
    long threadId = Long.parseLong(reply.text().replaceAll("(?s).*<#(\\d+)>.*", "$1"));
    Ticket t = h.ticketByThread(threadId).orElseThrow();
    assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(30))).isTrue();
    return h.bot().core().tickets().find(t.id()).orElseThrow();
  }

  @Test
  void each_type_opens_in_its_channel_for_its_staff_only() {
    TestGuild g = typedGuild();
    createTypes(g);

    // No type and no reason: the member picks from a select, then gives the reason in the form.
    InteractionHandle create = g.as("alice").slash(g.channel("general"), "ticket create");
    MessageView pick = create.awaitReply();
    assertThat(pick.text()).isEqualTo(text(MessageKey.TICKET_PICK_TYPE));
    long billingId = h.bot().core().types().list(g.id).stream()
        .filter(t -> t.name().equals("Billing")).findFirst().orElseThrow().id();
    InteractionHandle picked = g.as("alice").select(pick.id(), "tt:pick-type",
        Long.toString(billingId));
    InteractionHandle submitted = g.as("alice").submitModal(picked,
        Map.of("reason", "charged twice @everyone"));
    Ticket billing = awaitTicket(submitted.awaitReply());

    ThreadView thread = g.threads().stream().filter(t -> t.id() == billing.threadId())
        .findFirst().orElseThrow();
    assertThat(thread.parentId()).isEqualTo(g.channel("billing"));
    assertThat(thread.name()).isEqualTo("Billing #1");
    assertThat(h.bot().core().types().ofTicket(billing.id()).orElseThrow().id())
        .isEqualTo(billingId);
    MessageView first = g.messages(billing.threadId()).get(0);
    assertThat(first.componentsV2()).isTrue();
    assertThat(first.content()).isEmpty();
    assertThat(first.text()).contains(text(MessageKey.TICKET_FIRST_HEADING, "💳 ", "Billing", 1))
        .contains("<@&" + g.role("Billing") + ">").doesNotContain("<@&" + g.role("Staff") + ">");
    assertThat(first.pingedRoles()).containsExactly(g.role("Billing"));
    assertThat(first.pingedEveryone()).isFalse();
    assertThat(g.as("biller").canSee(billing.threadId())).isTrue();
    assertThat(g.as("moderator").canSee(billing.threadId())).isFalse();

    // The type's staff act as staff on it (the guild's staff_role was not brought in).
    g.as("biller").slash(billing.threadId(), "ticket claim").awaitReply();
    assertThat(h.bot().effects().awaitIdle(billing.id(), Duration.ofSeconds(30))).isTrue();
    assertThat(g.message(first.id()).orElseThrow().text())
        .contains(text(MessageKey.TICKET_CLAIMED_LINE, g.user("biller")));

    // By the type option, with a reason: two staff roles pinged, in #reports.
    MessageView reportReply = g.as("bob").slash(g.channel("general"), "ticket create",
        Map.of("type", "report", "reason", "spam in #general")).awaitReply();
    Ticket report = awaitTicket(reportReply);
    assertThat(g.threads().stream().filter(t -> t.id() == report.threadId()).findFirst()
        .orElseThrow().parentId()).isEqualTo(g.channel("reports"));
    MessageView reportFirst = g.messages(report.threadId()).get(0);
    assertThat(reportFirst.pingedRoles()).containsExactlyInAnyOrder(g.role("Mods"),
        g.role("Staff"));
    assertThat(g.as("modder").canSee(report.threadId())).isTrue();
    assertThat(g.as("biller").canSee(report.threadId())).isFalse();
    MessageView confirm = g.as("modder").slash(report.threadId(), "ticket close").awaitReply();
    g.as("modder").click(confirm.id(), text(MessageKey.BUTTON_CLOSE_CONFIRM)).awaitReply();
    assertThat(h.bot().effects().awaitIdle(report.id(), Duration.ofSeconds(30))).isTrue();
    assertThat(h.bot().core().tickets().find(report.id()).orElseThrow().closedById())
        .isEqualTo(g.user("modder"));

    // Several types, a reason but no type: told to name one (the reason is not lost silently).
    assertThat(g.as("alice").slash(g.channel("general"), "ticket create",
        Map.of("reason", "which one?")).awaitReply().text())
        .isEqualTo(text(MessageKey.ERROR_TYPE_NEEDED, "`Billing`, `Report`"));
    assertThat(g.as("alice").slash(g.channel("general"), "ticket create",
        Map.of("type", "Nope", "reason", "x")).awaitReply().text())
        .isEqualTo(text(MessageKey.ERROR_TYPE_UNKNOWN, "Nope", "`Billing`, `Report`"));
  }

  @Test
  void tickettype_values_are_validated_like_settings() {
    TestGuild g = typedGuild();
    createTypes(g);

    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
        type(g, "alice", "create", Map.of("name", "X")))
        .hasMessageContaining("/tickettype is hidden");
    assertThat(type(g, "admin", "create", Map.of("name", "billing")).text())
        .isEqualTo(text(MessageKey.ERROR_TYPE_NAME_TAKEN, "billing"));
    assertThat(type(g, "admin", "create", Map.of("name", "X",
        "ticket_channel", "#nowhere")).text())
        .isEqualTo(text(MessageKey.ERROR_SETTING_INVALID_CHANNEL, "ticket_channel", "\\#nowhere"));
    assertThat(type(g, "admin", "create", Map.of("name", "X",
        "staff_roles", "<@&" + g.botRoleId + ">")).text())
        .isEqualTo(text(MessageKey.ERROR_SETTING_MANAGED_ROLE, "staff_role", g.botRoleId));
    assertThat(type(g, "admin", "create", Map.of("name", "X",
        "name_template", "Ticket")).text()).startsWith("`name_template` must contain");
    assertThat(type(g, "admin", "create", Map.of("name", "X",
        "max_open_per_user", "lots")).text()).startsWith("`max_open_per_user` must be a whole");
    assertThat(type(g, "admin", "create", Map.of("name", "X",
        "create_cooldown", "soon")).text())
        .isEqualTo(text(MessageKey.ERROR_DURATION_INVALID, "soon"));
    assertThat(type(g, "admin", "create", Map.of("name", "X".repeat(41))).text())
        .isEqualTo(text(MessageKey.ERROR_TYPE_NAME_INVALID, 40));
    assertThat(type(g, "admin", "edit", Map.of("type", "Billing")).text())
        .isEqualTo(text(MessageKey.ERROR_TYPE_NOTHING_TO_EDIT));
    assertThat(type(g, "admin", "delete", Map.of("type", "Nope")).text())
        .isEqualTo(text(MessageKey.ERROR_TYPE_UNKNOWN, "nope", "`Billing`, `Report`"));
    assertThat(h.bot().core().types().list(g.id)).extracting(TicketType::name)
        .containsExactly("Billing", "Report");

    String list = type(g, "admin", "list", Map.of()).text();
    assertThat(list).startsWith(text(MessageKey.TYPE_LIST_HEADER, 2))
        .contains("**💳 Billing**: channel <#" + g.channel("billing") + ">")
        .contains("staff <@&" + g.role("Mods") + "> <@&" + g.role("Staff") + ">");
  }

  @Test
  void edited_and_deleted_types_apply_to_new_tickets_and_keep_old_ones() {
    TestGuild g = typedGuild();
    createTypes(g);
    Ticket before = awaitTicket(g.as("alice").slash(g.channel("general"), "ticket create",
        Map.of("type", "Billing", "reason", "first")).awaitReply());

    Map<String, Object> edit = new HashMap<>();
    edit.put("type", "Billing");
    edit.put("name", "Payments");
    edit.put("ticket_channel", "default");
    edit.put("staff_roles", "default");
    assertThat(type(g, "admin", "edit", edit).text())
        .startsWith(text(MessageKey.TYPE_EDITED, "Payments"))
        .contains("channel <#" + g.channel("tickets") + "> (server setting)");
    Ticket after = awaitTicket(g.as("bob").slash(g.channel("general"), "ticket create",
        Map.of("type", "payments", "reason", "second")).awaitReply());
    assertThat(g.threads().stream().filter(t -> t.id() == after.threadId()).findFirst()
        .orElseThrow().parentId()).isEqualTo(g.channel("tickets"));
    assertThat(g.messages(after.threadId()).get(0).pingedRoles())
        .containsExactly(g.role("Staff"));

    assertThat(type(g, "admin", "delete", Map.of("type", "Report")).text())
        .isEqualTo(text(MessageKey.TYPE_DELETED, "Report"));
    assertThat(g.as("bob").slash(g.channel("general"), "ticket create",
        Map.of("type", "Report", "reason", "x")).awaitReply().text())
        .isEqualTo(text(MessageKey.ERROR_TYPE_UNKNOWN, "Report", "`Payments`"));
    // One type left: /ticket create without a type uses it.
    Ticket only = awaitTicket(g.as("modder").slash(g.channel("general"), "ticket create",
        Map.of("reason", "third")).awaitReply());
    assertThat(h.bot().core().types().ofTicket(only.id()).orElseThrow().name())
        .isEqualTo("Payments");

    // The ticket opened before the edit keeps its thread; its staff now follow the edited type.
    assertThat(g.as("biller").slash(before.threadId(), "ticket claim").awaitReply().text())
        .isEqualTo(text(MessageKey.ERROR_CLAIM_STAFF_ONLY));
    assertThat(Set.copyOf(List.of(before.threadId(), after.threadId(), only.threadId())))
        .hasSize(3);
  }
}
