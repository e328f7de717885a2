package dev.tiramisu.discordemu.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns the schema library's errors into {@code (field, reason)} pairs a person can act on.
 *
 * <p>For a value that matches none of a union's alternatives, the library reports every error of
 * every alternative (for {@code oneOf} after one error of its own; for {@code anyOf} with none).
 * Discord's schemas are full of unions (a message component is one of seven kinds, a nullable
 * object is {@code oneOf: [null, X]}, an interaction callback is {@code anyOf} seven kinds), so a
 * button with a bad style would come back as a dozen lines about alternatives the payload never
 * meant. Here, per union:
 *
 * <ul>
 *   <li>alternatives that fail at the union's own level on a discriminating keyword ({@code
 *       type}, {@code const}, {@code enum} of the value itself or of its {@code type} property)
 *       are taken as "not the one meant";
 *   <li>of the others, the one the value got furthest into (deepest error; then fewest errors) is
 *       reported in place of the union, recursively;
 *   <li>if none remains, one line for the union: "must be one of 1, 2, 3" for a union of
 *       constants, else "matches none of A, B, C" naming the alternatives.
 * </ul>
 *
 * This only selects and rewords the library's errors; it never decides validity.
 */
final class ErrorReport {

  /** One reportable problem. */
  record Problem(String field, String reason) {}

  /** An error of the library, or a union header this class adds for an {@code anyOf}. */
  private record Item(
      String keyword,
      NodePath evaluationPath,
      NodePath at,
      String message,
      String property,
      NodePath unionSchemaPath) {}

  private static final Set<String> UNIONS = Set.of("oneOf", "anyOf");
  private static final Set<String> DISCRIMINATING = Set.of("type", "const", "enum");
  /** Evaluation-path keywords that step into a child of the instance. */
  private static final Set<String> STEP_IN =
      Set.of("items", "additionalProperties", "additionalItems", "contains",
          "unevaluatedProperties", "unevaluatedItems");
  /** Keywords followed in the evaluation path by a name or index that is not an instance step. */
  private static final Set<String> NAMED_NO_STEP =
      Set.of("allOf", "anyOf", "oneOf", "dependentSchemas", "$defs", "definitions");

  private final JsonNode document;
  private final String schemaPointer;

  private ErrorReport(JsonNode document, String schemaPointer) {
    this.document = document;
    this.schemaPointer = schemaPointer;
  }

  /**
   * @param errors the library's errors for one value
   * @param document the spec document
   * @param schemaPointer the JSON pointer of the schema the value was validated against, to name
   *     the alternatives of a union that matched none
   */
  static List<Problem> of(List<Error> errors, JsonNode document, String schemaPointer) {
    if (errors.isEmpty()) {
      return List.of();
    }
    ErrorReport report = new ErrorReport(document, schemaPointer);
    List<Problem> problems = new ArrayList<>();
    for (Item item : simplify(withAnyOfHeaders(errors))) {
      problems.add(new Problem(field(item), report.reason(item)));
    }
    return problems;
  }

  private static List<Item> withAnyOfHeaders(List<Error> errors) {
    List<Item> items = new ArrayList<>();
    Set<String> headers = new HashSet<>();
    for (Error e : errors) {
      NodePath eval = e.getEvaluationPath();
      NodePath at = e.getInstanceLocation() == null ? root() : e.getInstanceLocation();
      if (eval != null) {
        for (int i = 0; i < eval.getNameCount() - 1; i++) {
          if (!"anyOf".equals(eval.getName(i))) {
            continue;
          }
          NodePath unionPath = prefix(eval, i + 1);
          NodePath unionAt = ancestor(at, instanceSteps(eval, i + 1));
          if (headers.add(unionPath + "@" + unionAt)) {
            items.add(new Item("anyOf", unionPath, unionAt, "", null, unionPath));
          }
        }
      }
      NodePath unionSchemaPath = UNIONS.contains(e.getKeyword()) ? eval : null;
      items.add(new Item(e.getKeyword(), eval, at, e.getMessage(), e.getProperty(),
          unionSchemaPath));
    }
    return items;
  }

  private static List<Item> simplify(List<Item> items) {
    List<Item> result = new ArrayList<>();
    List<Item> remaining = new ArrayList<>(items);
    while (!remaining.isEmpty()) {
      Item first = remaining.remove(0);
      if (!UNIONS.contains(first.keyword()) || first.evaluationPath() == null) {
        result.add(first);
        continue;
      }
      // Children of this union: items whose evaluation path lies below the union keyword and
      // whose instance location lies within the union's value. (Both are needed: sibling
      // properties under additionalProperties, or items of an array, share evaluation paths.)
      Map<Integer, List<Item>> byAlternative = new TreeMap<>();
      List<Item> rest = new ArrayList<>();
      for (Item item : remaining) {
        Integer alternative = item.at().startsWith(first.at())
            ? alternativeIndex(first.evaluationPath(), item.evaluationPath())
            : null;
        if (alternative == null) {
          rest.add(item);
        } else {
          byAlternative.computeIfAbsent(alternative, i -> new ArrayList<>()).add(item);
        }
      }
      remaining = rest;
      if (first.message().contains("with indexes")) {
        result.add(first); // oneOf matched more than one alternative: nothing to drill into
        continue;
      }
      List<Item> best = null;
      for (List<Item> alternative : byAlternative.values()) {
        if (discriminatedAway(first.at(), alternative)) {
          continue;
        }
        if (best == null || closer(alternative, best)) {
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

  /** True if {@code candidate} explains the failure better than {@code best}. */
  private static boolean closer(List<Item> candidate, List<Item> best) {
    int depth = depth(candidate);
    int bestDepth = depth(best);
    return depth != bestDepth ? depth > bestDepth : candidate.size() < best.size();
  }

  private static int depth(List<Item> items) {
    int max = 0;
    for (Item item : items) {
      max = Math.max(max, item.at().getNameCount());
    }
    return max;
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

  private static boolean discriminatedAway(NodePath at, List<Item> alternative) {
    NodePath typeProperty = at.append("type");
    for (Item item : alternative) {
      if (DISCRIMINATING.contains(item.keyword())
          && (item.at().equals(at) || item.at().equals(typeProperty))) {
        return true;
      }
    }
    return false;
  }

  /**
   * How many instance levels the evaluation path descends from index {@code from} on: {@code
   * properties/x} and {@code items} step into a child, {@code $ref} and {@code allOf/0} do not.
   */
  private static int instanceSteps(NodePath eval, int from) {
    int steps = 0;
    for (int i = from; i < eval.getNameCount(); i++) {
      String segment = eval.getName(i);
      if ("properties".equals(segment) || "patternProperties".equals(segment)
          || "prefixItems".equals(segment)) {
        steps++;
        i++; // the property name, pattern or index
      } else if (STEP_IN.contains(segment)) {
        steps++;
      } else if (NAMED_NO_STEP.contains(segment)) {
        i++; // the alternative's index or the name
      }
    }
    return steps;
  }

  private static NodePath root() {
    return new NodePath(PathType.JSON_POINTER);
  }

  private static NodePath ancestor(NodePath path, int levels) {
    return prefix(path, Math.max(0, path.getNameCount() - levels));
  }

  private static NodePath prefix(NodePath path, int count) {
    NodePath result = new NodePath(path.getPathType());
    for (int i = 0; i < count; i++) {
      Object element = path.getElement(i);
      result = element instanceof Number n ? result.append(n.intValue())
          : result.append(element.toString());
    }
    return result;
  }

  private static String field(Item item) {
    String location = item.at().toString();
    if ("/".equals(location) || "$".equals(location)) {
      location = "";
    }
    if ("required".equals(item.keyword()) && item.property() != null) {
      return location + "/" + item.property();
    }
    return location;
  }

  private String reason(Item item) {
    return switch (item.keyword() == null ? "" : item.keyword()) {
      case "required" -> "required property missing";
      case "anyOf", "oneOf" -> item.message().contains("with indexes")
          ? item.message()
          : noAlternative(item);
      default -> item.message();
    };
  }

  /**
   * "must be one of 1, 2, 3" for a union of constants (Discord's enums, possibly nullable), else
   * "matches none of ActionRowComponentForMessageRequest, ..." naming the alternatives.
   */
  private String noAlternative(Item item) {
    JsonNode alternatives = schemaAt(item.unionSchemaPath());
    if (alternatives == null || !alternatives.isArray() || alternatives.isEmpty()) {
      return "matches none of the alternatives (" + item.keyword() + ")";
    }
    List<String> constants = constants(alternatives, 0);
    if (constants != null) {
      return "must be one of " + String.join(", ", constants);
    }
    List<String> names = new ArrayList<>();
    for (JsonNode alternative : alternatives) {
      if (alternative.has("$ref")) {
        String ref = alternative.get("$ref").asText();
        names.add(ref.substring(ref.lastIndexOf('/') + 1));
      } else if (alternative.has("type")) {
        names.add(alternative.get("type").toString().replace("\"", ""));
      } else {
        names.add(alternative.path("title").asText("?"));
      }
    }
    return "matches none of " + String.join(", ", names);
  }

  /**
   * The values a union of constants allows ({@code const}, {@code enum}, {@code type: null},
   * nested unions and refs of those), or null if some alternative is not a constant.
   */
  private List<String> constants(JsonNode alternatives, int depth) {
    List<String> values = new ArrayList<>();
    for (JsonNode alternative : alternatives) {
      JsonNode node = alternative.has("$ref")
          ? OperationModel.resolve(document, alternative, "").node()
          : alternative;
      if (node.has("const")) {
        values.add(node.get("const").toString());
      } else if (node.has("enum") && node.get("enum").isArray()) {
        node.get("enum").forEach(v -> values.add(v.toString()));
      } else if (node.has("oneOf") && depth < 4) {
        List<String> nested = constants(node.get("oneOf"), depth + 1);
        if (nested == null) {
          return null;
        }
        values.addAll(nested);
      } else if ("null".equals(node.path("type").asText())) {
        values.add("null");
      } else {
        return null;
      }
    }
    return values;
  }

  /**
   * The schema node an evaluation path leads to from the validated schema: each segment steps
   * into the child of that name (or index), {@code $ref} follows the reference.
   */
  private JsonNode schemaAt(NodePath evaluationPath) {
    if (evaluationPath == null) {
      return null;
    }
    try {
      JsonNode node = document.at(schemaPointer);
      for (int i = 0; i < evaluationPath.getNameCount() && node != null; i++) {
        String segment = evaluationPath.getName(i);
        if ("$ref".equals(segment)) {
          node = OperationModel.resolve(document, node, "").node();
        } else if (node.isArray()) {
          node = node.get(Integer.parseInt(segment));
        } else {
          node = node.get(segment);
        }
      }
      return node;
    } catch (RuntimeException unexpectedShape) {
      return null; // a path this walk does not understand: fall back to the generic wording
    }
  }
}
