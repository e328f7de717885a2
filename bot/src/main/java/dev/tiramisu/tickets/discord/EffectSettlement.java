package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.effects.Effect;
import dev.tiramisu.tickets.effects.EffectKind;
import dev.tiramisu.tickets.effects.EffectState;
import dev.tiramisu.tickets.effects.EffectStore;
import dev.tiramisu.tickets.effects.Payload;
import dev.tiramisu.tickets.effects.RetryPolicy;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketService;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.ObjLongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records an attempt's result ({@link EffectResult}) on its effect: DONE, FAILED for good (a
 * failed thread creation also marks the ticket failed), or a retry scheduled with the {@link
 * RetryPolicy}'s backoff until it gives up. Wakes whoever waits for the ticket's effects. An
 * interaction token is dropped from the payload once settled. Logs carry ids and outcomes only.
 */
final class EffectSettlement {
  private static final Logger log = LoggerFactory.getLogger(EffectWorker.class);

  private final EffectStore store;
  private final TicketService tickets;
  private final RetryPolicy retry;
  private final EffectWaits waits;
  /** Runs the ticket's chain again after the delay. */
  private final ObjLongConsumer<Duration> later;

  EffectSettlement(EffectStore store, TicketService tickets, RetryPolicy retry, EffectWaits waits,
      ObjLongConsumer<Duration> later) {
    this.store = Objects.requireNonNull(store, "store");
    this.tickets = Objects.requireNonNull(tickets, "tickets");
    this.retry = Objects.requireNonNull(retry, "retry");
    this.waits = Objects.requireNonNull(waits, "waits");
    this.later = Objects.requireNonNull(later, "later");
  }

  void settle(Effect e, Ticket t, EffectResult r, Instant now) {
    switch (r.kind()) {
      case DONE -> {
        store.settle(e.id(), EffectState.DONE, r.outcome(), keptPayload(e), now);
        log.debug("ticket id {}: {} done ({})", t.id(), e.kind(), r.outcome());
      }
      case FAILED -> failed(e, t, r.outcome(), now);
      case RETRY -> {
        if (retry.givesUp(e.createdAt(), now)) {
          failed(e, t, "gave up: " + r.outcome(), now);
        } else {
          Duration delay = r.delay() != null ? r.delay() : retry.delayAfter(e.attempts());
          store.retryLater(e.id(), r.outcome(), now.plus(delay));
          log.info("ticket id {}: {} attempt {} failed ({}); retrying in {}", t.id(), e.kind(),
              e.attempts(), r.outcome(), delay);
          later.accept(delay, t.id());
        }
      }
    }
    waits.changed(t.id());
  }

  private void failed(Effect e, Ticket t, String outcome, Instant now) {
    store.settle(e.id(), EffectState.FAILED, outcome, keptPayload(e), now);
    log.warn("ticket id {}: {} failed for good: {}", t.id(), e.kind(), outcome);
    if (e.kind() == EffectKind.CREATE_THREAD) {
      tickets.markFailed(t.id(), "create thread: " + outcome);
    }
  }

  /** The payload to keep once settled: an interaction token is dropped. */
  private static Payload keptPayload(Effect e) {
    return e.kind().usesToken() ? e.payload().without(TicketService.TOKEN) : null;
  }
}
