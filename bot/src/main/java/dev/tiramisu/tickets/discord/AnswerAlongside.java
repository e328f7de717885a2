package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.effects.Effect;
import dev.tiramisu.tickets.effects.EffectKind;
import dev.tiramisu.tickets.effects.EffectStore;
import dev.tiramisu.tickets.ticket.Ticket;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The member's link sent at the same time as the ticket's first message (issue 14), instead of
 * one round trip after it: the first message's ping is what adds the member to the private
 * thread, and both reach Discord within a few milliseconds of each other, long before a person
 * can click the link. It is done only when the first message goes out at once (the global
 * limit has a free permit, and a new thread's message bucket is empty); under a saturated limit
 * the link waits for the first message as before, so that it never points at a thread the member
 * cannot open yet.
 *
 * <p>The answer sent alongside stays PENDING with the outcome {@link #OUTCOME} until the first
 * message is settled: done without a request once the first message is posted, or performed
 * again (an edit that adds "the first message could not be posted") once it failed for good.
 * A crash in between leaves the answer to be given again, an edit with the same text.
 */
final class AnswerAlongside {
  private static final Logger log = LoggerFactory.getLogger(AnswerAlongside.class);
  /** The outcome of an answer sent alongside the first message, not settled yet. */
  static final String OUTCOME = "answered alongside the first message";
  private static final int THREADS = 2;

  /** How the effects worker settles an attempt ({@code EffectWorker#settle}). */
  interface Settler {
    void settle(Effect e, Ticket t, EffectResult r, Instant now);
  }

  private final EffectStore store;
  private final EffectDispatch dispatch;
  private final Clock clock;
  private final LongFunction<Object> replyLock;
  private final Settler settler;
  private final ExecutorService answers;
  /** Whether a request sent now would go out at once under the global limit. */
  private volatile BooleanSupplier globalLimitFree = () -> true;

  /**
   * @param replyLock the ticket's reply lock: an answer and its settlement happen under it, so
   *     that a handler's interim answer never lands after it
   */
  AnswerAlongside(EffectStore store, EffectDispatch dispatch, Clock clock,
      LongFunction<Object> replyLock, Settler settler) {
    this.store = store;
    this.dispatch = dispatch;
    this.clock = clock;
    this.replyLock = replyLock;
    this.settler = settler;
    AtomicInteger n = new AtomicInteger();
    answers = Executors.newFixedThreadPool(THREADS,
        r -> EffectWorker.daemon(r, "tickets-effects-answer-" + n.incrementAndGet()));
  }

  /** Connected: {@code globalLimitFree} tells whether a request sent now goes out at once. */
  void start(BooleanSupplier globalLimitFree) {
    this.globalLimitFree = Objects.requireNonNull(globalLimitFree, "globalLimitFree");
  }

  /**
   * Sends the member's answer on its own thread while {@code first}, a first message whose
   * attempt has started, is posted, when the first message goes out at once; null when the
   * answer waits for it (then the chain answers in its turn).
   */
  Future<?> start(Effect first, Ticket t, JDA shard, Guild guild, List<Effect> chain,
      Instant now) {
    Effect reply = answerFor(first, chain, now);
    if (reply == null || !globalLimitFree.getAsBoolean()) {
      return null;
    }
    Effect started = store.startAttempt(reply, now);
    if (started == null) {
      return null;
    }
    List<Effect> before = EffectWorker.before(chain, started);
    try {
      return answers.submit(() -> {
        synchronized (replyLock.apply(t.id())) {
          EffectResult r = dispatch.perform(started, t, shard, guild, before, chain);
          if (r.kind() == EffectResult.Kind.DONE) {
            // settled once the first message is: given again if that failed
            store.retryLater(started.id(), OUTCOME, clock.instant());
          } else {
            settler.settle(started, t, r, clock.instant());
          }
        }
      });
    } catch (RejectedExecutionException stopping) {
      return null; // its attempt is recorded: the next sweep answers
    }
  }

  /** Waits for an answer {@link #start}ed (the first message is settled meanwhile). */
  static void await(Future<?> answer, Ticket t) {
    try {
      answer.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      log.error("ticket id {}: the answer sent with the first message failed", t.id(),
          e.getCause());
    }
  }

  /** Lets the answers under way finish, then stops (before the worker's own pool). */
  void close() {
    DiscordBot.stop(List.of(answers));
  }

  /**
   * The member's answer that may go out with {@code first}, or null: {@code first} is a first
   * message whose first attempt just started, and the next effects up to the answer are the
   * creator's addition (settled by the first message's ping) and the answer itself, due and not
   * tried yet.
   */
  static Effect answerFor(Effect first, List<Effect> chain, Instant now) {
    if (first.kind() != EffectKind.FIRST_MESSAGE || first.attempts() != 1) {
      return null;
    }
    boolean after = false;
    for (Effect e : chain) {
      if (e.id() == first.id()) {
        after = true;
      } else if (after) {
        if (!e.isPending() || e.attempts() != 0) {
          return null;
        }
        if (e.kind() == EffectKind.REPLY_OPENED) {
          return e.nextAttemptAt().isAfter(now) ? null : e;
        }
        if (e.kind() != EffectKind.ADD_CREATOR) {
          return null;
        }
      }
    }
    return null;
  }

  /** Whether {@code e} is an answer already given alongside the first message. */
  static boolean given(Effect e) {
    return e.kind() == EffectKind.REPLY_OPENED && e.isPending() && OUTCOME.equals(e.outcome());
  }

  /**
   * The outcome of an answer given alongside a first message that was then posted, or null: one
   * whose first message failed is answered again (the answer says so).
   */
  static String doneWithoutRequest(Effect e, List<Effect> chain) {
    return given(e) && OpenEffects.firstMessagePosted(e, chain) ? OUTCOME : null;
  }
}
