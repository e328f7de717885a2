package dev.tiramisu.discordemu.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns the schema library's errors into {@code (field, reason)} pairs a person can act on.
 *
 * <p>The library reports a failed {@code oneOf}/{@code anyOf} as one error for the combinator plus
 * every error of every alternative. Discord's schemas are full of such unions (a message
 * component is one of seven kinds, a nullable object is {@code oneOf: [null, X]}), so for a
 * message component with a bad button style that would be a dozen lines about alternatives the
 * payload never meant. Here, alternatives that fail at the union's own level on a discriminating
 * keyword ({@code type}, {@code const}, {@code enum} of the value itself or of its {@code type}
 * property) are taken as "not the one meant"; if some alternative remains, the one with fewest
 * errors is reported in place of the union; if none remains, the union's own error is. This only
 * selects and rewords the library's errors; it never decides validity.
 */
final class ErrorReport {

  /** One reportable problem. */
  record Problem(String field, String reason) {}

  private static final Set<String> UNIONS = Set.of("oneOf", "anyOf");
  private static final Set<String> DISCRIMINATING = Set.of("type", "const", "enum");

  private ErrorReport() {}

  /**
   * @param errors the library's errors for one value
   * @param document the spec document, to name the alternatives of a union that matched none
   */
  static List<Problem> of(List<Error> errors, JsonNode document) {
    if (errors.isEmpty()) {
      return List.of();
    }
    List<Problem> problems = new ArrayList<>();
    for (Error error : simplify(errors)) {
      problems.add(new Problem(field(error), reason(error, document)));
    }
    return problems;
  }

  private static List<Error> simplify(List<Error> errors) {
    List<Error> result = new ArrayList<>();
    List<Error> remaining = new ArrayList<>(errors);
    while (!remaining.isEmpty()) {
      Error first = remaining.remove(0);
      if (!UNIONS.contains(first.getKeyword()) || first.getEvaluationPath() == null) {
        result.add(first);
        continue;
      }
      // Children of this union: errors whose evaluation path lies below the union keyword.
      NodePath unionPath = first.getEvaluationPath();
      Map<Integer, List<Error>> byAlternative = new TreeMap<>();
      List<Error> rest = new ArrayList<>();
      for (Error e : remaining) {
        Integer alternative = alternativeIndex(unionPath, e.getEvaluationPath());
        if (alternative == null) {
          rest.add(e);
        } else {
          byAlternative.computeIfAbsent(alternative, i -> new ArrayList<>()).add(e);
        }
      }
      remaining = rest;
      List<Error> best = null;
      for (List<Error> alternative : byAlternative.values()) {
        if (discriminatedAway(first.getInstanceLocation(), alternative)) {
          continue;
        }
        if (best == null || alternative.size() < best.size()) {
          best = alternative;
        }
      }
      if (best == null) {
        result.add(first);
      } else {
        result.addAll(simplify(best));
      }
    }
    return result;
  }

  private static Integer alternativeIndex(NodePath union, NodePath path) {
    if (path == null || path.getNameCount() <= union.getNameCount() || !path.startsWith(union)) {
      return null;
    }
    Object element = path.getElement(union.getNameCount());
    if (element instanceof Number number) {
      return number.intValue();
    }
    try {
      return Integer.valueOf(element.toString());
    } catch (NumberFormatException notAnIndex) {
      return null;
    }
  }

  private static boolean discriminatedAway(NodePath at, List<Error> alternative) {
    NodePath typeProperty = at.append("type");
    for (Error e : alternative) {
      if (DISCRIMINATING.contains(e.getKeyword())
          && (e.getInstanceLocation().equals(at) || e.getInstanceLocation().equals(typeProperty))) {
        return true;
      }
    }
    return false;
  }

  private static String field(Error error) {
    String location = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
    if ("/".equals(location) || "$".equals(location)) {
      location = "";
    }
    if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
      return location + "/" + error.getProperty();
    }
    return location;
  }

  private static String reason(Error error, JsonNode document) {
    return switch (error.getKeyword() == null ? "" : error.getKeyword()) {
      case "required" -> "required property missing";
      case "anyOf" -> noAlternative(error, document);
      case "oneOf" -> error.getMessage().contains(" 0 are valid")
          ? noAlternative(error, document)
          : error.getMessage();
      default -> error.getMessage();
    };
  }

  /**
   * "must be one of 1, 2, 3" for a union of constants (Discord's enums), else "matches none of
   * ActionRowComponentForMessageRequest, ..." naming the alternatives.
   */
  private static String noAlternative(Error error, JsonNode document) {
    JsonNode alternatives = error.getSchemaNode();
    if (alternatives == null || !alternatives.isArray() || alternatives.isEmpty()) {
      return "matches none of the alternatives (" + error.getKeyword() + ")";
    }
    List<String> consts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (JsonNode alternative : alternatives) {
      JsonNode resolved = alternative;
      String name = null;
      if (alternative.has("$ref")) {
        String ref = alternative.get("$ref").asText();
        name = ref.substring(ref.lastIndexOf('/') + 1);
        if (ref.startsWith("#/")) {
          resolved = OperationModel.resolve(document, alternative, "").node();
        }
      }
      if (resolved.has("const")) {
        consts.add(resolved.get("const").toString());
      }
      if (name == null) {
        JsonNode type = resolved.get("type");
        name = resolved.has("const") ? resolved.get("const").toString()
            : type != null ? type.toString().replace("\"", "") : resolved.path("title").asText("?");
      }
      names.add(name);
    }
    if (consts.size() == alternatives.size()) {
      return "must be one of " + String.join(", ", consts);
    }
    return "matches none of " + String.join(", ", names);
  }
}
