package dev.tiramisu.discordemu.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Route templates as used by the rate limiter and the fault injector.
 *
 * <p>A template is a path with placeholders, as Discord's docs write it ({@code
 * /channels/{channel.id}/messages}) or as JDA does ({@code channels/{channel_id}/messages}). Both
 * spellings are the same route: {@link #normalize} drops a leading {@code /api} or {@code
 * /api/v10}, any query string and trailing slash, and writes every placeholder as {@code {}}.
 * Literal segments such as {@code @me} or {@code @original} stay as they are.
 */
public final class RouteTemplates {

  private RouteTemplates() {}

  /** The normalized template: {@code "channels/{channel_id}/"} becomes {@code "/channels/{}"}. */
  public static String normalize(String template) {
    List<String> segments = segments(template);
    if (segments.isEmpty()) {
      return "/";
    }
    StringBuilder sb = new StringBuilder(template.length());
    for (String s : segments) {
      sb.append('/').append(isPlaceholder(s) ? "{}" : s);
    }
    return sb.toString();
  }

  /** {@code "POST /channels/{}/messages"}: upper-case method, space, normalized template. */
  public static String key(String method, String template) {
    return method.trim().toUpperCase(Locale.ROOT) + ' ' + normalize(template);
  }

  /**
   * Parses a route key written by a person: {@code "POST /channels/{channel.id}/messages"}, and
   * returns its normalized {@link #key}. The method is required.
   */
  public static String parseKey(String methodAndTemplate) {
    String s = methodAndTemplate.trim();
    int space = s.indexOf(' ');
    if (space <= 0) {
      throw new IllegalArgumentException(
          "expected \"METHOD /route/template\", got \"" + methodAndTemplate + '"');
    }
    return key(s.substring(0, space), s.substring(space + 1));
  }

  /**
   * The path segments of a template, without the API prefix and query string; placeholders are kept
   * with their names ({@code "{channel.id}"}).
   */
  public static List<String> segments(String template) {
    Objects.requireNonNull(template, "template");
    String t = template.trim();
    int q = t.indexOf('?');
    if (q >= 0) {
      t = t.substring(0, q);
    }
    List<String> out = new ArrayList<>(8);
    int i = 0;
    int n = t.length();
    while (i < n) {
      int slash = t.indexOf('/', i);
      int end = slash < 0 ? n : slash;
      if (end > i) {
        out.add(t.substring(i, end));
      }
      i = end + 1;
    }
    // Drop "api" and "api/vN" prefixes.
    if (!out.isEmpty() && out.get(0).equals("api")) {
      out.remove(0);
      if (!out.isEmpty() && isVersion(out.get(0))) {
        out.remove(0);
      }
    }
    return out;
  }

  /** {@code {name}} (docs and JDA style) or {@code :name} (express style). */
  public static boolean isPlaceholder(String segment) {
    return segment.length() >= 2
        && ((segment.charAt(0) == '{' && segment.charAt(segment.length() - 1) == '}')
            || segment.charAt(0) == ':');
  }

  /** The name inside a placeholder segment: {@code "{channel.id}" -> "channel.id"}. */
  public static String placeholderName(String segment) {
    return segment.charAt(0) == ':'
        ? segment.substring(1)
        : segment.substring(1, segment.length() - 1);
  }

  private static boolean isVersion(String s) {
    if (s.length() < 2 || s.charAt(0) != 'v') {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
