package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.effects.Effect;
import dev.tiramisu.tickets.effects.EffectKind;
import dev.tiramisu.tickets.effects.EffectState;
import java.time.Instant;
import java.util.List;

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
  /** The outcome of an answer sent alongside the first message, not settled yet. */
  static final String OUTCOME = "answered alongside the first message";

  private AnswerAlongside() {}

  /**
   * The member's answer that may go out with {@code first}, or null: {@code first} is a first
   * message whose first attempt just started, and the next effects up to the answer are the creator's addition
   * (settled by the first message's ping) and the answer itself, due and not tried yet.
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
    if (!given(e)) {
      return null;
    }
    Effect first = null;
    for (Effect x : chain) {
      if (x.id() < e.id() && x.kind() == EffectKind.FIRST_MESSAGE) {
        first = x;
      }
    }
    return first != null && first.state() == EffectState.DONE ? OUTCOME : null;
  }
}
