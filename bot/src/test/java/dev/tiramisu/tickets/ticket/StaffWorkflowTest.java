package dev.tiramisu.tickets.ticket;

import static dev.tiramisu.tickets.ticket.TicketServiceTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.effects.Effect;
import dev.tiramisu.tickets.effects.EffectKind;
import dev.tiramisu.tickets.settings.GuildSettings;
import dev.tiramisu.tickets.settings.SettingKey;
import dev.tiramisu.tickets.settings.SettingValue;
import dev.tiramisu.tickets.testing.InMemorySettingsStore;
import dev.tiramisu.tickets.testing.InMemoryStaffStore;
import dev.tiramisu.tickets.testing.InMemoryTicketStore;
import dev.tiramisu.tickets.testing.MutableClock;
import dev.tiramisu.tickets.text.MessageKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The staff workflow's rules and services (issue 11): claims and members. */
class StaffWorkflowTest {
  static final long GUILD = 1001;
  static final long CHANNEL = 2001;
  static final long STAFF_ROLE = 3001;
  static final long MODLOG = 4001;
  static final long CREATOR = 5001;
  static final Actor CREATOR_ACTOR = Actor.member(CREATOR);
  static final Actor MEMBER = Actor.member(5002);
  static final Actor STAFF = Actor.member(5003, STAFF_ROLE);
  static final Actor STAFF2 = Actor.member(5005, STAFF_ROLE);
  static final Actor MANAGER = new Actor(5004, Set.of(), true, false);

  final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  final InMemoryTicketStore store = new InMemoryTicketStore();
  final InMemoryStaffStore staffStore = new InMemoryStaffStore(store);
  final InMemorySettingsStore settings = new InMemorySettingsStore();
  final TicketService tickets = new TicketService(store, settings, clock);
  final ClaimService claims = new ClaimService(store, staffStore, settings, clock);
  final MemberService members = new MemberService(store, staffStore, settings, clock);
  Ticket t;

  @BeforeEach
  void openTicket() {
    set(SettingKey.TICKET_CHANNEL, new SettingValue.Snowflake(CHANNEL));
    set(SettingKey.STAFF_ROLE, new SettingValue.Snowflake(STAFF_ROLE));
    set(SettingKey.MODLOG_CHANNEL, new SettingValue.Snowflake(MODLOG));
    t = tickets.open(GUILD, CREATOR, "help").value().ticket();
    tickets.attachThread(t.id(), 70, 71L);
  }

  void set(SettingKey key, SettingValue value) {
    settings.put(GUILD, key, value, clock.instant());
  }

  GuildSettings s() {
    return settings.load(GUILD);
  }

  List<EffectKind> newEffects(int skip) {
    return store.effects().forTicket(t.id()).stream().map(Effect::kind).skip(skip).toList();
  }

  static TargetUser member(Actor a) {
    return new TargetUser(a.userId(), false, a);
  }

  @Nested
  class Rules {
    @Test
    void only_staff_claim_and_only_the_holder_or_a_manager_release() {
      Claim held = new Claim(1, STAFF.userId(), Instant.EPOCH);
      assertThat(ClaimRules.mayClaim(STAFF, s())).isTrue();
      assertThat(ClaimRules.mayClaim(MANAGER, s())).isTrue();
      assertThat(ClaimRules.mayClaim(CREATOR_ACTOR, s())).isFalse();
      assertThat(ClaimRules.mayReleaseOrTransfer(STAFF, held)).isTrue();
      assertThat(ClaimRules.mayReleaseOrTransfer(MANAGER, held)).isTrue();
      assertThat(ClaimRules.mayReleaseOrTransfer(STAFF2, held)).isFalse();
    }

    @Test
    void a_claim_goes_only_to_staff_members_who_are_not_bots() {
      assertThat(ClaimRules.mayReceive(member(STAFF2), s())).isTrue();
      assertThat(ClaimRules.mayReceive(member(MEMBER), s())).isFalse();
      assertThat(ClaimRules.mayReceive(new TargetUser(9, true, STAFF2), s())).isFalse();
      assertThat(ClaimRules.mayReceive(new TargetUser(9, false, null), s())).isFalse();
    }

    @Test
    void other_staff_get_the_notice_unless_it_is_off() {
      Optional<Claim> held = Optional.of(new Claim(1, STAFF.userId(), Instant.EPOCH));
      assertThat(ClaimRules.noticeFor(STAFF2, held, s())).hasValue(STAFF.userId());
      assertThat(ClaimRules.noticeFor(STAFF, held, s())).isEmpty();
      assertThat(ClaimRules.noticeFor(CREATOR_ACTOR, held, s())).isEmpty();
      assertThat(ClaimRules.noticeFor(STAFF2, Optional.empty(), s())).isEmpty();
      set(SettingKey.CLAIM_NOTICE, new SettingValue.Flag(false));
      assertThat(ClaimRules.noticeFor(STAFF2, held, s())).isEmpty();
    }

    @Test
    void staff_add_the_creator_adds_only_with_creator_can_add_and_only_staff_remove() {
      assertThat(MemberRules.mayAdd(STAFF, t, s())).isTrue();
      assertThat(MemberRules.mayAdd(CREATOR_ACTOR, t, s())).isFalse();
      set(SettingKey.CREATOR_CAN_ADD, new SettingValue.Flag(true));
      assertThat(MemberRules.mayAdd(CREATOR_ACTOR, t, s())).isTrue();
      assertThat(MemberRules.mayAdd(MEMBER, t, s())).isFalse();
      assertThat(MemberRules.mayRemove(STAFF, s())).isTrue();
      assertThat(MemberRules.mayRemove(CREATOR_ACTOR, s())).isFalse();
    }
  }

  @Nested
  class Claims {
    @Test
    void a_claim_edits_the_first_message_and_logs_and_a_second_names_the_holder() {
      int before = newEffects(0).size();
      assertThat(claims.claim(GUILD, t.id(), STAFF).isOk()).isTrue();
      assertThat(newEffects(before)).containsExactly(EffectKind.EDIT_FIRST_MESSAGE,
          EffectKind.LOG_NOTICE);
      assertRefused(claims.claim(GUILD, t.id(), STAFF2), MessageKey.ERROR_ALREADY_CLAIMED, 1,
          STAFF.userId());
      assertRefused(claims.claim(GUILD, t.id(), STAFF), MessageKey.ERROR_ALREADY_CLAIMED_BY_YOU,
          1);
      assertRefused(claims.claim(GUILD, t.id(), MEMBER), MessageKey.ERROR_CLAIM_STAFF_ONLY);
      assertThat(claims.noticeFor(GUILD, t.id(), STAFF2)).isEqualTo(
          OptionalLong.of(STAFF.userId()));
    }

    @Test
    void closed_tickets_and_other_guilds_are_refused() {
      assertRefused(claims.claim(GUILD + 1, t.id(), STAFF), MessageKey.ERROR_NOT_A_TICKET);
      tickets.close(GUILD, t.id(), STAFF, null);
      assertRefused(claims.claim(GUILD, t.id(), STAFF), MessageKey.ERROR_TICKET_CLOSED, 1);
      assertRefused(claims.unclaim(GUILD, t.id(), STAFF), MessageKey.ERROR_TICKET_CLOSED, 1);
    }

    @Test
    void transfer_checks_the_target_then_moves_the_claim() {
      claims.claim(GUILD, t.id(), STAFF);
      assertRefused(claims.transfer(GUILD, t.id(), STAFF2, member(STAFF2)),
          MessageKey.ERROR_TRANSFER_NOT_ALLOWED, 1, STAFF.userId());
      assertRefused(claims.transfer(GUILD, t.id(), STAFF, new TargetUser(9, true, null)),
          MessageKey.ERROR_TARGET_BOT, 9L);
      assertRefused(claims.transfer(GUILD, t.id(), STAFF, new TargetUser(9, false, null)),
          MessageKey.ERROR_TARGET_NOT_MEMBER, 9L);
      assertRefused(claims.transfer(GUILD, t.id(), STAFF, member(STAFF)),
          MessageKey.ERROR_TRANSFER_SAME, 1, STAFF.userId());
      assertRefused(claims.transfer(GUILD, t.id(), STAFF, member(MEMBER)),
          MessageKey.ERROR_TRANSFER_NOT_STAFF, MEMBER.userId());

      assertThat(claims.transfer(GUILD, t.id(), STAFF, member(STAFF2)).isOk()).isTrue();
      assertThat(claims.claimOf(t.id())).map(Claim::claimerId).contains(STAFF2.userId());
      // a manager may free a ticket held by someone else
      assertThat(claims.unclaim(GUILD, t.id(), MANAGER).isOk()).isTrue();
      assertRefused(claims.unclaim(GUILD, t.id(), STAFF2), MessageKey.ERROR_NOT_CLAIMED, 1);
      assertRefused(claims.transfer(GUILD, t.id(), STAFF2, member(STAFF)),
          MessageKey.ERROR_NOT_CLAIMED, 1);
    }
  }

  @Nested
  class Members {
    @Test
    void adding_records_the_membership_a_post_and_a_log_line() {
      int before = newEffects(0).size();
      assertThat(members.add(GUILD, t.id(), STAFF, member(MEMBER), false).isOk()).isTrue();
      assertThat(newEffects(before)).containsExactly(EffectKind.ADD_MEMBER,
          EffectKind.POST_NOTICE, EffectKind.LOG_NOTICE);
      assertRefused(members.add(GUILD, t.id(), STAFF, member(MEMBER), true),
          MessageKey.ERROR_ALREADY_IN_TICKET, MEMBER.userId(), 1);
    }

    @Test
    void refusals_come_with_their_reason_and_record_nothing() {
      int before = newEffects(0).size();
      assertRefused(members.add(GUILD, t.id(), CREATOR_ACTOR, member(MEMBER), false),
          MessageKey.ERROR_ADD_STAFF_ONLY, 1);
      set(SettingKey.CREATOR_CAN_ADD, new SettingValue.Flag(true));
      assertRefused(members.add(GUILD, t.id(), MEMBER, member(STAFF), false),
          MessageKey.ERROR_ADD_NOT_ALLOWED, 1);
      assertRefused(members.add(GUILD, t.id(), STAFF, new TargetUser(9, true, null), false),
          MessageKey.ERROR_TARGET_BOT, 9L);
      assertRefused(members.add(GUILD, t.id(), STAFF, new TargetUser(9, false, null), false),
          MessageKey.ERROR_TARGET_NOT_MEMBER, 9L);
      assertRefused(members.remove(GUILD, t.id(), STAFF, member(CREATOR_ACTOR), true),
          MessageKey.ERROR_REMOVE_CREATOR, CREATOR, 1);
      assertRefused(members.remove(GUILD, t.id(), CREATOR_ACTOR, member(MEMBER), true),
          MessageKey.ERROR_REMOVE_STAFF_ONLY, 1);
      assertRefused(members.remove(GUILD, t.id(), STAFF, member(MEMBER), false),
          MessageKey.ERROR_NOT_IN_TICKET, MEMBER.userId(), 1);
      assertThat(newEffects(before)).isEmpty();
      assertThat(members.add(GUILD, t.id(), CREATOR_ACTOR, member(MEMBER), false).isOk())
          .isTrue();
      assertThat(members.remove(GUILD, t.id(), STAFF, member(MEMBER), true).isOk()).isTrue();
    }
  }
}
