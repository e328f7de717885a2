package dev.tiramisu.tickets.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.tickets.common.Refusal;
import dev.tiramisu.tickets.text.MessageKey;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  private static final Duration MIN = Duration.ofMinutes(1);
  private static final Duration MAX = Duration.ofDays(30);

  @Test
  void reads_what_people_type() {
    assertThat(Durations.parse("30m", MIN, MAX).value()).isEqualTo(Duration.ofMinutes(30));
    assertThat(Durations.parse("24h", MIN, MAX).value()).isEqualTo(Duration.ofHours(24));
    assertThat(Durations.parse(" 1H30M ", MIN, MAX).value()).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("1d 12h", MIN, MAX).value()).isEqualTo(Duration.ofHours(36));
    assertThat(Durations.parse("2w", MIN, MAX).value()).isEqualTo(Duration.ofDays(14));
    assertThat(Durations.parse("90s", MIN, MAX).value()).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("15min", MIN, MAX).value()).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void off_is_zero_and_always_allowed() {
    assertThat(Durations.parse("off", MIN, MAX).value()).isZero();
    assertThat(Durations.parse("0", MIN, MAX).value()).isZero();
    assertThat(Durations.parse("0h", MIN, MAX).value()).isZero();
    assertThat(Durations.parse("none", MIN, MAX).value()).isZero();
  }

  @Test
  void refuses_garbage_and_out_of_range_with_escaped_echo() {
    assertThat(Durations.parse("tomorrow", MIN, MAX).refusal())
        .isEqualTo(Refusal.of(MessageKey.ERROR_DURATION_INVALID, "tomorrow"));
    assertThat(Durations.parse("*5*", MIN, MAX).refusal())
        .isEqualTo(Refusal.of(MessageKey.ERROR_DURATION_INVALID, "\\*5\\*"));
    assertThat(Durations.parse("-5m", MIN, MAX).isRefused()).isTrue();
    assertThat(Durations.parse("5", MIN, MAX).isRefused()).isTrue();
    assertThat(Durations.parse("", MIN, MAX).isRefused()).isTrue();
    assertThat(Durations.parse(null, MIN, MAX).isRefused()).isTrue();
    assertThat(Durations.parse("31d", MIN, MAX).refusal())
        .isEqualTo(Refusal.of(MessageKey.ERROR_DURATION_RANGE, "31d", "1m", "30d"));
    assertThat(Durations.parse("30s", MIN, MAX).isRefused()).isTrue();
    assertThat(Durations.parse("9999999h", MIN, MAX).isRefused()).isTrue();
  }

  @Test
  void formats_compactly() {
    assertThat(Durations.format(Duration.ofHours(26))).isEqualTo("1d 2h");
    assertThat(Durations.format(Duration.ofMinutes(30))).isEqualTo("30m");
    assertThat(Durations.format(Duration.ofSeconds(3661))).isEqualTo("1h 1m 1s");
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
  }
}
