package dev.tiramisu.discordemu.openapi;

import static dev.tiramisu.discordemu.openapi.TestSpec.query;
import static dev.tiramisu.discordemu.openapi.TestSpec.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestValidationTest {

  private static final String JSON = "application/json";
  private static final String MESSAGES = "/channels/{channel_id}/messages";

  private final OpenApiValidator validator = TestSpec.validator();

  private List<Violation> createMessage(String body) {
    return validator.validateRequest("POST", "/channels/101/messages", Map.of(), JSON, utf8(body));
  }

  @Test
  void wellFormedMessageCreatePasses() {
    assertThat(createMessage("""
        {"content": "Ticket opened", "tts": false, "flags": 0,
         "embeds": [{"title": "Ticket #1", "description": "Say what you need", "color": 13148794,
                     "fields": [{"name": "Status", "value": "open", "inline": true}]}],
         "components": [{"type": 1, "components": [
             {"type": 2, "style": 4, "custom_id": "ticket:close", "label": "Close"}]}],
         "allowed_mentions": {"parse": [], "users": ["202"], "replied_user": false}}
        """)).isEmpty();
  }

  @Test
  void contentAsNumberIsFlaggedAtItsPointer() {
    assertThat(createMessage("{\"content\": 5}"))
        .containsExactly(Violation.request(op("POST", MESSAGES), "/content",
            "integer found, [string, null] expected"));
  }

  @Test
  void embedsNotAnArrayIsFlagged() {
    List<Violation> violations = createMessage("{\"content\": \"hi\", \"embeds\": {\"title\": \"x\"}}");

    assertThat(violations).singleElement().satisfies(v -> {
      assertThat(v.direction()).isEqualTo("request");
      assertThat(v.pathTemplate()).isEqualTo(MESSAGES);
      assertThat(v.field()).isEqualTo("/embeds");
      assertThat(v.reason()).isEqualTo("object found, [array, null] expected");
    });
  }

  @Test
  void contentLongerThanTheSpecsMaxLengthIsFlagged() {
    // MessageCreateRequest.content has maxLength 4000 in the spec.
    String tooLong = "x".repeat(4001);

    assertThat(createMessage("{\"content\": \"" + tooLong + "\"}"))
        .containsExactly(Violation.request(op("POST", MESSAGES), "/content",
            "must be at most 4,000 characters long"));
    assertThat(createMessage("{\"content\": \"" + "x".repeat(4000) + "\"}")).isEmpty();
  }

  @Test
  void nestedProblemsArePreciseDespiteUnions() {
    // components[0] is an action row (one of seven component kinds); its button has a style
    // that no button has, and an embed field lacks its value.
    List<Violation> violations = createMessage("""
        {"components": [{"type": 1, "components": [
             {"type": 2, "style": 9, "custom_id": "x", "label": "X"}]}],
         "embeds": [{"fields": [{"name": "Status"}]}]}
        """);

    assertThat(violations).extracting(Violation::field, Violation::reason).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("/components/0/components/0/style",
            "must be one of 1, 2, 3, 4, 5, 6"),
        org.assertj.core.groups.Tuple.tuple("/embeds/0/fields/0/value",
            "required property missing"));
  }

  @Test
  void unknownComponentTypeNamesTheAlternatives() {
    List<Violation> violations = createMessage("{\"components\": [{\"type\": 99}]}");

    assertThat(violations).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo("/components/0");
      assertThat(v.reason()).startsWith("matches none of ActionRowComponentForMessageRequest, ");
    });
  }

  @Test
  void rootLevelUnionsReportTheAlternativeTheBodyMeant() {
    // The callback body is anyOf seven callback kinds, told apart by "type".
    assertThat(validator.validateRequest("POST", "/interactions/1/tok/callback", Map.of(), JSON,
        utf8("{\"type\": 4, \"data\": {\"content\": 5}}")))
        .extracting(Violation::field, Violation::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("/data/content",
            "integer found, [string, null] expected"));
    assertThat(validator.validateRequest("POST", "/interactions/1/tok/callback", Map.of(), JSON,
        utf8("{\"type\": 3}"))).extracting(Violation::field, Violation::reason)
        .singleElement().satisfies(t -> assertThat(t.toList().get(1).toString())
            .startsWith("matches none of "));
  }

  @Test
  void invalidJsonIsFlagged() {
    assertThat(createMessage("{\"content\": ")).singleElement()
        .satisfies(v -> {
          assertThat(v.field()).isEmpty();
          assertThat(v.reason()).startsWith("body is not valid JSON");
        });
    assertThat(createMessage("{} {}")).singleElement()
        .satisfies(v -> assertThat(v.reason()).startsWith("body is not valid JSON"));
  }

  @Test
  void missingRequiredBodyIsFlagged() {
    assertThat(validator.validateRequest("POST", "/channels/101/messages", Map.of(), null, null))
        .containsExactly(Violation.request(op("POST", MESSAGES), "",
            "missing request body (required: application/json, "
                + "application/x-www-form-urlencoded, multipart/form-data)"));
  }

  @Test
  void emptyBodyIsFineWhereTheRouteTakesNone() {
    assertThat(validator.validateRequest("POST", "/channels/101/typing", Map.of(), null,
        new byte[0])).isEmpty();
    assertThat(validator.validateRequest("DELETE", "/channels/101/messages/5", null, JSON, null))
        .isEmpty();
  }

  @Test
  void bodyWhereTheRouteTakesNoneIsFlagged() {
    assertThat(validator.validateRequest("PUT", "/channels/1/messages/pins/2", Map.of(), JSON,
        utf8("{}"))).extracting(Violation::reason)
        .containsExactly("this route takes no request body");
  }

  @Test
  void contentTypeMustBeOneTheRouteAccepts() {
    assertThat(validator.validateRequest("POST", "/channels/101/messages", Map.of(), "text/plain",
        utf8("hi"))).extracting(Violation::reason)
        .containsExactly("Content-Type text/plain is not accepted here (accepted: "
            + "application/json, application/x-www-form-urlencoded, multipart/form-data)");
    assertThat(validator.validateRequest("POST", "/channels/101/messages", Map.of(), null,
        utf8("{}"))).extracting(Violation::reason)
        .containsExactly("request body without a Content-Type");
    assertThat(validator.validateRequest("POST", "/channels/101/messages", Map.of(),
        "application/json; charset=UTF-8", utf8("{\"content\": \"hi\"}"))).isEmpty();
  }

  @Test
  void multipartPayloadJsonIsValidatedAgainstTheJsonSchema() {
    String multipart = "multipart/form-data; boundary=abc";
    String payload = "{\"content\": \"see file\", \"attachments\": [{\"id\": \"0\", "
        + "\"filename\": \"transcript.html\"}]}";

    assertThat(validator.validateRequest("POST", "/channels/101/messages", Map.of(), multipart,
        utf8(payload))).isEmpty();
    assertThat(validator.validateRequest("POST", "/channels/101/messages", Map.of(), multipart,
        utf8("{\"content\": 1}"))).extracting(Violation::field).containsExactly("/content");
    // Files only, no payload_json part: allowed.
    assertThat(validator.validateRequest("POST", "/channels/101/messages", Map.of(), multipart,
        new byte[0])).isEmpty();
    // A route that takes no multipart body.
    assertThat(validator.validateRequest("POST", "/users/@me/channels", Map.of(), multipart,
        utf8("{}"))).extracting(Violation::reason)
        .containsExactly("Content-Type multipart/form-data is not accepted here (accepted: "
            + "application/json)");
  }

  @Test
  void queryLimitIsBoundedOnMessageHistory() {
    assertThat(validator.validateRequest("GET", "/channels/101/messages", query("limit", "500"),
        null, null))
        .containsExactly(Violation.request(op("GET", MESSAGES), "limit",
            "must have a maximum value of 100"));
    assertThat(validator.validateRequest("GET", "/channels/101/messages",
        query("limit", "50", "before", "1234567890123456789"), null, null)).isEmpty();
    assertThat(validator.validateRequest("GET", "/channels/101/messages", query("limit", "0"),
        null, null)).extracting(Violation::reason)
        .containsExactly("must have a minimum value of 1");
  }

  @Test
  void queryValuesAreCoercedByTheirSchemaType() {
    assertThat(validator.validateRequest("GET", "/channels/101/messages", query("limit", "ten"),
        null, null)).extracting(Violation::field, Violation::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("limit",
            "string found, integer expected"));
    assertThat(validator.validateRequest("GET", "/channels/101/messages",
        query("after", "not-a-snowflake"), null, null)).extracting(Violation::field)
        .containsExactly("after");
    assertThat(validator.validateRequest("POST", "/webhooks/1/tok", query("wait", "true"), JSON,
        utf8("{\"content\": \"hi\"}"))).isEmpty();
    assertThat(validator.validateRequest("POST", "/webhooks/1/tok", query("wait", "yes"), JSON,
        utf8("{\"content\": \"hi\"}"))).extracting(Violation::field, Violation::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("wait",
            "string found, boolean expected"));
  }

  @Test
  void booleanQueryParametersTakeDiscordsSpellings() {
    // Discord's API Reference, "Boolean Query Strings": True, true or 1; False, false or 0
    for (String value : List.of("True", "true", "1", "False", "false", "0")) {
      assertThat(validator.validateRequest("POST", "/webhooks/1/tok", query("wait", value), JSON,
          utf8("{\"content\": \"hi\"}"))).as("wait=" + value).isEmpty();
      assertThat(validator.validateRequest("GET", "/guilds/1", query("with_counts", value), null, null))
          .as("with_counts=" + value).isEmpty();
    }
    for (String value : List.of("yes", "TRUE", "on", "2")) {
      assertThat(validator.validateRequest("GET", "/guilds/1", query("with_counts", value), null, null))
          .as("with_counts=" + value).extracting(Violation::field).containsExactly("with_counts");
    }
  }

  @Test
  void unknownAndRepeatedQueryParametersAreFlagged() {
    assertThat(validator.validateRequest("GET", "/channels/101/messages",
        query("limit", "5", "limit", "6", "page", "2"), null, null))
        .extracting(Violation::field, Violation::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("limit", "given 2 times, but takes a single value"),
            org.assertj.core.groups.Tuple.tuple("page",
                "unknown query parameter (documented: around, before, after, limit)"));
  }

  @Test
  void arrayQueryParametersTakeRepeatedValues() {
    String search = "/guilds/1/messages/search";

    assertThat(validator.validateRequest("GET", search,
        query("author_id", "11", "author_id", "12"), null, null)).isEmpty();
    assertThat(validator.validateRequest("GET", search, query("author_id", "x"), null, null))
        .extracting(Violation::field).containsExactly("author_id/0");
  }

  @Test
  void pathParamsAreValidated() {
    assertThat(validator.validateRequest("GET", "/channels/general/messages", Map.of(), null, null))
        .extracting(Violation::field, Violation::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("channel_id",
            "does not match the regex pattern ^(0|[1-9][0-9]*)$"));
  }

  @Test
  void unknownRouteIsAViolation() {
    assertThat(validator.validateRequest("GET", "/channels/1/nothing-here", Map.of(), null, null))
        .containsExactly(new Violation("request", "GET", "/channels/1/nothing-here", 0, "",
            "no such route in the spec"));
    assertThat(validator.validateRequest("put", "/users/@me", Map.of(), null, null))
        .extracting(Violation::method, Violation::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("PUT", "no such route in the spec"));
  }

  @Test
  void int32FormatIsAsserted() {
    assertThat(validator.validateRequest("POST", "/channels/1/threads", Map.of(), JSON,
        utf8("{\"name\": \"t\", \"type\": 12, \"rate_limit_per_user\": 4294967296}")))
        .extracting(Violation::field).contains("/rate_limit_per_user");
  }

  private static SpecOperation op(String method, String template) {
    return new SpecOperation(method, template, "ignored", Map.of());
  }
}
