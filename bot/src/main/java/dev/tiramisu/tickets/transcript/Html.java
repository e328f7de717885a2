package dev.tiramisu.tickets.transcript;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.owasp.encoder.Encode;

/**
 * Escaping for the transcript's HTML. Every user-controlled string reaches the page through {@link
 * #text} (element content and quoted attribute values alike: OWASP Java Encoder's {@code forHtml}
 * escapes {@code & < > " '}), after {@link #clean} removed characters that have no business in a
 * document. Links pass {@link #safeUrl} first.
 */
final class Html {
  /** The longest link the transcript keeps as a link. */
  static final int MAX_URL_LENGTH = 2048;

  private Html() {}

  /** {@code s} cleaned and escaped for element content or a double-quoted attribute value. */
  static String text(String s) {
    return Encode.forHtml(clean(s));
  }

  /** Appends {@link #text}. */
  static void text(StringBuilder out, String s) {
    out.append(Encode.forHtml(clean(s)));
  }

  /**
   * Drops C0 and C1 control characters (NUL included) except tab and newline, turns CR LF and lone
   * CR into LF, and replaces unpaired surrogates and the non-characters U+FFFE/U+FFFF with U+FFFD.
   * Bidirectional controls stay (they are legitimate in right-to-left text) and are contained by
   * the page's {@code unicode-bidi: isolate} on every user-text element.
   */
  static String clean(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = null;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      String replacement = null;
      boolean drop = false;
      if (c == '\r') {
        replacement = (i + 1 < n && s.charAt(i + 1) == '\n') ? "" : "\n";
      } else if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f)) {
        drop = true;
      } else if (c == 0xfffe || c == 0xffff) {
        replacement = "\ufffd";
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          if (out != null) {
            out.append(c).append(s.charAt(i + 1));
          }
          i++;
          continue;
        }
        replacement = "\ufffd";
      } else if (Character.isLowSurrogate(c)) {
        replacement = "\ufffd";
      }
      if (drop || replacement != null) {
        if (out == null) {
          out = new StringBuilder(n);
          out.append(s, 0, i);
        }
        if (replacement != null) {
          out.append(replacement);
        }
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }

  /**
   * The URL if it is an absolute {@code http} or {@code https} URL with a host, without spaces or
   * control characters and at most {@value #MAX_URL_LENGTH} characters; else null (the caller shows
   * the text without a link). Everything else ({@code javascript:}, {@code data:}, {@code
   * vbscript:}, {@code file:}, relative or scheme-relative URLs) is refused.
   */
  static String safeUrl(String raw) {
    if (raw == null || raw.isEmpty() || raw.length() > MAX_URL_LENGTH) {
      return null;
    }
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c <= 0x20 || (c >= 0x7f && c <= 0x9f) || c == '"' || c == '\'' || c == '<' || c == '>'
          || c == '\\' || c == '`' || Character.isWhitespace(c) || Character.getType(c) == Character.FORMAT
          || Character.isSurrogate(c)) {
        return null;
      }
    }
    URI uri;
    try {
      uri = new URI(raw);
    } catch (URISyntaxException e) {
      return null;
    }
    String scheme = uri.getScheme();
    if (scheme == null || uri.isOpaque() || uri.getHost() == null || uri.getHost().isEmpty()) {
      return null;
    }
    String lower = scheme.toLowerCase(Locale.ROOT);
    if (!lower.equals("http") && !lower.equals("https")) {
      return null;
    }
    return raw;
  }

  /** An {@code <a>} to a URL already checked by {@link #safeUrl}, with its (already rendered) inner HTML. */
  static void link(StringBuilder out, String safeUrl, String innerHtml) {
    out.append("<a href=\"").append(Encode.forHtmlAttribute(safeUrl))
        .append("\" rel=\"noopener noreferrer nofollow\">").append(innerHtml).append("</a>");
  }
}
