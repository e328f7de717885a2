package dev.tiramisu.tickets.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.common.Refusal;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.effects.EffectKind;
import dev.tiramisu.tickets.settings.SettingKey;
import dev.tiramisu.tickets.settings.SettingValue;
import dev.tiramisu.tickets.testing.InMemorySettingsStore;
import dev.tiramisu.tickets.testing.InMemoryTicketStore;
import dev.tiramisu.tickets.testing.MutableClock;
import dev.tiramisu.tickets.text.MessageKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TicketServiceTest {
  static final long GUILD = 1001;
  static final long OTHER_GUILD = 1002;
  static final long CHANNEL = 2001;
  static final long STAFF_ROLE = 3001;
  static final long MODLOG = 4001;
  static final long CREATOR = 5001;
  static final long STRANGER = 5002;
  static final Actor CREATOR_ACTOR = Actor.member(CREATOR);
  static final Actor STRANGER_ACTOR = Actor.member(STRANGER);
  static final Actor STAFF = Actor.member(5003, STAFF_ROLE);
  static final Actor ADMIN = new Actor(5004, Set.of(), false, true);

  final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00.123456Z"));
  final InMemoryTicketStore store = new InMemoryTicketStore();
  final InMemorySettingsStore settings = new InMemorySettingsStore();
  final TicketService service = new TicketService(store, settings, clock);

  @BeforeEach
  void enableTickets() {
    set(SettingKey.TICKET_CHANNEL, new SettingValue.Snowflake(CHANNEL));
    set(SettingKey.STAFF_ROLE, new SettingValue.Snowflake(STAFF_ROLE));
    // most tests open several tickets for one member; Limits below tests the default of 1
    set(SettingKey.MAX_OPEN_PER_USER, new SettingValue.Count(0));
  }

  @Nested
  class OpenLimits {
    @Test
    void the_default_allows_one_open_ticket_and_links_it() {
      set(SettingKey.MAX_OPEN_PER_USER, new SettingValue.Reset());
      Ticket first = openWithThread(900);

      assertRefused(service.open(GUILD, CREATOR, "again"), MessageKey.ERROR_LIMIT_OPEN, 1, 900L);
      assertThat(store.lastNumber(GUILD)).hasValue(1);
      assertThat(service.open(GUILD, STRANGER, "someone else").isOk()).isTrue();

      service.close(GUILD, first.id(), STAFF, null);
      assertThat(service.open(GUILD, CREATOR, "after the close").isOk()).isTrue();
    }

    @Test
    void staff_opening_for_themselves_are_limited_too() {
      set(SettingKey.MAX_OPEN_PER_USER, new SettingValue.Reset());
      service.open(GUILD, STAFF.userId(), "mine");

      assertRefused(service.open(GUILD, STAFF.userId(), "mine again"),
          MessageKey.ERROR_LIMIT_OPEN_PENDING, 1, 1);
    }

    @Test
    void the_cooldown_says_when_the_member_can_open_again() {
      set(SettingKey.CREATE_COOLDOWN, new SettingValue.Span(java.time.Duration.ofMinutes(30)));
      Ticket t = service.open(GUILD, CREATOR, "one").value().ticket();
      clock.advance(java.time.Duration.ofMinutes(29));

      assertRefused(service.open(GUILD, CREATOR, "two"), MessageKey.ERROR_LIMIT_COOLDOWN,
          t.createdAt().plus(java.time.Duration.ofMinutes(30)).getEpochSecond() + 1);
      clock.advance(java.time.Duration.ofMinutes(1));
      assertThat(service.open(GUILD, CREATOR, "two").isOk()).isTrue();
    }
  }

  void set(SettingKey key, SettingValue value) {
    settings.put(GUILD, key, value, clock.instant());
  }

  /** Opens a ticket and attaches thread {@code threadId}, as the adapter would. */
  Ticket openWithThread(long threadId) {
    Ticket t = service.open(GUILD, CREATOR, "help").value().ticket();
    assertThat(service.attachThread(t.id(), threadId, threadId + 1)).isTrue();
    return store.findById(t.id()).orElseThrow();
  }

  static ThreadInfo thread(long id, String name) {
    return new ThreadInfo(id, CHANNEL, name, true);
  }

  static void assertRefused(Result<?> result, MessageKey key, Object... args) {
    assertThat(result.isRefused()).as("refused: %s", result).isTrue();
    assertThat(result.refusal()).isEqualTo(Refusal.of(key, args));
  }

  @Nested
  class Open {
    @Test
    void saves_the_ticket_before_discord_and_says_how_to_name_the_thread() {
      OpenedTicket opened = service.open(GUILD, CREATOR, "  printer is on fire \n").value();

      assertThat(opened.threadName()).isEqualTo("Ticket #1");
      assertThat(opened.settings().ticketChannelId()).isEqualTo(CHANNEL);
      assertThat(opened.settings().staffRoleId()).isEqualTo(STAFF_ROLE);
      Ticket saved = store.findById(opened.ticket().id()).orElseThrow();
      assertThat(saved).isEqualTo(opened.ticket());
      assertThat(saved.reason()).isEqualTo("printer is on fire");
      assertThat(saved.state()).isEqualTo(TicketState.OPEN);
      assertThat(saved.createdAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00.123Z"));
    }

    @Test
    void numbers_follow_each_other_and_use_the_name_template() {
      set(SettingKey.NAME_TEMPLATE,
          SettingKey.NAME_TEMPLATE.parseValue("help-{number}").value());

      service.open(GUILD, CREATOR, "a");
      OpenedTicket second = service.open(GUILD, CREATOR, "b").value();

      assertThat(second.ticket().number()).isEqualTo(2);
      assertThat(second.threadName()).isEqualTo("help-2");
    }

    @Test
    void is_refused_until_an_admin_sets_the_ticket_channel() {
      Result<OpenedTicket> result = service.open(OTHER_GUILD, CREATOR, "help");

      assertRefused(result, MessageKey.ERROR_TICKETS_NOT_ENABLED);
      assertThat(store.lastNumber(OTHER_GUILD)).isEmpty();
    }

    @Test
    void is_refused_without_a_number_when_the_adapter_finds_the_guild_not_ready() {
      Result<OpenedTicket> result = service.open(GUILD, CREATOR, "help", "token",
          s -> Optional.of(Refusal.of(MessageKey.ERROR_TICKET_CHANNEL_UNAVAILABLE,
              s.ticketChannelId())));

      assertRefused(result, MessageKey.ERROR_TICKET_CHANNEL_UNAVAILABLE, CHANNEL);
      assertThat(store.lastNumber(GUILD)).isEmpty();
      assertThat(store.effects().all()).isEmpty();
    }

    @Test
    void records_the_effects_of_opening_in_the_same_step() {
      Ticket t = service.open(GUILD, CREATOR, "help", "token", s -> Optional.empty()).value()
          .ticket();

      assertThat(store.effects().forTicket(t.id())).extracting(e -> e.kind().name())
          .containsExactly("CREATE_THREAD", "FIRST_MESSAGE", "ADD_CREATOR", "REPLY_OPENED",
              "PIN_FIRST");
    }

    @Test
    void an_interaction_opens_one_ticket_however_often_it_is_delivered() {
      service.open(GUILD, CREATOR, null, "help", "token", s -> Optional.empty(), null, List.of(),
          42L);

      assertThatThrownBy(() -> service.open(GUILD, CREATOR, null, "help", "token",
          s -> Optional.empty(), null, List.of(), 42L))
          .isInstanceOf(TicketStore.AlreadyOpenedException.class);
      assertThat(store.lastNumber(GUILD)).hasValue(1);
      service.open(GUILD, CREATOR, null, "help", "token", s -> Optional.empty(), null, List.of(),
          43L);
      assertThat(store.lastNumber(GUILD)).hasValue(2);
    }

    @Test
    void needs_a_reason_unless_the_guild_turned_that_off() {
      assertRefused(service.open(GUILD, CREATOR, "   "), MessageKey.ERROR_REASON_REQUIRED);
      assertRefused(service.open(GUILD, CREATOR, null), MessageKey.ERROR_REASON_REQUIRED);
      assertThat(store.lastNumber(GUILD)).isEmpty();

      set(SettingKey.REQUIRE_REASON, new SettingValue.Flag(false));

      assertThat(service.open(GUILD, CREATOR, null).value().ticket().reason()).isNull();
    }

    @Test
    void refuses_a_too_long_reason_without_taking_a_number() {
      String reason = "x".repeat(Reasons.MAX_LENGTH + 1);

      assertRefused(service.open(GUILD, CREATOR, reason), MessageKey.ERROR_REASON_TOO_LONG,
          Reasons.MAX_LENGTH + 1, Reasons.MAX_LENGTH);
      assertThat(store.lastNumber(GUILD)).isEmpty();
    }
  }

  @Nested
  class AfterDiscord {
    @Test
    void a_failed_creation_keeps_its_number_and_the_next_ticket_moves_on() {
      Ticket first = service.open(GUILD, CREATOR, "a").value().ticket();

      assertThat(service.markFailed(first.id(), "HTTP 403 Missing Access")).isTrue();
      Ticket second = service.open(GUILD, CREATOR, "b").value().ticket();

      assertThat(store.findById(first.id()).orElseThrow().state()).isEqualTo(TicketState.FAILED);
      assertThat(second.number()).isEqualTo(2);
      assertThat(service.attachThread(first.id(), 77, 78L)).isFalse();
    }

    @Test
    void failure_descriptions_are_capped() {
      Ticket t = service.open(GUILD, CREATOR, "a").value().ticket();

      service.markFailed(t.id(), "e".repeat(2000));

      assertThat(store.findById(t.id()).orElseThrow().failureReason()).hasSize(500);
    }

    @Test
    void lists_tickets_still_without_thread_after_a_while_that_have_no_effects_to_finish_them() {
      // Saved by a version before durable effects: nothing will create its thread.
      Ticket stuck = store.create(GUILD, CREATOR, "a", clock.instant());
      Ticket withEffects = service.open(GUILD, CREATOR, "b").value().ticket();
      openWithThread(70);
      clock.advance(Duration.ofMinutes(10));
      service.open(GUILD, CREATOR, "fresh");

      assertThat(service.unattachedOlderThan(Duration.ofMinutes(5))).containsExactly(stuck)
          .doesNotContain(withEffects);
    }
  }

  @Nested
  class Resolve {
    @Test
    void finds_the_ticket_of_a_thread_by_its_row() {
      Ticket t = openWithThread(70);
      set(SettingKey.NAME_TEMPLATE, SettingKey.NAME_TEMPLATE.parseValue("new {number}").value());

      // The row decides even though the name no longer matches the template.
      assertThat(service.resolve(GUILD, thread(70, "Ticket #1"), CreatorFallback.NONE).value())
          .isEqualTo(t);
    }

    @Test
    void a_thread_of_another_guild_is_not_a_ticket_here() {
      openWithThread(70);

      assertRefused(service.resolve(OTHER_GUILD, thread(70, "Ticket #1"), CreatorFallback.NONE),
          MessageKey.ERROR_NOT_A_TICKET);
    }

    @Test
    void an_ordinary_thread_is_not_a_ticket() {
      openWithThread(70);

      assertRefused(service.resolve(GUILD, thread(71, "chat"), CreatorFallback.NONE),
          MessageKey.ERROR_NOT_A_TICKET);
      assertThat(service.isTicket(GUILD, thread(71, "chat")).notTicket())
          .isEqualTo(TicketCheck.NotTicket.NAME_MISMATCH);
    }

    @Test
    void a_failed_ticket_says_so() {
      Ticket t = service.open(GUILD, CREATOR, "a").value().ticket();
      service.markFailed(t.id(), "timeout");

      assertRefused(service.checkClose(GUILD, t.id(), STAFF), MessageKey.ERROR_TICKET_FAILED, 1);
      assertRefused(service.resolve(GUILD, thread(70, "Ticket #1"), CreatorFallback.NONE),
          MessageKey.ERROR_NOT_A_TICKET);
    }

    @Test
    void reconciles_a_thread_whose_attach_was_lost() {
      Ticket saved = service.open(GUILD, CREATOR, "a").value().ticket(); // then the process died

      Ticket resolved =
          service.resolve(GUILD, thread(70, "Ticket #1"), CreatorFallback.NONE).value();

      assertThat(resolved.id()).isEqualTo(saved.id());
      assertThat(resolved.threadId()).isEqualTo(70L);
      assertThat(resolved.firstMessageId()).isNull();
    }

    @Test
    void adopts_a_thread_of_the_old_bot_with_the_creator_from_the_fallback() {
      assertThat(service.importLastNumber(GUILD, ADMIN, 5).value()).isEqualTo(5);

      Ticket adopted =
          service.resolve(GUILD, thread(80, "Ticket #3"), th -> OptionalLong.of(CREATOR)).value();

      assertThat(adopted.number()).isEqualTo(3);
      assertThat(adopted.threadId()).isEqualTo(80L);
      assertThat(adopted.creatorId()).isEqualTo(CREATOR);
      assertThat(adopted.state()).isEqualTo(TicketState.OPEN);
      assertThat(store.findByThread(80)).contains(adopted);
      assertThat(service.open(GUILD, CREATOR, "new").value().ticket().number()).isEqualTo(6);
    }

    @Test
    void does_not_adopt_without_a_creator_or_above_the_counter_or_over_another_thread() {
      service.importLastNumber(GUILD, ADMIN, 5);
      Ticket six = openWithThread(70);

      assertRefused(service.resolve(GUILD, thread(80, "Ticket #3"), CreatorFallback.NONE),
          MessageKey.ERROR_NOT_A_TICKET);
      assertRefused(service.resolve(GUILD, thread(81, "Ticket #7"), th -> OptionalLong.of(1)),
          MessageKey.ERROR_NOT_A_TICKET);
      assertRefused(service.resolve(GUILD, thread(82, "Ticket #6"), th -> OptionalLong.of(1)),
          MessageKey.ERROR_NOT_A_TICKET);
      assertThat(store.findByThread(80)).isEmpty();
      assertThat(store.findByThread(82)).isEmpty();
      assertThat(store.findByNumber(GUILD, 6)).contains(six);
    }

    @Test
    void only_admins_import_the_last_number_and_it_never_goes_down() {
      openWithThread(70);
      openWithThread(71);

      assertRefused(service.importLastNumber(GUILD, STAFF, 10),
          MessageKey.ERROR_SETTINGS_NOT_ALLOWED);
      assertThat(service.importLastNumber(GUILD, ADMIN, 1).value()).isEqualTo(2);
      assertThat(store.lastNumber(GUILD)).hasValue(2);
    }

    @Test
    void creator_of_comes_from_the_row_else_the_fallback() {
      openWithThread(70);
      CreatorFallback fallback = th -> OptionalLong.of(42);

      assertThat(service.creatorOf(GUILD, thread(70, "Ticket #1"), fallback))
          .isEqualTo(OptionalLong.of(CREATOR));
      assertThat(service.creatorOf(GUILD, thread(71, "Ticket #1"), fallback))
          .isEqualTo(OptionalLong.of(42));
      assertThat(service.creatorOf(GUILD, thread(71, "Ticket #1"), CreatorFallback.NONE))
          .isEmpty();
    }
  }

  @Nested
  class Close {
    @Test
    void the_creator_may_close_and_gets_everything_needed_to_finish_on_discord() {
      set(SettingKey.MODLOG_CHANNEL, new SettingValue.Snowflake(MODLOG));
      Ticket t = openWithThread(70);
      clock.advance(Duration.ofHours(1));

      ClosedTicket closed = service.close(GUILD, t.id(), CREATOR_ACTOR, " solved ").value();

      assertThat(closed.ticket().state()).isEqualTo(TicketState.CLOSED);
      assertThat(closed.ticket().closedById()).isEqualTo(CREATOR);
      assertThat(closed.ticket().closeReason()).isEqualTo("solved");
      assertThat(closed.ticket().closedAt()).isEqualTo(Instant.parse("2026-03-01T11:00:00.123Z"));
      assertThat(closed.closedThreadName()).isEqualTo("[Closed] Ticket #1");
      assertThat(closed.logChannelId()).isEqualTo(OptionalLong.of(MODLOG));
    }

    @Test
    void closes_exactly_once() {
      Ticket t = openWithThread(70);

      assertThat(service.close(GUILD, t.id(), STAFF, null).isOk()).isTrue();

      assertRefused(service.close(GUILD, t.id(), ADMIN, null), MessageKey.ERROR_ALREADY_CLOSED,
          1, STAFF.userId());
      assertRefused(service.checkClose(GUILD, t.id(), CREATOR_ACTOR),
          MessageKey.ERROR_ALREADY_CLOSED, 1, STAFF.userId());
    }

    @Test
    void a_lost_race_reports_the_winner() {
      Ticket t = openWithThread(70);
      // Another process closes between our read and our conditional update.
      TicketStore racing = new RacingStore(store, () -> store.closeIfOpen(t.id(), 99, null,
          clock.instant()));
      TicketService racingService = new TicketService(racing, settings, clock);

      assertRefused(racingService.close(GUILD, t.id(), STAFF, null),
          MessageKey.ERROR_ALREADY_CLOSED, 1, 99L);
    }

    @Test
    void strangers_may_not_close() {
      Ticket t = openWithThread(70);

      assertRefused(service.checkClose(GUILD, t.id(), STRANGER_ACTOR),
          MessageKey.ERROR_CLOSE_NOT_ALLOWED);
      assertRefused(service.close(GUILD, t.id(), STRANGER_ACTOR, null),
          MessageKey.ERROR_CLOSE_NOT_ALLOWED);
      assertThat(store.findById(t.id()).orElseThrow().isOpen()).isTrue();
    }

    @Test
    void creators_may_not_close_when_the_guild_says_so() {
      set(SettingKey.CREATOR_CAN_CLOSE, new SettingValue.Flag(false));
      Ticket t = openWithThread(70);

      assertRefused(service.close(GUILD, t.id(), CREATOR_ACTOR, null),
          MessageKey.ERROR_CLOSE_STAFF_ONLY);
      assertThat(service.checkClose(GUILD, t.id(), STAFF).value()).isEqualTo(t);
      assertThat(service.checkClose(GUILD, t.id(), ADMIN).value()).isEqualTo(t);
    }

    @Test
    void a_ticket_of_another_guild_or_none_cannot_be_closed_from_here() {
      Ticket t = openWithThread(70);

      assertRefused(service.close(OTHER_GUILD, t.id(), ADMIN, null),
          MessageKey.ERROR_NOT_A_TICKET);
      assertRefused(service.close(GUILD, 987654, ADMIN, null), MessageKey.ERROR_NOT_A_TICKET);
    }

    @Test
    void a_too_long_close_reason_is_refused_and_the_ticket_stays_open() {
      Ticket t = openWithThread(70);

      assertRefused(service.close(GUILD, t.id(), STAFF, "y".repeat(1001)),
          MessageKey.ERROR_REASON_TOO_LONG, 1001, 1000);
      assertThat(store.findById(t.id()).orElseThrow().isOpen()).isTrue();
    }
  }

  @Nested
  class Reopen {
    @Test
    void staff_reopen_a_closed_ticket_once() {
      set(SettingKey.MODLOG_CHANNEL, new SettingValue.Snowflake(MODLOG));
      Ticket t = openWithThread(70);
      service.close(GUILD, t.id(), CREATOR_ACTOR, null);

      ReopenedTicket reopened = service.reopen(GUILD, t.id(), STAFF).value();

      assertThat(reopened.ticket().state()).isEqualTo(TicketState.OPEN);
      assertThat(reopened.threadName()).isEqualTo("Ticket #1");
      assertThat(reopened.logChannelId()).isEqualTo(OptionalLong.of(MODLOG));
      assertRefused(service.reopen(GUILD, t.id(), STAFF), MessageKey.ERROR_TICKET_NOT_CLOSED, 1);
    }

    @Test
    void the_reopen_records_its_effects_and_the_close_records_the_rename_right_before_the_lock() {
      set(SettingKey.MODLOG_CHANNEL, new SettingValue.Snowflake(MODLOG));
      Ticket t = openWithThread(70);
      service.close(GUILD, t.id(), CREATOR_ACTOR, null, "tok", List.of("c1", "c2"));
      List<EffectKind> closing = store.effects().forTicket(t.id()).stream()
          .map(e -> e.kind()).skip(4).toList();
      assertThat(closing).containsExactly(EffectKind.POST_CLOSED, EffectKind.EDIT_FIRST_MESSAGE,
          EffectKind.TRANSCRIPT, EffectKind.RENAME_THREAD, EffectKind.CLOSE_THREAD,
          EffectKind.REPLY_CLOSING, EffectKind.DM_CLOSED, EffectKind.LOG_CLOSED,
          EffectKind.REPLY_CLOSED,
          EffectKind.CLEAR_CONFIRMATION,
          EffectKind.CLEAR_CONFIRMATION);
      // the creator closed it: the DM need not ask Discord whether they are still a member
      assertThat(store.effects().forTicket(t.id()).stream()
          .filter(e -> e.kind() == EffectKind.DM_CLOSED).findFirst().orElseThrow().payload()
          .has(TicketService.CREATOR_PRESENT)).isTrue();

      service.reopen(GUILD, t.id(), STAFF);

      List<dev.tiramisu.tickets.effects.Effect> all = store.effects().forTicket(t.id());
      assertThat(all.stream().map(e -> e.kind()).skip(4 + closing.size())).containsExactly(
          EffectKind.REOPEN_THREAD, EffectKind.RENAME_THREAD, EffectKind.EDIT_FIRST_MESSAGE,
          EffectKind.POST_NOTICE, EffectKind.LOG_NOTICE);
      assertThat(all.get(all.size() - 4).payload().require(TicketService.NAME))
          .isEqualTo("Ticket #1");
    }

    @Test
    void creators_may_not_reopen() {
      Ticket t = openWithThread(70);
      service.close(GUILD, t.id(), STAFF, null);

      assertRefused(service.reopen(GUILD, t.id(), CREATOR_ACTOR),
          MessageKey.ERROR_REOPEN_NOT_ALLOWED);
    }
  }

  /** A store where something else happens right before each closeIfOpen. */
  static final class RacingStore implements TicketStore {
    private final TicketStore delegate;
    private final Runnable before;

    RacingStore(TicketStore delegate, Runnable before) {
      this.delegate = delegate;
      this.before = before;
    }

    @Override
    public boolean closeIfOpen(long id, long by, String reason, Instant at,
        List<dev.tiramisu.tickets.effects.NewEffect> effects) {
      before.run();
      return delegate.closeIfOpen(id, by, reason, at, effects);
    }

    @Override
    public dev.tiramisu.tickets.common.Result<Ticket> create(long g, long c, String r,
        Instant at, String userName, CreateGate gate,
        java.util.function.Function<Ticket, List<dev.tiramisu.tickets.effects.NewEffect>> fx,
        Long typeId, List<dev.tiramisu.tickets.settings.FormAnswer> answers, Long openedBy) {
      return delegate.create(g, c, r, at, userName, gate, fx, typeId, answers, openedBy);
    }

    @Override
    public Optional<String> userName(long id) {
      return delegate.userName(id);
    }

    @Override
    public boolean setFirstMessage(long id, long message) {
      return delegate.setFirstMessage(id, message);
    }

    @Override
    public Optional<Ticket> findById(long id) {
      return delegate.findById(id);
    }

    @Override
    public Optional<Ticket> findByThread(long id) {
      return delegate.findByThread(id);
    }

    @Override
    public Optional<Ticket> findByNumber(long g, int n) {
      return delegate.findByNumber(g, n);
    }

    @Override
    public OptionalInt lastNumber(long g) {
      return delegate.lastNumber(g);
    }

    @Override
    public boolean attachThread(long id, long thread, Long message) {
      return delegate.attachThread(id, thread, message);
    }

    @Override
    public boolean markFailed(long id, String why, Instant at) {
      return delegate.markFailed(id, why, at);
    }

    @Override
    public boolean reopenIfClosed(long id, Instant at,
        List<dev.tiramisu.tickets.effects.NewEffect> effects) {
      return delegate.reopenIfClosed(id, at, effects);
    }

    @Override
    public int raiseCounter(long g, int atLeast) {
      return delegate.raiseCounter(g, atLeast);
    }

    @Override
    public Optional<Ticket> adopt(long g, int n, long c, long t, Instant at) {
      return delegate.adopt(g, n, c, t, at);
    }

    @Override
    public List<Ticket> findUnattached(Instant before, int limit) {
      return delegate.findUnattached(before, limit);
    }

    @Override
    public List<Ticket> findOpenByCreator(long g, long c) {
      return delegate.findOpenByCreator(g, c);
    }
  }
}
