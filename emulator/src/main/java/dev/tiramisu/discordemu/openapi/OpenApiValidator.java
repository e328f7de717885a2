package dev.tiramisu.discordemu.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks the emulator's HTTP exchanges against Discord's OpenAPI description.
 *
 * <p>Call {@link #validateRequest} for every request the emulator receives and {@link
 * #validateResponse} for every response it sends. Both return the violations found, empty when
 * the exchange is as the spec describes it (less the tolerated {@link SpecDeviations}); they never
 * throw for bad input. Thread-safe; cheap to create (the compiled schemas live in the shared
 * {@link OpenApiSpec}).
 *
 * <p>Bodies are never logged: they carry message contents and interaction tokens.
 */
public final class OpenApiValidator {

  private static final String JSON = "application/json";
  private static final String MULTIPART = "multipart/form-data";

  private final OpenApiSpec spec;
  private final JsonNode document;
  private final ParamCoercion coercion;

  public OpenApiValidator(OpenApiSpec spec) {
    this.spec = spec;
    this.document = spec.node("");
    this.coercion = new ParamCoercion(document);
  }

  /** The spec this validator checks against. */
  public OpenApiSpec spec() {
    return spec;
  }

  /**
   * Validates one request.
   *
   * @param method HTTP method, any case
   * @param path request path without {@code /api/v10} and without the query string
   * @param query decoded query parameters (a name given twice has two values); may be null
   * @param contentType the request's {@code Content-Type} header, or null if it had none
   * @param body the request body; null or empty for none. For a {@code multipart/form-data}
   *     request pass the content of its {@code payload_json} part (empty if it has none): that
   *     JSON is validated against the operation's {@code application/json} schema, see {@link
   *     #validateRequestBody}
   * @return the violations, empty if none
   */
  public List<Violation> validateRequest(
      String method,
      String path,
      Map<String, List<String>> query,
      String contentType,
      byte[] body) {
    String verb = method.toUpperCase(Locale.ROOT);
    Optional<SpecOperation> matched = spec.match(verb, path);
    if (matched.isEmpty()) {
      return List.of(new Violation(Violation.REQUEST, verb, path, 0, "", NO_ROUTE));
    }
    SpecOperation op = matched.get();
    OperationModel model = spec.operation(op);
    List<Violation> violations = new ArrayList<>();
    validatePathParams(op, model, violations);
    validateQuery(op, model, query == null ? Map.of() : query, violations);
    validateRequestBody(op, model, contentType, body, violations);
    return SpecDeviations.filter(violations);
  }

  /**
   * Validates one response to a request for {@code method} and {@code path}.
   *
   * <p>The status picks the response object: the exact code, else its class ({@code 4XX}), else
   * {@code default}. A 5xx status the spec does not document is checked against the spec's
   * generic error schema ({@code #/components/schemas/ErrorResponse}), which is the shape of
   * Discord's own 5xx bodies; any other undocumented status is a violation. A 204 must have no
   * body.
   */
  public List<Violation> validateResponse(
      String method, String path, int status, String contentType, byte[] body) {
    String verb = method.toUpperCase(Locale.ROOT);
    Optional<SpecOperation> matched = spec.match(verb, path);
    if (matched.isEmpty()) {
      return List.of(
          new Violation(Violation.RESPONSE, verb, path, status, "", NO_ROUTE));
    }
    SpecOperation op = matched.get();
    OperationModel model = spec.operation(op);
    List<Violation> violations = new ArrayList<>();
    boolean hasBody = body != null && body.length > 0;
    if (status == 204 && hasBody) {
      violations.add(Violation.response(op, status, "", "a 204 response must have no body"));
      return SpecDeviations.filter(violations);
    }
    OperationModel.Response documented = documentedResponse(model, status);
    if (documented == null) {
      if (status >= 500 && status <= 599) {
        if (hasBody) {
          validateJsonBody(op, status, contentType, body, GENERIC_ERROR_SCHEMA, violations);
        }
        return SpecDeviations.filter(violations);
      }
      violations.add(Violation.response(op, status, "",
          "status " + status + " is not documented for this route (documented: "
              + String.join(", ", model.responses.keySet()) + ")"));
      return SpecDeviations.filter(violations);
    }
    if (!documented.hasContent()) {
      if (hasBody) {
        violations.add(Violation.response(op, status, "",
            "the spec documents no body for status " + documented.key()));
      }
      return SpecDeviations.filter(violations);
    }
    if (!hasBody) {
      violations.add(Violation.response(op, status, "",
          "missing body: status " + documented.key() + " has content "
              + mediaTypes(documented.content())));
      return SpecDeviations.filter(violations);
    }
    String mediaType = mediaType(contentType);
    OperationModel.Media media = null;
    for (OperationModel.Media m : documented.content()) {
      if (m.contentType().equalsIgnoreCase(mediaType)) {
        media = m;
      }
    }
    if (media == null) {
      violations.add(Violation.response(op, status, "",
          "Content-Type " + (contentType == null ? "(none)" : contentType)
              + " is not one of " + mediaTypes(documented.content())));
      return SpecDeviations.filter(violations);
    }
    if (isJson(media.contentType()) && media.schemaPointer() != null) {
      validateJsonBody(op, status, contentType, body, media.schemaPointer(), violations);
    }
    // Non-JSON media (image/png of a widget, text/csv of a role-connections export) are only
    // checked for their content type.
    return SpecDeviations.filter(violations);
  }

  private static final String GENERIC_ERROR_SCHEMA = "/components/schemas/ErrorResponse";

  private static OperationModel.Response documentedResponse(OperationModel model, int status) {
    String code = Integer.toString(status);
    OperationModel.Response exact = model.responses.get(code);
    if (exact != null) {
      return exact;
    }
    for (String key : List.of(code.charAt(0) + "XX", code.charAt(0) + "xx", "default")) {
      OperationModel.Response range = model.responses.get(key);
      if (range != null) {
        return range;
      }
    }
    return null;
  }

  private void validatePathParams(
      SpecOperation op, OperationModel model, List<Violation> violations) {
    for (Map.Entry<String, String> param : op.pathParams().entrySet()) {
      OperationModel.Param declared = model.pathParams.get(param.getKey());
      if (declared == null) {
        continue; // the template names it, so the spec should declare it; nothing to check against
      }
      JsonNode value = coercion.coerce(declared.schema(), List.of(param.getValue()));
      for (ErrorReport.Problem p : check(declared.schemaPointer(), value)) {
        violations.add(Violation.request(op, param.getKey() + p.field(), p.reason()));
      }
    }
  }

  private void validateQuery(
      SpecOperation op,
      OperationModel model,
      Map<String, List<String>> query,
      List<Violation> violations) {
    for (Map.Entry<String, List<String>> given : query.entrySet()) {
      String name = given.getKey();
      OperationModel.Param declared = model.queryParams.get(name);
      if (declared == null) {
        violations.add(Violation.request(op, name, "unknown query parameter (documented: "
            + (model.queryParams.isEmpty() ? "none" : String.join(", ", model.queryParams.keySet()))
            + ")"));
        continue;
      }
      List<String> values = given.getValue() == null ? List.of() : given.getValue();
      if (values.isEmpty()) {
        continue;
      }
      JsonNode value = coercion.coerce(declared.schema(), values);
      if (value == null) {
        violations.add(Violation.request(op, name,
            "given " + values.size() + " times, but takes a single value"));
        continue;
      }
      for (ErrorReport.Problem p : check(declared.schemaPointer(), value)) {
        violations.add(Violation.request(op, name + p.field(), p.reason()));
      }
    }
    for (OperationModel.Param declared : model.queryParams.values()) {
      if (declared.required() && !query.containsKey(declared.name())) {
        violations.add(Violation.request(op, declared.name(), "required query parameter missing"));
      }
    }
  }

  /**
   * Validates the request body.
   *
   * <p>JSON bodies are validated against the operation's {@code application/json} schema.
   *
   * <p>Multipart requests: JDA (like Discord's own clients) sends the message as a {@code
   * payload_json} part beside {@code files[n]} parts. The spec's {@code multipart/form-data}
   * schema instead describes the form as if every JSON field were its own form field, plus the
   * {@code files[n]} binaries (for messages it is {@code allOf: [MessageCreateRequest, {files[0..9]:
   * binary}]}): its JSON part is exactly the {@code application/json} schema. So the caller
   * passes the {@code payload_json} content and it is validated against the operation's {@code
   * application/json} schema; the file parts are not validated. A multipart request without
   * {@code payload_json} (files only) is allowed. The three operations whose body is described
   * only as {@code multipart/form-data} (sticker upload, application attachment upload, invite
   * target users) take plain form fields, not {@code payload_json}; their bodies are not
   * validated.
   */
  private void validateRequestBody(
      SpecOperation op,
      OperationModel model,
      String contentType,
      byte[] body,
      List<Violation> violations) {
    boolean hasBody = body != null && body.length > 0;
    String mediaType = mediaType(contentType);
    if (MULTIPART.equals(mediaType)) {
      if (model.requestMedia(MULTIPART) == null) {
        violations.add(Violation.request(op, "", "Content-Type " + MULTIPART
            + " is not accepted here (accepted: " + mediaTypes(model.requestBody) + ")"));
        return;
      }
      OperationModel.Media json = model.requestMedia(JSON);
      if (hasBody && json != null && json.schemaPointer() != null) {
        validateJsonRequest(op, body, json.schemaPointer(), violations);
      }
      return;
    }
    if (!hasBody) {
      if (model.requestBodyRequired) {
        violations.add(Violation.request(op, "", "missing request body (required: "
            + mediaTypes(model.requestBody) + ")"));
      }
      return;
    }
    if (model.requestBody.isEmpty()) {
      violations.add(Violation.request(op, "", "this route takes no request body"));
      return;
    }
    if (mediaType == null) {
      violations.add(Violation.request(op, "", "request body without a Content-Type"));
      return;
    }
    OperationModel.Media media = model.requestMedia(mediaType);
    if (media == null) {
      violations.add(Violation.request(op, "", "Content-Type " + contentType
          + " is not accepted here (accepted: " + mediaTypes(model.requestBody) + ")"));
      return;
    }
    if (isJson(media.contentType()) && media.schemaPointer() != null) {
      validateJsonRequest(op, body, media.schemaPointer(), violations);
    }
    // application/x-www-form-urlencoded bodies are accepted as the spec says, not validated:
    // neither JDA nor the bot sends them.
  }

  private void validateJsonRequest(
      SpecOperation op, byte[] body, String schemaPointer, List<Violation> violations) {
    JsonNode json;
    try {
      json = parse(body);
    } catch (IOException e) {
      violations.add(Violation.request(op, "", "body is not valid JSON: " + brief(e)));
      return;
    }
    SpecDeviations.normalizeRequest(op, json);
    for (ErrorReport.Problem p : check(schemaPointer, json)) {
      violations.add(Violation.request(op, p.field(), p.reason()));
    }
  }

  private void validateJsonBody(
      SpecOperation op,
      int status,
      String contentType,
      byte[] body,
      String schemaPointer,
      List<Violation> violations) {
    if (!isJson(mediaType(contentType))) {
      violations.add(Violation.response(op, status, "",
          "Content-Type " + (contentType == null ? "(none)" : contentType) + " is not JSON"));
      return;
    }
    JsonNode json;
    try {
      json = parse(body);
    } catch (IOException e) {
      violations.add(Violation.response(op, status, "", "body is not valid JSON: " + brief(e)));
      return;
    }
    for (ErrorReport.Problem p : check(schemaPointer, json)) {
      violations.add(Violation.response(op, status, p.field(), p.reason()));
    }
  }

  private List<ErrorReport.Problem> check(String schemaPointer, JsonNode value) {
    Schema schema = spec.schema(schemaPointer);
    return ErrorReport.of(schema.validate(value), document, schemaPointer);
  }

  private JsonNode parse(byte[] body) throws IOException {
    JsonNode node = spec.mapper().readTree(body);
    if (node == null || node.isMissingNode()) {
      throw new JsonProcessingException("no JSON value") {};
    }
    return node;
  }

  private static final String NO_ROUTE = "no such route in the spec";

  /** {@code "application/json; charset=utf-8"} to {@code "application/json"}; null stays null. */
  static String mediaType(String contentType) {
    if (contentType == null) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
    return type.isEmpty() ? null : type.toLowerCase(Locale.ROOT);
  }

  private static boolean isJson(String mediaType) {
    return mediaType != null
        && (mediaType.equals(JSON) || (mediaType.startsWith("application/")
            && mediaType.endsWith("+json")));
  }

  private static String mediaTypes(List<OperationModel.Media> media) {
    return media.stream().map(OperationModel.Media::contentType).collect(Collectors.joining(", "));
  }

  /** The parser's message without the excerpt of the body it quotes. */
  private static String brief(IOException e) {
    String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage()
        : e.getMessage();
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
