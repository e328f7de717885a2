package dev.tiramisu.discordemu.faults;

import dev.tiramisu.discordemu.ratelimit.RouteTemplates;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The route scope of an HTTP fault rule: {@code "*"} (every request), {@code
 * "/channels/{channel.id}/messages"} (any method), {@code "POST /channels/{channel.id}/messages"},
 * {@code "POST *"}, or a template with {@code *} wildcards ({@code "/channels/*"} matches every
 * route under {@code /channels/}). Templates are compared {@link RouteTemplates#normalize
 * normalized}, so placeholder names do not matter.
 */
final class RouteMatcher {
  private final String method; // null: any
  private final String exact; // normalized template, or null when pattern != null
  private final Pattern pattern; // null when exact != null
  private final String text;

  private RouteMatcher(String method, String exact, Pattern pattern, String text) {
    this.method = method;
    this.exact = exact;
    this.pattern = pattern;
    this.text = text;
  }

  static RouteMatcher parse(String spec) {
    String s = spec.trim();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty route pattern");
    }
    String method = null;
    String template = s;
    int space = s.indexOf(' ');
    if (space > 0) {
      method = s.substring(0, space).trim().toUpperCase(Locale.ROOT);
      template = s.substring(space + 1).trim();
      if (method.equals("*")) {
        method = null;
      }
    }
    if (template.equals("*")) {
      return new RouteMatcher(method, null, Pattern.compile(".*"), s);
    }
    String normalized = RouteTemplates.normalize(template);
    if (normalized.indexOf('*') < 0) {
      return new RouteMatcher(method, normalized, null, s);
    }
    StringBuilder regex = new StringBuilder();
    int from = 0;
    for (int star = normalized.indexOf('*'); star >= 0; star = normalized.indexOf('*', from)) {
      regex.append(Pattern.quote(normalized.substring(from, star))).append(".*");
      from = star + 1;
    }
    regex.append(Pattern.quote(normalized.substring(from)));
    return new RouteMatcher(method, null, Pattern.compile(regex.toString()), s);
  }

  /**
   * @param method upper case
   * @param normalizedTemplate as {@link RouteTemplates#normalize} returns it
   */
  boolean matches(String method, String normalizedTemplate) {
    if (this.method != null && !this.method.equals(method)) {
      return false;
    }
    return exact != null
        ? exact.equals(normalizedTemplate)
        : pattern.matcher(normalizedTemplate).matches();
  }

  @Override
  public String toString() {
    return text;
  }
}
