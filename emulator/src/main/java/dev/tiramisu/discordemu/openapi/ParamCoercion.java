package dev.tiramisu.discordemu.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the strings of a query string or path into the JSON values their schema describes, so
 * that the schema library can validate them: {@code limit=50} becomes the integer 50 where the
 * schema says {@code integer}, {@code wait=true} (or {@code True}, {@code 1}: Discord's boolean query strings,
 * {@link BooleanQueryStrings}) the boolean true where it says {@code boolean},
 * and a snowflake stays a string (its schema is a string with a digits pattern). A value that
 * does not parse as the declared type stays a string, and the schema then reports it, e.g. {@code
 * limit=abc} as "string found, integer expected".
 *
 * <p>This only chooses the JSON type to present; every check is the schema library's.
 */
final class ParamCoercion {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
  private static final Pattern NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  private final JsonNode document;

  ParamCoercion(JsonNode document) {
    this.document = document;
  }

  /**
   * The JSON value for the values of one parameter: an array when the schema allows arrays and
   * either several values were given or a single value is not allowed; otherwise the first value.
   * Returns null when several values were given for a parameter that takes one.
   */
  JsonNode coerce(JsonNode schema, List<String> values) {
    Set<String> types = types(schema, 0);
    boolean arrayAllowed = types.contains("array");
    boolean scalarAllowed = types.isEmpty() || types.stream().anyMatch(t -> !t.equals("array"));
    if (arrayAllowed && (values.size() > 1 || !scalarAllowed)) {
      JsonNode items = resolve(schema.path("items"));
      if (items.isMissingNode()) {
        for (JsonNode alternative : alternatives(schema)) {
          JsonNode alt = resolve(alternative);
          if (alt.has("items")) {
            items = resolve(alt.get("items"));
            break;
          }
        }
      }
      Set<String> itemTypes = types(items, 0);
      ArrayNode array = JSON.arrayNode();
      for (String value : values) {
        array.add(scalar(itemTypes, value));
      }
      return array;
    }
    if (values.size() > 1) {
      return null;
    }
    return scalar(types, values.get(0));
  }

  private static JsonNode scalar(Set<String> types, String value) {
    if (types.contains("integer") && INTEGER.matcher(value).matches()) {
      return JSON.numberNode(new BigInteger(value));
    }
    if (types.contains("number") && NUMBER.matcher(value).matches()) {
      return JSON.numberNode(new BigDecimal(value));
    }
    if (types.contains("boolean")) {
      java.util.Optional<Boolean> b = BooleanQueryStrings.parse(value);
      if (b.isPresent()) {
        return JSON.booleanNode(b.get());
      }
    }
    return JSON.textNode(value);
  }

  /** The JSON types a schema admits, following $ref, oneOf, anyOf and allOf. */
  private Set<String> types(JsonNode schema, int depth) {
    Set<String> types = new LinkedHashSet<>();
    if (depth > 8 || schema == null || schema.isMissingNode()) {
      return types;
    }
    JsonNode node = resolve(schema);
    JsonNode type = node.get("type");
    if (type != null && type.isTextual()) {
      types.add(type.asText());
    } else if (type != null && type.isArray()) {
      type.forEach(t -> types.add(t.asText()));
    }
    if (type == null) {
      for (JsonNode alternative : alternatives(node)) {
        types.addAll(types(alternative, depth + 1));
      }
    }
    return types;
  }

  private static Iterable<JsonNode> alternatives(JsonNode node) {
    ArrayNode all = JSON.arrayNode();
    for (String keyword : List.of("oneOf", "anyOf", "allOf")) {
      JsonNode list = node.get(keyword);
      if (list != null && list.isArray()) {
        all.addAll((ArrayNode) list);
      }
    }
    return all;
  }

  private JsonNode resolve(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return node == null ? JSON.missingNode() : node;
    }
    return OperationModel.resolve(document, node, "").node();
  }
}
