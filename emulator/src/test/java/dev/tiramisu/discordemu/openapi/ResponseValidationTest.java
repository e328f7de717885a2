package dev.tiramisu.discordemu.openapi;

import static dev.tiramisu.discordemu.openapi.TestSpec.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseValidationTest {

  private static final String JSON = "application/json";

  private final OpenApiValidator validator = TestSpec.validator();

  /** A user object as Discord returns it in a message's author. */
  private static final String AUTHOR = """
      {"id": "1434567890123456789", "username": "tiramisu", "global_name": null,
       "avatar": null, "discriminator": "0000", "public_flags": 0, "flags": 0, "bot": true,
       "banner": null, "accent_color": null, "avatar_decoration_data": null,
       "collectibles": null, "primary_guild": null}""";

  /** A bot's message with an embed and a button row, as Discord returns it. */
  private static final String MESSAGE = """
      {"type": 0, "content": "Ticket opened", "mentions": [], "mention_roles": [],
       "attachments": [], "embeds": [{"type": "rich", "title": "Ticket #12",
          "description": "Say what you need", "color": 13148794,
          "fields": [{"name": "Status", "value": "open", "inline": true}]}],
       "timestamp": "2026-01-02T03:04:05.678000+00:00", "edited_timestamp": null,
       "flags": 0, "components": [{"type": 1, "id": 1, "components": [
          {"type": 2, "id": 2, "custom_id": "ticket:close", "style": 4, "label": "Close"}]}],
       "id": "1334567890123456789", "channel_id": "1234567890123456789",
       "author": %s, "pinned": false, "mention_everyone": false, "tts": false,
       "application_id": "1434567890123456789"}""".formatted(AUTHOR);

  private static final String TEXT_CHANNEL = """
      {"id": "1234567890123456789", "type": 0, "flags": 0, "guild_id": "1134567890123456789",
       "name": "tickets", "position": 3, "parent_id": null, "topic": "Open a ticket here",
       "last_message_id": "1334567890123456789", "rate_limit_per_user": 0, "nsfw": false,
       "permission_overwrites": [{"id": "1134567890123456789", "type": 0, "allow": "0",
          "deny": "1024"}]}""";

  private static final String PRIVATE_THREAD = """
      {"id": "1234567890123456790", "type": 12, "flags": 0, "guild_id": "1134567890123456789",
       "parent_id": "1234567890123456789", "owner_id": "1434567890123456789",
       "name": "ticket-0012", "last_message_id": null, "rate_limit_per_user": 0,
       "message_count": 0, "member_count": 1, "total_message_sent": 0,
       "thread_metadata": {"archived": false, "auto_archive_duration": 10080,
          "archive_timestamp": "2026-01-02T03:04:05.678000+00:00", "locked": false,
          "invitable": false, "create_timestamp": "2026-01-02T03:04:05.678000+00:00"}}""";

  @Test
  void realisticMessagePasses() {
    assertThat(validator.validateResponse("POST", "/channels/1234567890123456789/messages", 200,
        JSON, utf8(MESSAGE))).isEmpty();
    assertThat(validator.validateResponse("GET", "/channels/1234567890123456789/messages", 200,
        "application/json; charset=utf-8", utf8("[" + MESSAGE + "]"))).isEmpty();
  }

  @Test
  void realisticChannelsPass() {
    assertThat(validator.validateResponse("GET", "/channels/1234567890123456789", 200, JSON,
        utf8(TEXT_CHANNEL))).isEmpty();
    assertThat(validator.validateResponse("PATCH", "/channels/1234567890123456790", 200, JSON,
        utf8(PRIVATE_THREAD))).isEmpty();
    assertThat(validator.validateResponse("POST", "/channels/1234567890123456789/threads", 201,
        JSON, utf8(PRIVATE_THREAD))).isEmpty();
  }

  @Test
  void messageMissingARequiredFieldFails() {
    String withoutTimestamp =
        MESSAGE.replace("\"timestamp\": \"2026-01-02T03:04:05.678000+00:00\", ", "");

    assertThat(validator.validateResponse("POST", "/channels/1/messages", 200, JSON,
        utf8(withoutTimestamp)))
        .containsExactly(new Violation("response", "POST", "/channels/{channel_id}/messages", 200,
            "/timestamp", "required property missing"));
  }

  @Test
  void nestedMissingFieldIsReportedWithItsPointer() {
    String authorWithoutPrimaryGuild = MESSAGE.replace(", \"primary_guild\": null", "");

    assertThat(validator.validateResponse("POST", "/channels/1/messages", 200, JSON,
        utf8(authorWithoutPrimaryGuild))).extracting(Violation::field, Violation::reason)
        .containsExactly(tuple("/author/primary_guild", "required property missing"));
  }

  @Test
  void threadMissingThreadMetadataFailsAgainstTheChannelUnion() {
    // GET /channels/{id} answers one of guild channel, DM, group DM, thread. A type-12 object
    // without thread_metadata is none of them; the thread alternative is the one reported.
    String broken = PRIVATE_THREAD.replaceAll("\"thread_metadata\": \\{[^}]*}", "\"x\": 1");

    assertThat(validator.validateResponse("GET", "/channels/1", 200, JSON, utf8(broken)))
        .extracting(Violation::field, Violation::reason)
        .containsExactly(tuple("/thread_metadata", "required property missing"));
  }

  @Test
  void badFormatsAreFlagged() {
    String badTimestamp = MESSAGE.replace("2026-01-02T03:04:05.678000+00:00", "yesterday");
    String hugePosition = TEXT_CHANNEL.replace("\"position\": 3", "\"position\": 4294967296");

    assertThat(validator.validateResponse("POST", "/channels/1/messages", 200, JSON,
        utf8(badTimestamp))).extracting(Violation::field).containsExactly("/timestamp");
    assertThat(validator.validateResponse("GET", "/channels/1", 200, JSON, utf8(hugePosition)))
        .extracting(Violation::field, Violation::reason)
        .containsExactly(tuple("/position", "does not match the int32 pattern"));
  }

  @Test
  void noContent204MustHaveNoBody() {
    String pin = "/channels/1/messages/pins/2";

    assertThat(validator.validateResponse("PUT", pin, 204, null, new byte[0])).isEmpty();
    assertThat(validator.validateResponse("PUT", pin, 204, JSON, utf8("{}")))
        .containsExactly(new Violation("response", "PUT",
            "/channels/{channel_id}/messages/pins/{message_id}", 204, "",
            "a 204 response must have no body"));
  }

  @Test
  void interactionCallbackAnswersEither204Or200WithTheCallbackResponse() {
    String callback = "/interactions/1/tok/callback";
    String body = """
        {"interaction": {"id": "1534567890123456789", "type": 2,
           "response_message_id": "1334567890123456789", "response_message_loading": false,
           "response_message_ephemeral": true},
         "resource": {"type": 4, "message": %s}}""".formatted(MESSAGE);

    assertThat(validator.validateResponse("POST", callback, 204, null, null)).isEmpty();
    assertThat(validator.validateResponse("POST", callback, 200, JSON, utf8(body))).isEmpty();
  }

  @Test
  void errorResponsesFollowTheErrorSchema() {
    String route = "/channels/1/messages";

    assertThat(validator.validateResponse("POST", route, 403, JSON,
        utf8("{\"message\": \"Missing Permissions\", \"code\": 50013}"))).isEmpty();
    assertThat(validator.validateResponse("POST", route, 400, JSON, utf8("""
        {"message": "Invalid Form Body", "code": 50035, "errors": {"content":
          {"_errors": [{"code": 50035, "message": "Must be 2000 or fewer in length."}]}}}""")))
        .isEmpty();
    assertThat(validator.validateResponse("POST", route, 400, JSON, utf8("""
        {"message": "Invalid Form Body", "code": 50035, "errors": {"content":
          {"_errors": [{"code": 50035}]}}}""")))
        .containsExactly(new Violation("response", "POST", "/channels/{channel_id}/messages", 400,
            "/errors/content/_errors/0/message", "required property missing"));
    assertThat(validator.validateResponse("POST", route, 404, JSON,
        utf8("{\"error\": \"not found\"}"))).extracting(Violation::field)
        .containsExactlyInAnyOrder("/code", "/message");
  }

  @Test
  void rateLimitResponsesFollowTheRateLimitSchema() {
    assertThat(validator.validateResponse("POST", "/channels/1/messages", 429, JSON, utf8(
        "{\"message\": \"You are being rate limited.\", \"retry_after\": 1.5, \"global\": false,"
            + " \"code\": 0}"))).isEmpty();
    assertThat(validator.validateResponse("POST", "/channels/1/messages", 429, JSON, utf8(
        "{\"message\": \"You are being rate limited.\", \"retry_after\": \"soon\","
            + " \"global\": false}"))).extracting(Violation::field, Violation::reason)
        .containsExactly(tuple("/retry_after", "string found, number expected"));
  }

  @Test
  void serverErrorsAreCheckedAgainstTheGenericErrorSchema() {
    assertThat(validator.validateResponse("GET", "/users/@me", 500, JSON,
        utf8("{\"message\": \"500: Internal Server Error\", \"code\": 0}"))).isEmpty();
    assertThat(validator.validateResponse("GET", "/users/@me", 502, null, null)).isEmpty();
    assertThat(validator.validateResponse("GET", "/users/@me", 500, "text/html",
        utf8("<h1>oops</h1>"))).extracting(Violation::reason)
        .containsExactly("Content-Type text/html is not JSON");
  }

  @Test
  void undocumentedStatusAndWrongContentAreFlagged() {
    List<Violation> created = validator.validateResponse("POST", "/channels/1/messages", 201,
        JSON, utf8(MESSAGE));
    // A 2xx the spec does not list for the route, falling back to no 2XX or default key.
    assertThat(created).extracting(Violation::reason).containsExactly(
        "status 201 is not documented for this route (documented: 200, 429, 4XX)");
    assertThat(validator.validateResponse("GET", "/users/@me", 200, "text/plain",
        utf8("hello"))).extracting(Violation::reason)
        .containsExactly("Content-Type text/plain is not one of application/json");
    assertThat(validator.validateResponse("GET", "/users/@me", 200, JSON, new byte[0]))
        .extracting(Violation::reason)
        .containsExactly("missing body: status 200 has content application/json");
    assertThat(validator.validateResponse("GET", "/users/@me", 200, JSON, utf8("{\"id\":")))
        .extracting(Violation::reason).singleElement().asString()
        .startsWith("body is not valid JSON");
    assertThat(validator.validateResponse("DELETE", "/channels/1/messages/2", 204, null, null))
        .isEmpty();
  }

  @Test
  void unknownRouteIsAViolationForResponsesToo() {
    assertThat(validator.validateResponse("GET", "/nope", 200, JSON, utf8("{}")))
        .containsExactly(new Violation("response", "GET", "/nope", 200, "",
            "no such route in the spec"));
  }
}
