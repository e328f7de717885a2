package dev.tiramisu.tickets.e2e;

import static dev.tiramisu.tickets.e2e.BotHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.driver.ThreadView;
import dev.tiramisu.tickets.discord.TimerScheduler;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.SystemReasons;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Auto-close on inactivity through the emulator and the real JDA client: {@code autoclose_after}
 * 72h with {@code autoclose_warning} 24h; time passes by moving the bot's clock and sweeping the
 * timers by hand.
 */
class AutoCloseE2ETest extends ClockedBotTest {
  static final Duration H = Duration.ofHours(1);

  AutoCloseE2ETest() {
    super(Instant.now());
  }

  private Ticket openTicket(TestGuild g) {
    h.enableTickets(g);
    h.configure(g, "autoclose_after", "72h", "autoclose_warning", "24h");
    return h.open(g, "alice", "printer");
  }

  private TimerScheduler.Sweep sweep() {
    return h.bot().timers().sweepOnce();
  }

  private Ticket settled(Ticket t) {
    assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(30))).isTrue();
    return h.bot().core().tickets().find(t.id()).orElseThrow();
  }

  private List<MessageView> warnings(TestGuild g, Ticket t) {
    return g.messages(t.threadId()).stream()
        .filter(m -> m.text().contains("quiet for a while")).toList();
  }

  private ThreadView thread(TestGuild g, Ticket t) {
    return g.threads().stream().filter(th -> th.id() == t.threadId()).findFirst().orElseThrow();
  }

  private Long lastActivity(Ticket t) {
    try (Connection c = h.bot().core().database().dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT last_activity_at FROM ticket_activity WHERE ticket_id = ?")) {
      ps.setLong(1, t.id());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void an_idle_ticket_is_warned_once_then_closed_as_inactive() {
    TestGuild g = h.guild();
    Ticket t = openTicket(g);

    clock.advance(H.multipliedBy(47));
    sweep();
    assertThat(warnings(g, settled(t))).isEmpty();
    clock.advance(H);
    sweep();
    sweep();
    settled(t);

    assertThat(warnings(g, t)).singleElement().satisfies(w -> {
      assertThat(w.text()).isEqualTo(text(MessageKey.AUTOCLOSE_WARNING_MESSAGE, g.user("alice"),
          clock.instant().plus(H.multipliedBy(24)).toEpochMilli() / 1000));
      assertThat(w.pingedUsers()).containsExactly(g.user("alice"));
    });
    assertThat(g.messages("mod-log")).last().satisfies(log -> assertThat(log.text())
        .startsWith("Ticket #" + t.number() + " is inactive"));

    clock.advance(H.multipliedBy(23));
    sweep();
    assertThat(settled(t).state()).isEqualTo(TicketState.OPEN);
    clock.advance(H);
    sweep();
    Ticket closed = settled(t);

    assertThat(closed.state()).isEqualTo(TicketState.CLOSED);
    assertThat(closed.closeReason()).isEqualTo(SystemReasons.of(MessageKey.AUTOCLOSE_REASON));
    assertThat(thread(g, t).locked()).isTrue();
    assertThat(thread(g, t).archived()).isTrue();
    assertThat(g.dms("alice")).singleElement()
        .satisfies(dm -> assertThat(dm.text()).contains("inactive"));
    assertThat(warnings(g, t)).hasSize(1);
    sweep();
    assertThat(settled(t).closedAt()).isEqualTo(closed.closedAt());
  }

  @Test
  void a_message_in_the_thread_resets_it() {
    TestGuild g = h.guild();
    Ticket t = openTicket(g);
    clock.advance(H.multipliedBy(48));
    sweep();
    assertThat(warnings(g, settled(t))).hasSize(1);

    Instant wrote = clock.instant().plus(H);
    clock.advance(H);
    g.as("moderator").post(t.threadId(), "still looking into it");
    h.emu.await("the message recorded as activity",
        () -> Long.valueOf(wrote.toEpochMilli()).equals(lastActivity(t)));

    clock.advance(H.multipliedBy(24)); // past the first close time
    sweep();
    assertThat(settled(t).state()).isEqualTo(TicketState.OPEN);
    assertThat(warnings(g, t)).hasSize(1);
    clock.advance(H.multipliedBy(24)); // 48 h after the message: warned again
    sweep();
    assertThat(warnings(g, settled(t))).hasSize(2);
    assertThat(settled(t).state()).isEqualTo(TicketState.OPEN);
  }

  @Test
  void a_thread_discord_auto_archived_is_still_warned_and_closed() {
    TestGuild g = h.guild();
    Ticket t = openTicket(g);
    g.autoArchive(t.threadId());
    h.awaitBot("the bot sees the thread archived", () -> {
      var th = h.bot().shards().getThreadChannelById(t.threadId());
      return th == null || th.isArchived();
    });

    clock.advance(H.multipliedBy(48));
    sweep();
    assertThat(warnings(g, settled(t))).hasSize(1);
    g.autoArchive(t.threadId());

    clock.advance(H.multipliedBy(24));
    sweep();
    Ticket closed = settled(t);
    assertThat(closed.state()).isEqualTo(TicketState.CLOSED);
    assertThat(thread(g, t).locked()).isTrue();
    assertThat(thread(g, t).archived()).isTrue();
    assertThat(thread(g, t).name()).isEqualTo("[Closed] Ticket #" + t.number());
  }

  @Test
  void off_by_default() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket t = h.open(g, "alice", "printer");
    clock.advance(H.multipliedBy(24 * 30));
    sweep();
    assertThat(settled(t).state()).isEqualTo(TicketState.OPEN);
    assertThat(warnings(g, t)).isEmpty();
  }
}
