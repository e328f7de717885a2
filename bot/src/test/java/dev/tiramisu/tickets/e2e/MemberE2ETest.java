package dev.tiramisu.tickets.e2e;

import static dev.tiramisu.tickets.e2e.BotHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.Ticket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /ticket add} and {@code /ticket remove} (issue 11), with every refusal. */
class MemberE2ETest extends SingleBotE2ETest {

  private String run(TestGuild g, Ticket t, String as, String command, long user) {
    return g.as(as).slash(t.threadId(), "ticket " + command, Map.of("member", user)).awaitReply()
        .text();
  }

  private void settled(Ticket t) {
    assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(30))).isTrue();
  }

  private boolean inThread(Ticket t, long user) {
    synchronized (h.emu.state()) {
      return h.emu.state().channel(t.threadId()).memberIds.contains(user);
    }
  }

  private MessageView lastPost(TestGuild g, Ticket t) {
    List<MessageView> all = g.messages(t.threadId()).stream()
        .filter(m -> m.visibleTo() == null).toList();
    return all.get(all.size() - 1);
  }

  @Test
  void staff_add_and_remove_a_member_with_a_post_that_pings_only_the_added_member_and_a_log() {
    TestGuild g = h.guild(b -> b.member("carol", "Member"));
    h.enableTickets(g);
    Ticket t = h.open(g, "alice", "need carol");
    long carol = g.user("carol");
    assertThat(inThread(t, carol)).isFalse();

    assertThat(run(g, t, "moderator", "add", carol))
        .isEqualTo(text(MessageKey.TICKET_MEMBER_ADDED_REPLY, carol, 1));
    settled(t);
    assertThat(inThread(t, carol)).isTrue();
    MessageView added = lastPost(g, t);
    assertThat(added.text()).isEqualTo(text(MessageKey.TICKET_MEMBER_ADDED_MESSAGE,
        g.user("moderator"), carol));
    assertThat(added.pingedUsers()).containsExactly(carol);
    assertThat(g.messages("mod-log")).extracting(MessageView::text).contains(
        text(MessageKey.TICKET_MEMBER_ADDED_LOG, 1, carol, g.user("moderator"), t.threadId()));
    assertThat(run(g, t, "moderator", "add", carol))
        .isEqualTo(text(MessageKey.ERROR_ALREADY_IN_TICKET, carol, 1));

    assertThat(run(g, t, "moderator", "remove", carol))
        .isEqualTo(text(MessageKey.TICKET_MEMBER_REMOVED_REPLY, carol, 1));
    settled(t);
    assertThat(inThread(t, carol)).isFalse();
    MessageView removed = lastPost(g, t);
    assertThat(removed.text()).isEqualTo(text(MessageKey.TICKET_MEMBER_REMOVED_MESSAGE,
        g.user("moderator"), carol));
    assertThat(removed.pingedUsers()).isEmpty();
    assertThat(g.messages("mod-log")).extracting(MessageView::text).contains(
        text(MessageKey.TICKET_MEMBER_REMOVED_LOG, 1, carol, g.user("moderator"), t.threadId()));
    assertThat(run(g, t, "moderator", "remove", carol))
        .isEqualTo(text(MessageKey.ERROR_NOT_IN_TICKET, carol, 1));
  }

  @Test
  void the_creator_bots_and_non_members_are_refused_with_a_reason() {
    TestGuild g = h.guild(b -> b.member("dave", "Member"));
    h.enableTickets(g);
    Ticket t = h.open(g, "alice", "refusals");
    long dave = g.user("dave");
    g.as("dave").leaveGuild(g.id);
    MessageView last = lastPost(g, t);

    assertThat(run(g, t, "moderator", "remove", g.user("alice")))
        .isEqualTo(text(MessageKey.ERROR_REMOVE_CREATOR, g.user("alice"), 1));
    assertThat(run(g, t, "moderator", "add", h.emu.botUserId()))
        .isEqualTo(text(MessageKey.ERROR_TARGET_BOT, h.emu.botUserId()));
    assertThat(run(g, t, "moderator", "add", dave))
        .isEqualTo(text(MessageKey.ERROR_TARGET_NOT_MEMBER, dave));
    assertThat(g.as("moderator").slash(g.channel("general"), "ticket add",
        Map.of("member", g.user("bob"))).awaitReply().text())
        .isEqualTo(text(MessageKey.ERROR_NOT_A_TICKET));
    settled(t);
    assertThat(lastPost(g, t)).isEqualTo(last);
    assertThat(h.bot().core().effects().forTicket(t.id()))
        .noneMatch(e -> e.kind().name().endsWith("_MEMBER"));
  }

  @Test
  void the_creator_may_add_only_when_creator_can_add_is_on_and_may_never_remove() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket t = h.open(g, "alice", "bring bob");
    long bob = g.user("bob");

    assertThat(run(g, t, "alice", "add", bob))
        .isEqualTo(text(MessageKey.ERROR_ADD_STAFF_ONLY, 1));
    h.configure(g, "creator_can_add", "on");
    assertThat(run(g, t, "alice", "add", bob))
        .isEqualTo(text(MessageKey.TICKET_MEMBER_ADDED_REPLY, bob, 1));
    settled(t);
    assertThat(inThread(t, bob)).isTrue();
    assertThat(run(g, t, "alice", "remove", bob))
        .isEqualTo(text(MessageKey.ERROR_REMOVE_STAFF_ONLY, 1));
    assertThat(run(g, t, "bob", "add", g.user("moderator")))
        .isEqualTo(text(MessageKey.ERROR_ADD_NOT_ALLOWED, 1));
  }

  @Test
  void staff_adding_to_a_ticket_someone_else_claimed_are_told_who_holds_it() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket t = h.open(g, "alice", "claimed");
    g.as("moderator").slash(t.threadId(), "ticket claim").awaitReply();

    assertThat(run(g, t, "admin", "add", g.user("bob"))).isEqualTo(
        text(MessageKey.TICKET_MEMBER_ADDED_REPLY, g.user("bob"), 1) + "\n"
            + text(MessageKey.TICKET_CLAIM_NOTICE, g.user("moderator")));
  }
}
