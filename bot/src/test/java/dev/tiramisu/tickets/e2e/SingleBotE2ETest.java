package dev.tiramisu.tickets.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One bot and one emulator for a whole test class (each test builds its own guilds, so JDA never reconnects), and
 * after every test: no request or response broke Discord's OpenAPI spec.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SingleBotE2ETest {
  protected BotHarness h;

  @BeforeAll
  void startBot() {
    h = harness();
  }

  /** The class's bot and emulator (by default: SQLite, the system clock, scheduled sweeps). */
  BotHarness harness() {
    return new BotHarness();
  }

  @AfterAll
  void stopBot() {
    h.close();
  }

  @AfterEach
  void noSpecViolations() {
    assertThat(h.emu.specViolations()).isEmpty();
  }
}
