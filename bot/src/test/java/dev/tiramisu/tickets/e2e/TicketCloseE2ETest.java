package dev.tiramisu.tickets.e2e;

import static dev.tiramisu.tickets.e2e.BotHarness.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.Json;
import dev.tiramisu.discordemu.driver.Actor;
import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.driver.ThreadView;
import dev.tiramisu.discordemu.model.Interaction;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Closing tickets: confirmation, who may close, exactly-once, DMs and the log channel. */
class TicketCloseE2ETest extends SingleBotE2ETest {
  private static final String THREAD_PATCH = "PATCH /channels/{channel_id}";
  private static final String POST_MESSAGE = "POST /channels/{channel_id}/messages";
  private static final String OPEN_DM = "POST /users/@me/channels";

  private MessageView firstMessage(TestGuild g, Ticket t) {
    return g.messages(t.threadId()).get(0);
  }

  /** Clicks Close on the ticket's first message as {@code user}; returns the confirmation. */
  private MessageView askToClose(TestGuild g, Ticket t, String user) {
    return g.as(user).click(firstMessage(g, t).id(), text(MessageKey.BUTTON_CLOSE_TICKET))
        .awaitReply();
  }

  private long posts(int mark, long channelId) {
    return h.sent(mark, POST_MESSAGE).stream()
        .filter(r -> r.path().contains("/channels/" + channelId + "/")).count();
  }

  @Test
  void close_button_confirmed_posts_renames_locks_archives_dms_logs_and_removes_the_buttons() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket t = h.open(g, "alice", "broken");
    int mark = h.emu.requests().mark();

    MessageView confirm = askToClose(g, t, "alice");
    assertThat(confirm.ephemeral()).isTrue();
    assertThat(confirm.text()).isEqualTo(text(MessageKey.TICKET_CLOSE_CONFIRM, 1));
    assertThat(confirm.buttonLabels()).containsExactly(text(MessageKey.BUTTON_CLOSE_CONFIRM),
        text(MessageKey.BUTTON_CANCEL));
    MessageView done = g.as("alice").click(confirm.id(), text(MessageKey.BUTTON_CLOSE_CONFIRM))
        .awaitReply();

    assertThat(done.text()).isEqualTo(String.join("\n",
        text(MessageKey.TICKET_CLOSED_REPLY, 1),
        text(MessageKey.TICKET_CLOSED_DM_SENT, g.user("alice")),
        text(MessageKey.TICKET_CLOSED_LOGGED, g.channel("mod-log"))));
    ThreadView thread = g.thread("[Closed] Ticket #1").orElseThrow();
    assertThat(thread.locked()).isTrue();
    assertThat(thread.archived()).isTrue();
    List<MessageView> inThread = g.messages(thread.id());
    assertThat(inThread.get(inThread.size() - 1).text()).isEqualTo(
        text(MessageKey.TICKET_CLOSED_MESSAGE, g.user("alice"), text(MessageKey.TICKET_NO_REASON)));
    assertThat(g.dms("alice")).singleElement().satisfies(dm -> assertThat(dm.text())
        .contains("Your ticket #1 on **Guild", "/channels/" + g.id + "/" + thread.id()));
    assertThat(g.messages("mod-log")).singleElement().satisfies(log -> {
      assertThat(log.text()).startsWith(text(MessageKey.TICKET_CLOSED_LOG, 1, g.user("alice"),
          g.user("alice"), text(MessageKey.TICKET_NO_REASON), thread.id()) + "\n"
          + text(MessageKey.TRANSCRIPT_ATTACHED, 2)); // the first message, the closed post
      assertThat(log.attachmentNames()).containsExactly("transcript-1.html");
      assertThat(log.pingedUsers()).isEmpty();
    });
    // the rename limit allows it: one PATCH renames, locks and archives (RenameLimitE2ETest
    // shows the lock going ahead alone when it does not)
    assertThat(h.sent(mark, THREAD_PATCH)).singleElement().satisfies(p -> {
      assertThat(p.body().path("name").asText()).isEqualTo("[Closed] Ticket #1");
      assertThat(p.body().path("locked").asBoolean()).isTrue();
      assertThat(p.body().path("archived").asBoolean()).isTrue();
    });
    // no live Close button on a closed ticket: the first message and the confirmation lose theirs
    assertThat(h.bot().effects().awaitIdle(t.id(), java.time.Duration.ofSeconds(30))).isTrue();
    // the closer saw "closed" as soon as the thread was, before the DM and the log line; then
    // the whole outcome
    assertThat(h.sent(mark, "PATCH /webhooks/{application_id}/{interaction_token}/messages/@original")
        .stream().map(r -> r.body().path("content").asText())
        .filter(c -> c.startsWith(text(MessageKey.TICKET_CLOSED_REPLY, 1) + "\n")).toList())
        .containsExactly(text(MessageKey.TICKET_CLOSED_REPLY, 1) + "\n"
            + text(MessageKey.TICKET_CLOSED_FINISHING, g.user("alice")), done.text());
    // the creator closed it: their click showed them a member, Discord is not asked
    assertThat(h.sent(mark, "GET /guilds/{guild_id}/members/{user_id}")).isEmpty();
    assertThat(firstMessage(g, t).buttonLabels()).isEmpty();
    assertThat(g.message(confirm.id()).orElseThrow()).satisfies(c -> {
      assertThat(c.text()).isEqualTo(text(MessageKey.TICKET_CLOSE_CONFIRM_CLOSED, 1));
      assertThat(c.buttonLabels()).isEmpty();
    });
    assertThat(inThread.get(inThread.size() - 1).buttonLabels())
        .containsExactly(text(MessageKey.BUTTON_REOPEN));
    assertThat(posts(mark, thread.id())).isEqualTo(1);
    assertThat(h.sent(mark, OPEN_DM)).hasSize(1);
    Ticket closed = h.ticketByThread(thread.id()).orElseThrow();
    assertThat(closed.state()).isEqualTo(TicketState.CLOSED);
    assertThat(closed.closedById()).isEqualTo(g.user("alice"));
  }

  @Test
  void close_command_by_staff_with_a_reason_escapes_it_and_tells_the_creator() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket t = h.open(g, "alice", "question");
    int mark = h.emu.requests().mark();

    MessageView confirm = g.as("moderator").slash(t.threadId(), "ticket close",
        Map.of("reason", "solved @everyone **done**")).awaitReply();
    MessageView done = g.as("moderator").click(confirm.id(),
        text(MessageKey.BUTTON_CLOSE_CONFIRM)).awaitReply();

    assertThat(done.text()).startsWith(text(MessageKey.TICKET_CLOSED_REPLY, 1));
    // the DM went through: nobody had to ask whether the creator is still a member
    assertThat(h.bot().effects().awaitIdle(t.id(), java.time.Duration.ofSeconds(30))).isTrue();
    assertThat(h.sent(mark, "GET /guilds/{guild_id}/members/{user_id}")).isEmpty();
    List<MessageView> inThread = g.messages(t.threadId());
    MessageView closing = inThread.get(inThread.size() - 1);
    assertThat(closing.text()).isEqualTo(text(MessageKey.TICKET_CLOSED_MESSAGE,
        g.user("moderator"), "solved @\u200Beveryone \\*\\*done\\*\\*"));
    assertThat(closing.pingedEveryone()).isFalse();
    assertThat(closing.pingedUsers()).isEmpty();
    assertThat(g.dms("alice")).singleElement()
        .satisfies(dm -> assertThat(dm.text()).contains("solved @\u200Beveryone"));
    assertThat(h.ticketByThread(t.threadId()).orElseThrow().closeReason())
        .isEqualTo("solved @everyone **done**");
  }

  @Test
  void a_confirmation_answered_after_a_restart_closes_with_its_reason_and_clears_every_confirmation() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket t = h.open(g, "alice", "question");
    MessageView byMember = askToClose(g, t, "alice");
    MessageView confirm = g.as("moderator").slash(t.threadId(), "ticket close",
        Map.of("reason", "solved before the restart")).awaitReply();

    h.restart(); // the confirmations were shown by the bot that stopped
    h.awaitBot("the new bot sees the guild", () -> h.bot().shards().getGuildById(g.id) != null);
    g.as("moderator").click(confirm.id(), text(MessageKey.BUTTON_CLOSE_CONFIRM)).awaitReply();

    assertThat(h.bot().effects().awaitIdle(t.id(), java.time.Duration.ofSeconds(30))).isTrue();
    assertThat(h.ticketByThread(t.threadId()).orElseThrow().closeReason())
        .isEqualTo("solved before the restart");
    List<MessageView> inThread = g.messages(t.threadId());
    assertThat(inThread.get(inThread.size() - 1).text()).isEqualTo(text(
        MessageKey.TICKET_CLOSED_MESSAGE, g.user("moderator"), "solved before the restart"));
    assertThat(g.message(byMember.id()).orElseThrow()).as("the member's, shown before too")
        .satisfies(c -> {
          assertThat(c.text()).isEqualTo(text(MessageKey.TICKET_CLOSE_CONFIRM_CLOSED, 1));
          assertThat(c.buttonLabels()).isEmpty();
        });
  }

  @Test
  void a_cancelled_confirmation_drops_its_reason_and_a_new_one_without_a_reason_closes_without() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket t = h.open(g, "alice", "question");
    MessageView first = g.as("moderator").slash(t.threadId(), "ticket close",
        Map.of("reason", "typed, then cancelled")).awaitReply();
    g.as("moderator").click(first.id(), text(MessageKey.BUTTON_CANCEL)).awaitReply();
    MessageView again = askToClose(g, t, "moderator");
    g.as("moderator").click(again.id(), text(MessageKey.BUTTON_CLOSE_CONFIRM)).awaitReply();

    assertThat(h.bot().effects().awaitIdle(t.id(), java.time.Duration.ofSeconds(30))).isTrue();
    assertThat(h.ticketByThread(t.threadId()).orElseThrow().closeReason()).isNull();
  }

  @Test
  void cancel_keeps_the_ticket_open() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket t = h.open(g, "alice", "question");
    int mark = h.emu.requests().mark();

    MessageView confirm = askToClose(g, t, "alice");
    MessageView cancelled = g.as("alice").click(confirm.id(), text(MessageKey.BUTTON_CANCEL))
        .awaitReply();

    assertThat(cancelled.text()).isEqualTo(text(MessageKey.TICKET_CLOSE_CANCELLED));
    assertThat(cancelled.buttonLabels()).isEmpty();
    assertThat(h.ticketByThread(t.threadId()).orElseThrow().state()).isEqualTo(TicketState.OPEN);
    assertThat(h.sent(mark, THREAD_PATCH)).isEmpty();
    assertThat(g.thread("Ticket #1").orElseThrow().locked()).isFalse();
  }

  @Test
  void a_member_may_not_close_someone_elses_ticket() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket t = h.open(g, "alice", "private matter");
    g.addMember("carol", "Member");
    // carol cannot see alice's private thread; the button is there for whoever can (e.g. a
    // member added to the thread), so add her to test the bot's rule, not the client's.
    synchronized (h.emu.state()) {
      h.emu.state().addThreadMember(h.emu.state().channel(t.threadId()), g.user("carol"));
    }

    MessageView refused = askToClose(g, t, "carol");
    MessageView byCommand = g.as("carol").slash(t.threadId(), "ticket close").awaitReply();

    assertThat(refused.text()).isEqualTo(text(MessageKey.ERROR_CLOSE_NOT_ALLOWED));
    assertThat(refused.buttonLabels()).isEmpty();
    assertThat(byCommand.text()).isEqualTo(text(MessageKey.ERROR_CLOSE_NOT_ALLOWED));
    assertThat(h.ticketByThread(t.threadId()).orElseThrow().state()).isEqualTo(TicketState.OPEN);
  }

  @Test
  void only_the_requester_can_answer_a_confirmation() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket t = h.open(g, "alice", "question");
    MessageView confirm = askToClose(g, t, "alice");

    Actor moderator = g.as("moderator");
    assertThatThrownBy(() -> moderator.click(confirm.id(), text(MessageKey.BUTTON_CLOSE_CONFIRM)))
        .as("the client shows an ephemeral message to its owner only")
        .isInstanceOf(Actor.NotAllowedInClient.class);

    // A modified client could still send the click: the bot refuses it.
    String confirmId = confirm.allComponents().get(0).path("custom_id").asText();
    ObjectNode data = Json.object();
    data.put("custom_id", confirmId);
    data.put("component_type", 2);
    Interaction forged = h.emu.interactions().create(Interaction.MESSAGE_COMPONENT,
        g.user("moderator"), t.threadId(), data, confirm.id());
    emuAwaitAck(forged.id);
    MessageView answer = awaitVisible(forged.id);

    assertThat(answer.text()).isEqualTo(text(MessageKey.ERROR_NOT_YOUR_CONFIRMATION));
    assertThat(answer.visibleTo()).isEqualTo(g.user("moderator"));
    assertThat(h.ticketByThread(t.threadId()).orElseThrow().state()).isEqualTo(TicketState.OPEN);
  }

  private void emuAwaitAck(long interactionId) {
    h.emu.await("a response to the forged interaction",
        () -> h.emu.state().interactions.get(interactionId).acknowledged());
  }

  private MessageView awaitVisible(long interactionId) {
    h.emu.await("the answer to the forged interaction", () -> {
      Long id = h.emu.state().interactions.get(interactionId).originalMessageId;
      return id != null && !h.emu.state().messages.get(id).content.isEmpty();
    });
    synchronized (h.emu.state()) {
      return MessageView.of(h.emu.state().messages.get(
          h.emu.state().interactions.get(interactionId).originalMessageId));
    }
  }

  @Test
  void two_concurrent_confirmations_close_once_post_once_log_once_and_dm_once() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket t = h.open(g, "alice", "question");
    MessageView aliceConfirm = askToClose(g, t, "alice");
    MessageView modConfirm = askToClose(g, t, "moderator");
    int mark = h.emu.requests().mark();

    InteractionHandle a = g.as("alice").click(aliceConfirm.id(),
        text(MessageKey.BUTTON_CLOSE_CONFIRM));
    InteractionHandle m = g.as("moderator").click(modConfirm.id(),
        text(MessageKey.BUTTON_CLOSE_CONFIRM));
    List<String> answers = List.of(a.awaitReply().text(), m.awaitReply().text());

    assertThat(answers).filteredOn(s -> s.startsWith(text(MessageKey.TICKET_CLOSED_REPLY, 1)))
        .hasSize(1);
    assertThat(answers).filteredOn(s -> s.startsWith("Ticket #1 was already closed by"))
        .hasSize(1);
    assertThat(h.sent(mark, THREAD_PATCH)).hasSize(1); // renamed, locked and archived at once
    assertThat(posts(mark, t.threadId())).isEqualTo(1);
    assertThat(posts(mark, g.channel("mod-log"))).isEqualTo(1);
    assertThat(h.sent(mark, OPEN_DM)).hasSize(1);
    assertThat(g.dms("alice")).hasSize(1);
  }

  @Test
  void closing_a_closed_ticket_says_so_and_changes_nothing() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket t = h.open(g, "alice", "question");
    MessageView confirm = askToClose(g, t, "alice");
    g.as("alice").click(confirm.id(), text(MessageKey.BUTTON_CLOSE_CONFIRM)).awaitReply();
    int mark = h.emu.requests().mark();

    MessageView again = g.as("moderator").slash(t.threadId(), "ticket close").awaitReply();
    assertThat(h.bot().effects().awaitIdle(t.id(), java.time.Duration.ofSeconds(30))).isTrue();

    String already = text(MessageKey.ERROR_ALREADY_CLOSED, 1, g.user("alice"));
    assertThat(again.text()).isEqualTo(already);
    // the confirmation cannot be pressed again: its buttons are gone
    assertThatThrownBy(() -> g.as("alice").click(confirm.id(),
        text(MessageKey.BUTTON_CLOSE_CONFIRM))).isInstanceOf(Actor.NotAllowedInClient.class);
    assertThat(h.sent(mark, THREAD_PATCH)).isEmpty();
    assertThat(h.sent(mark, POST_MESSAGE)).isEmpty();
    assertThat(h.sent(mark, OPEN_DM)).isEmpty();
  }

  @Test
  void closed_dms_do_not_stop_the_close_and_the_closer_is_told() {
    TestGuild g = h.guild(b -> b.memberWithClosedDms("dana", "Member"));
    h.enableTickets(g);
    Ticket t = h.open(g, "dana", "question");

    MessageView confirm = askToClose(g, t, "moderator");
    MessageView done = g.as("moderator").click(confirm.id(),
        text(MessageKey.BUTTON_CLOSE_CONFIRM)).awaitReply();

    // refused with 50007: the lookup that follows finds dana still a member (closed DMs)
    assertThat(done.text()).contains(text(MessageKey.TICKET_CLOSED_REPLY, 1),
        text(MessageKey.TICKET_CLOSED_DM_FAILED, g.user("dana")),
        text(MessageKey.TICKET_CLOSED_LOGGED, g.channel("mod-log")));
    assertThat(g.thread("[Closed] Ticket #1").orElseThrow().locked()).isTrue();
    assertThat(h.ticketByThread(t.threadId()).orElseThrow().state()).isEqualTo(TicketState.CLOSED);
  }

  @Test
  void the_transcript_channel_is_preferred_over_the_modlog() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    h.configure(g, "transcript_channel", "<#" + g.channel("transcripts") + ">");
    Ticket t = h.open(g, "alice", "question");

    MessageView confirm = askToClose(g, t, "alice");
    MessageView done = g.as("alice").click(confirm.id(), text(MessageKey.BUTTON_CLOSE_CONFIRM))
        .awaitReply();

    assertThat(done.text()).contains(text(MessageKey.TICKET_CLOSED_LOGGED,
        g.channel("transcripts")));
    assertThat(g.messages("transcripts")).hasSize(1);
    assertThat(g.messages("mod-log")).isEmpty();
  }

  @Test
  void a_deleted_log_channel_does_not_stop_the_close_and_the_closer_is_told() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket t = h.open(g, "alice", "question");
    long modlog = g.channel("mod-log");
    g.as("admin").deleteChannel(modlog);

    MessageView confirm = askToClose(g, t, "alice");
    MessageView done = g.as("alice").click(confirm.id(), text(MessageKey.BUTTON_CLOSE_CONFIRM))
        .awaitReply();

    assertThat(done.text()).contains(text(MessageKey.TICKET_CLOSED_REPLY, 1),
        text(MessageKey.TICKET_CLOSED_LOG_FAILED, modlog));
    assertThat(g.thread("[Closed] Ticket #1").orElseThrow().archived()).isTrue();
    assertThat(h.ticketByThread(t.threadId()).orElseThrow().state()).isEqualTo(TicketState.CLOSED);
  }

  @Test
  void close_outside_a_ticket_is_refused() {
    TestGuild g = h.guild();
    h.enableTickets(g);

    MessageView reply = g.as("moderator").slash(g.channel("general"), "ticket close")
        .awaitReply();

    assertThat(reply.text()).isEqualTo(text(MessageKey.ERROR_NOT_A_TICKET));
  }

  @Test
  void a_ticket_thread_without_a_row_is_adopted_with_the_creator_from_the_bots_first_message() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    // A ticket the original bot made: no row, but thread, name and first message as it left them.
    h.bot().core().database().tickets().raiseCounter(g.id, 5);
    long threadId;
    synchronized (h.emu.state()) {
      var s = h.emu.state();
      var thread = s.createThread(s.channel(g.channel("tickets")), 12, "Ticket #4", s.botUserId,
          false, 10080);
      s.addThreadMember(thread, g.user("alice"));
      s.postMessage(thread, s.botUserId, "<@" + g.user("alice") + "> ||<@&" + g.role("Staff")
          + ">||", null, null, 0, null, null, null);
      threadId = thread.id;
    }
    h.awaitBot("the bot sees the legacy thread",
        () -> h.bot().shards().getThreadChannelById(threadId) != null);

    MessageView confirm = g.as("alice").slash(threadId, "ticket close").awaitReply();
    MessageView done = g.as("alice").click(confirm.id(), text(MessageKey.BUTTON_CLOSE_CONFIRM))
        .awaitReply();

    assertThat(confirm.text()).isEqualTo(text(MessageKey.TICKET_CLOSE_CONFIRM, 4));
    assertThat(done.text()).startsWith(text(MessageKey.TICKET_CLOSED_REPLY, 4));
    Ticket adopted = h.ticketByThread(threadId).orElseThrow();
    assertThat(adopted.creatorId()).isEqualTo(g.user("alice"));
    assertThat(adopted.state()).isEqualTo(TicketState.CLOSED);
    assertThat(h.emu.requests().all()).anyMatch(r -> r.route()
        .equals("GET /channels/{channel_id}/messages") && r.path().contains("/" + threadId + "/"));
  }
}
