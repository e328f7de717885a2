package dev.tiramisu.discordemu.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the validator needs to know about one operation, read once from the spec document.
 *
 * <p>Schemas are not copied: each is named by its JSON pointer into the document, so that the
 * schema library compiles it in place and its {@code $ref}s into {@code #/components/schemas}
 * resolve within the same document. OpenAPI-level {@code $ref}s (to {@code
 * #/components/responses}, {@code #/components/parameters}) are followed here.
 */
final class OperationModel {

  /** A query or path parameter. */
  record Param(String name, String in, boolean required, String schemaPointer, JsonNode schema) {}

  /** One media type of a request or response: its schema's pointer, or null if it has none. */
  record Media(String contentType, String schemaPointer) {}

  /** One documented response status ({@code 200}, {@code 4XX}, {@code default}). */
  record Response(String key, List<Media> content) {
    boolean hasContent() {
      return !content.isEmpty();
    }
  }

  final String method;
  final String template;
  final String operationId;
  final Map<String, Param> pathParams;
  final Map<String, Param> queryParams;
  final boolean requestBodyRequired;
  /** Media types of the request body, in spec order; empty if the operation takes no body. */
  final List<Media> requestBody;
  /** Documented responses by key, in spec order. */
  final Map<String, Response> responses;

  private OperationModel(
      String method,
      String template,
      String operationId,
      Map<String, Param> pathParams,
      Map<String, Param> queryParams,
      boolean requestBodyRequired,
      List<Media> requestBody,
      Map<String, Response> responses) {
    this.method = method;
    this.template = template;
    this.operationId = operationId;
    this.pathParams = Collections.unmodifiableMap(pathParams);
    this.queryParams = Collections.unmodifiableMap(queryParams);
    this.requestBodyRequired = requestBodyRequired;
    this.requestBody = List.copyOf(requestBody);
    this.responses = Collections.unmodifiableMap(responses);
  }

  Media requestMedia(String contentType) {
    for (Media media : requestBody) {
      if (media.contentType().equalsIgnoreCase(contentType)) {
        return media;
      }
    }
    return null;
  }

  static OperationModel read(JsonNode document, String template, String method) {
    String pathPointer = "/paths/" + escape(template);
    String opPointer = pathPointer + "/" + method.toLowerCase(java.util.Locale.ROOT);
    JsonNode pathItem = document.at(pathPointer);
    JsonNode op = document.at(opPointer);
    String operationId = op.path("operationId").asText(method + " " + template);

    Map<String, Param> pathParams = new LinkedHashMap<>();
    Map<String, Param> queryParams = new LinkedHashMap<>();
    // Path-item parameters first; the operation's own override them by name and location.
    readParams(document, pathItem.path("parameters"), pathPointer + "/parameters", pathParams,
        queryParams);
    readParams(document, op.path("parameters"), opPointer + "/parameters", pathParams,
        queryParams);

    boolean bodyRequired = false;
    List<Media> body = new ArrayList<>();
    if (op.has("requestBody")) {
      Resolved rb = resolve(document, op.get("requestBody"), opPointer + "/requestBody");
      bodyRequired = rb.node().path("required").asBoolean(false);
      body.addAll(readContent(rb.node().path("content"), rb.pointer() + "/content"));
    }

    Map<String, Response> responses = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : op.path("responses").properties()) {
      Resolved r = resolve(document, e.getValue(), opPointer + "/responses/" + escape(e.getKey()));
      responses.put(
          e.getKey(),
          new Response(e.getKey(), readContent(r.node().path("content"), r.pointer() + "/content")));
    }
    return new OperationModel(method, template, operationId, pathParams, queryParams,
        bodyRequired, body, responses);
  }

  private static void readParams(
      JsonNode document,
      JsonNode params,
      String pointer,
      Map<String, Param> pathParams,
      Map<String, Param> queryParams) {
    for (int i = 0; i < params.size(); i++) {
      Resolved p = resolve(document, params.get(i), pointer + "/" + i);
      String name = p.node().path("name").asText();
      String in = p.node().path("in").asText();
      Resolved schema = resolve(document, p.node().path("schema"), p.pointer() + "/schema");
      Param param = new Param(name, in, p.node().path("required").asBoolean("path".equals(in)),
          p.pointer() + "/schema", schema.node());
      if ("path".equals(in)) {
        pathParams.put(name, param);
      } else if ("query".equals(in)) {
        queryParams.put(name, param);
      }
      // Header and cookie parameters are not validated: the emulator's callers are JDA and the
      // bot, whose headers (authorization, user agent, audit-log reason) are not in the spec.
    }
  }

  private static List<Media> readContent(JsonNode content, String pointer) {
    List<Media> media = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : content.properties()) {
      String schemaPointer =
          e.getValue().has("schema") ? pointer + "/" + escape(e.getKey()) + "/schema" : null;
      media.add(new Media(e.getKey(), schemaPointer));
    }
    return media;
  }

  record Resolved(JsonNode node, String pointer) {}

  /** Follows local {@code $ref}s ({@code #/...}) until a node without one. */
  static Resolved resolve(JsonNode document, JsonNode node, String pointer) {
    JsonNode current = node;
    String at = pointer;
    for (int hops = 0; hops < 32 && current.has("$ref"); hops++) {
      String ref = current.get("$ref").asText();
      if (!ref.startsWith("#/")) {
        throw new IllegalStateException("non-local $ref " + ref + " at " + at);
      }
      at = ref.substring(1);
      current = document.at(at);
      if (current.isMissingNode()) {
        throw new IllegalStateException("unresolvable $ref " + ref + " at " + pointer);
      }
    }
    return new Resolved(current, at);
  }

  /** Escapes one JSON pointer token (RFC 6901). */
  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
