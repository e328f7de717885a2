package dev.tiramisu.tickets.e2e;

import static dev.tiramisu.tickets.e2e.BotHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.driver.ThreadView;
import dev.tiramisu.tickets.discord.TimerScheduler;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.CloseRequest;
import dev.tiramisu.tickets.ticket.SystemReasons;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /ticket closerequest} through the emulator and the real JDA client: the creator's
 * Accept / Keep open buttons, the creator writing, and deadlines reached by moving the bot's clock
 * and sweeping the timers by hand (never by waiting).
 */
class CloseRequestE2ETest extends ClockedBotTest {
  CloseRequestE2ETest() {
    super(Instant.now());
  }

  private MessageView ask(TestGuild g, Ticket t, String user, String reason, String after) {
    Map<String, Object> options = new HashMap<>();
    if (reason != null) {
      options.put("reason", reason);
    }
    if (after != null) {
      options.put("after", after);
    }
    return g.as(user).slash(t.threadId(), "ticket closerequest", options).awaitReply();
  }

  /** The bot's message in the thread with the close request's buttons. */
  private MessageView requestMessage(TestGuild g, Ticket t, CloseRequest r) {
    return g.message(r.messageId()).orElseThrow();
  }

  private CloseRequest pending(Ticket t) {
    return h.bot().core().database().timers().pendingCloseRequest(t.id()).orElseThrow();
  }

  private CloseRequest reload(CloseRequest r) {
    return h.bot().core().timers().findCloseRequest(r.id()).orElseThrow();
  }

  private Ticket settled(Ticket t) {
    assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(30))).isTrue();
    return h.bot().core().tickets().find(t.id()).orElseThrow();
  }

  private Ticket openTicket(TestGuild g) {
    h.enableTickets(g);
    return h.open(g, "alice", "printer");
  }

  @Test
  void accepted_by_the_creator_closes_with_the_reason_and_others_are_refused() {
    TestGuild g = h.guild();
    Ticket t = openTicket(g);

    MessageView reply = ask(g, t, "moderator", "fixed the printer", null);

    assertThat(reply.ephemeral()).isTrue();
    assertThat(reply.text()).isEqualTo(text(MessageKey.CLOSE_REQUEST_SENT, g.user("alice")));
    CloseRequest r = pending(t);
    settled(t); // the log line comes after the post the answer waited for
    MessageView posted = requestMessage(g, t, r);
    assertThat(posted.text()).isEqualTo(text(MessageKey.CLOSE_REQUEST_MESSAGE, g.user("alice"),
        g.user("moderator"), "fixed the printer"));
    assertThat(posted.pingedUsers()).containsExactly(g.user("alice"));
    assertThat(posted.buttonLabels()).containsExactly(
        text(MessageKey.BUTTON_CLOSE_REQUEST_ACCEPT), text(MessageKey.BUTTON_CLOSE_REQUEST_KEEP));
    assertThat(g.messages("mod-log")).last().satisfies(log -> assertThat(log.text()).isEqualTo(
        text(MessageKey.LOG_CLOSE_REQUESTED, t.number(), g.user("moderator"), g.user("alice"),
            "fixed the printer", t.threadId())));

    MessageView refused = g.as("moderator")
        .click(posted.id(), text(MessageKey.BUTTON_CLOSE_REQUEST_ACCEPT)).awaitReply();
    assertThat(refused.ephemeral()).isTrue();
    assertThat(refused.text()).isEqualTo(
        text(MessageKey.ERROR_CLOSE_REQUEST_NOT_YOURS, g.user("alice")));
    assertThat(settled(t).state()).isEqualTo(TicketState.OPEN);

    MessageView accepted = g.as("alice")
        .click(posted.id(), text(MessageKey.BUTTON_CLOSE_REQUEST_ACCEPT)).awaitReply();

    assertThat(accepted.text()).isEqualTo(text(MessageKey.TICKET_CLOSED_REPLY, t.number()));
    Ticket closed = settled(t);
    assertThat(closed.state()).isEqualTo(TicketState.CLOSED);
    assertThat(closed.closedById()).isEqualTo(g.user("alice"));
    assertThat(closed.closeReason()).isEqualTo("fixed the printer");
    ThreadView thread = g.threads().stream().filter(th -> th.id() == t.threadId()).findFirst()
        .orElseThrow();
    assertThat(thread.locked()).isTrue();
    assertThat(thread.archived()).isTrue();
    MessageView edited = g.message(posted.id()).orElseThrow();
    assertThat(edited.buttonLabels()).isEmpty();
    assertThat(edited.text()).isEqualTo(text(MessageKey.CLOSE_REQUEST_OUTCOME_ACCEPTED,
        g.user("moderator"), g.user("alice")));
    assertThat(g.messages("mod-log")).last().satisfies(log -> assertThat(log.text())
        .startsWith(text(MessageKey.TICKET_CLOSED_LOG, t.number(), g.user("alice"),
            g.user("alice"), "fixed the printer", t.threadId()) + "\n"));
    assertThat(g.dms("alice")).hasSize(1);
  }

  @Test
  void keep_open_cancels_it_and_removes_the_buttons() {
    TestGuild g = h.guild();
    Ticket t = openTicket(g);
    ask(g, t, "moderator", null, "24h");
    CloseRequest r = pending(t);

    MessageView kept = g.as("alice")
        .click(r.messageId(), text(MessageKey.BUTTON_CLOSE_REQUEST_KEEP)).awaitReply();

    assertThat(kept.text()).isEqualTo(text(MessageKey.TICKET_CLOSE_CANCELLED));
    settled(t);
    assertThat(reload(r).state()).isEqualTo(CloseRequest.State.KEPT_OPEN);
    MessageView edited = g.message(r.messageId()).orElseThrow();
    assertThat(edited.buttonLabels()).isEmpty();
    assertThat(edited.text()).isEqualTo(text(MessageKey.CLOSE_REQUEST_OUTCOME_KEPT_OPEN,
        g.user("moderator"), g.user("alice")));
    assertThat(g.messages("mod-log")).last().satisfies(log -> assertThat(log.text()).isEqualTo(
        text(MessageKey.LOG_CLOSE_REQUEST_KEPT_OPEN, t.number(), g.user("alice"),
            t.threadId())));

    clock.advance(Duration.ofHours(25));
    TimerScheduler.Sweep sweep = h.bot().timers().sweepOnce();
    assertThat(sweep.expired()).isZero();
    assertThat(settled(t).state()).isEqualTo(TicketState.OPEN);
  }

  @Test
  void the_creator_writing_in_the_ticket_cancels_the_deadline() {
    TestGuild g = h.guild();
    Ticket t = openTicket(g);
    MessageView reply = ask(g, t, "moderator", null, "24h");
    CloseRequest r = pending(t);
    assertThat(reply.text()).isEqualTo(text(MessageKey.CLOSE_REQUEST_SENT_DUE, g.user("alice"),
        r.dueAt().getEpochSecond()));

    g.as("moderator").post(t.threadId(), "staff writing does not cancel it either");
    g.as("alice").post(t.threadId(), "wait, one more question");

    h.emu.await("the request cancelled",
        () -> reload(r).state() == CloseRequest.State.CANCELLED);
    settled(t);
    MessageView edited = g.message(r.messageId()).orElseThrow();
    assertThat(edited.buttonLabels()).isEmpty();
    assertThat(edited.text()).isEqualTo(text(MessageKey.CLOSE_REQUEST_OUTCOME_CANCELLED,
        g.user("moderator"), g.user("alice")));
    assertThat(g.messages("mod-log")).last().satisfies(log -> assertThat(log.text()).isEqualTo(
        text(MessageKey.LOG_CLOSE_REQUEST_CANCELLED, t.number(), g.user("alice"),
            t.threadId())));
    clock.advance(Duration.ofHours(25));
    assertThat(h.bot().timers().sweepOnce().expired()).isZero();
    assertThat(settled(t).state()).isEqualTo(TicketState.OPEN);
  }

  @Test
  void without_an_answer_the_ticket_closes_by_itself_at_the_deadline_once() {
    TestGuild g = h.guild();
    Ticket t = openTicket(g);
    ask(g, t, "moderator", null, "1h");
    CloseRequest r = pending(t);

    clock.advance(Duration.ofMinutes(59));
    assertThat(h.bot().timers().sweepOnce().expired()).isZero();
    assertThat(settled(t).state()).isEqualTo(TicketState.OPEN);
    clock.advance(Duration.ofMinutes(1));
    assertThat(h.bot().timers().sweepOnce().expired()).isEqualTo(1);
    assertThat(h.bot().timers().sweepOnce().expired()).isZero();

    Ticket closed = settled(t);
    assertThat(closed.state()).isEqualTo(TicketState.CLOSED);
    assertThat(closed.closedById()).isEqualTo(h.bot().shards().getShards().get(0).getSelfUser()
        .getIdLong());
    assertThat(closed.closeReason()).isEqualTo(SystemReasons.of(MessageKey.CLOSE_REQUEST_EXPIRED_REASON));
    assertThat(reload(r).state()).isEqualTo(CloseRequest.State.EXPIRED);
    assertThat(g.message(r.messageId()).orElseThrow().text()).isEqualTo(text(
        MessageKey.CLOSE_REQUEST_OUTCOME_EXPIRED, g.user("moderator"), g.user("alice")));
    List<MessageView> inThread = g.messages(t.threadId());
    assertThat(inThread.stream().filter(m -> m.text().startsWith("This ticket was closed by")))
        .hasSize(1);
    assertThat(g.dms("alice")).hasSize(1);
  }

  @Test
  void a_new_request_replaces_the_old_one_and_bad_requests_are_refused() {
    TestGuild g = h.guild();
    Ticket t = openTicket(g);
    ask(g, t, "moderator", "first", null);
    CloseRequest first = pending(t);

    ask(g, t, "moderator", "second", "2d");

    CloseRequest second = pending(t);
    assertThat(second.id()).isNotEqualTo(first.id());
    settled(t);
    assertThat(reload(first).state()).isEqualTo(CloseRequest.State.REPLACED);
    assertThat(g.message(first.messageId()).orElseThrow().buttonLabels()).isEmpty();
    assertThat(g.message(second.messageId()).orElseThrow().buttonLabels()).hasSize(2);

    assertThat(ask(g, t, "alice", null, null).text()).isEqualTo(text(MessageKey.ERROR_STAFF_ONLY));
    assertThat(ask(g, t, "moderator", null, "5m").text()).isEqualTo(text(
        MessageKey.ERROR_DURATION_RANGE, "5m", "10m", "30d"));
    assertThat(ask(g, t, "moderator", null, "tomorrow").text()).isEqualTo(text(
        MessageKey.ERROR_DURATION_INVALID, "tomorrow"));
    MessageView outside = g.as("moderator").slash(g.channel("general"), "ticket closerequest",
        Map.of()).awaitReply();
    assertThat(outside.text()).isEqualTo(text(MessageKey.ERROR_NOT_A_TICKET));
    assertThat(settled(t).state()).isEqualTo(TicketState.OPEN);
  }
}
