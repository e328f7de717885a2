package dev.tiramisu.discordemu.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.driver.TestGuild;

/** Private and public threads, thread members with and without members, archive, lock, listings, delete. */
final class ThreadSweep {
  private final Emulator emu;
  private final SweepClient http;
  private final TestGuild g;

  ThreadSweep(Emulator emu, SweepClient http, TestGuild g) {
    this.emu = emu;
    this.http = http;
    this.g = g;
  }

  void run() {
    String tickets = "/channels/" + g.channel("tickets");
    String priv = http.call(201, "POST", tickets + "/threads",
        "{\"name\":\"ticket-1\",\"type\":12,\"invitable\":false,\"auto_archive_duration\":10080}").id();
    String t = "/channels/" + priv;
    http.get(t);
    http.call(200, "POST", t + "/messages", "{\"content\":\"Welcome <@" + g.user("alice") + ">\","
        + "\"allowed_mentions\":{\"users\":[\"" + g.user("alice") + "\"]}}");
    String alice = Long.toString(g.user("alice"));
    http.call(204, "PUT", t + "/thread-members/" + g.user("mod"), null);
    http.call(204, "PUT", t + "/thread-members/" + alice, null);
    http.call(204, "PUT", t + "/thread-members/@me", null);
    JsonNode plain = http.get(t + "/thread-members").body();
    assertThat(plain.path(0).has("member")).isFalse();
    for (String yes : new String[] {"true", "True", "1"}) {
      assertThat(http.get(t + "/thread-members?with_member=" + yes).body().path(0).has("member")).isTrue();
    }
    for (String no : new String[] {"false", "False", "0"}) {
      assertThat(http.get(t + "/thread-members?with_member=" + no).body().path(0).has("member")).isFalse();
    }
    http.get(t + "/thread-members?with_member=1&limit=1&after=" + plain.path(0).path("user_id").asText());
    http.invalid("GET", t + "/thread-members?with_member=yes", null, "with_member");
    http.invalid("GET", t + "/thread-members?limit=0&with_member=true", null, "limit");
    http.get(t + "/thread-members/" + alice);
    http.get(t + "/thread-members/" + alice + "?with_member=True");
    http.call(404, "GET", t + "/thread-members/" + g.user("bob"), null);
    http.call(204, "DELETE", t + "/thread-members/" + g.user("mod"), null);
    http.call(204, "DELETE", t + "/thread-members/@me", null);
    http.call(204, "PUT", t + "/thread-members/@me", null);
    http.call(404, "PUT", t + "/thread-members/1", null);
    http.call(200, "PATCH", t, "{\"name\":\"ticket-1-renamed\"}");
    http.call(200, "PATCH", t, "{\"archived\":true,\"locked\":true}");
    http.get("/channels/" + g.channel("tickets") + "/threads/archived/private");
    http.get("/channels/" + g.channel("tickets") + "/threads/archived/private?limit=2");
    http.call(200, "PATCH", t, "{\"archived\":false,\"locked\":false,\"invitable\":true}");
    http.get("/guilds/" + g.id + "/threads/active");

    String starter = http.call(200, "POST", tickets + "/messages", "{\"content\":\"thread starter\"}").id();
    String pub = http.call(201, "POST", tickets + "/messages/" + starter + "/threads",
        "{\"name\":\"discussion\",\"auto_archive_duration\":60}").id();
    http.call(400, "POST", tickets + "/messages/" + starter + "/threads", "{\"name\":\"again\"}");
    String other = http.call(201, "POST", tickets + "/threads", "{\"name\":\"public\",\"type\":11}").id();
    http.call(200, "PATCH", "/channels/" + other, "{\"archived\":true}");
    http.get("/channels/" + g.channel("tickets") + "/threads/archived/public");
    http.get("/channels/" + g.channel("tickets") + "/threads/archived/public?limit=2");
    http.call(200, "DELETE", "/channels/" + pub, null);
    http.call(404, "GET", "/channels/" + pub, null);
    http.call(404, "POST", tickets + "/messages/1/threads", "{\"name\":\"nothing\"}");
  }
}
