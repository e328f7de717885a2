package dev.tiramisu.tickets.discord;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interactions whose first response waits a moment so that it can be the final answer (issue 14):
 * a create whose thread is made within {@link #BUDGET} is answered with its link in the
 * interaction's one response, instead of a deferral and then an edit (one round trip less before
 * the member sees the link). Past the budget the reply is deferred, as every other interaction's,
 * and the answer edits it; Discord's 3 s are never at risk.
 *
 * <p>Exactly one of the two happens, decided by a compare-and-set on the interaction's state:
 * the budget's timer defers only an interaction still held, and an answer replies only to one
 * still held (else it waits for the deferral to finish and edits). Whoever gives an interaction's
 * answer (a handler through {@link Replies}, the effects worker through {@link ReplyEffects})
 * goes through {@link #replyFirst} first. An interaction whose save turned out to be a second delivery of one
 * another process handles is {@link #release}d: neither deferred nor answered here.
 *
 * <p>State lives in this process only: after a crash the interaction is past Discord's 3 s
 * anyway, and the effects worker's edit of a reply never acknowledged fails as an expired one.
 */
final class HeldReplies {
  private static final Logger log = LoggerFactory.getLogger(HeldReplies.class);

  /**
   * How long a held interaction waits for its answer before it is deferred: well above a quiet
   * create (thread and answer: tens of milliseconds) and far below the 3 s deadline.
   */
  static final Duration BUDGET = Duration.ofMillis(150);

  /**
   * At most this many interactions are held at once; more (a burst) are deferred at once, so
   * that a burst's acknowledgements never wait for the budget.
   */
  static final int MAX_HELD = 4;

  /** The longest an answer waits for a deferral in flight before editing anyway. */
  private static final Duration DEFERRAL_WAIT = Duration.ofSeconds(5);

  private enum State { HELD, DEFERRING, ANSWERING, DONE }

  private static final class Held {
    final IReplyCallback event;
    final AtomicReference<State> state = new AtomicReference<>(State.HELD);
    final CompletableFuture<Void> deferred = new CompletableFuture<>();
    volatile ScheduledFuture<?> timer;

    Held(IReplyCallback event) {
      this.event = event;
    }
  }

  /** No interaction is ever held: every answer follows JDA's own acknowledgement state. */
  static final HeldReplies NONE = new HeldReplies(null, Duration.ZERO, null);

  private final ConcurrentHashMap<String, Held> byToken = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer;
  private final Duration budget;
  private final InteractionTracker tracker;

  /**
   * @param timer runs the deferrals at the end of the budget (short tasks: they only queue)
   * @param tracker told when a held interaction is acknowledged
   */
  HeldReplies(ScheduledExecutorService timer, Duration budget, InteractionTracker tracker) {
    this.timer = timer;
    this.budget = budget;
    this.tracker = tracker;
  }

  /**
   * Holds back {@code e}'s acknowledgement for the budget; the interaction must not be
   * acknowledged yet. Without a timer, once it is stopping, or with {@link #MAX_HELD} held
   * already, it is deferred at once, blocking.
   */
  void hold(IReplyCallback e) {
    if (timer == null || byToken.size() >= MAX_HELD) {
      e.deferReply(true).complete();
      return;
    }
    Held h = new Held(e);
    byToken.put(e.getToken(), h);
    try {
      h.timer = timer.schedule(() -> defer(h), budget.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopping) {
      byToken.remove(e.getToken(), h);
      e.deferReply(true).complete();
    }
  }

  /** The budget ran out: defers the interaction unless its answer was claimed first. */
  private void defer(Held h) {
    if (!h.state.compareAndSet(State.HELD, State.DEFERRING)) {
      return;
    }
    try {
      h.event.deferReply(true).queue(ok -> {
        if (tracker != null) {
          tracker.acknowledged(h.event);
        }
        finish(h);
      }, failed -> {
        log.warn("interaction {}: could not defer the held reply: {}", h.event.getId(),
            TicketHandlers.describe(failed));
        finish(h);
      });
    } catch (RuntimeException ex) {
      log.warn("interaction {}: could not defer the held reply: {}", h.event.getId(),
          TicketHandlers.describe(ex));
      finish(h);
    }
  }

  private void finish(Held h) {
    h.state.set(State.DONE);
    byToken.remove(h.event.getToken(), h);
    h.deferred.complete(null);
  }

  /**
   * Answers {@code e} with {@code data} (ephemeral) as its first response when that response is
   * this caller's to give: {@code e} is held here and this caller claims it first, or it was never
   * held and is not acknowledged yet.
   *
   * @return false when the reply is to be edited instead: it was deferred (a deferral in flight is
   *     waited for), acknowledged before, or answered by another process (Discord's 40060)
   * @throws RuntimeException any other refusal by Discord, the caller's to report; a held
   *     interaction is deferred first, so that a retry can edit it
   */
  boolean replyFirst(IReplyCallback e, MessageCreateData data) {
    Held h = byToken.get(e.getToken());
    if (h == null) {
      if (e.isAcknowledged()) {
        return false;
      }
      e.reply(data).setEphemeral(true).complete();
      return true;
    }
    return replyHeld(h, data);
  }

  /** As {@link #replyFirst(IReplyCallback, MessageCreateData)}, for a held interaction's token. */
  boolean replyFirst(String token, MessageCreateData data) {
    Held h = byToken.get(token);
    return h != null && replyHeld(h, data);
  }

  private boolean replyHeld(Held h, MessageCreateData data) {
    if (!h.state.compareAndSet(State.HELD, State.ANSWERING)) {
      awaitDeferral(h);
      return false;
    }
    ScheduledFuture<?> t = h.timer;
    if (t != null) {
      t.cancel(false);
    }
    try {
      h.event.reply(data).setEphemeral(true).complete();
    } catch (ErrorResponseException ex) {
      if (ex.getErrorResponse() == ErrorResponse.INTERACTION_ALREADY_ACKNOWLEDGED) {
        finish(h);
        return false;
      }
      deferAfterFailure(h);
      throw ex;
    } catch (RuntimeException ex) {
      deferAfterFailure(h);
      throw ex;
    }
    if (tracker != null) {
      tracker.acknowledged(h.event);
    }
    finish(h);
    return true;
  }

  private void deferAfterFailure(Held h) {
    h.state.set(State.HELD);
    defer(h);
  }

  private static void awaitDeferral(Held h) {
    try {
      h.deferred.get(DEFERRAL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // edit anyway: JDA's hook waits for the acknowledgement it knows of
    }
  }

  /**
   * Stops holding {@code e} without answering it: its save was a second delivery of an
   * interaction another delivery answers.
   */
  void release(IReplyCallback e) {
    Held h = byToken.get(e.getToken());
    if (h != null && h.state.compareAndSet(State.HELD, State.DONE)) {
      ScheduledFuture<?> t = h.timer;
      if (t != null) {
        t.cancel(false);
      }
      byToken.remove(e.getToken(), h);
      h.deferred.complete(null);
    }
  }
}
