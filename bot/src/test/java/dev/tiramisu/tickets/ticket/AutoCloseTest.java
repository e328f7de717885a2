package dev.tiramisu.tickets.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.tickets.ticket.AutoClose.Decision;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AutoCloseTest {
  static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
  static final Duration H = Duration.ofHours(1);
  final AutoClose rule = AutoClose.of(H.multipliedBy(72), H.multipliedBy(24)).orElseThrow();

  @Test
  void off_when_after_is_zero() {
    assertThat(AutoClose.of(Duration.ZERO, H)).isEmpty();
  }

  @Test
  void a_warning_not_shorter_than_after_comes_at_half_time_and_zero_means_none() {
    assertThat(AutoClose.of(H.multipliedBy(12), H.multipliedBy(24)).orElseThrow().lead())
        .isEqualTo(H.multipliedBy(6));
    AutoClose silent = AutoClose.of(H.multipliedBy(12), Duration.ZERO).orElseThrow();
    assertThat(silent.warns()).isFalse();
    assertThat(silent.decide(T0, null, T0.plus(H.multipliedBy(12)).minusMillis(1)))
        .isEqualTo(Decision.NOTHING);
    assertThat(silent.decide(T0, null, T0.plus(H.multipliedBy(12)))).isEqualTo(Decision.CLOSE);
  }

  @Test
  void warns_at_after_minus_warning_then_closes_at_after() {
    assertThat(rule.decide(T0, null, T0.plus(H.multipliedBy(48)).minusMillis(1)))
        .isEqualTo(Decision.NOTHING);
    Instant warnedAt = T0.plus(H.multipliedBy(48));
    assertThat(rule.decide(T0, null, warnedAt)).isEqualTo(Decision.WARN);
    assertThat(rule.decide(T0, warnedAt, warnedAt.plus(H))).isEqualTo(Decision.NOTHING);
    assertThat(rule.decide(T0, warnedAt, T0.plus(H.multipliedBy(72)))).isEqualTo(Decision.CLOSE);
  }

  @Test
  void never_closes_without_the_warning_of_this_idle_period() {
    // past the close time, but the only warning was for an earlier idle period
    Instant idleSince = T0.plus(H.multipliedBy(10));
    assertThat(rule.decide(idleSince, T0.plus(H), idleSince.plus(H.multipliedBy(100))))
        .isEqualTo(Decision.WARN);
  }

  @Test
  void a_late_warning_still_gives_the_whole_warning_time() {
    Instant lateWarning = T0.plus(H.multipliedBy(70)); // the bot was down at 48h
    assertThat(rule.closeAt(T0, lateWarning)).isEqualTo(lateWarning.plus(H.multipliedBy(24)));
    assertThat(rule.decide(T0, lateWarning, T0.plus(H.multipliedBy(72))))
        .isEqualTo(Decision.NOTHING);
    assertThat(rule.decide(T0, lateWarning, lateWarning.plus(H.multipliedBy(24))))
        .isEqualTo(Decision.CLOSE);
  }
}
