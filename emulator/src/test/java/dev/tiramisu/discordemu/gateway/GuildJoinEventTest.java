package dev.tiramisu.discordemu.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.EmulatorConfig;
import org.junit.jupiter.api.Test;

/**
 * A guild the bot joins while connected arrives as a GUILD_CREATE without {@code unavailable}
 * (libraries such as discord.py and nextcord fire their "guild join" event for it), while the
 * GUILD_CREATE that backfills a guild READY listed as unavailable says {@code unavailable: false}
 * (their "guild available").
 */
class GuildJoinEventTest {
  private static final int GUILDS = 1;

  @Test
  void a_join_has_no_unavailable_field_and_a_backfill_says_false() throws Exception {
    try (Emulator emu = Emulator.start(EmulatorConfig.defaults())) {
      emu.guild("before").textChannel("general").owner("admin").build();
      try (RawGateway bot = RawGateway.connect(emu.gatewayUrl())) {
        bot.identify(emu.botToken(), GUILDS, 0, 1);
        JsonNode ready = bot.dispatch("READY");
        assertThat(ready.path("guilds").get(0).path("unavailable").asBoolean()).isTrue();
        JsonNode backfill = bot.dispatch("GUILD_CREATE");
        assertThat(backfill.path("name").asText()).isEqualTo("before");
        assertThat(backfill.has("unavailable")).isTrue();
        assertThat(backfill.path("unavailable").asBoolean()).isFalse();

        emu.guild("joined").textChannel("general").owner("admin").build();
        JsonNode join = bot.dispatch("GUILD_CREATE");
        assertThat(join.path("name").asText()).isEqualTo("joined");
        assertThat(join.has("unavailable")).as("a join's GUILD_CREATE").isFalse();
        assertThat(join.path("channels")).isNotEmpty();
      }
      assertThat(emu.specViolations()).isEmpty();
    }
  }
}
