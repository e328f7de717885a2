package dev.tiramisu.tickets.discord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Close confirmations shown and not yet answered: the reason typed with {@code /ticket close
 * reason:...} (up to 1000 characters do not fit in a custom id), and the token of the interaction
 * that showed the confirmation, so that the close can remove the buttons of every confirmation of
 * the ticket. Entries expire after {@link #TTL} (an interaction token lasts 15 minutes); after a
 * restart a confirmation closes without the reason and keeps its buttons (they answer "already
 * closed"). Instance state, bounded in size.
 */
final class PendingCloseReasons {
  static final Duration TTL = Duration.ofMinutes(14);
  private static final int MAX_ENTRIES = 10_000;

  private record Key(long ticketId, long requesterId) {}

  private record Entry(String reason, Instant expires) {}

  private record Shown(String token, Instant expires) {}

  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
  /** Every confirmation shown per ticket (one person may have asked twice). */
  private final Map<Long, List<Shown>> shown = new ConcurrentHashMap<>();
  private final Clock clock;

  PendingCloseReasons(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @param reason the reason typed, or null
   * @param token the token of the interaction that shows the confirmation
   */
  void put(long ticketId, long requesterId, String reason, String token) {
    Key key = new Key(ticketId, requesterId);
    Instant now = clock.instant();
    if (entries.size() >= MAX_ENTRIES || shown.size() >= MAX_ENTRIES) {
      entries.values().removeIf(e -> e.expires().isBefore(now));
      shown.values().forEach(l -> {
        synchronized (l) {
          l.removeIf(x -> x.expires().isBefore(now));
        }
      });
      shown.values().removeIf(l -> {
        synchronized (l) {
          return l.isEmpty();
        }
      });
      if (entries.size() >= MAX_ENTRIES || shown.size() >= MAX_ENTRIES) {
        entries.remove(key);
        return; // full of live entries: the close goes ahead without a reason
      }
    }
    entries.put(key, new Entry(reason == null || reason.isBlank() ? null : reason,
        now.plus(TTL)));
    if (token != null) {
      List<Shown> list = shown.computeIfAbsent(ticketId, k -> new ArrayList<>());
      synchronized (list) {
        list.removeIf(x -> x.expires().isBefore(now));
        if (list.size() < 100) {
          list.add(new Shown(token, now.plus(TTL)));
        }
      }
    }
  }

  /** The reason of the requester's confirmation, or null if none (or expired); kept. */
  String reason(long ticketId, long requesterId) {
    Entry e = entries.get(new Key(ticketId, requesterId));
    return e == null || e.expires().isBefore(clock.instant()) ? null : e.reason();
  }

  /** The tokens of the ticket's live confirmations (every requester's). */
  List<String> tokens(long ticketId) {
    Instant now = clock.instant();
    List<Shown> list = shown.get(ticketId);
    if (list == null) {
      return List.of();
    }
    synchronized (list) {
      return list.stream().filter(x -> !x.expires().isBefore(now)).map(Shown::token).toList();
    }
  }

  void forget(long ticketId, long requesterId) {
    entries.remove(new Key(ticketId, requesterId));
  }

  /** Forgets every confirmation of the ticket (it closed). */
  void forgetTicket(long ticketId) {
    entries.keySet().removeIf(k -> k.ticketId() == ticketId);
    shown.remove(ticketId);
  }
}
