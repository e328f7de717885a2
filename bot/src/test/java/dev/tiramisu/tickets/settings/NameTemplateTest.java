package dev.tiramisu.tickets.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiramisu.tickets.common.Refusal;
import dev.tiramisu.tickets.text.MessageKey;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class NameTemplateTest {

  @Test
  void renders_open_and_closed_names_and_reads_them_back() {
    NameTemplate t = NameTemplate.DEFAULT;

    assertThat(t.render(7)).isEqualTo("Ticket #7");
    assertThat(t.renderClosed(7)).isEqualTo("[Closed] Ticket #7");
    assertThat(t.numberOf("Ticket #7")).isEqualTo(OptionalInt.of(7));
    assertThat(t.numberOf("[Closed] Ticket #7")).isEqualTo(OptionalInt.of(7));
    assertThat(t.numberOf("Ticket #2147483647")).isEqualTo(OptionalInt.of(Integer.MAX_VALUE));
    assertThat(t.numberOf("Ticket #2147483648")).isEmpty();
    assertThat(t.numberOf(null)).isEmpty();
  }

  @Test
  void regex_characters_in_templates_are_literal() {
    NameTemplate t = NameTemplate.parse(" (help) [{number}]. * ").value();

    assertThat(t.template()).isEqualTo("(help) [{number}]. *");
    assertThat(t.numberOf("(help) [12]. *")).isEqualTo(OptionalInt.of(12));
    assertThat(t.numberOf("(help) [12]x *")).isEmpty();
  }

  @Test
  void validation_errors() {
    assertThat(NameTemplate.parse("Ticket").refusal())
        .isEqualTo(Refusal.of(MessageKey.ERROR_SETTING_TEMPLATE_NO_NUMBER, "name_template"));
    assertThat(NameTemplate.parse("{number}-{number}").refusal().key())
        .isEqualTo(MessageKey.ERROR_SETTING_TEMPLATE_NO_NUMBER);
    for (String invalid : new String[] {"", "   ", null, "a\n{number}", "[Closed] {number}",
        "[closed]{number}"}) {
      assertThat(NameTemplate.parse(invalid).refusal())
          .as("%s", invalid)
          .isEqualTo(Refusal.of(MessageKey.ERROR_SETTING_TEMPLATE_INVALID, "name_template"));
    }
  }

  @Test
  void the_longest_template_still_fits_discords_limit_when_closed() {
    String longest = "x".repeat(NameTemplate.MAX_LENGTH - 8) + "{number}";

    NameTemplate t = NameTemplate.parse(longest).value();

    assertThat(t.renderClosed(Integer.MAX_VALUE)).hasSize(NameTemplate.MAX_THREAD_NAME);
    assertThat(NameTemplate.parse("x" + longest).refusal())
        .isEqualTo(Refusal.of(MessageKey.ERROR_SETTING_TEMPLATE_TOO_LONG, "name_template",
            NameTemplate.MAX_LENGTH));
  }

  @Test
  void of_rejects_invalid_stored_templates_and_render_rejects_zero() {
    assertThatThrownBy(() -> NameTemplate.of("nope")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NameTemplate.DEFAULT.render(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(NameTemplate.of("Ticket #{number}")).isEqualTo(NameTemplate.DEFAULT);
  }

  @Test
  void the_user_placeholder_puts_the_members_cleaned_name_in_the_thread_name() {
    NameTemplate t = NameTemplate.parse("{user} #{number}").value();

    assertThat(t.usesUser()).isTrue();
    assertThat(t.render(7, "alice")).isEqualTo("alice #7");
    assertThat(t.renderClosed(7, "alice")).isEqualTo("[Closed] alice #7");
    assertThat(t.numberOf("alice #7")).isEqualTo(OptionalInt.of(7));
    assertThat(t.numberOf("[Closed] bob 2 #12")).isEqualTo(OptionalInt.of(12));
    assertThat(NameTemplate.DEFAULT.usesUser()).isFalse();
    assertThat(NameTemplate.userPart("  a\u202Eb\n\tc  ")).isEqualTo("ab c");
    assertThat(NameTemplate.userPart("x".repeat(40))).hasSize(NameTemplate.MAX_USER);
    assertThat(NameTemplate.userPart(" \u0000 ")).isNull();
    String longest = NameTemplate.userPart("y".repeat(40));
    NameTemplate widest = NameTemplate.parse("{user}" + "z".repeat(
        NameTemplate.MAX_LENGTH - NameTemplate.MAX_USER - "{number}".length()) + "{number}")
        .value();
    assertThat(widest.renderClosed(Integer.MAX_VALUE, longest))
        .hasSize(NameTemplate.MAX_THREAD_NAME);
  }

  @Test
  void unknown_placeholders_and_a_second_user_are_refused() {
    assertThat(NameTemplate.parse("Ticket {numbr} {number}").refusal())
        .isEqualTo(Refusal.of(MessageKey.ERROR_SETTING_TEMPLATE_UNKNOWN_PLACEHOLDER,
            "name_template", "{numbr}"));
    assertThat(NameTemplate.parse("{user}{user}{number}").refusal().key())
        .isEqualTo(MessageKey.ERROR_SETTING_TEMPLATE_UNKNOWN_PLACEHOLDER);
    assertThat(NameTemplate.parse("{user} " + "z".repeat(NameTemplate.MAX_LENGTH) + "{number}")
        .refusal().key()).isEqualTo(MessageKey.ERROR_SETTING_TEMPLATE_TOO_LONG);
    assertThat(NameTemplate.parse("Ticket { #{number} }").isOk())
        .as("braces that are not a placeholder stay text").isTrue();
  }
}
