package dev.tiramisu.discordemu.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenApiSpecTest {

  private final OpenApiSpec spec = TestSpec.spec();

  @Test
  void loadsOncePerFile() {
    OpenApiSpec again = OpenApiSpec.load(TestSpec.file().toAbsolutePath().getParent()
        .resolve("..").resolve("discord-api").resolve("openapi.json"));

    assertThat(again).isSameAs(spec);
    assertThat(spec.version()).isEqualTo("10");
  }

  @Test
  void matchesTemplateAndExtractsParams() {
    Optional<SpecOperation> op = spec.match("post", "/channels/123/messages");

    assertThat(op).contains(new SpecOperation("POST", "/channels/{channel_id}/messages",
        "create_message", Map.of("channel_id", "123")));
  }

  @Test
  void literalSegmentBeatsParam() {
    assertThat(spec.match("GET", "/users/@me").map(SpecOperation::operationId))
        .contains("get_my_user");
    assertThat(spec.match("GET", "/users/42").map(SpecOperation::operationId))
        .contains("get_user");
    assertThat(spec.match("GET", "/users/42").get().pathParams())
        .containsExactly(Map.entry("user_id", "42"));
  }

  @Test
  void pinsRouteIsNotAMessageRoute() {
    SpecOperation pin = spec.match("PUT", "/channels/1/messages/pins/2").orElseThrow();

    assertThat(pin.pathTemplate()).isEqualTo("/channels/{channel_id}/messages/pins/{message_id}");
    assertThat(pin.pathParams()).containsOnly(
        Map.entry("channel_id", "1"), Map.entry("message_id", "2"));
    // GET .../messages/pins is the pin list, GET .../messages/2 a message.
    assertThat(spec.match("GET", "/channels/1/messages/pins").map(SpecOperation::operationId))
        .contains("list_pins");
    assertThat(spec.match("GET", "/channels/1/messages/2").map(SpecOperation::operationId))
        .contains("get_message");
  }

  @Test
  void literalPrecedenceBacktracksWhenTheLiteralBranchDeadEnds() {
    // "@me" is literal under /channels/{id}/thread-members, but /thread-members/@me/x does not
    // exist either way; and a user id goes through the {user_id} branch.
    assertThat(spec.match("PUT", "/channels/1/thread-members/@me").map(SpecOperation::operationId))
        .contains("join_thread");
    assertThat(spec.match("PUT", "/channels/1/thread-members/7").map(SpecOperation::operationId))
        .contains("add_thread_member");
    assertThat(spec.match("PATCH", "/webhooks/1/tok/messages/@original")
        .map(SpecOperation::pathTemplate))
        .contains("/webhooks/{webhook_id}/{webhook_token}/messages/@original");
    assertThat(spec.match("PATCH", "/webhooks/1/tok/messages/5").map(SpecOperation::pathTemplate))
        .contains("/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}");
  }

  @Test
  void decodesPercentEncodedParams() {
    SpecOperation op =
        spec.match("PUT", "/channels/1/messages/2/reactions/%F0%9F%8E%AB/@me").orElseThrow();

    assertThat(op.pathParams()).containsEntry("emoji_name", "\uD83C\uDFAB");
  }

  @Test
  void toleratesTheApiPrefixAndEncodedLiterals() {
    assertThat(spec.match("GET", "/api/v10/users/@me").map(SpecOperation::operationId))
        .contains("get_my_user");
    assertThat(spec.match("GET", "/users/%40me").map(SpecOperation::operationId))
        .contains("get_my_user");
  }

  @Test
  void unknownPathsAndMethodsDoNotMatch() {
    assertThat(spec.match("GET", "/nope")).isEmpty();
    assertThat(spec.match("GET", "/channels")).isEmpty();
    assertThat(spec.match("GET", "/channels/1/messages/2/3")).isEmpty();
    assertThat(spec.match("GET", "/channels//messages")).isEmpty();
    assertThat(spec.match("GET", "channels/1")).isEmpty();
    assertThat(spec.match("PUT", "/users/@me")).isEmpty(); // the route exists, not for PUT
  }

  @Test
  void missingFileIsReported(@TempDir Path dir) {
    assertThatThrownBy(() -> OpenApiSpec.load(dir.resolve("absent.json")))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("absent.json");
  }

  @Test
  void nonOpenApiJsonIsRejected(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("not-openapi.json"), "{\"hello\": 1}");

    assertThatThrownBy(() -> OpenApiSpec.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no paths");
  }
}
