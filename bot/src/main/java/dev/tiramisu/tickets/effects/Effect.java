package dev.tiramisu.tickets.effects;

import java.time.Instant;
import java.util.Objects;

/**
 * A recorded effect.
 *
 * @param id database id; a ticket's effects run in id order
 * @param attempts attempts started so far (each is committed before its request is sent)
 * @param nextAttemptAt when it may be tried (again)
 * @param settledAt when it became DONE or FAILED, or null while PENDING
 * @param outcome internal description of the result or the last failure, or null
 */
public record Effect(
    long id,
    long ticketId,
    long guildId,
    EffectKind kind,
    Payload payload,
    EffectState state,
    int attempts,
    Instant nextAttemptAt,
    Instant createdAt,
    Instant settledAt,
    String outcome) {

  public Effect {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(state, "state");
  }

  public boolean isPending() {
    return state == EffectState.PENDING;
  }

  /**
   * A nonce for the message this effect sends (Discord drops a repeat with the same nonce sent
   * within a few minutes): at most 25 characters, the same on every attempt.
   */
  public String nonce() {
    return "tt" + Long.toString(id, 36);
  }
}
