package dev.tiramisu.tickets.e2e;

import static dev.tiramisu.tickets.e2e.BotHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.Claim;
import dev.tiramisu.tickets.ticket.Ticket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Claiming (issue 11): the Claim button and command, races, transfer, unclaim, claim_notice. */
class ClaimE2ETest extends SingleBotE2ETest {

  private MessageView firstMessage(TestGuild g, Ticket t) {
    return g.message(t.firstMessageId()).orElseThrow();
  }

  private void settled(Ticket t) {
    assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(30))).as("effects settled")
        .isTrue();
  }

  private Optional<Claim> claimOf(Ticket t) {
    return h.bot().core().claims().claimOf(t.id());
  }

  private static boolean disabled(MessageView m, String label) {
    return m.allComponents().stream()
        .filter(c -> label.equals(c.path("label").asText()))
        .map(c -> c.path("disabled").asBoolean(false)).findFirst().orElseThrow();
  }

  /** Messages everyone in the thread sees (not the ephemeral answers). */
  private static long posts(TestGuild g, Ticket t) {
    return g.messages(t.threadId()).stream().filter(m -> m.visibleTo() == null).count();
  }

  private static List<String> lines(TestGuild g, String channel) {
    return g.messages(channel).stream().map(MessageView::text).toList();
  }

  @Test
  void the_claim_button_shows_the_claimer_by_editing_the_first_message_and_logs_it() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket t = h.open(g, "alice", "printer on fire");
    MessageView before = firstMessage(g, t);
    assertThat(before.buttonLabels()).containsExactly(text(MessageKey.BUTTON_CLOSE_TICKET),
        text(MessageKey.BUTTON_CLAIM));
    long postsBefore = posts(g, t);

    MessageView reply = g.as("moderator").click(before.id(), text(MessageKey.BUTTON_CLAIM))
        .awaitReply();
    settled(t);

    assertThat(reply.text()).isEqualTo(text(MessageKey.TICKET_CLAIMED_REPLY, 1));
    assertThat(reply.ephemeral()).isTrue();
    MessageView after = firstMessage(g, t);
    assertThat(after.id()).isEqualTo(before.id());
    assertThat(after.text()).startsWith(before.text())
        .endsWith(text(MessageKey.TICKET_CLAIMED_LINE, g.user("moderator")));
    assertThat(after.buttonLabels()).containsExactly(text(MessageKey.BUTTON_CLOSE_TICKET),
        text(MessageKey.BUTTON_CLAIMED));
    assertThat(disabled(after, text(MessageKey.BUTTON_CLAIMED))).isTrue();
    assertThat(disabled(after, text(MessageKey.BUTTON_CLOSE_TICKET))).isFalse();
    assertThat(posts(g, t)).isEqualTo(postsBefore); // edited, nothing posted
    assertThat(claimOf(t)).map(Claim::claimerId).contains(g.user("moderator"));
    assertThat(lines(g, "mod-log")).contains(
        text(MessageKey.TICKET_CLAIMED_LOG, 1, g.user("moderator"), t.threadId()));
  }

  @Test
  void two_staff_claiming_at_once_make_exactly_one_claimer_and_the_other_is_told_who() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket t = h.open(g, "alice", "race");

    InteractionHandle a = g.as("admin").slash(t.threadId(), "ticket claim");
    InteractionHandle m = g.as("moderator").slash(t.threadId(), "ticket claim");
    List<String> answers = List.of(a.awaitReply().text(), m.awaitReply().text());
    settled(t);

    long winner = claimOf(t).orElseThrow().claimerId();
    assertThat(winner).isIn(g.user("admin"), g.user("moderator"));
    assertThat(answers).containsExactlyInAnyOrder(text(MessageKey.TICKET_CLAIMED_REPLY, 1),
        text(MessageKey.ERROR_ALREADY_CLAIMED, 1, winner));
    assertThat(firstMessage(g, t).text())
        .endsWith(text(MessageKey.TICKET_CLAIMED_LINE, winner));
    assertThat(g.messages("mod-log")).filteredOn(l -> l.text().startsWith("Ticket #1 was claimed"))
        .hasSize(1);
  }

  @Test
  void members_cannot_claim_and_a_claim_twice_says_so() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket t = h.open(g, "alice", "question");

    assertThat(g.as("alice").slash(t.threadId(), "ticket claim").awaitReply().text())
        .isEqualTo(text(MessageKey.ERROR_CLAIM_STAFF_ONLY));
    g.as("moderator").slash(t.threadId(), "ticket claim").awaitReply();
    assertThat(g.as("moderator").slash(t.threadId(), "ticket claim").awaitReply().text())
        .isEqualTo(text(MessageKey.ERROR_ALREADY_CLAIMED_BY_YOU, 1));
    assertThat(g.as("moderator").slash(g.channel("general"), "ticket claim").awaitReply().text())
        .isEqualTo(text(MessageKey.ERROR_NOT_A_TICKET));
    assertThat(g.as("alice").slash(t.threadId(), "ticket unclaim").awaitReply().text())
        .isEqualTo(text(MessageKey.ERROR_UNCLAIM_NOT_ALLOWED, 1, g.user("moderator")));
  }

  @Test
  void transfer_refuses_non_staff_bots_and_the_holder_then_moves_the_claim_and_unclaim_frees_it() {
    TestGuild g = h.guild(b -> b.member("mod2", "Staff"));
    h.enableTickets(g);
    Ticket t = h.open(g, "alice", "handover");
    g.as("moderator").slash(t.threadId(), "ticket claim").awaitReply();

    assertThat(transfer(g, t, "moderator", g.user("alice")))
        .isEqualTo(text(MessageKey.ERROR_TRANSFER_NOT_STAFF, g.user("alice")));
    assertThat(transfer(g, t, "moderator", h.emu.botUserId()))
        .isEqualTo(text(MessageKey.ERROR_TARGET_BOT, h.emu.botUserId()));
    assertThat(transfer(g, t, "moderator", g.user("moderator")))
        .isEqualTo(text(MessageKey.ERROR_TRANSFER_SAME, 1, g.user("moderator")));
    assertThat(transfer(g, t, "mod2", g.user("mod2")))
        .as("only the holder (or Manage Server) may transfer")
        .isEqualTo(text(MessageKey.ERROR_TRANSFER_NOT_ALLOWED, 1, g.user("moderator")));

    assertThat(transfer(g, t, "moderator", g.user("mod2")))
        .isEqualTo(text(MessageKey.TICKET_TRANSFERRED_REPLY, 1, g.user("mod2")));
    settled(t);
    assertThat(claimOf(t)).map(Claim::claimerId).contains(g.user("mod2"));
    assertThat(firstMessage(g, t).text()).endsWith(text(MessageKey.TICKET_CLAIMED_LINE,
        g.user("mod2")));
    assertThat(lines(g, "mod-log")).contains(text(MessageKey.TICKET_TRANSFERRED_LOG, 1,
        g.user("moderator"), g.user("mod2"), g.user("moderator"), t.threadId()));

    assertThat(g.as("moderator").slash(t.threadId(), "ticket unclaim").awaitReply().text())
        .isEqualTo(text(MessageKey.ERROR_UNCLAIM_NOT_ALLOWED, 1, g.user("mod2")));
    assertThat(g.as("mod2").slash(t.threadId(), "ticket unclaim").awaitReply().text())
        .isEqualTo(text(MessageKey.TICKET_UNCLAIMED_REPLY, 1));
    settled(t);
    assertThat(claimOf(t)).isEmpty();
    MessageView first = firstMessage(g, t);
    assertThat(first.text()).doesNotContain(text(MessageKey.TICKET_CLAIMED_LINE, g.user("mod2")));
    assertThat(disabled(first, text(MessageKey.BUTTON_CLAIM))).isFalse();
    assertThat(lines(g, "mod-log")).contains(text(MessageKey.TICKET_UNCLAIMED_LOG, 1,
        g.user("mod2"), g.user("mod2"), t.threadId()));
    assertThat(g.as("mod2").slash(t.threadId(), "ticket unclaim").awaitReply().text())
        .isEqualTo(text(MessageKey.ERROR_NOT_CLAIMED, 1));
  }

  private String transfer(TestGuild g, Ticket t, String as, long to) {
    return g.as(as).slash(t.threadId(), "ticket transfer", Map.of("member", to)).awaitReply()
        .text();
  }

  @Test
  void other_staff_closing_a_claimed_ticket_are_told_who_holds_it_unless_claim_notice_is_off() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket t = h.open(g, "alice", "noticed");
    g.as("moderator").slash(t.threadId(), "ticket claim").awaitReply();

    MessageView byAdmin = g.as("admin").slash(t.threadId(), "ticket close").awaitReply();
    MessageView byHolder = g.as("moderator").slash(t.threadId(), "ticket close").awaitReply();
    MessageView byCreator = g.as("alice").slash(t.threadId(), "ticket close").awaitReply();
    h.configure(g, "claim_notice", "off");
    MessageView noticeOff = g.as("admin").slash(t.threadId(), "ticket close").awaitReply();

    String notice = text(MessageKey.TICKET_CLAIM_NOTICE, g.user("moderator"));
    assertThat(byAdmin.text()).isEqualTo(text(MessageKey.TICKET_CLOSE_CONFIRM, 1) + "\n" + notice);
    assertThat(byAdmin.buttonLabels()).contains(text(MessageKey.BUTTON_CLOSE_CONFIRM));
    assertThat(byHolder.text()).isEqualTo(text(MessageKey.TICKET_CLOSE_CONFIRM, 1));
    assertThat(byCreator.text()).isEqualTo(text(MessageKey.TICKET_CLOSE_CONFIRM, 1));
    assertThat(noticeOff.text()).isEqualTo(text(MessageKey.TICKET_CLOSE_CONFIRM, 1));

    // not blocked: the admin's confirmation closes it
    MessageView closed = g.as("admin").click(byAdmin.id(), text(MessageKey.BUTTON_CLOSE_CONFIRM))
        .awaitReply();
    assertThat(closed.text()).startsWith(text(MessageKey.TICKET_CLOSED_REPLY, 1));
    settled(t);
    // every confirmation of the ticket lost its buttons, the first message too
    for (MessageView c : List.of(byAdmin, byHolder, byCreator, noticeOff)) {
      assertThat(g.message(c.id()).orElseThrow().buttonLabels()).as("confirmation %s", c.id())
          .isEmpty();
    }
    assertThat(firstMessage(g, t).buttonLabels()).isEmpty();
    assertThat(firstMessage(g, t).text()).endsWith(text(MessageKey.TICKET_CLAIMED_LINE,
        g.user("moderator")));
    assertThat(g.as("moderator").slash(t.threadId(), "ticket unclaim").awaitReply().text())
        .isEqualTo(text(MessageKey.ERROR_TICKET_CLOSED, 1));
  }

}
