package dev.tiramisu.tickets.migrate;

/** A migration that stopped; the message is one line for the operator and names no secrets. */
final class MigrationException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean saysWhatHappened;

  MigrationException(String message) {
    this(message, null);
  }

  MigrationException(String message, Throwable cause) {
    this(message, cause, false);
  }

  /**
   * @param saysWhatHappened whether the message already tells what became of the target, so
   *     callers should not add to it
   */
  MigrationException(String message, Throwable cause, boolean saysWhatHappened) {
    super(message, cause);
    this.saysWhatHappened = saysWhatHappened;
  }

  boolean saysWhatHappened() {
    return saysWhatHappened;
  }
}
