package dev.tiramisu.tickets.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.tickets.app.Bot;
import dev.tiramisu.tickets.config.BotConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox's database outlives a restart: the demo server keeps its ids, so settings and numbering apply. */
class SandboxPersistenceTest {
  @Test
  void settingsAndTicketNumbersSurviveARestartOfTheSandbox(@TempDir Path dir) throws Exception {
    BotConfig config = BotConfig.load(new String[] {"--sandbox", "--database-url=jdbc:sqlite:" + dir.resolve("s.db")});
    long firstGuild;
    try (Sandbox sandbox = Sandbox.start(0);
        Bot bot = Bot.start(config, sandbox.token(), sandbox.endpoint(), Clock.systemUTC())) {
      sandbox.smoke(); // sets ticket_channel, opens and closes ticket #1
      firstGuild = sandbox.guild().id;
    }
    try (Sandbox sandbox = Sandbox.start(0);
        Bot bot = Bot.start(config, sandbox.token(), sandbox.endpoint(), Clock.systemUTC())) {
      var g = sandbox.guild();
      assertThat(g.id).isEqualTo(firstGuild);
      // no /setting set this time: ticket_channel is still set from the first run
      var reply = g.as("bob").slash(g.channel("general"), "ticket create", Map.of("reason", "after a restart"))
          .awaitReply();
      assertThat(reply.text()).contains("#2");
      assertThat(g.threads()).extracting(t -> t.name()).containsExactly("Ticket #2");
      assertThat(sandbox.emulator().specViolations()).isEmpty();
    }
  }
}
