package dev.tiramisu.tickets.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.driver.ThreadView;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketState;
import java.util.List;
import org.assertj.core.api.SoftAssertions;

/**
 * The end state every ticket must reach, however Discord failed or the bot died on the way: the
 * numbers 1..N without gaps or duplicates, and for each ticket either FAILED (and nothing on
 * Discord), or complete: one thread, the creator in it, one first message pinned, and once
 * closed: renamed, locked, archived, one "closed" post, one DM, one log line.
 */
final class LifecycleChecks {
  private LifecycleChecks() {}

  /**
   * @param tickets the guild's tickets, in number order
   * @param expectClosed whether every complete ticket must also be closed
   */
  static void assertEndState(TestGuild g, long bot, List<Ticket> tickets,
      boolean expectClosed) {
    SoftAssertions soft = new SoftAssertions();
    for (int i = 0; i < tickets.size(); i++) {
      soft.assertThat(tickets.get(i).number()).as("numbers 1..N").isEqualTo(i + 1);
    }
    for (Ticket t : tickets) {
      String name = "Ticket #" + t.number();
      List<ThreadView> named = g.threads().stream()
          .filter(th -> th.name().equals(name) || th.name().equals("[Closed] " + name)).toList();
      if (t.state() == TicketState.FAILED) {
        soft.assertThat(named).as("#%d failed: no thread", t.number()).isEmpty();
        continue;
      }
      soft.assertThat(named).as("#%d: exactly one thread", t.number()).hasSize(1);
      if (named.size() != 1) {
        continue;
      }
      ThreadView thread = named.get(0);
      soft.assertThat(t.threadId()).as("#%d thread recorded", t.number()).isEqualTo(thread.id());
      soft.assertThat(thread.memberIds()).as("#%d creator in thread", t.number())
          .contains(t.creatorId());
      List<MessageView> posts = g.messages(thread.id()).stream()
          .filter(m -> m.authorId() == bot).toList();
      List<MessageView> firsts = posts.stream()
          .filter(m -> m.text().contains("opened this ticket")).toList();
      soft.assertThat(firsts).as("#%d: one first message", t.number()).hasSize(1);
      if (firsts.size() == 1) {
        soft.assertThat(t.firstMessageId()).as("#%d first message recorded", t.number())
            .isEqualTo(firsts.get(0).id());
        soft.assertThat(thread.pins()).as("#%d first message pinned", t.number())
            .containsExactly(firsts.get(0).id());
      }
      List<MessageView> closedPosts = posts.stream()
          .filter(m -> m.text().contains("was closed by")).toList();
      long dms = g.dms(username(g, t.creatorId())).stream()
          .filter(m -> m.text().startsWith("Your ticket #" + t.number() + " on ")).count();
      long logs = g.messages("mod-log").stream()
          .filter(m -> m.text().startsWith("Ticket #" + t.number() + " opened by")).count();
      if (expectClosed || t.state() == TicketState.CLOSED) {
        soft.assertThat(t.state()).as("#%d closed", t.number()).isEqualTo(TicketState.CLOSED);
        soft.assertThat(thread.name()).as("#%d renamed", t.number()).isEqualTo("[Closed] " + name);
        soft.assertThat(thread.archived()).as("#%d archived", t.number()).isTrue();
        soft.assertThat(thread.locked()).as("#%d locked", t.number()).isTrue();
        soft.assertThat(closedPosts).as("#%d: one closed post", t.number()).hasSize(1);
        soft.assertThat(dms).as("#%d: one DM", t.number()).isEqualTo(1);
        soft.assertThat(logs).as("#%d: one log line", t.number()).isEqualTo(1);
      } else {
        soft.assertThat(closedPosts).as("#%d open: no closed post", t.number()).isEmpty();
        soft.assertThat(dms).as("#%d open: no DM", t.number()).isZero();
      }
    }
    soft.assertAll();
  }

  private static String username(TestGuild g, long userId) {
    for (String u : List.of("alice", "bob", "moderator", "admin")) {
      if (g.user(u) == userId) {
        return u;
      }
    }
    throw new AssertionError("unknown user " + userId);
  }
}
