package dev.tiramisu.discordemu.openapi;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches concrete paths to the spec's path templates, one segment tree per method.
 *
 * <p>At every segment a literal ({@code @me}, {@code pins}, {@code messages}) is tried before a
 * {@code {param}}, with backtracking, so {@code /users/@me} is {@code /users/@me} and not
 * {@code /users/{user_id}}, and {@code /channels/1/messages/pins/2} is the pin route, not a
 * message route. Immutable once built.
 */
final class RouteIndex {

  /** One operation: what the tree stores at the end of a template. */
  record Entry(String method, String template, String operationId, List<String> segments) {}

  private static final class Node {
    final Map<String, Node> literals = new HashMap<>();
    Node param;
    Entry entry;
  }

  private final Map<String, Node> roots = new HashMap<>();

  void add(String method, String template, String operationId) {
    List<String> segments = split(template);
    Node node = roots.computeIfAbsent(method, m -> new Node());
    for (String segment : segments) {
      if (isParam(segment)) {
        if (node.param == null) {
          node.param = new Node();
        }
        node = node.param;
      } else {
        node = node.literals.computeIfAbsent(segment, s -> new Node());
      }
    }
    if (node.entry != null) {
      throw new IllegalArgumentException(
          "ambiguous templates " + node.entry.template() + " and " + template + " for " + method);
    }
    node.entry = new Entry(method, template, operationId, segments);
  }

  Optional<SpecOperation> match(String method, String path) {
    Node root = roots.get(method);
    if (root == null || path == null || !path.startsWith("/")) {
      return Optional.empty();
    }
    List<String> segments = split(path);
    Entry entry = find(root, segments, 0);
    if (entry == null) {
      return Optional.empty();
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < segments.size(); i++) {
      String templateSegment = entry.segments().get(i);
      if (isParam(templateSegment)) {
        params.put(
            templateSegment.substring(1, templateSegment.length() - 1), decode(segments.get(i)));
      }
    }
    return Optional.of(new SpecOperation(method, entry.template(), entry.operationId(), params));
  }

  private static Entry find(Node node, List<String> segments, int index) {
    if (index == segments.size()) {
      return node.entry;
    }
    String segment = segments.get(index);
    Node literal = node.literals.get(segment);
    if (literal == null && segment.indexOf('%') >= 0) {
      literal = node.literals.get(decode(segment)); // "%40me" is "@me"
    }
    if (literal != null) {
      Entry found = find(literal, segments, index + 1);
      if (found != null) {
        return found;
      }
    }
    if (node.param != null && !segment.isEmpty()) {
      return find(node.param, segments, index + 1);
    }
    return null;
  }

  private static boolean isParam(String segment) {
    return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
  }

  /** Splits {@code /a/b/c} into {@code [a, b, c]}; keeps empty segments so that {@code //} fails. */
  private static List<String> split(String path) {
    String rest = path.startsWith("/") ? path.substring(1) : path;
    return List.of(rest.split("/", -1));
  }

  private static String decode(String segment) {
    // Path segments are percent-encoded; '+' is a literal plus there, unlike in a query string.
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return segment;
    }
  }
}
