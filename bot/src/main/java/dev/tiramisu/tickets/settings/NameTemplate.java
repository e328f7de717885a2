package dev.tiramisu.tickets.settings;

import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.text.DiscordText;
import dev.tiramisu.tickets.text.MessageKey;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How ticket threads are named: a template with exactly one {@value #PLACEHOLDER}, such as the
 * default {@code Ticket #{number}}, and at most one {@value #USER_PLACEHOLDER} (the member's name
 * when the ticket was opened, cleaned for a thread name and cut to {@value #MAX_USER}
 * characters). Any other {@code {word}} is refused, so a typo such as {@code {numbr}} is not
 * silently kept in every thread name. A closed ticket's thread is renamed with the {@value
 * #CLOSED_PREFIX} prefix ({@code [Closed] Ticket #7}); {@link #numberOf} accepts both forms.
 *
 * <p>Templates are validated so that every name they produce fits Discord's {@value
 * #MAX_THREAD_NAME}-character thread-name limit, even with the closed prefix, the largest ticket
 * number and the longest member name.
 */
public final class NameTemplate {
  public static final String PLACEHOLDER = "{number}";
  public static final String USER_PLACEHOLDER = "{user}";
  /** The longest member name put in a thread name (Discord's names have at most 32). */
  public static final int MAX_USER = 32;
  private static final Pattern ANY_PLACEHOLDER = Pattern.compile("\\{[^{}\\s]*\\}");
  public static final String CLOSED_PREFIX = "[Closed] ";
  public static final int MAX_THREAD_NAME = 100;
  /** Ticket numbers are positive {@code int}s: at most 10 digits. */
  private static final int MAX_NUMBER_DIGITS = 10;
  /** The longest template whose closed names still fit in {@value #MAX_THREAD_NAME}. */
  public static final int MAX_LENGTH =
      MAX_THREAD_NAME - CLOSED_PREFIX.length() - MAX_NUMBER_DIGITS + PLACEHOLDER.length();

  public static final NameTemplate DEFAULT = new NameTemplate("Ticket #{number}");

  private static final String SETTING = "name_template";

  private final String template;
  private final Pattern pattern;

  private NameTemplate(String template) {
    this.template = template;
    String userGroup = "(?:.{0," + MAX_USER + "})";
    StringBuilder regex = new StringBuilder("(?:" + Pattern.quote(CLOSED_PREFIX) + ")?");
    Matcher m = ANY_PLACEHOLDER.matcher(template);
    int at = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(at, m.start())));
      regex.append(m.group().equals(PLACEHOLDER)
          ? "([1-9][0-9]{0," + (MAX_NUMBER_DIGITS - 1) + "})"
          : userGroup);
      at = m.end();
    }
    regex.append(Pattern.quote(template.substring(at)));
    this.pattern = Pattern.compile(regex.toString());
  }

  /**
   * Validates a template typed by an admin. Surrounding whitespace is removed (Discord trims thread
   * names).
   *
   * @return the template, or a refusal: {@code ERROR_SETTING_TEMPLATE_INVALID} (blank, control
   *     characters, starts with the closed prefix), {@code ERROR_SETTING_TEMPLATE_NO_NUMBER} (not
   *     exactly one {@value #PLACEHOLDER}) or {@code ERROR_SETTING_TEMPLATE_TOO_LONG}
   */
  public static Result<NameTemplate> parse(String raw) {
    String t = raw == null ? "" : raw.strip();
    if (t.isEmpty()
        || t.chars().anyMatch(Character::isISOControl)
        || t.toLowerCase(Locale.ROOT).startsWith(CLOSED_PREFIX.strip().toLowerCase(Locale.ROOT))) {
      return Result.refused(MessageKey.ERROR_SETTING_TEMPLATE_INVALID, SETTING);
    }
    Matcher placeholders = ANY_PLACEHOLDER.matcher(t);
    int users = 0;
    while (placeholders.find()) {
      String p = placeholders.group();
      if (p.equals(USER_PLACEHOLDER)) {
        users++;
      } else if (!p.equals(PLACEHOLDER)) {
        return Result.refused(MessageKey.ERROR_SETTING_TEMPLATE_UNKNOWN_PLACEHOLDER, SETTING,
            DiscordText.escape(DiscordText.truncate(p, 40)));
      }
    }
    if (users > 1) {
      return Result.refused(MessageKey.ERROR_SETTING_TEMPLATE_UNKNOWN_PLACEHOLDER, SETTING,
          USER_PLACEHOLDER + " " + USER_PLACEHOLDER);
    }
    int first = t.indexOf(PLACEHOLDER);
    if (first < 0 || t.indexOf(PLACEHOLDER, first + 1) >= 0) {
      return Result.refused(MessageKey.ERROR_SETTING_TEMPLATE_NO_NUMBER, SETTING);
    }
    int longest = t.length() + (users == 0 ? 0 : MAX_USER - USER_PLACEHOLDER.length());
    if (longest > MAX_LENGTH) {
      return Result.refused(MessageKey.ERROR_SETTING_TEMPLATE_TOO_LONG, SETTING,
          users == 0 ? MAX_LENGTH : MAX_LENGTH - MAX_USER + USER_PLACEHOLDER.length());
    }
    return Result.ok(new NameTemplate(t));
  }

  /**
   * A template read back from storage; it was validated when saved.
   *
   * @throws IllegalArgumentException if it is not a valid template
   */
  public static NameTemplate of(String template) {
    Result<NameTemplate> r = parse(template);
    if (r.isRefused()) {
      throw new IllegalArgumentException("invalid name template: " + r.refusal().key());
    }
    return r.value();
  }

  /** The name of an open ticket's thread, e.g. {@code Ticket #7}, without a member's name. */
  public String render(int number) {
    return render(number, null);
  }

  /**
   * The name of an open ticket's thread.
   *
   * @param user the member's name as {@link #userPart} cleaned it, or null (then {@value
   *     #USER_PLACEHOLDER} is left out, e.g. for a ticket opened before the template used it)
   */
  public String render(int number, String user) {
    requirePositive(number);
    String name = template.replace(PLACEHOLDER, Integer.toString(number));
    if (usesUser()) {
      name = name.replace(USER_PLACEHOLDER, user == null ? "" : user);
    }
    return name;
  }

  /** The name of a closed ticket's thread, e.g. {@code [Closed] Ticket #7}. */
  public String renderClosed(int number) {
    return renderClosed(number, null);
  }

  /** The name of a closed ticket's thread; {@code user} as for {@link #render(int, String)}. */
  public String renderClosed(int number, String user) {
    return CLOSED_PREFIX + render(number, user);
  }

  /** Whether thread names carry the member's name ({@value #USER_PLACEHOLDER}). */
  public boolean usesUser() {
    return template.contains(USER_PLACEHOLDER);
  }

  /**
   * A member's name made fit for a thread name: control and bidirectional-override characters
   * removed, runs of white space made one space, cut to {@value #MAX_USER} characters (never
   * splitting a surrogate pair).
   *
   * @return the cleaned name, or null if nothing is left
   */
  public static String userPart(String name) {
    if (name == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(name.length());
    name.codePoints()
        .map(c -> Character.isWhitespace(c) ? ' ' : c)
        .filter(c -> !Character.isISOControl(c) && !(c >= 0x202A && c <= 0x202E)
            && !(c >= 0x2066 && c <= 0x2069))
        .forEach(out::appendCodePoint);
    String clean = out.toString().replaceAll("\\s+", " ").strip();
    if (clean.length() > MAX_USER) {
      int end = MAX_USER;
      if (Character.isHighSurrogate(clean.charAt(end - 1))) {
        end--;
      }
      clean = clean.substring(0, end).strip();
    }
    return clean.isEmpty() ? null : clean;
  }

  /**
   * The ticket number in a thread name produced by this template, open or closed form.
   *
   * @return the number, or empty if the name does not match
   */
  public OptionalInt numberOf(String threadName) {
    if (threadName == null) {
      return OptionalInt.empty();
    }
    Matcher m = pattern.matcher(threadName.strip());
    if (!m.matches()) {
      return OptionalInt.empty();
    }
    long n = Long.parseLong(m.group(1));
    return n <= Integer.MAX_VALUE ? OptionalInt.of((int) n) : OptionalInt.empty();
  }

  /** The template text, e.g. {@code Ticket #{number}}. */
  public String template() {
    return template;
  }

  private static void requirePositive(int number) {
    if (number < 1) {
      throw new IllegalArgumentException("ticket numbers start at 1, got " + number);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NameTemplate other && template.equals(other.template);
  }

  @Override
  public int hashCode() {
    return template.hashCode();
  }

  @Override
  public String toString() {
    return template;
  }
}
