package dev.tiramisu.discordemu.openapi;

import static dev.tiramisu.discordemu.openapi.TestSpec.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import org.junit.jupiter.api.Test;

/**
 * Demonstrates every entry of {@link SpecDeviations}: the spec's schema alone flags a body that
 * JDA 6 builds (or that Discord's documentation shows), the validator with the deviation does
 * not, and the deviation does not hide real mistakes in the same field.
 */
class SpecDeviationsTest {

  private static final String JSON = "application/json";

  private final OpenApiSpec spec = TestSpec.spec();
  private final OpenApiValidator validator = new OpenApiValidator(spec);

  private static CommandData command() {
    return Commands.slash("ticket", "Manage tickets")
        .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_SERVER))
        .setContexts(InteractionContextType.GUILD)
        .addOption(OptionType.STRING, "topic", "What about", false);
  }

  private static DataObject messageWithFile() {
    return new MessageCreateBuilder().setContent("Transcript")
        .addFiles(FileUpload.fromData(utf8("<html/>"), "transcript.html")).build().toData();
  }

  private static DataObject editWithFile() {
    return new MessageEditBuilder().setContent("Closed")
        .setFiles(FileUpload.fromData(utf8("<html/>"), "transcript.html")).build().toData();
  }

  /** For each route with a coercion: a concrete path and the body JDA 6 sends there. */
  private static Map<String, Map.Entry<String, byte[]>> demonstrations() {
    byte[] commandList = DataArray.empty().add(command().toData()).toJson();
    byte[] oneCommand = command().toData().toJson();
    Map<String, Map.Entry<String, byte[]>> demos = new LinkedHashMap<>();
    demos.put("PUT /applications/{application_id}/commands",
        Map.entry("/applications/1/commands", commandList));
    demos.put("PUT /applications/{application_id}/guilds/{guild_id}/commands",
        Map.entry("/applications/1/guilds/2/commands", commandList));
    demos.put("POST /applications/{application_id}/commands",
        Map.entry("/applications/1/commands", oneCommand));
    demos.put("POST /applications/{application_id}/guilds/{guild_id}/commands",
        Map.entry("/applications/1/guilds/2/commands", oneCommand));
    demos.put("POST /channels/{channel_id}/messages",
        Map.entry("/channels/3/messages", messageWithFile().toJson()));
    demos.put("PATCH /channels/{channel_id}/messages/{message_id}",
        Map.entry("/channels/3/messages/4", editWithFile().toJson()));
    demos.put("POST /webhooks/{webhook_id}/{webhook_token}",
        Map.entry("/webhooks/1/tok", messageWithFile().toJson()));
    demos.put("PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original",
        Map.entry("/webhooks/1/tok/messages/@original", editWithFile().toJson()));
    demos.put("POST /interactions/{interaction_id}/{interaction_token}/callback",
        Map.entry("/interactions/5/tok/callback",
            DataObject.empty().put("type", 4).put("data", messageWithFile()).toJson()));
    demos.put("POST /users/@me/channels",
        Map.entry("/users/@me/channels",
            DataObject.empty().put("recipient_id", 123456789012345678L).toJson()));
    // Discord's documentation (Edit Channel Permissions: allow and deny are strings), as discord.py 2 sends it
    demos.put("PUT /channels/{channel_id}/permissions/{overwrite_id}",
        Map.entry("/channels/3/permissions/6", utf8("{\"type\": 0, \"allow\": \"1024\", \"deny\": \"2048\"}")));
    return demos;
  }

  @Test
  void everyCoercionIsNeededForABodyAClientSends() {
    Map<String, Map.Entry<String, byte[]>> demos = demonstrations();

    for (SpecDeviations.Coercion coercion : SpecDeviations.COERCIONS) {
      String route = coercion.method() + " " + coercion.pathTemplate();
      assertThat(demos).as("a demonstration for %s", route).containsKey(route);
      String path = demos.get(route).getKey();
      byte[] body = demos.get(route).getValue();

      assertThat(spec.match(coercion.method(), path).map(SpecOperation::pathTemplate))
          .as(route).contains(coercion.pathTemplate());
      assertThat(rawFields(coercion.method(), path, body))
          .as("the spec alone flags %s at %s", route, coercion.pointer())
          .anyMatch(field -> matches(coercion.pointer(), field));
      assertThat(validator.validateRequest(coercion.method(), path, Map.of(), JSON, body))
          .as("with the deviation, %s passes", route).isEmpty();
    }
  }

  @Test
  void coercedValuesAreStillCheckedAgainstTheSpec() {
    String bad = "[{\"name\": \"ticket\", \"description\": \"d\", \"contexts\": [\"7\"],"
        + " \"integration_types\": [\"zero\"], \"default_member_permissions\": \"-1\"}]";

    List<Violation> violations = validator.validateRequest("PUT", "/applications/1/commands",
        Map.of(), JSON, utf8(bad));

    assertThat(violations).extracting(Violation::field, Violation::reason).contains(
        org.assertj.core.groups.Tuple.tuple("/0/contexts/0", "must be one of 0, 1, 2"),
        org.assertj.core.groups.Tuple.tuple("/0/integration_types/0",
            "string found, integer expected"),
        org.assertj.core.groups.Tuple.tuple("/0/default_member_permissions",
            "must have a minimum value of 0"));
    assertThat(validator.validateRequest("POST", "/channels/1/messages", Map.of(), JSON,
        utf8("{\"attachments\": [{\"id\": -1}]}"))).extracting(Violation::field)
        .containsExactly("/attachments/0/id");
  }

  @Test
  void rateLimitBodyAsDiscordDocumentsItPasses() {
    // The example of Discord's rate-limit documentation: no "code".
    byte[] documented = utf8(
        "{\"message\": \"You are being rate limited.\", \"retry_after\": 64.57, \"global\": false}");

    assertThat(rawResponseFields("/components/schemas/RatelimitedResponse", documented))
        .containsExactly("/code");
    assertThat(validator.validateResponse("POST", "/channels/1/messages", 429, JSON, documented))
        .isEmpty();
  }

  @Test
  void rateLimitBodyWithoutRetryAfterIsStillFlagged() {
    assertThat(validator.validateResponse("POST", "/channels/1/messages", 429, JSON,
        utf8("{\"message\": \"You are being rate limited.\", \"global\": false}")))
        .extracting(Violation::field).containsExactly("/retry_after");
  }

  @Test
  void fieldErrorsWithStringCodesAsDiscordDocumentsThemPass() {
    // Discord's "Example JSON Error Response"; JDA reads each _errors[].code as a string.
    byte[] documented = utf8("""
        {"code": 50035, "message": "Invalid Form Body", "errors": {"activities": {"0": {
          "platform": {"_errors": [{"code": "BASE_TYPE_CHOICES",
              "message": "Value must be one of ('desktop', 'android', 'ios')."}]},
          "type": {"_errors": [{"code": "BASE_TYPE_CHOICES",
              "message": "Value must be one of (0, 1, 2, 3, 4, 5)."}]}}}}}""");

    assertThat(rawResponseFields("/components/schemas/ErrorResponse", documented))
        .containsExactlyInAnyOrder("/errors/activities/0/platform/_errors/0/code",
            "/errors/activities/0/type/_errors/0/code");
    assertThat(validator.validateResponse("PATCH", "/users/@me", 400, JSON, documented))
        .isEmpty();
  }

  @Test
  void fieldErrorsStillNeedTheirMessage() {
    assertThat(validator.validateResponse("PATCH", "/users/@me", 400, JSON, utf8("""
        {"code": 50035, "message": "Invalid Form Body", "errors": {"username": {"_errors": [
          {"code": "BASE_TYPE_REQUIRED"}]}}}"""))).extracting(Violation::field)
        .containsExactly("/errors/username/_errors/0/message");
  }

  @Test
  void toleratedEntriesOnlyCoverWhatTheyName() {
    Violation missingCode = new Violation("response", "GET", "/users/@me", 429, "/code",
        "required property missing");

    assertThat(SpecDeviations.filter(List.of(missingCode))).isEmpty();
    assertThat(SpecDeviations.filter(List.of(new Violation("response", "GET", "/users/@me", 400,
        "/code", "required property missing")))).hasSize(1);
    assertThat(SpecDeviations.filter(List.of(new Violation("request", "GET", "/users/@me", 0,
        "/code", "required property missing")))).hasSize(1);
  }

  /** Fields the spec's request schema flags, without any deviation applied. */
  private List<String> rawFields(String method, String path, byte[] body) {
    SpecOperation op = spec.match(method, path).orElseThrow();
    String pointer = spec.operation(op).requestMedia(JSON).schemaPointer();
    return rawResponseFields(pointer, body);
  }

  private List<String> rawResponseFields(String schemaPointer, byte[] body) {
    try {
      JsonNode json = spec.mapper().readTree(body);
      return ErrorReport.of(spec.schema(schemaPointer).validate(json), spec.node(""), schemaPointer)
          .stream()
          .map(ErrorReport.Problem::field).toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static boolean matches(String pointerPattern, String field) {
    String regex = Pattern.quote(pointerPattern).replace("*", "\\E[^/]+\\Q");
    return field.matches(regex);
  }
}
