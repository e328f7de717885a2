package dev.tiramisu.discordemu.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.driver.TestGuild;
import java.util.ArrayList;
import java.util.List;

/** Users, the application, the gateway, DMs, and the guild routes. */
final class UserAndGuildSweep {
  private final Emulator emu;
  private final SweepClient http;
  private final TestGuild g;
  private final List<TestGuild> botGuilds;
  private final TestGuild foreign;

  UserAndGuildSweep(Emulator emu, SweepClient http, TestGuild g, List<TestGuild> botGuilds, TestGuild foreign) {
    this.emu = emu;
    this.http = http;
    this.g = g;
    this.botGuilds = botGuilds;
    this.foreign = foreign;
  }

  void run() {
    users();
    myGuilds();
    guild();
  }

  private void users() {
    http.get("/users/@me");
    http.get("/users/" + g.user("alice"));
    http.call(404, "GET", "/users/1", null);
    assertThat(http.send("GET", "/users/@me", null, "Bot not-the-token").status()).isEqualTo(401);
    assertThat(http.send("GET", "/guilds/" + g.id, null, null).status()).isEqualTo(401);
    http.get("/applications/@me");
    http.get("/oauth2/applications/@me");
    http.get("/gateway");
    http.get("/gateway/bot");
    String dm = http.call(200, "POST", "/users/@me/channels", "{\"recipient_id\":\"" + g.user("alice") + "\"}").id();
    http.call(200, "POST", "/channels/" + dm + "/messages", "{\"content\":\"hello in DM\"}");
    http.get("/channels/" + dm);
    http.get("/channels/" + dm + "/messages?limit=5");
    http.call(400, "POST", "/users/@me/channels", "{\"recipient_id\":\"" + emu.botUserId() + "\"}");
    http.invalid("POST", "/users/@me/channels", "{\"recipient_id\":true}", "recipient_id");
  }

  private int memberCount() {
    return http.get("/guilds/" + g.id + "/members?limit=1000").body().size();
  }

  private void myGuilds() {
    List<String> ids = new ArrayList<>();
    botGuilds.forEach(x -> ids.add(Long.toString(x.id)));
    JsonNode all = http.get("/users/@me/guilds").body();
    assertThat(all).extracting(n -> n.path("id").asText()).containsExactlyElementsOf(ids);
    assertThat(all.path(0).has("approximate_member_count")).isFalse();
    for (String yes : List.of("true", "True", "1")) {
      assertThat(http.get("/users/@me/guilds?with_counts=" + yes).body().path(0).path("approximate_member_count")
          .asInt()).isEqualTo(memberCount());
    }
    for (String no : List.of("false", "False", "0")) {
      assertThat(http.get("/users/@me/guilds?with_counts=" + no).body().path(0).has("approximate_member_count"))
          .isFalse();
    }
    assertThat(http.get("/users/@me/guilds?limit=1").body()).extracting(n -> n.path("id").asText())
        .containsExactly(ids.get(0));
    assertThat(http.get("/users/@me/guilds?after=" + ids.get(0) + "&limit=1").body())
        .extracting(n -> n.path("id").asText()).containsExactly(ids.get(1));
    assertThat(http.get("/users/@me/guilds?before=" + ids.get(2) + "&limit=1").body())
        .extracting(n -> n.path("id").asText()).containsExactly(ids.get(1));
    assertThat(http.get("/users/@me/guilds?before=" + ids.get(0)).body()).isEmpty();
    http.invalid("GET", "/users/@me/guilds?limit=0", null, "limit");
    http.invalid("GET", "/users/@me/guilds?limit=201", null, "limit");
    http.invalid("GET", "/users/@me/guilds?with_counts=yes", null, "with_counts");
  }

  private void guild() {
    String gp = "/guilds/" + g.id;
    assertThat(http.get(gp).body().has("approximate_member_count")).isFalse();
    for (String yes : List.of("1", "true", "True")) {
      assertThat(http.get(gp + "?with_counts=" + yes).body().path("approximate_member_count").asInt()).isEqualTo(memberCount());
    }
    assertThat(http.get(gp + "?with_counts=0").body().has("approximate_member_count")).isFalse();
    http.invalid("GET", gp + "?with_counts=yes", null, "with_counts");
    http.call(403, "GET", "/guilds/" + foreign.id, null);
    http.call(404, "GET", "/guilds/1", null);
    http.get(gp + "/channels");
    http.get(gp + "/roles");
    http.get(gp + "/members");
    http.get(gp + "/members?limit=1000");
    assertThat(http.get(gp + "/members?limit=2&after=" + g.user("admin")).body()).hasSizeLessThanOrEqualTo(2);
    http.invalid("GET", gp + "/members?limit=1001", null, "limit");
    http.get(gp + "/members/" + g.user("alice"));
    http.call(404, "GET", gp + "/members/1", null);
    String role = gp + "/members/" + g.user("alice") + "/roles/" + g.role("Staff");
    http.call(204, "PUT", role, null);
    http.call(204, "DELETE", role, null);
    http.call(404, "PUT", gp + "/members/" + g.user("alice") + "/roles/1", null);
    http.get(gp + "/threads/active");
  }
}
