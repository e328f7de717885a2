package dev.tiramisu.tickets.transcript;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Renders a {@link Transcript} as one self-contained HTML file: a Discord-like layout readable
 * without JavaScript, with no external resource (no script, stylesheet, font or image from
 * anywhere; authors are shown by initials in coloured circles). Every user-controlled string is
 * escaped ({@link Html}); markdown is rendered by {@link DiscordMarkdown}; a Content-Security-Policy
 * meta tag, the first element of the head, allows only the page's own stylesheet ({@link
 * TranscriptStyles}).
 *
 * <p>The file is bounded: messages are rendered in order until the next one would pass {@code
 * maxBytes} (UTF-8), and a notice then says how many were left out. Thread-safe and stateless
 * apart from its labels.
 */
public final class TranscriptRenderer {
  /** A little under Discord's smallest upload limit (10 MiB), leaving room for the rest of the request. */
  public static final int DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

  private static final int SNIPPET = 100;

  private final TranscriptLabels labels;
  private final int maxBytes;

  public TranscriptRenderer(TranscriptLabels labels) {
    this(labels, DEFAULT_MAX_BYTES);
  }

  public TranscriptRenderer(TranscriptLabels labels, int maxBytes) {
    this.labels = Objects.requireNonNull(labels, "labels");
    if (maxBytes < 64 * 1024) {
      throw new IllegalArgumentException("maxBytes too small: " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  /** The whole page. */
  public String render(Transcript t) {
    Map<String, String> authors = new HashMap<>();
    Map<String, TranscriptMessage> byId = new HashMap<>();
    if (t.creator() != null) {
      authors.put(t.creator().id(), t.creator().name());
    }
    for (TranscriptMessage m : t.messages()) {
      authors.putIfAbsent(m.author().id(), m.author().name());
      byId.put(m.id(), m);
    }
    Map<Integer, Integer> colourClasses = new LinkedHashMap<>();
    StringBuilder header = new StringBuilder();
    summary(t, header);
    int budget = maxBytes - 24 * 1024 - utf8Length(header); // the stylesheet, head and closing notice
    StringBuilder body = new StringBuilder();
    int rendered = 0;
    for (TranscriptMessage m : t.messages()) {
      StringBuilder one = new StringBuilder(256 + m.content().length() * 2);
      Map<Integer, Integer> newColours = new LinkedHashMap<>(colourClasses);
      message(m, t, authors, byId, newColours, one);
      int size = utf8Length(one) + 64 * (newColours.size() - colourClasses.size());
      if (size > budget) {
        break;
      }
      budget -= size;
      colourClasses = newColours;
      body.append(one);
      rendered++;
    }
    int leftOut = t.messages().size() - rendered;
    if (leftOut > 0 || t.truncated()) {
      body.append("<p class=\"notice truncated\">");
      pattern(body, labels.truncated(), (leftOut > 0 ? Integer.toString(leftOut) : "1") + (t.truncated() ? "+" : ""));
      body.append("</p>");
    }
    String css = TranscriptStyles.css(new ArrayList<>(colourClasses.keySet()));
    StringBuilder page = new StringBuilder(body.length() + header.length() + css.length() + 1024);
    page.append("<!DOCTYPE html>\n<html lang=\"").append(Html.text(labels.language())).append("\"><head>")
        .append("<meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
        .append(TranscriptStyles.contentSecurityPolicy(css)).append("\">")
        .append("<meta name=\"referrer\" content=\"no-referrer\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>");
    Html.text(page, format(labels.heading(), Long.toString(t.ticketNumber())) + " \u00b7 " + t.guildName());
    page.append("</title><style>").append(css).append("</style></head><body>")
        .append(header)
        .append("<main class=\"messages\">").append(body).append("</main></body></html>\n");
    return page.toString();
  }

  private void summary(Transcript t, StringBuilder out) {
    out.append("<header class=\"summary\"><h1>");
    pattern(out, labels.heading(), Long.toString(t.ticketNumber()));
    out.append("</h1><dl>");
    row(out, labels.server(), t.guildName());
    row(out, labels.thread(), t.threadName());
    if (t.creator() != null) {
      row(out, labels.openedBy(), t.creator().name());
    }
    out.append("<dt>").append(Html.text(labels.opened())).append("</dt><dd>");
    time(out, t.openedAt());
    out.append("</dd>");
    if (t.closedAt() != null) {
      out.append("<dt>").append(Html.text(labels.closed())).append("</dt><dd>");
      time(out, t.closedAt());
      out.append("</dd>");
    }
    row(out, labels.messageCount(), Integer.toString(t.messages().size()) + (t.truncated() ? "+" : ""));
    out.append("</dl><p class=\"utc\">").append(Html.text(labels.timesInUtc())).append("</p></header>");
    if (!t.messageContentAvailable()) {
      out.append("<p class=\"notice intent\">").append(Html.text(labels.contentUnavailable())).append("</p>");
    }
  }

  private static void row(StringBuilder out, String label, String value) {
    out.append("<dt>").append(Html.text(label)).append("</dt><dd><bdi>").append(Html.text(value))
        .append("</bdi></dd>");
  }

  private void message(TranscriptMessage m, Transcript t, Map<String, String> authors,
      Map<String, TranscriptMessage> byId, Map<Integer, Integer> colours, StringBuilder out) {
    String anchor = anchor(m.id());
    if (m.system() != SystemKind.NONE) {
      out.append("<div class=\"system\" id=\"").append(anchor).append("\" data-id=\"").append(Html.text(m.id()))
          .append("\"><span class=\"icon\" aria-hidden=\"true\">\u2192</span><span class=\"sys-text\">");
      systemLine(m, out);
      out.append("</span> ");
      time(out, m.timestamp());
      out.append("</div>");
      return;
    }
    DiscordMarkdown markdown = new DiscordMarkdown(m.mentions(), authors);
    out.append("<article class=\"msg\" id=\"").append(anchor).append("\" data-id=\"").append(Html.text(m.id()))
        .append("\" data-author-id=\"").append(Html.text(m.author().id())).append("\">")
        .append("<div class=\"avatar c").append(Math.floorMod(m.author().id().hashCode(), TranscriptStyles.AVATAR_COLOURS))
        .append("\" aria-hidden=\"true\">").append(Html.text(initials(m.author().name()))).append("</div>")
        .append("<div class=\"body\">");
    if (m.replyToId() != null) {
      reply(m.replyToId(), byId, out);
    }
    out.append("<div class=\"meta\"><bdi class=\"author\">").append(Html.text(m.author().name())).append("</bdi>");
    if (m.author().bot()) {
      out.append("<span class=\"tag\">").append(Html.text(labels.bot())).append("</span>");
    }
    time(out, m.timestamp());
    if (m.editedAt() != null) {
      out.append("<span class=\"edited\" title=\"").append(Html.text(Timestamps.shown(m.editedAt()))).append("\">")
          .append(Html.text(labels.edited())).append("</span>");
    }
    out.append("</div>");
    if (!m.content().isBlank()) {
      out.append("<div class=\"content\">").append(markdown.render(m.content())).append("</div>");
    } else if (!t.messageContentAvailable() && m.isBlank()) {
      out.append("<div class=\"unavailable\">").append(Html.text(labels.textUnavailable())).append("</div>");
    }
    if (!m.textDisplays().isEmpty()) {
      out.append("<div class=\"cv2\">");
      for (String text : m.textDisplays()) {
        out.append("<div class=\"td\">").append(markdown.render(text)).append("</div>");
      }
      out.append("</div>");
    }
    for (TranscriptEmbed e : m.embeds()) {
      embed(e, markdown, colours, out);
    }
    if (!m.attachments().isEmpty()) {
      out.append("<ul class=\"attachments\" aria-label=\"").append(Html.text(labels.attachments())).append("\">");
      for (TranscriptAttachment a : m.attachments()) {
        out.append("<li class=\"file\">");
        String url = Html.safeUrl(a.url());
        if (url == null) {
          out.append("<span class=\"name\">").append(Html.text(a.name())).append("</span>");
        } else {
          Html.link(out, url, Html.text(a.name()));
        }
        out.append("<span class=\"size\">").append(Html.text(size(a.size()))).append("</span></li>");
      }
      out.append("</ul>");
    }
    out.append("</div></article>");
  }

  private void reply(String replyToId, Map<String, TranscriptMessage> byId, StringBuilder out) {
    TranscriptMessage target = byId.get(replyToId);
    out.append("<div class=\"reply\">\u21b3 ");
    if (target == null) {
      out.append(Html.text(labels.replyUnavailable()));
    } else {
      out.append("<a href=\"#").append(anchor(target.id())).append("\">");
      pattern(out, labels.replyingTo(), target.author().name());
      out.append("</a>");
      String snippet = snippet(target.content());
      if (!snippet.isEmpty()) {
        out.append(": <span class=\"snippet\">").append(Html.text(snippet)).append("</span>");
      }
    }
    out.append("</div>");
  }

  private void embed(TranscriptEmbed e, DiscordMarkdown markdown, Map<Integer, Integer> colours, StringBuilder out) {
    out.append("<div class=\"embed");
    if (e.color() != null) {
      int key = e.color() & 0xffffff;
      Integer cls = colours.computeIfAbsent(key, k -> colours.size());
      out.append(" k").append(cls);
    }
    out.append("\">");
    if (e.title() != null && !e.title().isBlank()) {
      out.append("<div class=\"embed-title\">");
      String url = Html.safeUrl(e.url());
      if (url == null) {
        out.append(markdown.renderInline(e.title()));
      } else {
        Html.link(out, url, Html.text(e.title()));
      }
      out.append("</div>");
    }
    if (e.description() != null && !e.description().isBlank()) {
      out.append("<div class=\"embed-desc\">").append(markdown.render(e.description())).append("</div>");
    }
    if (!e.fields().isEmpty()) {
      out.append("<div class=\"fields\">");
      for (TranscriptEmbed.Field f : e.fields()) {
        out.append(f.inline() ? "<div class=\"field inline\">" : "<div class=\"field\">")
            .append("<div class=\"field-name\">").append(markdown.renderInline(f.name())).append("</div>")
            .append("<div class=\"field-value\">").append(markdown.render(f.value())).append("</div></div>");
      }
      out.append("</div>");
    }
    if (e.footer() != null && !e.footer().isBlank()) {
      out.append("<div class=\"embed-footer\">").append(Html.text(e.footer())).append("</div>");
    }
    out.append("</div>");
  }

  private void systemLine(TranscriptMessage m, StringBuilder out) {
    String actor = m.author().name();
    String target = m.mentions().users().values().stream().findFirst().orElse("?");
    switch (m.system()) {
      case PINNED -> pattern(out, labels.pinned(), actor);
      case MEMBER_ADDED -> pattern(out, labels.memberAdded(), actor, target);
      case MEMBER_REMOVED -> pattern(out, labels.memberRemoved(), actor, target);
      case NAME_CHANGED -> pattern(out, labels.nameChanged(), actor, m.content());
      case THREAD_CREATED -> pattern(out, labels.threadCreated(), actor, m.content());
      default -> pattern(out, labels.otherSystem(), actor);
    }
  }

  private static void time(StringBuilder out, java.time.Instant t) {
    out.append("<time datetime=\"").append(Timestamps.iso(t)).append("\">").append(Timestamps.shown(t))
        .append("</time>");
  }

  /**
   * Formats a bundle pattern ({@link MessageFormat} syntax) with user-provided arguments: the
   * pattern is filled with private-use markers, then each piece is escaped and each argument
   * written, escaped, in a {@code <bdi>} where its marker was. User text is never parsed as a pattern.
   */
  private static void pattern(StringBuilder out, String pattern, String... args) {
    Object[] marks = new Object[args.length];
    for (int k = 0; k < args.length; k++) {
      marks[k] = "\ue000" + k + "\ue001";
    }
    String filled = new MessageFormat(pattern, Locale.ROOT).format(marks);
    int i = 0;
    while (true) {
      int a = filled.indexOf('\ue000', i);
      int b = a < 0 ? -1 : filled.indexOf('\ue001', a);
      if (a < 0 || b < 0) {
        Html.text(out, filled.substring(i));
        return;
      }
      Html.text(out, filled.substring(i, a));
      int k = Integer.parseInt(filled.substring(a + 1, b));
      out.append("<bdi class=\"sys-name\">").append(Html.text(args[k])).append("</bdi>");
      i = b + 1;
    }
  }

  private static String format(String pattern, String... args) {
    return new MessageFormat(pattern, Locale.ROOT).format(args);
  }

  /** An element id for a message: {@code m-} and its id's digits (ids are snowflakes). */
  private static String anchor(String id) {
    StringBuilder out = new StringBuilder("m-");
    for (int i = 0; i < id.length() && i < 24; i++) {
      char c = id.charAt(i);
      if (c >= '0' && c <= '9') {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Up to two initials: the first letter or digit of the first two words, upper-cased; "?" if none. */
  static String initials(String name) {
    StringBuilder out = new StringBuilder();
    boolean atWordStart = true;
    String clean = Html.clean(name);
    for (int i = 0; i < clean.length() && out.codePointCount(0, out.length()) < 2; ) {
      int cp = clean.codePointAt(i);
      if (Character.isLetterOrDigit(cp)) {
        if (atWordStart) {
          out.append(new String(Character.toChars(cp)).toUpperCase(Locale.ROOT));
        }
        atWordStart = false;
      } else {
        atWordStart = Character.isWhitespace(cp) || cp == '_' || cp == '-' || cp == '.';
      }
      i += Character.charCount(cp);
    }
    return out.length() == 0 ? "?" : out.toString();
  }

  /** The start of a message's raw text on one line, for "replying to". */
  private static String snippet(String content) {
    String flat = Html.clean(content).replaceAll("\\s+", " ").trim();
    if (flat.codePointCount(0, flat.length()) <= SNIPPET) {
      return flat;
    }
    return flat.substring(0, flat.offsetByCodePoints(0, SNIPPET)) + "\u2026";
  }

  private static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
  }

  private static int utf8Length(CharSequence s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
