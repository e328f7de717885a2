package dev.tiramisu.tickets.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class InterimRepliesTest {
  @Test
  void the_in_progress_answers_are_interim_in_every_language_and_final_answers_are_not() {
    Messages en = Messages.english();
    Messages de = Messages.of(Locale.GERMAN);
    assertThat(InterimReplies.isInterim(en.format(MessageKey.TICKET_OPEN_PENDING, 12))).isTrue();
    assertThat(InterimReplies.isInterim(de.format(MessageKey.TICKET_CLOSE_PENDING, 3))).isTrue();
    assertThat(InterimReplies.isInterim(en.format(MessageKey.TICKET_CLOSED_REPLY, 3))).isFalse();
    assertThat(InterimReplies.isInterim(en.format(MessageKey.TICKET_OPENED_REPLY, 1, 42L)))
        .isFalse();
  }
}
