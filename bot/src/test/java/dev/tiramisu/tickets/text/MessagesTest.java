package dev.tiramisu.tickets.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MessagesTest {
  final Messages messages = Messages.english();

  static Properties bundle() throws IOException {
    Properties p = new Properties();
    try (InputStream in = MessagesTest.class.getResourceAsStream("/messages.properties")) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }

  @Test
  void every_effect_kind_has_its_name_for_ticket_check() {
    // /ticket check names pending and failed effects by MessageKey.valueOf("EFFECT_" + kind)
    for (dev.tiramisu.tickets.effects.EffectKind kind
        : dev.tiramisu.tickets.effects.EffectKind.values()) {
      assertThat(Arrays.stream(MessageKey.values()).map(Enum::name))
          .as("EFFECT_%s", kind).contains("EFFECT_" + kind.name());
    }
  }

  @Test
  void the_bundle_has_exactly_the_catalogued_keys() throws IOException {
    Set<String> catalogued =
        Arrays.stream(MessageKey.values()).map(MessageKey::key).collect(Collectors.toSet());

    assertThat(bundle().stringPropertyNames()).containsExactlyInAnyOrderElementsOf(catalogued);
  }

  @Test
  void every_message_uses_exactly_its_declared_arguments_and_no_stray_quotes() {
    for (MessageKey key : MessageKey.values()) {
      MessageFormat format = new MessageFormat(messages.pattern(key), Locale.ROOT);
      assertThat(format.getFormatsByArgumentIndex()).as(key.key()).hasSize(key.params().size());

      Object[] args = key.params().stream().map(p -> "<<" + p + ">>").toArray();
      String text = messages.format(key, args);

      for (Object arg : args) {
        assertThat(text).as(key.key()).contains((String) arg);
      }
      // A plain ' is MessageFormat's quote; it must never reach users (use ’ instead).
      assertThat(text).as(key.key()).doesNotContain("'").isNotBlank();
    }
  }

  @Test
  void texts_fit_discords_limits() {
    for (MessageKey key : EnumSet.allOf(MessageKey.class)) {
      String name = key.name();
      int max = name.startsWith("COMMAND_") || name.startsWith("OPTION_") ? 100
          : name.startsWith("BUTTON_") ? 80
          : name.startsWith("MODAL_") && name.endsWith("_TITLE") ? 45
          : name.startsWith("MODAL_") ? 100
          : 2000;
      assertThat(messages.pattern(key)).as(key.key()).hasSizeLessThanOrEqualTo(max);
    }
  }

  @Test
  void numbers_are_not_grouped() {
    assertThat(messages.format(MessageKey.ERROR_ALREADY_CLOSED, 1234, 123456789012345678L))
        .isEqualTo("Ticket #1234 was already closed by <@123456789012345678>.");
  }

  @Test
  void wrong_argument_counts_and_nulls_are_bugs() {
    assertThatThrownBy(() -> messages.format(MessageKey.ERROR_ALREADY_CLOSED, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[number, closedById]");
    assertThatThrownBy(() -> messages.format(MessageKey.ERROR_ALREADY_CLOSED, 1, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("closedById");
  }

  @Test
  void refusals_render_through_the_list_overload() {
    dev.tiramisu.tickets.common.Refusal r =
        dev.tiramisu.tickets.common.Refusal.of(MessageKey.ERROR_REASON_TOO_LONG, 1200, 1000);

    assertThat(messages.format(r.key(), r.args()))
        .isEqualTo("That reason is 1200 characters long; the limit is 1000. Please shorten it.");
  }

  @Test
  void templates_mentioning_the_placeholder_show_it_literally() {
    assertThat(messages.format(MessageKey.ERROR_SETTING_TEMPLATE_NO_NUMBER, "name_template"))
        .isEqualTo("`name_template` must contain `{number}` exactly once, e.g. `Ticket #{number}`.");
  }

  @Test
  void other_locales_fall_back_to_english() {
    assertThat(Messages.forLocale(Locale.FRENCH).format(MessageKey.BUTTON_CANCEL))
        .isEqualTo("Cancel");
    assertThat(Messages.of(Locale.FRENCH).format(MessageKey.BUTTON_CANCEL)).isEqualTo("Cancel");
    assertThat(Messages.of(null).format(MessageKey.BUTTON_CANCEL)).isEqualTo("Cancel");
  }

  @Test
  void shipped_languages_are_matched_by_language_and_cached() {
    assertThat(Messages.of(Locale.GERMAN).format(MessageKey.BUTTON_CANCEL)).isEqualTo("Abbrechen");
    assertThat(Messages.ofTag("de").format(MessageKey.BUTTON_CLAIM)).isEqualTo("Übernehmen");
    assertThat(Messages.ofTag("de-AT")).isSameAs(Messages.of(Locale.GERMAN));
    assertThat(Messages.ofTag("en-GB")).isSameAs(Messages.ofTag("en-US"))
        .isSameAs(Messages.of(Locale.ENGLISH));
    assertThat(Messages.ofTag("pt-BR")).isSameAs(Messages.of(Locale.ENGLISH));
    assertThat(Messages.of(Locale.ENGLISH).isEnglish()).isTrue();
    assertThat(Messages.of(Locale.GERMAN).isEnglish()).isFalse();
  }
}
