package dev.tiramisu.tickets.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.tickets.config.DatabaseConfig;
import dev.tiramisu.tickets.storage.PostgresTestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot as separate JVMs ({@link ForkedBotProcess}) against one emulator: a process killed with
 * SIGKILL loses nothing, and the next process on the same database connects afresh (IDENTIFY,
 * READY, its guilds) and continues the numbering. SQLite and PostgreSQL.
 */
class ForkedBotProcessE2ETest {
  private static final Duration START = Duration.ofSeconds(60);
  /**
   * The killed process's lease of the Discord work of its shard expires after 2 s instead of 15,
   * so B performs the effects of its create at once instead of after the lease expired.
   */
  private static final Map<String, String> SHORT_LEASE = Map.of("EFFECT_LEASE_TTL", "2");
  /** Exit code of a JVM killed by SIGKILL (128 + 9). */
  private static final int SIGKILLED = 137;
  /** Exit code of a JVM stopped by SIGTERM after its shutdown hooks ran (128 + 15). */
  private static final int SIGTERMINATED = 143;

  private Emulator emu;

  @BeforeEach
  void startEmulator() {
    emu = Emulator.start();
    InterimReplies.register(emu);
  }

  @AfterEach
  void stopEmulator() {
    try {
      assertThat(emu.specViolations()).isEmpty();
    } finally {
      emu.close();
    }
  }

  @Test
  void a_process_killed_with_sigkill_loses_nothing_and_the_next_one_continues_on_sqlite(
      @TempDir Path dir) {
    killThenContinue(DatabaseConfig.sqlite(dir.resolve("tickets.db").toString()));
  }

  @Test
  void a_process_killed_with_sigkill_loses_nothing_and_the_next_one_continues_on_postgresql()
      throws Exception {
    try (PostgresTestDatabase pg = PostgresTestDatabase.create()) {
      killThenContinue(pg.config(2));
    }
  }

  @Test
  void sigterm_runs_the_shutdown_hook_and_closes_the_gateway_connection(@TempDir Path dir) {
    TestGuild g = ForkedBotProcess.guild(emu, "Forked");
    try (ForkedBotProcess p = ForkedBotProcess.start("term", emu,
        DatabaseConfig.sqlite(dir.resolve("tickets.db").toString()), Map.of())) {
      p.awaitReady(START);
      assertThat(emu.gateway().connectedShards()).as(p.describeLog()).containsExactly(0);

      int code = p.stop();

      assertThat(code).as(p.describeLog()).isEqualTo(SIGTERMINATED);
      assertThat(p.output()).as(p.describeLog()).doesNotContain("error while stopping")
          .doesNotContain("Exception");
      emu.await("the stopped process's gateway connection is closed",
          () -> emu.gateway().connectedShards().isEmpty());
      assertThat(g.threads()).isEmpty();
    }
  }

  private void killThenContinue(DatabaseConfig database) {
    TestGuild g = ForkedBotProcess.guild(emu, "Forked");
    try (ForkedBotProcess a = ForkedBotProcess.start("A", emu, database, SHORT_LEASE)) {
      a.awaitReady(START);
      a.configure(g, "ticket_channel", "<#" + g.channel("tickets") + ">",
          "staff_role", "<@&" + g.role("Staff") + ">");
      MessageView first = create(g, "alice", "before the crash");
      assertThat(first.text()).as(a.describeLog()).startsWith("Your ticket #1 is open");

      int code = a.kill();

      assertThat(code).as("killed by SIGKILL: " + a.describeLog()).isEqualTo(SIGKILLED);
      assertThat(a.output()).doesNotContain("stopping");
    }
    emu.await("the killed process's gateway connection is gone",
        () -> emu.gateway().connectedShards().isEmpty());
    int identifies = emu.gateway().identifyCount();

    try (ForkedBotProcess b = ForkedBotProcess.start("B", emu, database, SHORT_LEASE)) {
      b.awaitReady(START);
      assertThat(emu.gateway().identifyCount()).as("B identified afresh: " + b.describeLog())
          .isEqualTo(identifies + 1);
      assertThat(emu.gateway().connectedShards()).containsExactly(0);

      MessageView second = create(g, "bob", "after the crash");

      assertThat(second.text()).as(b.describeLog()).startsWith("Your ticket #2 is open");
      assertThat(g.thread("Ticket #1")).isPresent();
      assertThat(g.thread("Ticket #2")).isPresent();
      assertThat(g.threads()).hasSize(2);
      assertThat(b.stop()).as(b.describeLog()).isEqualTo(SIGTERMINATED);
    }
  }

  private static MessageView create(TestGuild g, String user, String reason) {
    return g.as(user).slash(g.channel("general"), "ticket create", Map.of("reason", reason))
        .awaitReply();
  }
}
