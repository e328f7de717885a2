package dev.tiramisu.discordemu.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.driver.TestGuild;

/** Global and guild application commands; leaves {@code /ping}, {@code /ticket create} and {@code /modal}. */
final class CommandSweep {
  static final String COMMANDS = """
      [{"name":"ping","description":"Ping","name_localizations":{"de":"ping"},
        "description_localizations":{"de":"Anpingen"},"contexts":[0,1],"integration_types":[0]},
       {"name":"ticket","description":"Tickets","default_member_permissions":"0","options":[
         {"type":1,"name":"create","description":"Open one","description_localizations":{"fr":"Ouvrir"},"options":[
           {"type":3,"name":"reason","description":"Why","required":false,"max_length":100},
           {"type":4,"name":"priority","description":"How urgent","choices":[
             {"name":"low","value":1,"name_localizations":{"de":"niedrig"}},{"name":"high","value":2}]}]}]},
       {"name":"modal","description":"Opens a form"}]""";

  private final Emulator emu;
  private final SweepClient http;
  private final TestGuild g;

  CommandSweep(Emulator emu, SweepClient http, TestGuild g) {
    this.emu = emu;
    this.http = http;
    this.g = g;
  }

  void run() {
    String app = "/applications/" + emu.applicationId();
    sweep(app + "/commands");
    sweep(app + "/guilds/" + g.id + "/commands");
    http.call(200, "PUT", app + "/guilds/" + g.id + "/commands", "[]");
    http.call(200, "PUT", app + "/commands", COMMANDS);
    http.call(403, "GET", "/applications/1/commands", null);
    http.call(404, "GET", app + "/guilds/1/commands", null);
  }

  private void sweep(String base) {
    JsonNode put = http.call(200, "PUT", base, COMMANDS).body();
    assertThat(put).hasSize(3);
    assertThat(http.get(base).body().path(0).has("name_localizations")).as("no dictionaries by default").isFalse();
    for (String yes : new String[] {"true", "True", "1"}) {
      assertThat(http.get(base + "?with_localizations=" + yes).body().path(0).path("name_localizations")
          .path("de").asText()).isEqualTo("ping");
    }
    assertThat(http.get(base + "?with_localizations=0").body().path(1).path("options").path(0)
        .has("description_localizations")).isFalse();
    http.invalid("GET", base + "?with_localizations=yes", null, "with_localizations");
    String id = put.path(0).path("id").asText();
    http.get(base + "/" + id);
    http.call(200, "PATCH", base + "/" + id, "{\"description\":\"Pong!\",\"nsfw\":false}");
    String extra = http.call(201, "POST", base, "{\"name\":\"extra\",\"description\":\"More\",\"type\":1}").id();
    http.call(200, "POST", base, "{\"name\":\"extra\",\"description\":\"Updated\",\"type\":1}");
    http.call(204, "DELETE", base + "/" + extra, null);
    http.call(404, "GET", base + "/" + extra, null);
    http.call(404, "PATCH", base + "/1", "{\"description\":\"x\"}");
    http.call(404, "DELETE", base + "/1", null);
    http.call(400, "POST", base, "{\"name\":\"Not Valid\",\"description\":\"x\"}");
  }
}
