package dev.tiramisu.tickets.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.settings.GuildSettings;
import dev.tiramisu.tickets.settings.NameTemplate;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TicketRulesTest {
  static final long STAFF_ROLE = 30;
  static final long CREATOR = 50;
  static final Ticket TICKET = new Ticket(1, 1, 1, CREATOR, null, TicketState.OPEN, 7L, null,
      Instant.EPOCH, null, null, null, null);

  static GuildSettings settings(Long staffRole, boolean creatorCanClose) {
    return new GuildSettings(1, 10L, staffRole, null, null, true, creatorCanClose,
        NameTemplate.DEFAULT);
  }

  @Test
  void the_creator_may_close_unless_the_guild_turned_it_off() {
    Actor creator = Actor.member(CREATOR);

    assertThat(TicketRules.mayClose(creator, TICKET, settings(STAFF_ROLE, true))).isTrue();
    assertThat(TicketRules.mayClose(creator, TICKET, settings(STAFF_ROLE, false))).isFalse();
  }

  @Test
  void staff_by_role_id_may_close_and_reopen() {
    Actor staff = Actor.member(51, 99L, STAFF_ROLE);

    assertThat(TicketRules.mayClose(staff, TICKET, settings(STAFF_ROLE, false))).isTrue();
    assertThat(TicketRules.mayReopen(staff, settings(STAFF_ROLE, false))).isTrue();
  }

  @Test
  void manage_server_or_administrator_count_as_staff_even_without_a_staff_role() {
    Actor manager = new Actor(52, Set.of(), true, false);
    Actor admin = new Actor(53, Set.of(), false, true);

    assertThat(TicketRules.mayClose(manager, TICKET, settings(null, false))).isTrue();
    assertThat(TicketRules.mayClose(admin, TICKET, settings(null, false))).isTrue();
    assertThat(TicketRules.mayReopen(admin, settings(null, false))).isTrue();
  }

  @Test
  void others_may_not_close_or_reopen() {
    Actor other = Actor.member(54, 31L);

    assertThat(TicketRules.mayClose(other, TICKET, settings(STAFF_ROLE, true))).isFalse();
    assertThat(TicketRules.mayClose(other, TICKET, settings(null, true))).isFalse();
    assertThat(TicketRules.mayReopen(other, settings(STAFF_ROLE, true))).isFalse();
    assertThat(TicketRules.mayReopen(Actor.member(CREATOR), settings(STAFF_ROLE, true)))
        .isFalse();
  }
}
