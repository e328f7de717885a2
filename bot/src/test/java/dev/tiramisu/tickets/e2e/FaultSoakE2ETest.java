package dev.tiramisu.tickets.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link FaultSoak} in every build: 200 lifecycles over 8 guilds under 5xx, 429 storms and
 * gateway faults, every ticket complete once. Discord's own rate limits are off here so that it
 * fits CI's time (the plan's storms give the 429s; bench/ runs 2,000 with them on). {@code
 * -Dtickets.soak.lifecycles=N} changes the count.
 */
class FaultSoakE2ETest {
  @Test
  void every_lifecycle_ends_complete_once_under_faults() throws Exception {
    int lifecycles = Integer.getInteger("tickets.soak.lifecycles", 200);

    FaultSoak.Result r = FaultSoak.run(lifecycles, false);

    assertThat(r.lifecycles()).isEqualTo(lifecycles);
    assertThat(r.faults()).as("faults were injected").isGreaterThan(lifecycles / 10);
  }
}
