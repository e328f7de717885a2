package dev.tiramisu.tickets.text;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.stream.Collectors;

/**
 * The bot's user-facing text, read from {@code messages*.properties} (UTF-8) on the class path.
 *
 * <p>Immutable and thread-safe; create one per locale at start-up. Numbers are formatted plainly
 * (no grouping, so snowflakes and ticket numbers stay intact); strings are inserted as given, so
 * user text must be escaped by the caller ({@link DiscordText#escape}).
 *
 * <p>The shipped languages are {@link #SHIPPED}: English ({@code messages.properties}, the base)
 * and German ({@code messages_de.properties}). {@link #of(Locale)} gives the cached instance of the
 * shipped language closest to a locale (matched by language; anything else is English).
 */
public final class Messages {
  private static final String BUNDLE = "messages";

  /**
   * The languages the bot ships, English (the base bundle) first. Adding one: copy {@code
   * messages.properties} to {@code messages_<language>.properties}, translate it, add the locale
   * here; {@code BundlesTest} then checks it has every key with the same placeholders.
   */
  public static final List<Locale> SHIPPED = List.of(Locale.ENGLISH, Locale.GERMAN);

  private static final Map<String, Messages> BY_LANGUAGE = SHIPPED.stream().collect(
      Collectors.toUnmodifiableMap(Locale::getLanguage,
          l -> forLocale(l.equals(Locale.ENGLISH) ? Locale.ROOT : l)));

  private final ResourceBundle bundle;
  private final Locale locale;

  private Messages(ResourceBundle bundle, Locale locale) {
    this.bundle = bundle;
    this.locale = locale;
  }

  /** The English (base) bundle. */
  public static Messages english() {
    return forLocale(Locale.ROOT);
  }

  /**
   * The shipped language for {@code locale} (by its language: {@code de-AT} is German), English
   * when none matches or {@code locale} is null. Cached: cheap to call for every message.
   */
  public static Messages of(Locale locale) {
    Messages m = locale == null ? null : BY_LANGUAGE.get(locale.getLanguage());
    return m != null ? m : BY_LANGUAGE.get(Locale.ENGLISH.getLanguage());
  }

  /** {@link #of(Locale)} for an IETF language tag such as Discord's {@code de} or {@code en-US}. */
  public static Messages ofTag(String languageTag) {
    return of(languageTag == null ? null : Locale.forLanguageTag(languageTag));
  }

  /** The locale this instance was made for ({@link Locale#ROOT} for the base, English). */
  public Locale locale() {
    return locale;
  }

  /** Whether this is the base (English) bundle. */
  public boolean isEnglish() {
    return locale.getLanguage().isEmpty() || locale.getLanguage().equals("en");
  }

  /**
   * The bundle for {@code locale}, falling back to the base (English) bundle key by key. The JVM's
   * default locale is never consulted.
   */
  public static Messages forLocale(Locale locale) {
    ResourceBundle bundle =
        ResourceBundle.getBundle(
            BUNDLE,
            locale,
            Messages.class.getClassLoader(),
            ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    return new Messages(bundle, locale);
  }

  /**
   * The message for {@code key} with its arguments filled in.
   *
   * @throws IllegalArgumentException if the number of arguments differs from {@code
   *     key.params()}, or an argument is null
   */
  public String format(MessageKey key, Object... args) {
    Objects.requireNonNull(key, "key");
    if (args.length != key.params().size()) {
      throw new IllegalArgumentException(
          key + " takes " + key.params() + " but got " + args.length + " argument(s)");
    }
    Object[] plain = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      Object arg = args[i];
      if (arg == null) {
        throw new IllegalArgumentException(key + ": argument " + key.params().get(i) + " is null");
      }
      // MessageFormat would print 1234567 as "1,234,567", which breaks ids and mentions.
      plain[i] = arg instanceof Number ? arg.toString() : arg;
    }
    return new MessageFormat(bundle.getString(key.key()), locale).format(plain);
  }

  /** Same as {@link #format(MessageKey, Object...)} with a list of arguments. */
  public String format(MessageKey key, List<?> args) {
    return format(key, args.toArray());
  }

  /** The raw pattern, without formatting (for tests and tooling). */
  public String pattern(MessageKey key) {
    return bundle.getString(key.key());
  }
}
