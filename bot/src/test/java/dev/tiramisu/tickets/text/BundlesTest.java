package dev.tiramisu.tickets.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every shipped language ({@link Messages#SHIPPED}) is complete and speaks with the same
 * placeholders as English: a missing key, a key English lacks, a placeholder dropped, added,
 * renumbered or given another format, or a pattern {@link MessageFormat} cannot parse fails here.
 */
class BundlesTest {
  /** The raw bundle file of {@code locale} (English is the base file). */
  static Properties file(Locale locale) throws IOException {
    String name = locale.equals(Locale.ENGLISH)
        ? "/messages.properties" : "/messages_" + locale.getLanguage() + ".properties";
    Properties p = new Properties();
    try (InputStream in = BundlesTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name + " on the class path").isNotNull();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }

  /**
   * The placeholders of a pattern as MessageFormat reads them: "{index}" or "{index,type,style}"
   * (normalised by {@link MessageFormat#toPattern}), as a set: a translation may reorder them.
   */
  static Set<String> placeholders(String pattern) {
    String normalised = new MessageFormat(pattern, Locale.ROOT).toPattern();
    Set<String> out = new TreeSet<>();
    // toPattern quotes literal braces, so every unquoted {…} left is an argument.
    Matcher m = Pattern.compile("'[^']*'|(\\{[^}]*\\})").matcher(normalised);
    while (m.find()) {
      if (m.group(1) != null) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  @Test
  void english_is_shipped_first_and_every_shipped_language_has_a_bundle() throws IOException {
    assertThat(Messages.SHIPPED).first().isEqualTo(Locale.ENGLISH);
    assertThat(Messages.SHIPPED).contains(Locale.GERMAN);
    for (Locale l : Messages.SHIPPED) {
      assertThat(file(l)).as(l.toString()).isNotEmpty();
    }
  }

  @TestFactory
  Iterable<DynamicTest> every_shipped_language_is_complete_with_the_same_placeholders() {
    return Messages.SHIPPED.stream().map(locale -> DynamicTest.dynamicTest(locale.toString(),
        () -> checkBundle(locale))).toList();
  }

  private static void checkBundle(Locale locale) throws IOException {
    Properties english = file(Locale.ENGLISH);
    Properties translated = file(locale);
    Set<String> catalogued =
        Arrays.stream(MessageKey.values()).map(MessageKey::key).collect(Collectors.toSet());

    assertThat(new TreeSet<>(translated.stringPropertyNames()))
        .as(locale + ": keys missing from the bundle")
        .containsAll(new TreeSet<>(catalogued));
    assertThat(new TreeSet<>(translated.stringPropertyNames()))
        .as(locale + ": keys that English (MessageKey) does not have")
        .isSubsetOf(english.stringPropertyNames())
        .isSubsetOf(catalogued);

    Map<String, String> wrong = new TreeMap<>();
    for (String key : translated.stringPropertyNames()) {
      Set<String> want = placeholders(english.getProperty(key));
      Set<String> got = placeholders(translated.getProperty(key));
      if (!want.equals(got)) {
        wrong.put(key, "English " + want + ", " + locale + " " + got);
      }
    }
    assertThat(wrong).as(locale + ": placeholders differ from English").isEmpty();

    Messages messages = Messages.of(locale);
    assertThat(messages.locale().getLanguage())
        .isEqualTo(locale.equals(Locale.ENGLISH) ? "" : locale.getLanguage());
    for (MessageKey key : MessageKey.values()) {
      Object[] args = key.params().stream().map(p -> "<<" + p + ">>").toArray();
      String text = messages.format(key, args);
      for (Object arg : args) {
        assertThat(text).as(locale + " " + key.key()).contains((String) arg);
      }
      // A plain ' is MessageFormat's quote: it must never reach users (use ’).
      assertThat(text).as(locale + " " + key.key()).doesNotContain("'").isNotBlank();
      String name = key.name();
      int max = name.startsWith("COMMAND_") || name.startsWith("OPTION_") ? 100
          : name.startsWith("BUTTON_") ? 80
          : name.startsWith("MODAL_") && name.endsWith("_TITLE") ? 45
          : name.startsWith("MODAL_") ? 100
          : 2000;
      assertThat(messages.pattern(key)).as(locale + " " + key.key()).hasSizeLessThanOrEqualTo(max);
    }
  }

  @Test
  void the_placeholder_check_sees_numbers_formats_and_quoted_braces() {
    assertThat(placeholders("Ticket #{0} by <@{1}>")).containsExactly("{0}", "{1}");
    assertThat(placeholders("{1} then {0}")).containsExactly("{0}", "{1}");
    assertThat(placeholders("{0,number,integer} items")).containsExactly("{0,number,integer}");
    assertThat(placeholders("{0,number,integer}")).isNotEqualTo(placeholders("{0}"));
    assertThat(placeholders("must contain `'{number}'`")).isEmpty();
    assertThat(placeholders("{0} and {0}")).containsExactly("{0}");
  }
}
