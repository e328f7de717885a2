package dev.tiramisu.tickets.discord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Close reasons typed with {@code /ticket close reason:...}, kept between the command and the
 * press of its confirmation button (a reason of up to 1000 characters does not fit in a custom
 * id). Entries expire after {@link #TTL}; after a restart a confirmation closes without the reason.
 * Instance state, bounded in size.
 */
final class PendingCloseReasons {
  static final Duration TTL = Duration.ofMinutes(15);
  private static final int MAX_ENTRIES = 10_000;

  private record Key(long ticketId, long requesterId) {}

  private record Entry(String reason, Instant expires) {}

  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
  private final Clock clock;

  PendingCloseReasons(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  void put(long ticketId, long requesterId, String reason) {
    Key key = new Key(ticketId, requesterId);
    if (reason == null || reason.isBlank()) {
      entries.remove(key);
      return;
    }
    Instant now = clock.instant();
    if (entries.size() >= MAX_ENTRIES) {
      entries.values().removeIf(e -> e.expires().isBefore(now));
      if (entries.size() >= MAX_ENTRIES) {
        return; // full of live entries: the close goes ahead without a reason
      }
    }
    entries.put(key, new Entry(reason, now.plus(TTL)));
  }

  /** Removes and returns the reason, or null if none (or expired). */
  String take(long ticketId, long requesterId) {
    Entry e = entries.remove(new Key(ticketId, requesterId));
    return e == null || e.expires().isBefore(clock.instant()) ? null : e.reason();
  }

  void forget(long ticketId, long requesterId) {
    entries.remove(new Key(ticketId, requesterId));
  }
}
