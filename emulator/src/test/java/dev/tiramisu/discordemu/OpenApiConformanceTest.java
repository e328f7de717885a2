package dev.tiramisu.discordemu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.driver.TestGuild;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every request and response crosses the OpenAPI validator; a malformed request is caught and named. */
class OpenApiConformanceTest {
  private static Emulator emu;
  private TestGuild g;

  @BeforeAll
  static void start() {
    emu = Emulator.start();
  }

  @AfterAll
  static void stop() {
    emu.close();
  }

  @BeforeEach
  void guild() {
    emu.reset();
    g = emu.guild("Spec").textChannel("general").member("alice").build();
  }

  @Test
  void theSpecIsLoadedForEveryTest() {
    assertThat(emu.config().openApiSpec()).as("../shared/discord-api/openapi.json must be found").isNotNull();
  }

  @Test
  void aMalformedRequestIsRejectedAndReportedWithRouteAndField() {
    HttpResponse<String> r = new RawHttp(emu).send("POST", "/channels/" + g.channel("general") + "/messages",
        "{\"content\": 12345}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(Json.parse(r.body()).path("code").asInt()).isEqualTo(50035);
    assertThat(emu.specViolations()).singleElement().asString()
        .contains("request POST /channels/{channel_id}/messages")
        .contains("/content");
    assertThat(g.messages("general")).isEmpty();
  }

  @Test
  void anOutOfRangeQueryParameterIsCaught() {
    HttpResponse<String> r = new RawHttp(emu).send("GET",
        "/channels/" + g.channel("general") + "/messages?limit=500", null);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(emu.specViolations()).singleElement().asString().contains("limit");
  }

  @Test
  void wellFormedTrafficLeavesNoViolations() {
    RawHttp http = new RawHttp(emu);
    assertThat(http.send("POST", "/channels/" + g.channel("general") + "/messages",
        "{\"content\":\"hi\",\"allowed_mentions\":{\"parse\":[]}}").statusCode()).isEqualTo(200);
    assertThat(http.send("GET", "/channels/" + g.channel("general") + "/messages?limit=10", null).statusCode())
        .isEqualTo(200);
    assertThat(http.send("GET", "/guilds/" + g.id, null).statusCode()).isEqualTo(200);
    assertThat(http.send("GET", "/users/@me", null).statusCode()).isEqualTo(200);
    assertThat(emu.specViolations()).isEmpty();
    assertThat(emu.requests().all()).extracting(RequestLog.Entry::route).containsExactly(
        "POST /channels/{channel_id}/messages", "GET /channels/{channel_id}/messages", "GET /guilds/{guild_id}",
        "GET /users/@me");
  }
}
