package dev.tiramisu.tickets.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.tickets.settings.GuildSettings;
import dev.tiramisu.tickets.settings.NameTemplate;
import dev.tiramisu.tickets.ticket.TicketCheck.NotTicket;
import dev.tiramisu.tickets.ticket.TicketCheck.Verdict;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TicketCheckTest {
  static final long GUILD = 1;
  static final long CHANNEL = 10;
  static final GuildSettings ENABLED =
      new GuildSettings(GUILD, CHANNEL, null, null, null, true, true, NameTemplate.DEFAULT);
  static final OptionalInt COUNTED_TO_5 = OptionalInt.of(5);

  static Verdict check(ThreadInfo thread) {
    return TicketCheck.check(thread, ENABLED, COUNTED_TO_5);
  }

  @Test
  void a_private_thread_in_the_ticket_channel_with_a_matching_name_is_a_ticket() {
    Verdict v = check(new ThreadInfo(99, CHANNEL, "Ticket #3", true));

    assertThat(v.isTicket()).isTrue();
    assertThat(v.number()).isEqualTo(3);
    assertThat(v.explanation()).isEqualTo("ticket #3");
  }

  @Test
  void closed_names_and_the_last_number_count_too() {
    assertThat(check(new ThreadInfo(99, CHANNEL, "[Closed] Ticket #5", true)).number())
        .isEqualTo(5);
  }

  @Test
  void not_a_ticket_without_ticket_channel() {
    Verdict v = TicketCheck.check(new ThreadInfo(99, CHANNEL, "Ticket #3", true),
        GuildSettings.defaults(GUILD), COUNTED_TO_5);

    assertThat(v.notTicket()).isEqualTo(NotTicket.TICKET_CHANNEL_NOT_SET);
    assertThat(v.isTicket()).isFalse();
    assertThat(v.explanation()).isEqualTo("ticket_channel is not set in this server");
  }

  @Test
  void not_a_ticket_before_the_guild_counted() {
    Verdict v = TicketCheck.check(new ThreadInfo(99, CHANNEL, "Ticket #1", true), ENABLED,
        OptionalInt.empty());

    assertThat(v.notTicket()).isEqualTo(NotTicket.NOT_COUNTING);
  }

  @Test
  void not_a_ticket_when_public() {
    assertThat(check(new ThreadInfo(99, CHANNEL, "Ticket #3", false)).notTicket())
        .isEqualTo(NotTicket.NOT_PRIVATE);
  }

  @Test
  void not_a_ticket_in_another_channel() {
    assertThat(check(new ThreadInfo(99, CHANNEL + 1, "Ticket #3", true)).notTicket())
        .isEqualTo(NotTicket.WRONG_PARENT);
  }

  @Test
  void not_a_ticket_with_another_name() {
    for (String name : new String[] {"Ticket #", "Ticket #x", "Ticket 3", "ticket #3",
        "Ticket #03", "Ticket #0", "Ticket #3 extra", "[closed] Ticket #3", "Thread #3"}) {
      assertThat(check(new ThreadInfo(99, CHANNEL, name, true)).notTicket())
          .as(name)
          .isEqualTo(NotTicket.NAME_MISMATCH);
    }
  }

  @Test
  void not_a_ticket_above_the_counter() {
    Verdict v = check(new ThreadInfo(99, CHANNEL, "Ticket #6", true));

    assertThat(v.notTicket()).isEqualTo(NotTicket.NUMBER_TOO_HIGH);
    assertThat(v.number()).isZero();
  }

  @Test
  void every_reason_has_an_explanation() {
    for (NotTicket why : NotTicket.values()) {
      assertThat(why.explanation()).isNotBlank();
    }
  }
}
