package dev.tiramisu.tickets.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.Emulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox jar's entry point: the sandbox without a token, the bot's Main unchanged otherwise. */
class SandboxMainTest {

  @Test
  void the_sandbox_smoke_run_opens_and_closes_a_ticket_and_exits_with_0(@TempDir Path dir) {
    int code = SandboxMain.run(new String[] {"--sandbox-smoke",
        "--database-url=jdbc:sqlite:" + dir.resolve("sandbox.db")});

    assertThat(code).isZero();
    assertThat(dir.resolve("sandbox.db")).exists(); // the named database, not data/sandbox.db
  }

  @Test
  void invalid_configuration_prints_one_line_and_exits_with_2() {
    String out = stderrOf(() -> assertThat(SandboxMain.run(new String[] {"--database-url=mysql://secret@host/db"}))
        .isEqualTo(2));

    assertThat(out.lines()).singleElement().satisfies(line -> assertThat(line)
        .startsWith("tiramisu-tickets: DATABASE_URL must start with").doesNotContain("secret"));
  }

  @Test
  void with_a_token_it_runs_the_bot_as_the_production_jar_does(@TempDir Path dir) {
    try (Emulator emu = Emulator.start()) {
      emu.gateway().refuseNextConnections(Integer.MAX_VALUE); // Discord unreachable: the bot's own start-up error
      String out = stderrOf(() -> assertThat(SandboxMain.run(new String[] {
          "--discord-token=" + emu.botToken(),
          "--discord-rest-url=" + emu.restUrl(),
          "--discord-gateway-url=" + emu.gatewayUrl(),
          "--database-url=jdbc:sqlite:" + dir.resolve("tickets.db"),
          "--startup-timeout=2"})).isEqualTo(1));

      assertThat(out.lines().filter(l -> l.startsWith("tiramisu-tickets:")))
          .singleElement().satisfies(line -> assertThat(line)
              .startsWith("tiramisu-tickets: cannot connect to Discord: shards [0] of 1 did not")
              .doesNotContain(emu.botToken()));
    }
  }

  private static String stderrOf(Runnable action) {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(err);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
