package dev.tiramisu.tickets.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The medians and the average of {@code /ticket stats}. */
class StatsTest {
  @Test
  void the_median_is_the_middle_value_or_the_mean_of_the_two_middle_ones() {
    assertThat(Stats.median(List.of())).isEmpty();
    assertThat(Stats.median(List.of(5L))).contains(Duration.ofMillis(5));
    assertThat(Stats.median(List.of(9L, 1L, 5L))).contains(Duration.ofMillis(5));
    assertThat(Stats.median(List.of(60_000L, 3_600_000L, 1_200_000L, 180_000L)))
        .as("1m, 3m, 20m, 60m: (3m + 20m) / 2")
        .contains(Duration.ofSeconds(690));
    assertThat(Stats.median(List.of(1L, 2L))).as("rounded down").contains(Duration.ofMillis(1));
    assertThat(Stats.median(List.of(Long.MAX_VALUE - 2, Long.MAX_VALUE)))
        .as("no overflow").contains(Duration.ofMillis(Long.MAX_VALUE - 1));
  }

  @Test
  void the_average_rating_is_the_mean_or_nothing() {
    assertThat(Stats.average(List.of())).isEmpty();
    assertThat(Stats.average(List.of(4, 5, 3)).getAsDouble()).isEqualTo(4.0);
    assertThat(Stats.average(List.of(4, 5)).getAsDouble()).isEqualTo(4.5);
  }
}
