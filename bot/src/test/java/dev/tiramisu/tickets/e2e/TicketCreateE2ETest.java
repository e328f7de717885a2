package dev.tiramisu.tickets.e2e;

import static dev.tiramisu.tickets.e2e.BotHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiramisu.discordemu.Permissions;
import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.driver.ThreadView;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketState;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Opening tickets through the real JDA client and the emulator. */
class TicketCreateE2ETest extends SingleBotE2ETest {

  @Test
  void create_with_a_reason_saves_then_makes_a_private_thread_with_creator_staff_and_a_pinned_first_message() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    int mark = h.emu.requests().mark();

    InteractionHandle create = g.as("alice").slash(g.channel("general"), "ticket create",
        Map.of("reason", "my order never arrived"));
    MessageView reply = create.awaitReply();

    // the link as the first response, or deferred first when the thread took longer than the
    // hold (HeldReplyE2ETest checks each way on purpose)
    assertThat(create.responseType()).isIn(4, 5);
    assertThat(reply.ephemeral()).isTrue();
    // the member is answered as soon as they can open the thread, before the pin: wait for it
    long threadId = g.thread("Ticket #1").orElseThrow().id();
    assertThat(h.bot().effects().awaitIdle(h.ticketByThread(threadId).orElseThrow().id(),
        Duration.ofSeconds(30))).isTrue();
    ThreadView thread = g.thread("Ticket #1").orElseThrow();
    assertThat(reply.text()).isEqualTo(text(MessageKey.TICKET_OPENED_REPLY, 1, thread.id()));
    assertThat(thread.isPrivate()).isTrue();
    assertThat(thread.invitable()).isFalse();
    assertThat(thread.parentId()).isEqualTo(g.channel("tickets"));
    assertThat(thread.memberIds()).contains(g.user("alice"), g.user("moderator"))
        .doesNotContain(g.user("bob"));
    assertThat(g.as("bob").canSee(thread.id())).isFalse();

    MessageView first = g.messages(thread.id()).get(0);
    assertThat(first.componentsV2()).isTrue();
    assertThat(first.text()).isEqualTo(text(MessageKey.TICKET_FIRST_HEADING_PLAIN, 1) + "\n"
        + text(MessageKey.TICKET_OPENED_MESSAGE, g.user("alice"),
        g.role("Staff"), "my order never arrived"));
    assertThat(first.pingedUsers()).containsExactly(g.user("alice"));
    assertThat(first.pingedRoles()).containsExactly(g.role("Staff"));
    assertThat(first.pingedEveryone()).isFalse();
    assertThat(first.buttonLabels()).containsExactly(text(MessageKey.BUTTON_CLOSE_TICKET),
        text(MessageKey.BUTTON_CLAIM));
    assertThat(thread.pins()).containsExactly(first.id());

    Ticket t = h.ticketByThread(thread.id()).orElseThrow();
    assertThat(t.state()).isEqualTo(TicketState.OPEN);
    assertThat(t.creatorId()).isEqualTo(g.user("alice"));
    assertThat(t.reason()).isEqualTo("my order never arrived");
    assertThat(t.firstMessageId()).isEqualTo(first.id());

    assertThat(h.sent(mark, "POST /channels/{channel_id}/threads")).singleElement()
        .satisfies(r -> {
          assertThat(r.body().path("type").asInt()).isEqualTo(12);
          assertThat(r.body().path("invitable").asBoolean(true)).isFalse();
          assertThat(r.body().path("name").asText()).isEqualTo("Ticket #1");
        });
    // the first message's ping added the creator (and the staff role's members): no PUT
    assertThat(h.sent(mark, "PUT /channels/{channel_id}/thread-members/{user_id}")).isEmpty();
    assertThat(h.sent(mark, "POST /channels/{channel_id}/messages")).singleElement()
        .satisfies(r -> {
          JsonNode am = r.body().path("allowed_mentions");
          assertThat(am.path("parse")).isEmpty();
          assertThat(am.path("users").toString()).contains(Long.toString(g.user("alice")));
          assertThat(am.path("roles").toString()).contains(Long.toString(g.role("Staff")));
        });
    assertThat(h.sent(mark, "PUT /channels/{channel_id}/messages/pins/{message_id}")).hasSize(1);
    assertThat(h.sent(mark, "POST /interactions/{interaction_id}/{interaction_token}/callback"))
        .hasSize(1);
  }

  @Test
  void without_a_reason_the_modal_asks_for_one_and_its_answer_opens_the_ticket() {
    TestGuild g = h.guild();
    h.enableTickets(g);

    InteractionHandle create = g.as("bob").slash(g.channel("general"), "ticket create");
    JsonNode modal = create.awaitModal();
    assertThat(create.responseType()).as("the modal is the first response").isEqualTo(9);
    JsonNode input = modal.path("components").path(0).path("component");
    assertThat(input.path("style").asInt()).as("paragraph").isEqualTo(2);
    assertThat(input.path("max_length").asInt()).isEqualTo(1000);
    assertThat(h.bot().core().database().tickets().lastNumber(g.id)).as("nothing saved yet")
        .isEmpty();

    MessageView reply = g.as("bob").submitModal(create, Map.of("reason", "need a refund"))
        .awaitReply();

    ThreadView thread = g.thread("Ticket #1").orElseThrow();
    assertThat(reply.text()).isEqualTo(text(MessageKey.TICKET_OPENED_REPLY, 1, thread.id()));
    assertThat(h.ticketByThread(thread.id()).orElseThrow().reason()).isEqualTo("need a refund");
  }

  @Test
  void without_a_reason_and_require_reason_off_opens_at_once() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    h.configure(g, "require_reason", "off");

    MessageView reply = g.as("alice").slash(g.channel("general"), "ticket create").awaitReply();

    assertThat(reply.text()).startsWith("Your ticket #1 is open");
    h.awaitFirstMessage(g, g.thread("Ticket #1").orElseThrow().id());
    MessageView first = g.messages(g.thread("Ticket #1").orElseThrow().id()).get(0);
    assertThat(first.text()).contains(text(MessageKey.TICKET_NO_REASON));
  }

  @Test
  void tickets_not_enabled_tells_what_an_admin_must_do_and_saves_nothing() {
    TestGuild g = h.guild();
    int mark = h.emu.requests().mark();

    MessageView reply = g.as("alice").slash(g.channel("general"), "ticket create",
        Map.of("reason", "hello")).awaitReply();

    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.text()).isEqualTo(text(MessageKey.ERROR_TICKETS_NOT_ENABLED));
    assertThat(g.threads()).isEmpty();
    assertThat(h.sent(mark, "POST /channels/{channel_id}/threads")).isEmpty();
    assertThat(h.bot().core().database().tickets().lastNumber(g.id)).isEmpty();
  }

  @Test
  void numbers_count_per_guild_across_several_tickets() {
    TestGuild one = h.guild();
    TestGuild two = h.guild();
    h.enableTickets(one);
    h.enableTickets(two);

    h.open(one, "alice", "first");
    h.open(one, "bob", "second");
    h.open(two, "alice", "other guild");
    h.open(one, "moderator", "third"); // alice has one open already: the default limit

    assertThat(one.threads()).extracting(ThreadView::name)
        .containsExactly("Ticket #1", "Ticket #2", "Ticket #3");
    assertThat(two.threads()).extracting(ThreadView::name).containsExactly("Ticket #1");
  }

  @Test
  void a_reason_with_mass_mentions_and_markdown_pings_nobody_else_and_cannot_break_the_layout() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    String reason = "@everyone @here <@&" + g.role("Admin") + "> <@" + g.user("bob")
        + "> **bold** ```code``` ||spoiler|| > quote\n# header";

    Ticket t = h.open(g, "alice", reason);

    MessageView first = g.messages(t.threadId()).get(0);
    assertThat(first.pingedEveryone()).isFalse();
    assertThat(first.pingedRoles()).containsExactly(g.role("Staff"));
    assertThat(first.pingedUsers()).containsExactly(g.user("alice"));
    assertThat(first.text()).doesNotContain("@everyone", "@here", "**bold**", "```",
        "||spoiler||");
    // mentions in a reason show as mentions (@Admin, @bob); allowed mentions keep them silent
    assertThat(first.text()).contains("\\*\\*bold\\*\\*", " <@&" + g.role("Admin") + "> <@"
        + g.user("bob") + "> ");
    assertThat(g.as("bob").canSee(t.threadId())).as("a silent mention adds nobody").isFalse();
    assertThat(first.text()).startsWith(text(MessageKey.TICKET_FIRST_HEADING_PLAIN, 1) + "\n<@"
        + g.user("alice") + "> opened this ticket.");
    assertThat(t.reason()).as("stored as typed").isEqualTo(reason);
  }

  @Test
  void missing_bot_permissions_are_named_before_a_number_is_allocated() {
    long basic = Permissions.VIEW_CHANNEL | Permissions.SEND_MESSAGES
        | Permissions.READ_MESSAGE_HISTORY | Permissions.USE_APPLICATION_COMMANDS;
    TestGuild g = h.guild(b -> b.botPermissions(basic).everyonePermissions(basic));
    h.configure(g, "ticket_channel", "<#" + g.channel("tickets") + ">");
    int mark = h.emu.requests().mark();

    MessageView reply = g.as("alice").slash(g.channel("general"), "ticket create",
        Map.of("reason", "help")).awaitReply();

    assertThat(reply.text()).isEqualTo(text(MessageKey.ERROR_MISSING_PERMISSIONS,
        g.channel("tickets"), "Create Private Threads, Send Messages in Threads, Manage Threads, "
            + "Pin Messages (or Manage Messages)"));
    assertThat(h.bot().core().database().tickets().lastNumber(g.id))
        .as("no number burnt by a misconfigured guild").isEmpty();
    assertThat(h.sent(mark, "POST /channels/{channel_id}/threads")).as("nothing tried").isEmpty();
    assertThat(g.threads()).isEmpty();

    // Fixed by an admin, the next ticket is #1.
    g.setBotPermissions(Permissions.TICKET_BOT);
    h.awaitBot("the bot sees its new permissions", () -> h.bot().shards().getGuildById(g.id)
        .getSelfMember().hasPermission(net.dv8tion.jda.api.Permission.MANAGE_THREADS));
    Ticket t = h.open(g, "alice", "help");
    assertThat(t.number()).isEqualTo(1);
  }

  @Test
  void discord_refusing_the_thread_marks_the_ticket_failed_and_says_so() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    h.emu.state().maxActiveThreadsPerGuild = 0;
    try {
      MessageView reply = g.as("alice").slash(g.channel("general"), "ticket create",
          Map.of("reason", "help")).awaitReply();

      assertThat(reply.text()).isEqualTo(text(MessageKey.ERROR_THREAD_LIMIT_REACHED, 1));
      Ticket t = h.bot().core().database().tickets().findByNumber(g.id, 1).orElseThrow();
      assertThat(t.state()).isEqualTo(TicketState.FAILED);
      assertThat(t.failureReason()).contains("160006");
    } finally {
      h.emu.state().maxActiveThreadsPerGuild = 1000;
    }
  }
}
