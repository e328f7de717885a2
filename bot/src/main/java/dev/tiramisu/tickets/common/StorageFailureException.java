package dev.tiramisu.tickets.common;

/**
 * A database call failed for a reason other than the database being unreachable or busy: bad SQL,
 * a violated constraint, data the code did not expect. That is a bug, not an outage, so unlike
 * {@link StorageUnavailableException} it must not be answered with "the database is unavailable,
 * try again": the adapter logs it with a reference and tells the user something went wrong.
 *
 * <p>A write that fails with this exception was rolled back as a whole. The message names the
 * operation and the SQLState only; it never contains user text.
 */
public class StorageFailureException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageFailureException(String message, Throwable cause) {
    super(message, cause);
  }
}
