package dev.tiramisu.discordemu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.conformance.RawDiscord;
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

  private static RawDiscord raw() {
    return new RawDiscord(emu.restUrl(), emu.botToken());
  }

  @Test
  void theSpecIsLoadedForEveryTest() {
    assertThat(emu.config().openApiSpec()).as("../shared/discord-api/openapi.json must be found").isNotNull();
  }

  @Test
  void aMalformedRequestIsRejectedAndReportedWithRouteAndField() {
    RawDiscord.Reply r = raw().send("POST", "/channels/" + g.channel("general") + "/messages",
        "{\"content\": 12345}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().path("code").asInt()).isEqualTo(50035);
    assertThat(emu.specViolations()).singleElement().asString()
        .contains("request POST /channels/{channel_id}/messages")
        .contains("/content");
    assertThat(g.messages("general")).isEmpty();
  }

  @Test
  void anOutOfRangeQueryParameterIsCaught() {
    RawDiscord.Reply r = raw().send("GET",
        "/channels/" + g.channel("general") + "/messages?limit=500", null);
    assertThat(r.status()).isEqualTo(400);
    assertThat(emu.specViolations()).singleElement().asString().contains("limit");
  }

  @Test
  void wellFormedTrafficLeavesNoViolations() {
    RawDiscord http = raw();
    assertThat(http.send("POST", "/channels/" + g.channel("general") + "/messages",
        "{\"content\":\"hi\",\"allowed_mentions\":{\"parse\":[]}}").status()).isEqualTo(200);
    assertThat(http.send("GET", "/channels/" + g.channel("general") + "/messages?limit=10", null).status())
        .isEqualTo(200);
    assertThat(http.send("GET", "/guilds/" + g.id, null).status()).isEqualTo(200);
    assertThat(http.send("GET", "/users/@me", null).status()).isEqualTo(200);
    assertThat(emu.specViolations()).isEmpty();
    assertThat(emu.requests().all()).extracting(RequestLog.Entry::route).containsExactly(
        "POST /channels/{channel_id}/messages", "GET /channels/{channel_id}/messages", "GET /guilds/{guild_id}",
        "GET /users/@me");
  }
}
