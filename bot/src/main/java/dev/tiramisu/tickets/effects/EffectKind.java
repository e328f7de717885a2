package dev.tiramisu.tickets.effects;

/**
 * One piece of Discord work implied by a lifecycle step. A ticket's effects run in the order they
 * were recorded; each kind documents its guarantee (see docs/core.md).
 */
public enum EffectKind {
  /** Create the private thread (at most once: a retry first looks for the thread by name). */
  CREATE_THREAD(true),
  /** Add the creator to the thread (idempotent PUT). */
  ADD_CREATOR(true),
  /** Post the first message (nonce; a retry first looks for it in the thread). */
  FIRST_MESSAGE(true),
  /** Pin the first message (idempotent PUT). */
  PIN_FIRST(true),
  /** Answer the member who opened it (edits the deferred reply; idempotent). */
  REPLY_OPENED(false),
  /** Post "closed by" in the thread (nonce; a retry first looks for it). */
  POST_CLOSED(true),
  /** One PATCH: closed name, locked, archived (re-reads the thread; idempotent). */
  CLOSE_THREAD(true),
  /** DM the creator (nonce; a retry first looks for it in the DM channel). */
  DM_CLOSED(false),
  /** Log the close (nonce; a retry first looks for it in the log channel). */
  LOG_CLOSED(false),
  /** Answer the closer (edits the deferred reply; idempotent). */
  REPLY_CLOSED(false),
  // --- timers (issue 11: close requests, auto-close) ---
  /** Post a close request with Accept / Keep open (nonce; a retry first looks for its buttons). */
  CLOSE_REQUEST_POST(true),
  /** Edit a close request's message: its outcome, buttons removed (idempotent edit). */
  CLOSE_REQUEST_UPDATE(true),
  /** Post the auto-close warning (nonce; a retry first looks for it). */
  AUTOCLOSE_WARNING(true),
  /** Log a close request's or warning's step (nonce; a retry first looks for it). */
  LOG_TIMER(false);

  private final boolean needsThread;

  EffectKind(boolean needsThread) {
    this.needsThread = needsThread;
  }

  /** Whether the effect acts on the ticket's thread (skipped when the ticket has none). */
  public boolean needsThread() {
    return needsThread;
  }

  /** Whether the effect answers the person who acted (they see its outcome in that answer). */
  public boolean isReply() {
    return this == REPLY_OPENED || this == REPLY_CLOSED;
  }
}
