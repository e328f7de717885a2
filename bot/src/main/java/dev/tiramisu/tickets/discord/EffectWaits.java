package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.effects.Effect;
import dev.tiramisu.tickets.effects.EffectKind;
import dev.tiramisu.tickets.effects.EffectStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Lets a handler (or a test) wait for a ticket's effects without polling: {@link EffectWorker}
 * calls {@link #changed} each time it settles one of the ticket's effects, and every waiter of
 * that ticket reads the chain again. Only settlements in this process wake a waiter early; the
 * others are seen at the timeout. Kept apart from the worker, which performs the effects and
 * needs none of this.
 */
final class EffectWaits {
  private final EffectStore store;
  /** The next change of each ticket someone waits for; completed, then removed, by a change. */
  private final ConcurrentHashMap<Long, CompletableFuture<Void>> changes =
      new ConcurrentHashMap<>();

  EffectWaits(EffectStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** Wakes the ticket's waiters: one of its effects was just settled. */
  void changed(long ticketId) {
    CompletableFuture<Void> f = changes.remove(ticketId);
    if (f != null) {
      f.complete(null);
    }
  }

  /** See {@link EffectWorker#awaitSettled}. */
  Optional<Effect> awaitSettled(long ticketId, EffectKind kind, Duration timeout) {
    return EffectWorker.latest(awaitChain(ticketId, timeout,
        chain -> EffectWorker.latest(chain, kind).map(e -> !e.isPending()).orElse(true)), kind);
  }

  /** See {@link EffectWorker#awaitIdle}. */
  boolean awaitIdle(long ticketId, Duration timeout) {
    return awaitChain(ticketId, timeout, chain -> chain.stream().noneMatch(Effect::isPending))
        .stream().noneMatch(Effect::isPending);
  }

  /**
   * The ticket's effects once {@code done} holds for them, or as they are when {@code timeout}
   * passed; re-read each time this process settles one of the ticket's effects.
   */
  private List<Effect> awaitChain(long ticketId, Duration timeout, Predicate<List<Effect>> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      CompletableFuture<Void> change =
          changes.computeIfAbsent(ticketId, k -> new CompletableFuture<>());
      List<Effect> chain = store.forTicket(ticketId);
      long left = deadline - System.nanoTime();
      if (done.test(chain) || left <= 0) {
        return chain;
      }
      try {
        change.get(left, TimeUnit.NANOSECONDS);
      } catch (TimeoutException slow) {
        return store.forTicket(ticketId);
      } catch (ExecutionException impossible) {
        throw new IllegalStateException(impossible);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return chain;
      }
    }
  }
}
