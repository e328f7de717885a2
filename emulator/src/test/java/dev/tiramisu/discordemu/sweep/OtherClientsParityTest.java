package dev.tiramisu.discordemu.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.EmulatorConfig;
import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.TestGuild;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What another client library (discord.py 2) found the emulator doing unlike Discord (issue 10), each checked the
 * way that client sends it, over plain HTTP: boolean query strings in Discord's spellings, the deprecated
 * {@code interaction} object on replies, {@code GET /users/@me/guilds}, the application's required fields and
 * unicode component emoji sent with {@code "id": null}.
 */
class OtherClientsParityTest {
  private static Emulator emu;
  private static SweepClient http;
  private TestGuild g;

  @BeforeAll
  static void start() {
    emu = Emulator.start(EmulatorConfig.defaults().withRateLimits(false));
    emu.setBaseInteractionResponseDeadline(Duration.ofSeconds(60));
    http = new SweepClient(emu);
  }

  @AfterAll
  static void stop() {
    emu.close();
  }

  @BeforeEach
  void guild() {
    emu.reset();
    g = emu.guild("Parity").textChannel("tickets").owner("admin").member("alice").build();
    http.call(200, "PUT", "/applications/" + emu.applicationId() + "/commands", CommandSweep.COMMANDS);
  }

  @AfterEach
  void noViolations() {
    assertThat(emu.specViolations()).isEmpty();
  }

  private String token(InteractionHandle h) {
    synchronized (emu.state()) {
      return emu.state().interactions.get(h.id).token;
    }
  }

  private String answered(InteractionHandle h) {
    http.call(204, "POST", "/interactions/" + h.id + "/" + token(h) + "/callback",
        "{\"type\":4,\"data\":{\"content\":\"pong\"}}");
    return "/webhooks/" + emu.applicationId() + "/" + token(h);
  }

  @Test
  void followUpsReturnTheMessageForEverySpellingOfWait() {
    String hook = answered(g.as("alice").slash(g.channel("tickets"), "ping"));
    // Discord: a follow-up "functions the same as Execute Webhook, but wait is always true"
    for (String wait : List.of("1", "0", "true", "false", "True", "False")) {
      SweepClient.Reply r = http.call(200, "POST", hook + "?wait=" + wait, "{\"content\":\"wait=" + wait + "\"}");
      assertThat(r.body().path("content").asText()).isEqualTo("wait=" + wait);
    }
    assertThat(g.messages("tickets")).hasSize(7);
  }

  @Test
  void aWaitThatIsNotABooleanIsRefusedLikeDiscord() {
    String hook = answered(g.as("alice").slash(g.channel("tickets"), "ping"));
    http.invalid("POST", hook + "?wait=yes", "{\"content\":\"never\"}", "wait");
    assertThat(g.messages("tickets")).hasSize(1);
  }

  @Test
  void theHandlersParseBooleansThemselvesWhenTheValidatorDoesNotRefuse() {
    EmulatorConfig lenient = EmulatorConfig.defaults().withRateLimits(false)
        .withOpenApiSpec(EmulatorConfig.defaults().openApiSpec(), false);
    try (Emulator own = Emulator.start(lenient)) {
      TestGuild guild = own.guild("Lenient").textChannel("general").member("alice").build();
      SweepClient client = new SweepClient(own);
      assertThat(client.get("/guilds/" + guild.id + "?with_counts=True").body().has("approximate_member_count"))
          .isTrue();
      SweepClient.Reply refused = client.call(400, "GET", "/guilds/" + guild.id + "?with_counts=yes", null);
      assertThat(refused.code()).isEqualTo(50035);
      assertThat(refused.body().path("errors").path("with_counts").path("_errors").path(0).path("code").asText())
          .as("the handler's own answer, not the validator's").isEqualTo("BOOLEAN_TYPE_COERCE");
      assertThat(own.takeSpecViolations()).singleElement().asString().contains("with_counts");
    }
  }

  @Test
  void withCountsOneAddsTheApproximateCounts() {
    JsonNode guild = http.get("/guilds/" + g.id + "?with_counts=1").body();
    assertThat(guild.path("approximate_member_count").asInt()).isEqualTo(3);
    assertThat(guild.path("approximate_presence_count").isInt()).isTrue();
    assertThat(http.get("/guilds/" + g.id + "?with_counts=0").body().has("approximate_member_count")).isFalse();
  }

  @Test
  void aReplyCarriesTheDeprecatedInteractionObjectBesideItsMetadata() {
    InteractionHandle h = g.as("alice").slash(g.channel("tickets"), "ticket create");
    http.call(204, "POST", "/interactions/" + h.id + "/" + token(h) + "/callback", "{\"type\":5}");
    JsonNode reply = http.call(200, "PATCH", "/webhooks/" + emu.applicationId() + "/" + token(h)
        + "/messages/@original", "{\"content\":\"opened\"}").body();
    JsonNode interaction = reply.path("interaction");
    assertThat(interaction.path("id").asText()).isEqualTo(Long.toString(h.id));
    assertThat(interaction.path("type").asInt()).isEqualTo(2);
    assertThat(interaction.path("name").asText()).isEqualTo("ticket create");
    assertThat(interaction.path("user").path("id").asText()).isEqualTo(Long.toString(g.user("alice")));
    assertThat(interaction.path("member").path("joined_at").isTextual()).isTrue();
    assertThat(interaction.path("member").has("user")).as("the member is partial: its user is beside it").isFalse();
    assertThat(reply.path("interaction_metadata").path("id").asText()).isEqualTo(Long.toString(h.id));
    JsonNode history = http.get("/channels/" + g.channel("tickets") + "/messages").body();
    assertThat(history.path(0).path("interaction").path("id").asText()).isEqualTo(Long.toString(h.id));
  }

  @Test
  void myGuildsArePartialGuildsPagedById() {
    TestGuild b = emu.guild("B").textChannel("x").owner("bee").build();
    TestGuild c = emu.guild("C").textChannel("x").owner("cee").build();
    emu.guild("Not mine").textChannel("x").owner("dee").withoutBot().build();
    JsonNode all = http.get("/users/@me/guilds").body();
    assertThat(all).extracting(n -> n.path("id").asText())
        .containsExactly(Long.toString(g.id), Long.toString(b.id), Long.toString(c.id));
    JsonNode first = all.path(0);
    assertThat(first.path("name").asText()).isEqualTo("Parity");
    assertThat(first.path("owner").asBoolean()).isFalse();
    assertThat(first.path("permissions").asText()).matches("\\d+");
    assertThat(first.path("features").isArray()).isTrue();
    assertThat(http.get("/users/@me/guilds?after=" + g.id).body()).hasSize(2);
    assertThat(http.get("/users/@me/guilds?before=" + c.id + "&limit=1").body().path(0).path("id").asText())
        .isEqualTo(Long.toString(b.id));
    assertThat(http.get("/users/@me/guilds?with_counts=True&limit=1").body().path(0)
        .path("approximate_member_count").asInt()).isEqualTo(3);
  }

  @Test
  void theApplicationHasEveryFieldTheSpecRequires() {
    JsonNode app = http.get("/oauth2/applications/@me").body();
    assertThat(app.has("type")).isTrue();
    // the Message Content intent's flag (GATEWAY_MESSAGE_CONTENT_LIMITED), on by default (MessageContentRestTest)
    assertThat(app.path("flags_new").asText())
        .isEqualTo(Integer.toString(dev.tiramisu.discordemu.MessageContent.APPLICATION_FLAG));
    assertThat(app.has("role_connections_verification_url")).isTrue();
    assertThat(app.path("approximate_guild_count").asInt()).isEqualTo(1);
    assertThat(app.path("approximate_user_install_count").isInt()).isTrue();
    assertThat(app.path("approximate_user_authorization_count").isInt()).isTrue();
    assertThat(app.path("explicit_content_filter").asInt()).isZero();
    assertThat(app.path("eligible_oauth2_scopes")).extracting(JsonNode::asText).contains("bot");
  }

  @Test
  void aUnicodeEmojiSentWithANullIdComesBackWithoutOne() {
    JsonNode sent = http.call(200, "POST", "/channels/" + g.channel("tickets") + "/messages",
        "{\"content\":\"x\",\"components\":" + MessageSweep.EMOJI_COMPONENTS + "}").body();
    JsonNode buttons = sent.path("components").path(0).path("components");
    assertThat(buttons.path(0).path("emoji").toString()).isEqualTo("{\"name\":\"🗑️\"}");
    assertThat(buttons.path(2).path("emoji").path("id").asText()).isEqualTo("123456789012345678");
    JsonNode option = sent.path("components").path(1).path("components").path(0).path("options").path(0);
    assertThat(option.path("emoji").has("id")).isFalse();
  }
}
