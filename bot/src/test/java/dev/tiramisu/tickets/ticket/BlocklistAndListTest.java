package dev.tiramisu.tickets.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.common.Refusal;
import dev.tiramisu.tickets.settings.SettingKey;
import dev.tiramisu.tickets.settings.SettingValue;
import dev.tiramisu.tickets.testing.InMemorySettingsStore;
import dev.tiramisu.tickets.testing.MutableClock;
import dev.tiramisu.tickets.text.MessageKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The blocklist's and the staff list's rules, on in-memory stores. */
class BlocklistAndListTest {
  static final long GUILD = 1;
  static final long STAFF_ROLE = 7;
  final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  final Actor admin = new Actor(100, Set.of(), true, false);
  final Actor staff = Actor.member(101, STAFF_ROLE);
  final Actor member = Actor.member(102, 55L);

  /** A blocklist store in memory. */
  static final class MemoryBlocklist implements BlocklistStore {
    final List<Entry> entries = new ArrayList<>();

    @Override
    public synchronized boolean add(Entry e) {
      if (entries.stream().anyMatch(x -> same(x, e.guildId(), e.kind(), e.targetId()))) {
        return false;
      }
      return entries.add(e);
    }

    @Override
    public synchronized boolean remove(long guildId, Kind kind, long targetId) {
      return entries.removeIf(x -> same(x, guildId, kind, targetId));
    }

    @Override
    public synchronized List<Entry> list(long guildId) {
      return entries.stream().filter(e -> e.guildId() == guildId).toList();
    }

    @Override
    public synchronized boolean blocks(long guildId, long userId, Set<Long> roleIds) {
      return entries.stream().anyMatch(e -> e.guildId() == guildId
          && (e.kind() == Kind.USER ? e.targetId() == userId : roleIds.contains(e.targetId())));
    }

    private static boolean same(Entry e, long guildId, Kind kind, long targetId) {
      return e.guildId() == guildId && e.kind() == kind && e.targetId() == targetId;
    }
  }

  @Test
  void only_managers_change_or_read_the_blocklist_and_everyone_cannot_be_blocked() {
    Blocklist b = new Blocklist(new MemoryBlocklist(), clock);

    assertThat(b.add(GUILD, staff, BlocklistStore.Kind.USER, 102).refusal())
        .isEqualTo(Refusal.of(MessageKey.ERROR_BLOCKLIST_NOT_ALLOWED));
    assertThat(b.list(GUILD, member).refusal().key())
        .isEqualTo(MessageKey.ERROR_BLOCKLIST_NOT_ALLOWED);
    assertThat(b.add(GUILD, admin, BlocklistStore.Kind.ROLE, GUILD).refusal())
        .isEqualTo(Refusal.of(MessageKey.ERROR_BLOCKLIST_EVERYONE));

    assertThat(b.add(GUILD, admin, BlocklistStore.Kind.ROLE, 55).value()).isTrue();
    assertThat(b.add(GUILD, admin, BlocklistStore.Kind.ROLE, 55).value()).isFalse();
    assertThat(b.check(GUILD, member)).contains(Refusal.of(MessageKey.ERROR_BLOCKED));
    assertThat(b.check(GUILD, staff)).isEmpty();
    assertThat(b.list(GUILD, admin).value()).singleElement()
        .satisfies(e -> assertThat(e.addedBy()).isEqualTo(admin.userId()));

    assertThat(b.remove(GUILD, admin, BlocklistStore.Kind.ROLE, 55).value()).isTrue();
    assertThat(b.remove(GUILD, admin, BlocklistStore.Kind.ROLE, 55).value()).isFalse();
    assertThat(b.check(GUILD, member)).isEmpty();
  }

  @Test
  void the_list_is_for_staff_paged_by_ten_newest_first_and_clamped() {
    List<Ticket> rows = new ArrayList<>();
    for (int n = 1; n <= 23; n++) {
      rows.add(new Ticket(n, GUILD, n, 102, null, TicketState.OPEN, null, null, clock.instant(),
          null, null, null, null));
    }
    TicketQueries q = new TicketQueries() {
      @Override
      public int count(Filter f) {
        return rows.size();
      }

      @Override
      public List<Ticket> page(Filter f, int offset, int limit) {
        return rows.stream().sorted(Comparator.comparingInt(Ticket::number).reversed())
            .skip(offset).limit(limit).toList();
      }
    };
    InMemorySettingsStore settings = new InMemorySettingsStore();
    settings.put(GUILD, SettingKey.STAFF_ROLE, new SettingValue.Snowflake(STAFF_ROLE),
        clock.instant());
    TicketList list = new TicketList(q, settings);
    TicketQueries.Filter all = new TicketQueries.Filter(GUILD, null, null);

    assertThat(list.page(member, all, 1).refusal().key()).isEqualTo(MessageKey.ERROR_STAFF_ONLY);
    TicketList.Page first = list.page(staff, all, 1).value();
    assertThat(first.tickets()).extracting(Ticket::number).startsWith(23, 22).hasSize(10);
    assertThat(first.pages()).isEqualTo(3);
    assertThat(first.hasPrevious()).isFalse();
    assertThat(first.hasNext()).isTrue();
    TicketList.Page last = list.page(admin, all, 99).value();
    assertThat(last.page()).as("past the end: the last page").isEqualTo(3);
    assertThat(last.tickets()).extracting(Ticket::number).containsExactly(3, 2, 1);
    assertThat(last.hasNext()).isFalse();
  }
}
