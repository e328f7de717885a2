package dev.tiramisu.tickets.ticket;

import java.util.OptionalLong;

/**
 * Finds the creator of a ticket thread that has no stored row (tickets made before this bot stored
 * them), as the original bot did: the first user mentioned in the bot's first message of the
 * thread. Implemented by the adapter, which may call Discord; the service calls it only when the
 * database has no answer. It may block, so call the service off JDA's gateway thread.
 */
@FunctionalInterface
public interface CreatorFallback {
  /** A fallback that knows nothing: threads without a row have no known creator. */
  CreatorFallback NONE = thread -> OptionalLong.empty();

  /** The creator's user id, or empty if it cannot be determined. */
  OptionalLong creatorOf(ThreadInfo thread);
}
