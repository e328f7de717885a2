package dev.tiramisu.tickets.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure helpers that make user-supplied text safe to embed in a Discord message.
 *
 * <p>{@link #escape} is layout safety, not ping safety: every reply that carries user text must
 * also set allowed mentions explicitly. Escaping is meant for text shown inside bot messages
 * (reasons, guild names); it is not reversible and is not meant for text stored in the database.
 */
public final class DiscordText {
  /** Characters that start or end Discord markdown (and {@code <} for mentions/emoji/timestamps). */
  private static final String MARKDOWN = "\\*_~`|>#-[]()<";

  private static final Pattern MASS_MENTION =
      Pattern.compile("@(everyone|here)", Pattern.CASE_INSENSITIVE);
  private static final Pattern ORDERED_LIST = Pattern.compile("(?m)^(\\s*\\d+)\\.");
  private static final char ZERO_WIDTH_SPACE = '\u200B';

  private DiscordText() {}

  /**
   * Neutralises markdown and mentions so {@code text} renders literally.
   *
   * <ul>
   *   <li>Every markdown character ({@code \ * _ ~ ` | > # - [ ] ( )}) gets a backslash, so bold,
   *       code blocks, spoilers, quotes, headers, lists and masked links render as plain text.
   *   <li>{@code <} gets a backslash, so {@code <@id>}, {@code <@&id>}, {@code <#id>}, custom
   *       emoji and timestamps show as text instead of mentions.
   *   <li>{@code @everyone} and {@code @here} get a zero-width space after the {@code @}.
   *   <li>A number followed by a dot at the start of a line gets its dot escaped (ordered lists).
   * </ul>
   *
   * <p>Plain URLs stay clickable, but underscores or parentheses in them are escaped too.
   *
   * @param text any text, e.g. a ticket reason
   * @return the escaped text; {@code ""} for {@code null}
   */
  public static String escape(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (MARKDOWN.indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    String escaped =
        MASS_MENTION.matcher(out).replaceAll(m -> "@" + ZERO_WIDTH_SPACE + m.group(1));
    return ORDERED_LIST.matcher(escaped).replaceAll(m -> Matcher.quoteReplacement(m.group(1)) + "\\\\.");
  }

  /** A user, role or channel mention: {@code <@id>}, {@code <@!id>}, {@code <@&id>}, {@code <#id>}. */
  private static final Pattern MENTION = Pattern.compile("<(?:@!?|@&|#)\\d{1,20}>");

  /**
   * Like {@link #escape}, but user, role and channel mentions ({@code <@id>}, {@code <@!id>},
   * {@code <@&id>}, {@code <#id>}) stay mentions, so a reason that names {@code @bob} shows
   * {@code @bob} rather than a raw id. Only for messages whose allowed mentions are explicit (no
   * {@code parse}): a mention shown this way pings nobody who is not listed there. {@code
   * @everyone} and {@code @here} are still broken up.
   */
  public static String escapeKeepingMentions(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    Matcher m = MENTION.matcher(text);
    int at = 0;
    while (m.find()) {
      out.append(escape(text.substring(at, m.start()))).append(m.group());
      at = m.end();
    }
    return out.append(escape(text.substring(at))).toString();
  }

  /**
   * Shortens {@code text} to at most {@code max} characters (UTF-16 units, as Discord counts),
   * ending with an ellipsis when cut, never splitting a surrogate pair.
   *
   * @throws IllegalArgumentException if {@code max < 1}
   */
  public static String truncate(String text, int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be positive, got " + max);
    }
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }
}
