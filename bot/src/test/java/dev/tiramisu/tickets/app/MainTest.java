package dev.tiramisu.tickets.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.Emulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

  @Test
  void invalid_configuration_prints_one_line_and_exits_with_2() {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Main.run(new String[] {"--database-url=mysql://secret@host/db"});
    } finally {
      System.setErr(err);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertThat(code).isEqualTo(2);
    assertThat(out.lines()).singleElement().satisfies(line -> assertThat(line)
        .startsWith("tiramisu-tickets: DATABASE_URL must start with").doesNotContain("secret"));
  }

  @Test
  void migrate_is_a_subcommand_that_checks_its_arguments() {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Main.run(new String[] {"migrate", "--to", "jdbc:postgresql://127.0.0.1:5432/x"});
    } finally {
      System.setErr(err);
    }
    assertThat(code).isEqualTo(2);
    assertThat(captured.toString(StandardCharsets.UTF_8)).contains("--from is required").contains("usage: migrate");
  }

  @Test
  void without_a_token_the_production_jar_says_it_has_no_sandbox_and_exits_with_2(@TempDir Path dir) {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Main.run(new String[] {"--sandbox-smoke",
          "--database-url=jdbc:sqlite:" + dir.resolve("sandbox.db")});
    } finally {
      System.setErr(err);
    }

    assertThat(code).isEqualTo(2);
    assertThat(captured.toString(StandardCharsets.UTF_8).lines()).singleElement().satisfies(line -> assertThat(line)
        .startsWith("tiramisu-tickets: no Discord token: set DISCORD_TOKEN or DISCORD_TOKEN_FILE")
        .contains("this jar has no sandbox"));
    assertThat(dir.resolve("sandbox.db")).doesNotExist();
  }

  @Test
  void shards_not_ready_within_the_startup_timeout_stop_the_bot_with_one_line_and_exit_1(
      @TempDir Path dir) {
    try (Emulator emu = Emulator.start()) {
      emu.gateway().refuseNextConnections(Integer.MAX_VALUE); // Discord unreachable
      PrintStream err = System.err;
      ByteArrayOutputStream captured = new ByteArrayOutputStream();
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      int code;
      try {
        code = Main.run(new String[] {
            "--discord-token=" + emu.botToken(),
            "--discord-rest-url=" + emu.restUrl(),
            "--discord-gateway-url=" + emu.gatewayUrl(),
            "--database-url=jdbc:sqlite:" + dir.resolve("tickets.db"),
            "--startup-timeout=2"});
      } finally {
        System.setErr(err);
      }

      assertThat(code).isEqualTo(1);
      assertThat(captured.toString(StandardCharsets.UTF_8).lines()
          .filter(l -> l.startsWith("tiramisu-tickets:")))
          .singleElement().satisfies(line -> assertThat(line)
              .startsWith("tiramisu-tickets: cannot connect to Discord: shards [0] of 1 did not"
                  + " connect and receive their servers within 2 s (ready: [])")
              .doesNotContain(emu.botToken()));
      assertThat(emu.gateway().connectedShards()).isEmpty();
    }
  }
}
