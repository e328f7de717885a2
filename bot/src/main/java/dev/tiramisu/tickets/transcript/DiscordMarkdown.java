package dev.tiramisu.tickets.transcript;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Discord's flavour of markdown to HTML, safe by construction: the parser emits only a fixed set
 * of tags without attributes (except {@code href} on links to checked http/https URLs, a numeric
 * {@code start} on ordered lists and fixed classes), and every piece of user text goes through
 * {@link Html#text}. Nothing in the input is ever copied to the output unescaped.
 *
 * <p>Blocks: code blocks ({@code ```lang ... ```}), block quotes ({@code > } per line, {@code >>> }
 * for the rest), headings ({@code # }, {@code ## }, {@code ### }), subtext ({@code -# }), bulleted
 * and numbered lists. Inline: {@code **bold**}, {@code *italic*} / {@code _italic_}, {@code
 * __underline__}, {@code ~~strike~~}, {@code ||spoiler||}, inline code, masked links {@code
 * [text](https://...)}, bare and {@code <https://...>} links, backslash escapes, mentions of users,
 * roles and channels (names from {@link MentionNames}, then the transcript's authors), custom emoji
 * as {@code :name:}, {@code <t:...>} timestamps in UTC and {@code </command:id>} as {@code /command}.
 * Discord does not decode HTML entities, so neither does this: {@code &lt;} stays four characters.
 *
 * <p>Bounded work: text past {@value #MAX_TEXT} characters is cut, nesting past {@value #MAX_DEPTH}
 * levels is shown literally, and closing delimiters are found with a per-level cache so a hostile
 * line of 4,000 {@code *} or {@code [} costs linear time, not quadratic.
 */
final class DiscordMarkdown {
  /** Longer texts are cut (Discord's own limit is 4,000 for content and 4,096 for descriptions). */
  static final int MAX_TEXT = 6000;
  static final int MAX_DEPTH = 8;

  private static final Pattern HEADING = Pattern.compile("(#{1,3}) +(\\S.*)");
  private static final Pattern SUBTEXT = Pattern.compile("-# +(\\S.*)");
  private static final Pattern LIST_ITEM = Pattern.compile("( {0,8})([-*]|\\d{1,9}\\.) +(\\S.*)");
  private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z0-9_+#.-]{1,24}");
  private static final Pattern ANGLE = Pattern.compile(
      "<(@!?|@&|#)(\\d{1,20})>"
          + "|<(a?):([A-Za-z0-9_~]{1,32}):(\\d{1,20})>"
          + "|<t:(-?\\d{1,14})(?::([tTdDfFRS]))?>"
          + "|</([-_\\p{L}\\p{N} ]{1,96}):(\\d{1,20})>"
          + "|<(https?://[^\\s<>]{1,2048})>",
      Pattern.CASE_INSENSITIVE);

  private final MentionNames mentions;
  private final Map<String, String> knownUsers;

  /**
   * @param mentions the message's own mention names
   * @param knownUsers further user names by id (the transcript's authors), for mentions Discord
   *     did not resolve
   */
  DiscordMarkdown(MentionNames mentions, Map<String, String> knownUsers) {
    this.mentions = mentions;
    this.knownUsers = knownUsers;
  }

  /** Block-level HTML for a message's content, a text display or an embed description. */
  String render(String raw) {
    String s = prepare(raw);
    StringBuilder out = new StringBuilder(s.length() + 32);
    int i = 0;
    while (i < s.length()) {
      int open = s.indexOf("```", i);
      int close = open < 0 ? -1 : s.indexOf("```", open + 3);
      if (open < 0 || close < 0) {
        blocks(s.substring(i), out, false);
        break;
      }
      if (close == open + 3) { // six backticks: nothing inside, shown as written
        blocks(s.substring(i, close + 3), out, false);
        i = close + 3;
        continue;
      }
      blocks(stripTrailingNewline(s.substring(i, open)), out, false);
      codeBlock(s.substring(open + 3, close), out);
      i = close + 3;
      if (i < s.length() && s.charAt(i) == '\n') {
        i++;
      }
    }
    return out.toString();
  }

  /** Inline-only HTML (embed titles, field names, footers): no blocks, same inline rules. */
  String renderInline(String raw) {
    String s = prepare(raw);
    StringBuilder out = new StringBuilder(s.length() + 16);
    new Inline(s).render(0, s.length(), 0, false, out);
    return out.toString();
  }

  private static String prepare(String raw) {
    String s = Html.clean(raw);
    if (s.length() > MAX_TEXT) {
      int cut = MAX_TEXT;
      if (Character.isHighSurrogate(s.charAt(cut - 1))) {
        cut--;
      }
      s = s.substring(0, cut) + "\u2026";
    }
    return s;
  }

  private static String stripTrailingNewline(String s) {
    return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
  }

  private static void codeBlock(String body, StringBuilder out) {
    int nl = body.indexOf('\n');
    if (nl > 0 && LANGUAGE.matcher(body.substring(0, nl)).matches()) {
      body = body.substring(nl + 1);
    } else if (nl == 0) {
      body = body.substring(1);
    }
    out.append("<pre class=\"code\"><code>");
    Html.text(out, stripTrailingNewline(body));
    out.append("</code></pre>");
  }

  private void blocks(String text, StringBuilder out, boolean inQuote) {
    if (text.isEmpty()) {
      return;
    }
    String[] lines = text.split("\n", -1);
    List<String> paragraph = new ArrayList<>();
    int k = 0;
    while (k < lines.length) {
      String line = lines[k];
      if (!inQuote && (line.startsWith(">>> ") || line.equals(">>>"))) {
        paragraph(paragraph, out);
        StringBuilder rest = new StringBuilder(line.length() > 3 ? line.substring(4) : "");
        for (int j = k + 1; j < lines.length; j++) {
          rest.append('\n').append(lines[j]);
        }
        out.append("<blockquote>");
        blocks(rest.toString(), out, true);
        out.append("</blockquote>");
        return;
      }
      if (!inQuote && (line.startsWith("> ") || line.equals(">"))) {
        paragraph(paragraph, out);
        StringBuilder quoted = new StringBuilder();
        while (k < lines.length && (lines[k].startsWith("> ") || lines[k].equals(">"))) {
          if (quoted.length() > 0) {
            quoted.append('\n');
          }
          quoted.append(lines[k].length() > 1 ? lines[k].substring(2) : "");
          k++;
        }
        out.append("<blockquote>");
        blocks(quoted.toString(), out, true);
        out.append("</blockquote>");
        continue;
      }
      Matcher heading = HEADING.matcher(line);
      Matcher subtext = SUBTEXT.matcher(line);
      if (heading.matches()) {
        paragraph(paragraph, out);
        String tag = "h" + (heading.group(1).length() + 2); // h3..h5: h1/h2 belong to the page
        out.append('<').append(tag).append('>');
        inline(heading.group(2), out);
        out.append("</").append(tag).append('>');
        k++;
        continue;
      }
      if (subtext.matches()) {
        paragraph(paragraph, out);
        out.append("<div class=\"subtext\">");
        inline(subtext.group(1), out);
        out.append("</div>");
        k++;
        continue;
      }
      if (LIST_ITEM.matcher(line).matches()) {
        paragraph(paragraph, out);
        k = list(lines, k, out);
        continue;
      }
      paragraph.add(line);
      k++;
    }
    paragraph(paragraph, out);
  }

  /** Consecutive list lines from {@code k}; returns the index after them. */
  private int list(String[] lines, int k, StringBuilder out) {
    Boolean ordered = null;
    while (k < lines.length) {
      Matcher m = LIST_ITEM.matcher(lines[k]);
      if (!m.matches()) {
        break;
      }
      boolean numbered = Character.isDigit(m.group(2).charAt(0));
      if (ordered == null || ordered != numbered) {
        if (ordered != null) {
          out.append(ordered ? "</ol>" : "</ul>");
        }
        ordered = numbered;
        if (numbered) {
          int start = Integer.parseInt(m.group(2).substring(0, m.group(2).length() - 1));
          out.append("<ol class=\"md-list\" start=\"").append(start).append("\">");
        } else {
          out.append("<ul class=\"md-list\">");
        }
      }
      int level = Math.min(m.group(1).length() / 2, 2);
      out.append("<li class=\"lv").append(level).append("\">");
      inline(m.group(3), out);
      out.append("</li>");
      k++;
    }
    if (ordered != null) {
      out.append(ordered ? "</ol>" : "</ul>");
    }
    return k;
  }

  private void paragraph(List<String> lines, StringBuilder out) {
    int from = 0;
    int to = lines.size();
    while (from < to && lines.get(from).isBlank()) {
      from++;
    }
    while (to > from && lines.get(to - 1).isBlank()) {
      to--;
    }
    if (from < to) {
      out.append("<div class=\"p\">");
      inline(String.join("\n", lines.subList(from, to)), out);
      out.append("</div>");
    }
    lines.clear();
  }

  private void inline(String s, StringBuilder out) {
    new Inline(s).render(0, s.length(), 0, false, out);
  }

  /** The inline parser over one string; each {@link #render} call is one nesting level. */
  private final class Inline {
    private final String s;

    Inline(String s) {
      this.s = s;
    }

    /** Renders {@code s[from, to)}. */
    void render(int from, int to, int depth, boolean inLink, StringBuilder out) {
      Finder find = new Finder(to);
      int plain = from; // start of text not yet written
      int i = from;
      while (i < to) {
        char c = s.charAt(i);
        int next = -1; // where to continue after a construct written to out
        StringBuilder piece = new StringBuilder();
        if (c == '\\' && i + 1 < to && isAsciiPunctuation(s.charAt(i + 1))) {
          Html.text(piece, String.valueOf(s.charAt(i + 1)));
          next = i + 2;
        } else if (c == '`') {
          next = code(i, to, find, piece);
        } else if (c == '<') {
          next = angle(i, to, inLink, piece);
        } else if (c == '[' && !inLink && depth < MAX_DEPTH) {
          next = maskedLink(i, to, depth, find, piece);
        } else if ((c == 'h' || c == 'H') && !inLink && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)))) {
          next = bareLink(i, to, piece);
        } else if ((c == '|' || c == '*' || c == '_' || c == '~') && depth < MAX_DEPTH) {
          next = emphasis(i, from, to, depth, inLink, find, piece);
        }
        if (next < 0) {
          i++;
          continue;
        }
        Html.text(out, s.substring(plain, i));
        out.append(piece);
        i = next;
        plain = next;
      }
      Html.text(out, s.substring(plain, to));
    }

    private int code(int i, int to, Finder find, StringBuilder piece) {
      String run = s.startsWith("``", i) ? "``" : "`";
      int close = find.next(run, i + run.length() + 1);
      if (close < 0) {
        return -1;
      }
      piece.append("<code>");
      Html.text(piece, s.substring(i + run.length(), close));
      piece.append("</code>");
      return close + run.length();
    }

    private int angle(int i, int to, boolean inLink, StringBuilder piece) {
      Matcher m = ANGLE.matcher(s);
      m.region(i, Math.min(to, i + 2100));
      if (!m.lookingAt()) {
        return -1;
      }
      if (m.group(1) != null) {
        String kind = m.group(1);
        String id = m.group(2);
        String name;
        String sigil;
        if (kind.equals("#")) {
          name = mentions.channels().get(id);
          sigil = "#";
        } else if (kind.equals("@&")) {
          name = mentions.roles().get(id);
          sigil = "@";
        } else {
          name = mentions.users().getOrDefault(id, knownUsers.get(id));
          sigil = "@";
        }
        piece.append("<span class=\"mention\">");
        Html.text(piece, sigil + (name == null ? id : name));
        piece.append("</span>");
      } else if (m.group(4) != null) {
        piece.append("<span class=\"emoji\">");
        Html.text(piece, ":" + m.group(4) + ":");
        piece.append("</span>");
      } else if (m.group(6) != null) {
        String shown = Timestamps.markdown(m.group(6), m.group(7));
        if (shown == null) {
          return -1;
        }
        piece.append("<span class=\"ts\">");
        Html.text(piece, shown);
        piece.append("</span>");
      } else if (m.group(8) != null) {
        piece.append("<span class=\"mention\">");
        Html.text(piece, "/" + m.group(8));
        piece.append("</span>");
      } else {
        String url = Html.safeUrl(m.group(10));
        if (url == null || inLink) {
          return -1;
        }
        Html.link(piece, url, Html.text(url));
      }
      return m.end();
    }

    private int maskedLink(int i, int to, int depth, Finder find, StringBuilder piece) {
      int close = find.next("]", i + 1);
      if (close < 0 || close == i + 1 || close + 1 >= to || s.charAt(close + 1) != '(') {
        return -1;
      }
      int end = find.next(")", close + 2);
      if (end < 0) {
        return -1;
      }
      String target = s.substring(close + 2, end).trim();
      int space = target.indexOf(' ');
      if (space > 0) {
        target = target.substring(0, space); // a "title" after the URL
      }
      if (target.startsWith("<") && target.endsWith(">") && target.length() > 2) {
        target = target.substring(1, target.length() - 1);
      }
      String url = Html.safeUrl(target);
      if (url == null) {
        return -1; // shown as written, without a link
      }
      StringBuilder label = new StringBuilder();
      render(i + 1, close, depth + 1, true, label);
      Html.link(piece, url, label.toString());
      return end + 1;
    }

    private int bareLink(int i, int to, StringBuilder piece) {
      if (!s.regionMatches(true, i, "http://", 0, 7) && !s.regionMatches(true, i, "https://", 0, 8)) {
        return -1;
      }
      int end = i;
      while (end < to && end - i < Html.MAX_URL_LENGTH) {
        char c = s.charAt(end);
        if (Character.isWhitespace(c) || c == '<' || c == '>' || c == '"' || c == '|' || c == '`') {
          break;
        }
        end++;
      }
      while (end > i && ".,:;!?'*_~)]}".indexOf(s.charAt(end - 1)) >= 0) {
        end--;
      }
      String url = Html.safeUrl(s.substring(i, end));
      if (url == null) {
        return -1;
      }
      Html.link(piece, url, Html.text(url));
      return end;
    }

    private int emphasis(int i, int from, int to, int depth, boolean inLink, Finder find, StringBuilder piece) {
      String delim;
      String tag;
      if (s.startsWith("||", i)) {
        delim = "||";
        tag = "span class=\"spoiler\"";
      } else if (s.startsWith("**", i)) {
        delim = "**";
        tag = "strong";
      } else if (s.startsWith("__", i)) {
        delim = "__";
        tag = "u";
      } else if (s.startsWith("~~", i)) {
        delim = "~~";
        tag = "s";
      } else if (s.charAt(i) == '*') {
        delim = "*";
        tag = "em";
      } else if (s.charAt(i) == '_') {
        delim = "_";
        tag = "em";
      } else {
        return -1;
      }
      int len = delim.length();
      if (i + len < to && Character.isWhitespace(s.charAt(i + len)) && len == 1) {
        return -1; // "* item" or "a * b": not emphasis
      }
      if (delim.equals("_") && i > from && Character.isLetterOrDigit(s.charAt(i - 1))) {
        return -1; // snake_case stays as written
      }
      int close = find.next(delim, i + len + 1);
      if (close < 0) {
        return -1;
      }
      if (len == 2) { // "***x***": the closing pair is the last two of a run
        while (close + len < to && s.charAt(close + len) == delim.charAt(0)) {
          close++;
        }
      }
      if (delim.equals("_") && close + 1 < to && Character.isLetterOrDigit(s.charAt(close + 1))) {
        return -1;
      }
      String closeTag = tag.startsWith("span") ? "span" : tag;
      piece.append('<').append(tag).append('>');
      render(i + len, close, depth + 1, inLink, piece);
      piece.append("</").append(closeTag).append('>');
      return close + len;
    }

    /**
     * Finds the next occurrence of a delimiter inside one level's range, remembering the last answer
     * per delimiter: the level's positions only grow, so each delimiter's scan covers the range once.
     */
    private final class Finder {
      private final int to;
      private final HashMap<String, int[]> cache = new HashMap<>();

      Finder(int to) {
        this.to = to;
      }

      /** The first index {@code >= from} where {@code d} starts and ends within the range, or -1. */
      int next(String d, int from) {
        int[] c = cache.computeIfAbsent(d, k -> new int[] {Integer.MIN_VALUE, -2});
        // c[0]: the from of the last scan, c[1]: its result (-1 none)
        if (c[1] == -1 && from >= c[0]) {
          return -1;
        }
        if (c[1] >= from && from >= c[0]) {
          return c[1] + d.length() <= to ? c[1] : -1;
        }
        int found = -1;
        if (from <= to - d.length()) {
          int at = s.indexOf(d, from);
          found = at >= 0 && at + d.length() <= to ? at : -1;
        }
        c[0] = from;
        c[1] = found;
        return found;
      }
    }
  }

  private static boolean isAsciiPunctuation(char c) {
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
  }
}
