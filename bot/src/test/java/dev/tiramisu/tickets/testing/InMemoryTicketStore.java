package dev.tiramisu.tickets.testing;

import dev.tiramisu.tickets.common.Refusal;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.effects.NewEffect;
import dev.tiramisu.tickets.ticket.Limits;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketState;
import dev.tiramisu.tickets.ticket.TicketStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A {@link TicketStore} in memory for domain tests. It passes the same contract tests as the JDBC
 * store ({@code InMemoryStoreTest}), so domain tests can trust it.
 */
public final class InMemoryTicketStore implements TicketStore {
  private final Map<Long, Ticket> rows = new TreeMap<>();
  private final Map<Long, Integer> counters = new HashMap<>();
  private final Map<Long, String> userNames = new HashMap<>();
  private final InMemoryEffectStore effects = new InMemoryEffectStore();
  private long nextId = 1;
  private final java.util.Set<Long> openings = new java.util.HashSet<>();

  /** The effects recorded with this store's state changes. */
  public InMemoryEffectStore effects() {
    return effects;
  }

  @Override
  public synchronized Result<Ticket> create(long guildId, long creatorId, String reason,
      Instant at, String userName, CreateGate gate, Function<Ticket, List<NewEffect>> newEffects,
      Long typeId, List<dev.tiramisu.tickets.settings.FormAnswer> answers, Long openedBy) {
    if (openedBy != null && !openings.add(openedBy)) {
      throw new AlreadyOpenedException(openedBy);
    }
    if (gate != null) {
      List<Ticket> open = rows.values().stream()
          .filter(t -> t.guildId() == guildId && t.creatorId() == creatorId && t.isOpen())
          .sorted(Comparator.comparingInt(Ticket::number))
          .toList();
      Optional<Instant> last = rows.values().stream()
          .filter(t -> t.guildId() == guildId && t.creatorId() == creatorId
              && t.state() != TicketState.FAILED)
          .map(Ticket::createdAt)
          .max(Comparator.naturalOrder());
      Optional<Refusal> refused = gate.check(new Limits.History(open, last));
      if (refused.isPresent()) {
        return Result.refused(refused.get());
      }
    }
    int number = counters.merge(guildId, 1, Integer::sum);
    Ticket t = new Ticket(nextId++, guildId, number, creatorId, reason, TicketState.OPEN, null,
        null, at, null, null, null, null);
    rows.put(t.id(), t);
    if (userName != null) {
      userNames.put(t.id(), userName);
    }
    effects.insert(t.id(), guildId, newEffects.apply(t), at);
    return Result.ok(t);
  }

  @Override
  public synchronized Optional<String> userName(long ticketId) {
    return Optional.ofNullable(userNames.get(ticketId));
  }

  @Override
  public synchronized Optional<Ticket> findById(long ticketId) {
    return Optional.ofNullable(rows.get(ticketId));
  }

  @Override
  public synchronized Optional<Ticket> findByThread(long threadId) {
    return first(t -> t.threadId() != null && t.threadId() == threadId);
  }

  @Override
  public synchronized Optional<Ticket> findByNumber(long guildId, int number) {
    return first(t -> t.guildId() == guildId && t.number() == number);
  }

  @Override
  public synchronized OptionalInt lastNumber(long guildId) {
    Integer n = counters.get(guildId);
    return n == null ? OptionalInt.empty() : OptionalInt.of(n);
  }

  @Override
  public synchronized boolean attachThread(long ticketId, long threadId, Long firstMessageId) {
    Ticket t = rows.get(ticketId);
    if (t == null || !t.isOpen() || t.hasThread() || findByThread(threadId).isPresent()) {
      return false;
    }
    rows.put(ticketId, new Ticket(t.id(), t.guildId(), t.number(), t.creatorId(), t.reason(),
        t.state(), threadId, firstMessageId, t.createdAt(), null, null, null, null));
    return true;
  }

  @Override
  public synchronized boolean markFailed(long ticketId, String why, Instant at) {
    Ticket t = rows.get(ticketId);
    if (t == null || !t.isOpen() || t.hasThread()) {
      return false;
    }
    rows.put(ticketId, new Ticket(t.id(), t.guildId(), t.number(), t.creatorId(), t.reason(),
        TicketState.FAILED, null, null, t.createdAt(), at, null, null, why));
    return true;
  }

  @Override
  public synchronized boolean closeIfOpen(long ticketId, long closedById, String reason,
      Instant at, List<NewEffect> newEffects) {
    Ticket t = rows.get(ticketId);
    if (t == null || !t.isOpen()) {
      return false;
    }
    rows.put(ticketId, new Ticket(t.id(), t.guildId(), t.number(), t.creatorId(), t.reason(),
        TicketState.CLOSED, t.threadId(), t.firstMessageId(), t.createdAt(), at, closedById,
        reason, null));
    effects.insert(ticketId, t.guildId(), newEffects, at);
    return true;
  }

  @Override
  public synchronized boolean setFirstMessage(long ticketId, long messageId) {
    Ticket t = rows.get(ticketId);
    if (t == null || t.firstMessageId() != null) {
      return false;
    }
    rows.put(ticketId, new Ticket(t.id(), t.guildId(), t.number(), t.creatorId(), t.reason(),
        t.state(), t.threadId(), messageId, t.createdAt(), t.closedAt(), t.closedById(),
        t.closeReason(), t.failureReason()));
    return true;
  }

  @Override
  public synchronized boolean reopenIfClosed(long ticketId, Instant at,
      List<NewEffect> newEffects) {
    Ticket t = rows.get(ticketId);
    if (t == null || t.state() != TicketState.CLOSED) {
      return false;
    }
    rows.put(ticketId, new Ticket(t.id(), t.guildId(), t.number(), t.creatorId(), t.reason(),
        TicketState.OPEN, t.threadId(), t.firstMessageId(), t.createdAt(), null, null, null,
        null));
    effects.insert(ticketId, t.guildId(), newEffects, at);
    return true;
  }

  @Override
  public synchronized int raiseCounter(long guildId, int atLeast) {
    return counters.merge(guildId, atLeast, Math::max);
  }

  @Override
  public synchronized Optional<Ticket> adopt(long guildId, int number, long creatorId,
      long threadId, Instant at) {
    if (findByNumber(guildId, number).isPresent() || findByThread(threadId).isPresent()) {
      return Optional.empty();
    }
    Ticket t = new Ticket(nextId++, guildId, number, creatorId, null, TicketState.OPEN, threadId,
        null, at, null, null, null, null);
    rows.put(t.id(), t);
    return Optional.of(t);
  }

  @Override
  public synchronized List<Ticket> findUnattached(Instant createdBefore, int limit) {
    return rows.values().stream()
        .filter(t -> t.isOpen() && !t.hasThread() && t.createdAt().isBefore(createdBefore))
        .filter(t -> effects.forTicket(t.id()).isEmpty())
        .sorted(Comparator.comparing(Ticket::createdAt).thenComparing(Ticket::id))
        .limit(limit)
        .collect(Collectors.toList());
  }

  @Override
  public synchronized List<Ticket> findOpenByCreator(long guildId, long creatorId) {
    return rows.values().stream()
        .filter(t -> t.guildId() == guildId && t.creatorId() == creatorId && t.isOpen())
        .sorted(Comparator.comparingInt(Ticket::number))
        .collect(Collectors.toList());
  }

  private Optional<Ticket> first(Predicate<Ticket> p) {
    return rows.values().stream().filter(p).findFirst();
  }
}
