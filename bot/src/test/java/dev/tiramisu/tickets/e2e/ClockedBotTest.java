package dev.tiramisu.tickets.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.tickets.discord.TimerScheduler;
import dev.tiramisu.tickets.testing.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One bot per test class on a clock the tests move, with the timers swept by hand (never on a
 * schedule), and no OpenAPI violation allowed after any test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClockedBotTest {
  protected final MutableClock clock;
  protected BotHarness h;

  ClockedBotTest(Instant start) {
    this.clock = new MutableClock(start);
  }

  @BeforeAll
  final void startBot() {
    h = new BotHarness(clock, TimerScheduler.Config.manual());
  }

  @AfterAll
  final void stopBot() {
    h.close();
  }

  @AfterEach
  final void noSpecViolations() {
    assertThat(h.emu.specViolations()).isEmpty();
  }
}
