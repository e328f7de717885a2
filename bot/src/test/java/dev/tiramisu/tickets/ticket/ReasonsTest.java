package dev.tiramisu.tickets.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.tickets.common.Refusal;
import dev.tiramisu.tickets.text.MessageKey;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReasonsTest {

  static Optional<String> ok(String raw) {
    return Reasons.normalize(raw).value();
  }

  @Test
  void trims_and_keeps_ordinary_text() {
    assertThat(ok("  my printer is on fire 🔥  ")).contains("my printer is on fire 🔥");
  }

  @Test
  void empty_means_no_reason() {
    assertThat(ok(null)).isEmpty();
    assertThat(ok("")).isEmpty();
    assertThat(ok(" \t\n \r\n ")).isEmpty();
    assertThat(ok("\u0000\u0007")).isEmpty();
  }

  @Test
  void removes_control_and_bidi_characters_but_keeps_line_breaks() {
    assertThat(ok("a\u0000b\u0007c\u001Bd")).contains("abcd");
    assertThat(ok("evil\u202Etxt.exe\u2066x\u2069")).contains("eviltxt.exex");
    assertThat(ok("line one\r\nline two\rthree\tend")).contains("line one\nline two\nthree end");
  }

  @Test
  void collapses_blank_lines_and_trailing_spaces() {
    assertThat(ok("a   \n\n\n\n\nb")).contains("a\n\nb");
  }

  @Test
  void accepts_the_maximum_and_refuses_one_more() {
    assertThat(ok("x".repeat(Reasons.MAX_LENGTH))).hasValueSatisfying(r -> assertThat(r)
        .hasSize(1000));

    assertThat(Reasons.normalize("  " + "x".repeat(1001) + "  ").refusal())
        .isEqualTo(Refusal.of(MessageKey.ERROR_REASON_TOO_LONG, 1001, 1000));
  }

  @Test
  void length_is_checked_after_cleaning() {
    assertThat(ok("x".repeat(1000) + "\u0000".repeat(50))).hasValueSatisfying(r -> assertThat(r)
        .hasSize(1000));
  }
}
