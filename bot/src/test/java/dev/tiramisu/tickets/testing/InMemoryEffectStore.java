package dev.tiramisu.tickets.testing;

import dev.tiramisu.tickets.effects.Effect;
import dev.tiramisu.tickets.effects.EffectState;
import dev.tiramisu.tickets.effects.EffectStore;
import dev.tiramisu.tickets.effects.NewEffect;
import dev.tiramisu.tickets.effects.Payload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An {@link EffectStore} in memory, filled by {@link InMemoryTicketStore}. */
public final class InMemoryEffectStore implements EffectStore {
  private final TreeMap<Long, Effect> rows = new TreeMap<>();
  private long nextId = 1;

  synchronized void insert(long ticketId, long guildId, List<NewEffect> effects, Instant at) {
    for (NewEffect e : effects) {
      long id = nextId++;
      rows.put(id, new Effect(id, ticketId, guildId, e.kind(), e.payload(), EffectState.PENDING,
          0, at, at, null, null));
    }
  }

  @Override
  public synchronized List<Effect> forTicket(long ticketId) {
    return rows.values().stream().filter(e -> e.ticketId() == ticketId).toList();
  }

  @Override
  public synchronized List<long[]> ticketsDue(Instant now, int limit) {
    Map<Long, long[]> tickets = new LinkedHashMap<>();
    for (Effect e : rows.values()) {
      if (e.isPending() && !e.nextAttemptAt().isAfter(now)) {
        tickets.putIfAbsent(e.ticketId(), new long[] {e.ticketId(), e.guildId()});
      }
    }
    return tickets.values().stream().limit(limit).toList();
  }

  @Override
  public synchronized Effect startAttempt(Effect effect, Instant retryAt) {
    Effect now = rows.get(effect.id());
    if (now == null || !now.isPending() || now.attempts() != effect.attempts()) {
      return null;
    }
    Effect started = new Effect(now.id(), now.ticketId(), now.guildId(), now.kind(), now.payload(),
        EffectState.PENDING, now.attempts() + 1, retryAt, now.createdAt(), null, now.outcome());
    rows.put(now.id(), started);
    return started;
  }

  @Override
  public synchronized boolean settle(long effectId, EffectState state, String outcome,
      Payload payload, Instant at) {
    Effect now = rows.get(effectId);
    if (now == null || !now.isPending()) {
      return false;
    }
    rows.put(effectId, new Effect(now.id(), now.ticketId(), now.guildId(), now.kind(),
        payload == null ? now.payload() : payload, state, now.attempts(), now.nextAttemptAt(),
        now.createdAt(), at, outcome));
    return true;
  }

  @Override
  public synchronized boolean retryLater(long effectId, String outcome, Instant nextAttemptAt) {
    Effect now = rows.get(effectId);
    if (now == null || !now.isPending()) {
      return false;
    }
    rows.put(effectId, new Effect(now.id(), now.ticketId(), now.guildId(), now.kind(),
        now.payload(), EffectState.PENDING, now.attempts(), nextAttemptAt, now.createdAt(), null,
        outcome));
    return true;
  }

  /** Every effect, in id order. */
  public synchronized List<Effect> all() {
    return new ArrayList<>(new TreeMap<>(rows).values());
  }
}
