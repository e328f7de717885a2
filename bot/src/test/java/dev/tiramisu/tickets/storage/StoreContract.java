package dev.tiramisu.tickets.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.tickets.jobs.JobLeases;
import dev.tiramisu.tickets.settings.GuildSettings;
import dev.tiramisu.tickets.settings.NameTemplate;
import dev.tiramisu.tickets.settings.SettingKey;
import dev.tiramisu.tickets.settings.SettingValue;
import dev.tiramisu.tickets.settings.SettingsStore;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketState;
import dev.tiramisu.tickets.ticket.TicketStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TicketStore}, {@link SettingsStore} and {@link JobLeases} implementation must
 * do. Run against SQLite, PostgreSQL and the in-memory fakes.
 */
abstract class StoreContract {
  static final long GUILD = 900_000_000_000_000_001L;
  static final long OTHER_GUILD = 900_000_000_000_000_002L;
  static final long USER = 800_000_000_000_000_001L;
  static final long STAFF = 800_000_000_000_000_002L;
  static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

  TicketStore tickets;
  SettingsStore settings;
  JobLeases leases;
  /** Claims and staff actions (issue 11), with the effects they record. */
  dev.tiramisu.tickets.ticket.StaffStore staff;
  dev.tiramisu.tickets.effects.EffectStore effects;

  /** Empty stores for one test. */
  abstract void freshStores();

  @BeforeEach
  void setUp() {
    freshStores();
  }

  // --- tickets ---

  @Test
  void create_saves_an_open_ticket_that_reads_back_identically() {
    Ticket created = tickets.create(GUILD, USER, "my reason ✨", T0);

    assertThat(created.number()).isEqualTo(1);
    assertThat(created.state()).isEqualTo(TicketState.OPEN);
    assertThat(created.threadId()).isNull();
    assertThat(tickets.findById(created.id())).contains(created);
    assertThat(tickets.findByNumber(GUILD, 1)).contains(created);
  }

  @Test
  void numbers_count_from_one_per_guild_independently() {
    assertThat(tickets.lastNumber(GUILD)).isEmpty();

    List<Integer> first = List.of(
        tickets.create(GUILD, USER, null, T0).number(),
        tickets.create(GUILD, USER, null, T0).number());
    int other = tickets.create(OTHER_GUILD, USER, null, T0).number();
    int third = tickets.create(GUILD, USER, null, T0).number();

    assertThat(first).containsExactly(1, 2);
    assertThat(other).isEqualTo(1);
    assertThat(third).isEqualTo(3);
    assertThat(tickets.lastNumber(GUILD)).isEqualTo(OptionalInt.of(3));
    assertThat(tickets.lastNumber(OTHER_GUILD)).isEqualTo(OptionalInt.of(1));
  }

  @Test
  void ids_are_unique_across_guilds() {
    Ticket a = tickets.create(GUILD, USER, null, T0);
    Ticket b = tickets.create(OTHER_GUILD, USER, null, T0);

    assertThat(a.id()).isNotEqualTo(b.id());
  }

  @Test
  void attach_thread_once_then_find_by_thread() {
    Ticket t = tickets.create(GUILD, USER, null, T0);

    assertThat(tickets.attachThread(t.id(), 111L, 222L)).isTrue();
    assertThat(tickets.attachThread(t.id(), 333L, 444L)).isFalse();

    Ticket found = tickets.findByThread(111L).orElseThrow();
    assertThat(found.id()).isEqualTo(t.id());
    assertThat(found.threadId()).isEqualTo(111L);
    assertThat(found.firstMessageId()).isEqualTo(222L);
    assertThat(tickets.findByThread(333L)).isEmpty();
  }

  @Test
  void a_thread_cannot_belong_to_two_tickets() {
    Ticket a = tickets.create(GUILD, USER, null, T0);
    Ticket b = tickets.create(GUILD, USER, null, T0);
    tickets.attachThread(a.id(), 111L, null);

    assertThat(tickets.attachThread(b.id(), 111L, null)).isFalse();
    assertThat(tickets.findById(b.id()).orElseThrow().threadId()).isNull();
  }

  @Test
  void close_succeeds_once() {
    Ticket t = tickets.create(GUILD, USER, null, T0);
    Instant later = T0.plusSeconds(60);

    assertThat(tickets.closeIfOpen(t.id(), STAFF, "done", later)).isTrue();
    assertThat(tickets.closeIfOpen(t.id(), USER, "again", later.plusSeconds(1))).isFalse();

    Ticket closed = tickets.findById(t.id()).orElseThrow();
    assertThat(closed.state()).isEqualTo(TicketState.CLOSED);
    assertThat(closed.closedById()).isEqualTo(STAFF);
    assertThat(closed.closeReason()).isEqualTo("done");
    assertThat(closed.closedAt()).isEqualTo(later);
  }

  @Test
  void close_of_a_missing_ticket_is_false() {
    assertThat(tickets.closeIfOpen(424242L, STAFF, null, T0)).isFalse();
  }

  @Test
  void reopen_succeeds_once_and_clears_the_close() {
    Ticket t = tickets.create(GUILD, USER, null, T0);
    assertThat(tickets.reopenIfClosed(t.id())).isFalse();
    tickets.closeIfOpen(t.id(), STAFF, "done", T0);

    assertThat(tickets.reopenIfClosed(t.id())).isTrue();
    assertThat(tickets.reopenIfClosed(t.id())).isFalse();

    Ticket reopened = tickets.findById(t.id()).orElseThrow();
    assertThat(reopened.state()).isEqualTo(TicketState.OPEN);
    assertThat(reopened.closedById()).isNull();
    assertThat(reopened.closedAt()).isNull();
    assertThat(reopened.closeReason()).isNull();
    assertThat(tickets.closeIfOpen(t.id(), USER, null, T0)).isTrue();
  }

  @Test
  void mark_failed_keeps_the_number_taken() {
    Ticket failed = tickets.create(GUILD, USER, null, T0);

    assertThat(tickets.markFailed(failed.id(), "HTTP 403", T0)).isTrue();
    assertThat(tickets.markFailed(failed.id(), "again", T0)).isFalse();
    Ticket next = tickets.create(GUILD, USER, null, T0);

    Ticket stored = tickets.findById(failed.id()).orElseThrow();
    assertThat(stored.state()).isEqualTo(TicketState.FAILED);
    assertThat(stored.failureReason()).isEqualTo("HTTP 403");
    assertThat(stored.number()).isEqualTo(1);
    assertThat(next.number()).isEqualTo(2);
    assertThat(tickets.closeIfOpen(failed.id(), STAFF, null, T0)).isFalse();
    assertThat(tickets.attachThread(failed.id(), 111L, null)).isFalse();
  }

  @Test
  void mark_failed_does_not_touch_a_ticket_with_a_thread() {
    Ticket t = tickets.create(GUILD, USER, null, T0);
    tickets.attachThread(t.id(), 111L, 222L);

    assertThat(tickets.markFailed(t.id(), "late", T0)).isFalse();
    assertThat(tickets.findById(t.id()).orElseThrow().state()).isEqualTo(TicketState.OPEN);
  }

  @Test
  void raise_counter_never_lowers_it() {
    assertThat(tickets.raiseCounter(GUILD, 5)).isEqualTo(5);
    assertThat(tickets.raiseCounter(GUILD, 3)).isEqualTo(5);

    assertThat(tickets.create(GUILD, USER, null, T0).number()).isEqualTo(6);
    assertThat(tickets.raiseCounter(GUILD, 6)).isEqualTo(6);
    assertThat(tickets.lastNumber(OTHER_GUILD)).isEmpty();
  }

  @Test
  void adopt_refuses_a_taken_number_or_thread() {
    Ticket t = tickets.create(GUILD, USER, null, T0);
    tickets.attachThread(t.id(), 111L, null);

    assertThat(tickets.adopt(GUILD, 1, USER, 555L, T0)).isEmpty();
    assertThat(tickets.adopt(GUILD, 7, USER, 111L, T0)).isEmpty();

    Ticket adopted = tickets.adopt(GUILD, 7, USER, 555L, T0).orElseThrow();
    assertThat(tickets.findByThread(555L)).contains(adopted);
    assertThat(adopted.number()).isEqualTo(7);
    assertThat(tickets.lastNumber(GUILD)).isEqualTo(OptionalInt.of(1));
  }

  @Test
  void unattached_lists_old_open_tickets_without_thread_oldest_first() {
    Ticket old = tickets.create(GUILD, USER, null, T0);
    Ticket older = tickets.create(OTHER_GUILD, USER, null, T0.minusSeconds(10));
    Ticket attached = tickets.create(GUILD, USER, null, T0);
    tickets.attachThread(attached.id(), 111L, null);
    Ticket failed = tickets.create(GUILD, USER, null, T0);
    tickets.markFailed(failed.id(), "x", T0);
    tickets.create(GUILD, USER, null, T0.plusSeconds(100));

    assertThat(tickets.findUnattached(T0.plusSeconds(1), 10)).containsExactly(older, old);
    assertThat(tickets.findUnattached(T0.plusSeconds(1), 1)).containsExactly(older);
  }

  @Test
  void open_tickets_by_creator() {
    Ticket a = tickets.create(GUILD, USER, null, T0);
    Ticket b = tickets.create(GUILD, USER, null, T0);
    tickets.create(GUILD, STAFF, null, T0);
    tickets.create(OTHER_GUILD, USER, null, T0);
    tickets.closeIfOpen(a.id(), STAFF, null, T0);

    assertThat(tickets.findOpenByCreator(GUILD, USER)).extracting(Ticket::id).containsExactly(b.id());
  }

  // --- settings ---

  @Test
  void settings_default_when_never_set() {
    assertThat(settings.load(GUILD)).isEqualTo(GuildSettings.defaults(GUILD));
  }

  @Test
  void settings_round_trip_every_key() {
    NameTemplate template = NameTemplate.of("Support {number}");
    settings.put(GUILD, SettingKey.TICKET_CHANNEL, new SettingValue.Snowflake(11L), T0);
    settings.put(GUILD, SettingKey.STAFF_ROLE, new SettingValue.Snowflake(22L), T0);
    settings.put(GUILD, SettingKey.MODLOG_CHANNEL, new SettingValue.Snowflake(33L), T0);
    settings.put(GUILD, SettingKey.TRANSCRIPT_CHANNEL, new SettingValue.Snowflake(44L), T0);
    settings.put(GUILD, SettingKey.REQUIRE_REASON, new SettingValue.Flag(false), T0);
    settings.put(GUILD, SettingKey.CREATOR_CAN_CLOSE, new SettingValue.Flag(false), T0);
    settings.put(GUILD, SettingKey.NAME_TEMPLATE, new SettingValue.Template(template), T0);
    settings.put(GUILD, SettingKey.MAX_OPEN_PER_USER, new SettingValue.Count(0), T0);
    settings.put(GUILD, SettingKey.CREATE_COOLDOWN,
        new SettingValue.Span(java.time.Duration.ofMinutes(5)), T0);
    settings.put(GUILD, SettingKey.AUTOCLOSE_AFTER,
        new SettingValue.Span(java.time.Duration.ofHours(72)), T0);
    settings.put(GUILD, SettingKey.AUTOCLOSE_WARNING,
        new SettingValue.Span(java.time.Duration.ZERO), T0);
    settings.put(GUILD, SettingKey.CREATOR_CAN_ADD, new SettingValue.Flag(true), T0);
    settings.put(GUILD, SettingKey.CLAIM_NOTICE, new SettingValue.Flag(false), T0);
    settings.put(GUILD, SettingKey.TRANSCRIPT_DM, new SettingValue.Flag(false), T0);
    settings.put(GUILD, SettingKey.FEEDBACK, new SettingValue.Flag(false), T0);

    assertThat(settings.load(GUILD))
        .isEqualTo(new GuildSettings(GUILD, 11L, 22L, 33L, 44L, false, false, template, 0,
            java.time.Duration.ofMinutes(5), java.time.Duration.ofHours(72),
            java.time.Duration.ZERO, true, false, false, false));
    assertThat(settings.load(OTHER_GUILD)).isEqualTo(GuildSettings.defaults(OTHER_GUILD));
  }

  @Test
  void setting_one_key_keeps_the_others_and_reset_restores_the_default() {
    settings.put(GUILD, SettingKey.TICKET_CHANNEL, new SettingValue.Snowflake(11L), T0);
    settings.put(GUILD, SettingKey.REQUIRE_REASON, new SettingValue.Flag(false), T0);
    settings.put(GUILD, SettingKey.TICKET_CHANNEL, new SettingValue.Snowflake(12L), T0);

    assertThat(settings.load(GUILD).ticketChannelId()).isEqualTo(12L);
    assertThat(settings.load(GUILD).requireReason()).isFalse();

    settings.put(GUILD, SettingKey.TICKET_CHANNEL, new SettingValue.Reset(), T0);
    settings.put(GUILD, SettingKey.REQUIRE_REASON, new SettingValue.Reset(), T0);

    assertThat(settings.load(GUILD)).isEqualTo(GuildSettings.defaults(GUILD));
  }

  // --- job leases ---

  @Test
  void a_lease_has_one_holder_until_it_expires_or_is_released() {
    Duration ttl = Duration.ofMinutes(1);

    assertThat(leases.tryClaim("sweep", "a", T0, ttl)).isTrue();
    assertThat(leases.tryClaim("sweep", "b", T0.plusSeconds(30), ttl)).isFalse();
    assertThat(leases.tryClaim("other-job", "b", T0, ttl)).isTrue();
    assertThat(leases.tryClaim("sweep", "a", T0.plusSeconds(30), ttl)).as("renewal").isTrue();
    assertThat(leases.tryClaim("sweep", "b", T0.plusSeconds(80), ttl)).as("renewed").isFalse();
    assertThat(leases.tryClaim("sweep", "b", T0.plusSeconds(90), ttl)).as("expired").isTrue();

    leases.release("sweep", "a");
    assertThat(leases.tryClaim("sweep", "a", T0.plusSeconds(91), ttl)).as("not a's").isFalse();
    leases.release("sweep", "b");
    assertThat(leases.tryClaim("sweep", "a", T0.plusSeconds(92), ttl)).isTrue();
  }

  // --- claims (issue 11) ---

  private static java.util.List<dev.tiramisu.tickets.effects.NewEffect> oneEffect() {
    return java.util.List.of(dev.tiramisu.tickets.effects.NewEffect.of(
        dev.tiramisu.tickets.effects.EffectKind.EDIT_FIRST_MESSAGE,
        dev.tiramisu.tickets.effects.Payload.empty()));
  }

  @Test
  void a_ticket_is_claimed_once_only_while_open_and_each_claim_records_its_effects() {
    Ticket t = tickets.create(GUILD, USER, null, T0);
    Ticket other = tickets.create(GUILD, USER, null, T0);
    tickets.closeIfOpen(other.id(), STAFF, null, T0);

    assertThat(staff.claimOf(t.id())).isEmpty();
    assertThat(staff.claim(t.id(), STAFF, T0, oneEffect())).isTrue();
    assertThat(staff.claim(t.id(), USER, T0, oneEffect())).isFalse();
    assertThat(staff.claim(other.id(), STAFF, T0, oneEffect())).as("closed").isFalse();

    assertThat(staff.claimOf(t.id())).contains(new dev.tiramisu.tickets.ticket.Claim(t.id(),
        STAFF, T0));
    assertThat(effects.forTicket(t.id())).hasSize(1);
    assertThat(effects.forTicket(other.id())).isEmpty();
  }

  @Test
  void release_and_transfer_only_succeed_for_the_current_holder() {
    Ticket t = tickets.create(GUILD, USER, null, T0);
    staff.claim(t.id(), STAFF, T0, List.of());

    assertThat(staff.release(t.id(), USER, T0, oneEffect())).isFalse();
    assertThat(staff.transfer(t.id(), USER, 7L, T0, oneEffect())).isFalse();
    assertThat(staff.transfer(t.id(), STAFF, 7L, T0.plusSeconds(1), oneEffect())).isTrue();
    assertThat(staff.claimOf(t.id())).contains(new dev.tiramisu.tickets.ticket.Claim(t.id(), 7L,
        T0.plusSeconds(1)));
    assertThat(staff.release(t.id(), STAFF, T0, oneEffect())).isFalse();
    assertThat(staff.release(t.id(), 7L, T0, oneEffect())).isTrue();
    assertThat(staff.claimOf(t.id())).isEmpty();
    assertThat(effects.forTicket(t.id())).hasSize(2);
    staff.record(t.id(), T0, oneEffect());
    assertThat(effects.forTicket(t.id())).hasSize(3);
  }

  @Test
  void of_many_concurrent_claims_exactly_one_wins() throws Exception {
    Ticket t = tickets.create(GUILD, USER, null, T0);
    int n = 8;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(n);
    try {
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        long who = 1000 + i;
        results.add(pool.submit(() -> {
          go.await();
          return staff.claim(t.id(), who, T0, oneEffect());
        }));
      }
      go.countDown();
      int won = 0;
      for (var r : results) {
        won += r.get() ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
      assertThat(effects.forTicket(t.id())).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
