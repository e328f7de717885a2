package dev.tiramisu.tickets.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.EmulatorConfig;
import dev.tiramisu.discordemu.Permissions;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.tickets.config.DatabaseConfig;
import dev.tiramisu.tickets.config.ShardConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code SHARD_COUNT=auto}: one process asks {@code GET /gateway/bot} for the shard count and runs
 * every shard; guilds on each shard are served.
 */
class AutoShardingE2ETest {

  @Test
  void auto_runs_the_recommended_number_of_shards_and_serves_guilds_on_each() throws Exception {
    Path dir = Files.createTempDirectory("tickets-auto-shards");
    try (Emulator emu = Emulator.start(EmulatorConfig.defaults().withRecommendedShards(2));
        BotProcess p = BotProcess.start("auto", emu,
            DatabaseConfig.sqlite(dir.resolve("tickets.db").toString()),
            new ShardConfig(ShardConfig.AUTO, List.of()))) {
      emu.setBaseInteractionResponseDeadline(java.time.Duration.ofSeconds(30)); // slow, loaded machines

      assertThat(emu.requests().route("GET /gateway/bot")).isNotEmpty();
      assertThat(p.bot.shards().getShardsTotal()).isEqualTo(2);
      assertThat(p.shardIds()).containsExactly(0, 1);
      assertThat(emu.gateway().connectedShards()).containsExactlyInAnyOrder(0, 1);

      List<TestGuild> guilds = new ArrayList<>();
      while (guilds.stream().map(g -> (g.id >>> 22) % 2).distinct().count() < 2) {
        guilds.add(emu.guild("G" + guilds.size())
            .textChannel("tickets").textChannel("general")
            .owner("admin").member("admin").member("alice")
            .botPermissions(Permissions.TICKET_BOT).build());
      }
      for (TestGuild g : guilds) {
        emu.await("the bot sees guild " + g.id, () -> p.bot.shards().getGuildById(g.id) != null);
        g.as("admin").slash(g.channel("general"), "setting set",
            Map.of("name", "ticket_channel", "value", "<#" + g.channel("tickets") + ">"))
            .awaitReply();
        MessageView opened = g.as("alice").slash(g.channel("general"), "ticket create",
            Map.of("reason", "auto")).awaitReply();

        assertThat(opened.text()).startsWith("Your ticket #1 is open");
        int shard = (int) ((g.id >>> 22) % 2);
        assertThat(p.bot.shards().getShardById(shard).getGuildById(g.id)).isNotNull();
      }
      assertThat(emu.specViolations()).isEmpty();
    }
  }
}
