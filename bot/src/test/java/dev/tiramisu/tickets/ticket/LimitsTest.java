package dev.tiramisu.tickets.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiramisu.tickets.common.Refusal;
import dev.tiramisu.tickets.text.MessageKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LimitsTest {
  static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");

  static Ticket open(int number, Long threadId) {
    return new Ticket(number, 1, number, 2, null, TicketState.OPEN, threadId, null, NOW, null, null,
        null, null);
  }

  @Test
  void below_the_limit_and_outside_the_cooldown_is_allowed() {
    Limits l = new Limits(2, Duration.ofMinutes(5));
    assertThat(l.check(new Limits.History(List.of(open(1, 10L)),
        Optional.of(NOW.minus(Duration.ofMinutes(5)))), NOW)).isEmpty();
    assertThat(Limits.NONE.any()).isFalse();
    assertThat(l.any()).isTrue();
  }

  @Test
  void at_the_limit_links_the_newest_open_ticket_with_a_thread() {
    Limits l = new Limits(2, Duration.ZERO);
    var h = new Limits.History(List.of(open(3, 30L), open(5, 50L)), Optional.of(NOW));
    assertThat(l.check(h, NOW)).contains(Refusal.of(MessageKey.ERROR_LIMIT_OPEN, 2, 50L));

    var pending = new Limits.History(List.of(open(3, 30L), open(5, null)), Optional.of(NOW));
    assertThat(l.check(pending, NOW)).as("a thread beats a newer ticket still being set up")
        .contains(Refusal.of(MessageKey.ERROR_LIMIT_OPEN, 2, 30L));

    var none = new Limits.History(List.of(open(4, null), open(6, null)), Optional.of(NOW));
    assertThat(l.check(none, NOW))
        .contains(Refusal.of(MessageKey.ERROR_LIMIT_OPEN_PENDING, 2, 6));
  }

  @Test
  void within_the_cooldown_says_when_rounded_up_to_the_second() {
    Limits l = new Limits(0, Duration.ofMinutes(10));
    Instant last = NOW.minusMillis(1500);
    assertThat(l.check(new Limits.History(List.of(), Optional.of(last)), NOW))
        .contains(Refusal.of(MessageKey.ERROR_LIMIT_COOLDOWN,
            last.plus(Duration.ofMinutes(10)).getEpochSecond() + 1));
    assertThat(l.check(new Limits.History(List.of(), Optional.empty()), NOW)).isEmpty();
  }

  @Test
  void no_limit_means_any_number_of_open_tickets() {
    var many = new Limits.History(List.of(open(1, 1L), open(2, 2L), open(3, 3L)),
        Optional.of(NOW));
    assertThat(new Limits(0, Duration.ZERO).check(many, NOW)).isEmpty();
    assertThatThrownBy(() -> new Limits(-1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
