package dev.tiramisu.tickets.settings;

import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.text.MessageKey;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How ticket threads are named: a template with exactly one {@value #PLACEHOLDER}, such as the
 * default {@code Ticket #{number}}. A closed ticket's thread is renamed with the {@value
 * #CLOSED_PREFIX} prefix ({@code [Closed] Ticket #7}); {@link #numberOf} accepts both forms.
 *
 * <p>Templates are validated so that every name they produce fits Discord's {@value
 * #MAX_THREAD_NAME}-character thread-name limit, even with the closed prefix and the largest
 * ticket number.
 */
public final class NameTemplate {
  public static final String PLACEHOLDER = "{number}";
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
    int at = template.indexOf(PLACEHOLDER);
    String prefix = template.substring(0, at);
    String suffix = template.substring(at + PLACEHOLDER.length());
    this.pattern =
        Pattern.compile(
            "(?:"
                + Pattern.quote(CLOSED_PREFIX)
                + ")?"
                + Pattern.quote(prefix)
                + "([1-9][0-9]{0,"
                + (MAX_NUMBER_DIGITS - 1)
                + "})"
                + Pattern.quote(suffix));
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
    int first = t.indexOf(PLACEHOLDER);
    if (first < 0 || t.indexOf(PLACEHOLDER, first + 1) >= 0) {
      return Result.refused(MessageKey.ERROR_SETTING_TEMPLATE_NO_NUMBER, SETTING);
    }
    if (t.length() > MAX_LENGTH) {
      return Result.refused(MessageKey.ERROR_SETTING_TEMPLATE_TOO_LONG, SETTING, MAX_LENGTH);
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

  /** The name of an open ticket's thread, e.g. {@code Ticket #7}. */
  public String render(int number) {
    requirePositive(number);
    return template.replace(PLACEHOLDER, Integer.toString(number));
  }

  /** The name of a closed ticket's thread, e.g. {@code [Closed] Ticket #7}. */
  public String renderClosed(int number) {
    return CLOSED_PREFIX + render(number);
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
