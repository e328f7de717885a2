package dev.tiramisu.tickets.effects;

/**
 * One piece of Discord work implied by a lifecycle step. A ticket's effects run in the order they
 * were recorded; each kind documents its guarantee (see docs/core.md).
 */
public enum EffectKind {
  /** Create the private thread (at most once: a retry first looks for the thread by name). */
  CREATE_THREAD(true),
  /**
   * Make sure the creator is in the thread. Recorded after {@link #FIRST_MESSAGE}, whose ping of
   * the creator adds them (Discord adds a pinged member to a private thread when its creator, the
   * bot, mentions them): done without a request when the first message was posted, else an
   * idempotent PUT. Chains recorded before that order (ADD_CREATOR first) still PUT.
   */
  ADD_CREATOR(true),
  /** Post the first message (nonce; a retry first looks for it in the thread). */
  FIRST_MESSAGE(true),
  /** Pin the first message (idempotent PUT). */
  PIN_FIRST(true),
  /** Answer the member who opened it (edits the deferred reply; idempotent). */
  REPLY_OPENED(false),
  /** Post "closed by" in the thread (nonce; a retry first looks for it). */
  POST_CLOSED(true),
  /**
   * One PATCH: locked and archived (re-reads the thread; idempotent). The closed name is {@link
   * #RENAME_THREAD}'s, so Discord's rename limit never holds up the lock.
   */
  CLOSE_THREAD(true),
  /** DM the creator (nonce; a retry first looks for it in the DM channel). */
  DM_CLOSED(false),
  /** Log the close (nonce; a retry first looks for it in the log channel). */
  LOG_CLOSED(false),
  /**
   * Answer the closer with the whole outcome: thread, DM, log (edits the deferred reply;
   * idempotent). Replaces {@link #REPLY_CLOSING}'s answer.
   */
  REPLY_CLOSED(false),

  // --- issue 11, staff workflow: claim, add/remove, reopen, rename limit ---
  /**
   * Rename the thread to the payload's name, unless a later rename of the ticket supersedes it
   * (re-reads the thread; idempotent). Waits for Discord's rename limit without holding up the
   * ticket's later effects; an archived thread is unarchived for the rename and archived again.
   */
  RENAME_THREAD(true),
  /**
   * Edit the first message to the ticket's current state: the claimer, and its buttons (Close and
   * Claim while open, none once closed). Re-reads the ticket when it runs; idempotent.
   */
  EDIT_FIRST_MESSAGE(true),
  /** Remove the buttons of a close confirmation (edits it through its interaction's token). */
  CLEAR_CONFIRMATION(false),
  /** One PATCH: unarchived and unlocked (re-reads the thread; idempotent). */
  REOPEN_THREAD(true),
  /** Post a notice in the thread: reopened, member added or removed (nonce; a retry looks first). */
  POST_NOTICE(true),
  /** Log a notice: reopened, claimed, unclaimed, transferred, member added or removed. */
  LOG_NOTICE(false),
  /** Add a member to the thread (idempotent PUT). */
  ADD_MEMBER(true),
  /** Remove a member from the thread (idempotent DELETE). */
  REMOVE_MEMBER(true),

  // --- timers (issue 11: close requests, auto-close) ---
  /** Post a close request with Accept / Keep open (nonce; a retry first looks for its buttons). */
  CLOSE_REQUEST_POST(true),
  /** Edit a close request's message: its outcome, buttons removed (idempotent edit). */
  CLOSE_REQUEST_UPDATE(true),
  /** Post the auto-close warning (nonce; a retry first looks for it). */
  AUTOCLOSE_WARNING(true),
  /** Log a close request's or warning's step (nonce; a retry first looks for it). */
  LOG_TIMER(false),

  // --- issue 13: transcripts ---
  /**
   * Read the whole thread (paged, at most 10,000 messages), render it as HTML and store it
   * compressed (an upsert: a retry or a later close replaces it; idempotent). Recorded by a close
   * after the "closed" post and before the lock, DM and log, which attach what it stored.
   */
  TRANSCRIPT(true),


  // --- feedback (issue 13) ---
  /**
   * Log a rating or its comment (the payload's part) to the log channel; the text is read from
   * the stored rating when it runs (nonce; a retry first looks for it).
   */
  LOG_RATING(false),

  // --- issue 14: user-visible first ---
  /**
   * Answer the closer as soon as the thread is closed (recorded right after {@link
   * #CLOSE_THREAD}): closed, and the DM and the log on their way; {@link #REPLY_CLOSED} edits it
   * into the whole outcome once they are done (edits the deferred reply; idempotent).
   */
  REPLY_CLOSING(false);

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
    return this == REPLY_OPENED || this == REPLY_CLOSED || this == REPLY_CLOSING;
  }

  /**
   * Whether the effect works through an interaction's token (an answer, or a confirmation's
   * edit): it needs no guild, and the token is dropped from the payload once settled.
   */
  public boolean usesToken() {
    return isReply() || this == CLEAR_CONFIRMATION;
  }

  /**
   * Whether the effect, while waiting for its next attempt (Discord's rename limit: up to ten
   * minutes), lets the ticket's later effects run. Only a rename: it re-reads the thread and
   * applies the latest name whenever it runs, so its order with the others does not matter.
   */
  public boolean mayWait() {
    return this == RENAME_THREAD;
  }
}
