package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.common.StorageUnavailableException;
import dev.tiramisu.tickets.text.MessageKey;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.requests.ErrorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@link InteractionRouter} acknowledges an interaction and runs its handler: a deferral
 * that never blocks JDA's event thread ({@link #deferThen}) or an acknowledgement of the
 * handler's own on the acknowledging executor ({@link #acknowledgeThen}), then the handler on the
 * work executor, each stage reported to the {@link InteractionTracker}. A second delivery that
 * Discord refuses (40060) stops there; a failure becomes an ephemeral answer ({@code
 * error.database-unavailable}, or {@code error.internal-ref} with the reference of its log line).
 * Kept apart from the router so that the router reads as the list of what each command, button
 * and form does.
 *
 * <p>Logs under the router's name, as they did when this lived there: operators' log settings
 * and the tests that read the reference of a failure keep working.
 */
final class Acknowledgements {
  private static final Logger log = LoggerFactory.getLogger(InteractionRouter.class);

  private final Executor acknowledging;
  private final Executor working;
  private final Replies replies;
  private final InteractionTracker tracker;

  /**
   * @param acknowledging runs acknowledgements that need more than a deferral (short tasks)
   * @param working runs the handlers after the acknowledgement (may block on Discord and the
   *     database)
   * @param tracker follows each interaction for the metrics (the one {@code replies} reports to)
   */
  Acknowledgements(Executor acknowledging, Executor working, Replies replies,
      InteractionTracker tracker) {
    this.acknowledging = acknowledging;
    this.working = working;
    this.replies = replies;
    this.tracker = tracker;
  }

  /**
   * Answers an interaction the bot has no handler for (an old message's button, a command of
   * another version) with {@code key}, ephemeral, so that Discord does not show "This interaction
   * failed". The custom id is not logged: it may come from anywhere.
   */
  void unknown(IReplyCallback e, String what, MessageKey key) {
    tracker.begin(e, key == MessageKey.ERROR_UNKNOWN_COMMAND ? "unknown command"
        : "unknown component");
    log.info("{} (interaction {}): not ours, answered as no longer in use", what, e.getId());
    execute(acknowledging, e, what, () -> replies.send(e, key));
  }

  /** Defers the reply without blocking; runs {@code handler} once Discord accepted it. */
  void deferThen(IReplyCallback e, String what, Runnable handler) {
    tracker.begin(e, what);
    try {
      e.deferReply(true).queue(
          hook -> {
            tracker.acknowledged(e);
            execute(working, e, what, handler);
          },
          failure -> {
            notAcknowledged(e, what, failure);
            tracker.end(e);
          });
    } catch (RuntimeException ex) {
      notAcknowledged(e, what, ex);
      tracker.end(e);
    }
  }

  /**
   * Runs {@code acknowledge} (which answers or acknowledges the interaction itself), then the work
   * it returns, if any, on the work executor.
   */
  void acknowledgeThen(IReplyCallback e, String what, Supplier<Runnable> acknowledge) {
    tracker.begin(e, what);
    execute(acknowledging, e, what, () -> {
      Runnable work;
      try {
        work = acknowledge.get();
      } catch (ErrorResponseException refused) {
        // Every request of an acknowledgement is the acknowledgement itself (the deferral, the
        // form, or the answer): Discord refused it, so there is no answer to give either.
        notAcknowledged(e, what, refused);
        return;
      }
      if (e.isAcknowledged()) {
        tracker.acknowledged(e);
      }
      if (work != null) {
        execute(working, e, what, work);
      }
    });
  }

  /** Runs {@code handler} as a stage of the interaction's handling (see {@link InteractionTracker}). */
  private void execute(Executor executor, IReplyCallback e, String what, Runnable handler) {
    tracker.stageStarts(e);
    try {
      executor.execute(() -> {
        try {
          guarded(e, what, handler);
        } finally {
          if (e.isAcknowledged()) {
            tracker.acknowledged(e);
          }
          tracker.stageEnds(e);
        }
      });
    } catch (RejectedExecutionException stopping) {
      log.info("shutting down: {} (interaction {}) ignored", what, e.getId());
      tracker.failed(e);
      tracker.stageEnds(e);
    }
  }

  private void guarded(IReplyCallback e, String what, Runnable handler) {
    try {
      handler.run();
    } catch (StorageUnavailableException ex) {
      tracker.failed(e);
      log.warn("{} (interaction {}): database unavailable: {}", what, e.getId(), ex.getMessage());
      answerQuietly(e, MessageKey.ERROR_DATABASE_UNAVAILABLE);
    } catch (ErrorResponseException ex) {
      if (isNotOurs(ex)) {
        notAcknowledged(e, what, ex);
      } else {
        tracker.failed(e);
        String ref = newReference();
        log.error("{} (interaction {}) failed [ref {}]: {}", what, e.getId(), ref,
            TicketHandlers.describe(ex), ex);
        answerQuietly(e, MessageKey.ERROR_INTERNAL_REF, ref);
      }
    } catch (RuntimeException ex) {
      tracker.failed(e);
      String ref = newReference();
      log.error("{} (interaction {}) failed [ref {}]", what, e.getId(), ref, ex);
      answerQuietly(e, MessageKey.ERROR_INTERNAL_REF, ref);
    }
  }

  /** A short reference (8 hex digits) shown to the user and logged with the failure. */
  static String newReference() {
    return String.format("%08x", ThreadLocalRandom.current().nextInt());
  }

  /** The interaction was answered elsewhere or is gone: nothing of ours to do or to say. */
  private static boolean isNotOurs(ErrorResponseException ex) {
    return ex.getErrorResponse() == ErrorResponse.INTERACTION_ALREADY_ACKNOWLEDGED
        || ex.getErrorResponse() == ErrorResponse.UNKNOWN_INTERACTION;
  }

  private void notAcknowledged(IReplyCallback e, String what, Throwable failure) {
    if (failure instanceof ErrorResponseException ere
        && ere.getErrorResponse() == ErrorResponse.INTERACTION_ALREADY_ACKNOWLEDGED) {
      tracker.duplicate(e);
      log.info("{} (interaction {}): already acknowledged (delivered twice, or to another"
          + " process running this shard); not handled again", what, e.getId());
    } else if (failure instanceof ErrorResponseException ere
        && ere.getErrorResponse() == ErrorResponse.UNKNOWN_INTERACTION) {
      tracker.failed(e);
      log.warn("{} (interaction {}): Discord no longer knows the interaction (acknowledged too"
          + " late?); not handled", what, e.getId());
    } else {
      tracker.failed(e);
      log.warn("{} (interaction {}): could not acknowledge: {}", what, e.getId(),
          TicketHandlers.describe(failure));
    }
  }

  private void answerQuietly(IReplyCallback e, MessageKey key, Object... args) {
    try {
      replies.send(e, key, args);
    } catch (RuntimeException ex) {
      log.warn("interaction {}: could not send the error answer: {}", e.getId(),
          TicketHandlers.describe(ex));
    }
  }
}
