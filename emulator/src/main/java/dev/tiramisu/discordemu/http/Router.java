package dev.tiramisu.discordemu.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches a method and a path to a route template such as {@code /channels/{channel_id}/messages}. Literal
 * segments win over parameters, so {@code /users/@me} beats {@code /users/{user_id}}.
 */
public final class Router {
  /** Handles one route. */
  @FunctionalInterface
  public interface Handler {
    RestResponse handle(RestRequest request);
  }

  /** A route: method, template, and the template split into segments. */
  public record Route(String method, String template, String[] segments, Handler handler) {}

  /** A matched route and the values of its parameters. */
  public record Match(Route route, Map<String, String> params) {}

  private final List<Route> routes = new ArrayList<>();

  public Router add(String method, String template, Handler handler) {
    routes.add(new Route(method, template, split(template), handler));
    return this;
  }

  /** Every route served, as {@code "METHOD /template"}, in registration order. */
  public List<String> routes() {
    return routes.stream().map(r -> r.method + " " + r.template).toList();
  }

  public Optional<Match> match(String method, String path) {
    String[] parts = split(path);
    Match best = null;
    int bestLiterals = -1;
    for (Route r : routes) {
      if (!r.method.equals(method) || r.segments.length != parts.length) {
        continue;
      }
      Map<String, String> params = new LinkedHashMap<>();
      int literals = 0;
      boolean ok = true;
      for (int i = 0; i < parts.length && ok; i++) {
        String seg = r.segments[i];
        if (seg.startsWith("{") && seg.endsWith("}")) {
          params.put(seg.substring(1, seg.length() - 1), parts[i]);
        } else if (seg.equals(parts[i])) {
          literals++;
        } else {
          ok = false;
        }
      }
      if (ok && literals > bestLiterals) {
        best = new Match(r, params);
        bestLiterals = literals;
      }
    }
    return Optional.ofNullable(best);
  }

  /** True if some route exists for this path with another method (for 405). */
  public boolean pathExists(String path) {
    String[] parts = split(path);
    for (Route r : routes) {
      if (r.segments.length != parts.length) {
        continue;
      }
      boolean ok = true;
      for (int i = 0; i < parts.length && ok; i++) {
        String seg = r.segments[i];
        ok = seg.startsWith("{") || seg.equals(parts[i]);
      }
      if (ok) {
        return true;
      }
    }
    return false;
  }

  private static String[] split(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    if (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.isEmpty() ? new String[0] : p.split("/");
  }
}
