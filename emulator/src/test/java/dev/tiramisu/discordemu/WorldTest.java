package dev.tiramisu.discordemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiramisu.discordemu.driver.TestGuild;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Guilds described in JSON, as the standalone emulator and the sandbox load them. */
class WorldTest {
  @Test
  void buildsGuildsRolesChannelsAndMembersFromJson() {
    try (Emulator emu = Emulator.start()) {
      List<TestGuild> guilds = World.build(emu, Json.parse("""
          {"guilds": [{"name": "Demo",
            "roles": [{"name": "Staff", "permissions": "17179869184"}],
            "channels": ["tickets", "mod-log"],
            "members": [{"name": "admin", "owner": true}, {"name": "mod", "roles": ["Staff"]},
                        {"name": "alice", "dmsClosed": true}, {"name": "jonas", "locale": "de"}],
            "preferredLocale": "de",
            "botPermissions": "8"}]}
          """));
      assertThat(guilds).hasSize(1);
      TestGuild g = guilds.get(0);
      synchronized (emu.state()) {
        var guild = emu.state().guild(g.id);
        assertThat(guild.ownerId).isEqualTo(g.user("admin"));
        assertThat(guild.roles.get(g.role("Staff")).permissions).isEqualTo(Permissions.MANAGE_THREADS);
        assertThat(guild.members.get(g.user("mod")).roleIds).containsExactly(g.role("Staff"));
        assertThat(guild.members).containsKey(emu.botUserId());
        assertThat(emu.state().user(g.user("alice")).dmsClosed).isTrue();
        assertThat(emu.state().user(g.user("jonas")).locale).isEqualTo("de");
        assertThat(emu.state().user(g.user("alice")).locale).isEqualTo("en-US");
        assertThat(guild.preferredLocale).isEqualTo("de");
        assertThat(emu.state().channel(g.channel("mod-log")).name).isEqualTo("mod-log");
      }
    }
  }

  @Test
  void aGuildWithoutANameIsRefused() {
    try (Emulator emu = Emulator.start()) {
      assertThatThrownBy(() -> World.build(emu, Json.parse("{\"guilds\":[{\"channels\":[\"x\"]}]}")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("name");
    }
  }
}
