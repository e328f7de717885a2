package dev.tiramisu.discordemu;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiramisu.discordemu.driver.GuildBuilder;
import dev.tiramisu.discordemu.driver.TestGuild;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Guilds described in JSON, for running the emulator on its own or seeding a sandbox:
 *
 * <pre>{@code
 * {"guilds": [{
 *    "name": "Demo",
 *    "roles": [{"name": "Staff", "permissions": "0"}],
 *    "channels": ["tickets", {"name": "mod-log"}],
 *    "members": [{"name": "admin", "owner": true}, {"name": "alice", "roles": ["Staff"], "dmsClosed": false},
 *                {"name": "bob", "locale": "de"}],
 *    "botPermissions": "8",
 *    "preferredLocale": "en-US"
 * }]}
 * }</pre>
 *
 * Permissions are decimal strings (as Discord writes them) or numbers. The driver HTTP API's
 * {@code POST /_driver/guilds} takes one guild of this shape.
 */
public final class World {
  private World() {}

  public static List<TestGuild> load(Emulator emu, Path file) {
    try {
      return build(emu, Json.parse(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read world file " + file + ": " + e.getMessage(), e);
    }
  }

  public static List<TestGuild> build(Emulator emu, JsonNode world) {
    List<TestGuild> out = new ArrayList<>();
    for (JsonNode g : world.path("guilds")) {
      String name = g.path("name").asText("");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("every guild needs a name");
      }
      GuildBuilder b = emu.guild(name);
      for (JsonNode r : g.path("roles")) {
        b.role(r.path("name").asText(), permissions(r.path("permissions")));
      }
      for (JsonNode c : g.path("channels")) {
        String channel = c.isObject() ? c.path("name").asText("") : c.asText("");
        if (channel.isBlank()) {
          throw new IllegalArgumentException("every channel needs a name");
        }
        b.textChannel(channel);
      }
      for (JsonNode m : g.path("members")) {
        String[] roles = new String[m.path("roles").size()];
        for (int i = 0; i < roles.length; i++) {
          roles[i] = m.path("roles").get(i).asText();
        }
        if (m.path("dmsClosed").asBoolean(false)) {
          b.memberWithClosedDms(m.path("name").asText(), roles);
        } else {
          b.member(m.path("name").asText(), roles);
        }
        if (m.hasNonNull("locale")) {
          b.locale(m.path("name").asText(), m.path("locale").asText());
        }
        if (m.path("owner").asBoolean(false)) {
          b.owner(m.path("name").asText());
        }
      }
      if (g.hasNonNull("preferredLocale")) {
        b.preferredLocale(g.path("preferredLocale").asText());
      }
      if (g.has("botPermissions")) {
        b.botPermissions(permissions(g.path("botPermissions")));
      }
      out.add(b.build());
    }
    return out;
  }

  private static long permissions(JsonNode n) {
    if (n.isMissingNode() || n.isNull()) {
      return 0;
    }
    return n.isNumber() ? n.asLong() : Long.parseLong(n.asText());
  }
}
