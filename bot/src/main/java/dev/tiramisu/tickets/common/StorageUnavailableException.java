package dev.tiramisu.tickets.common;

/**
 * The database could not be reached or failed while handling a request.
 *
 * <p>Thrown by every store method instead of {@link java.sql.SQLException}. A write that fails
 * with this exception was rolled back as a whole, so the adapter can truthfully answer with {@code
 * MessageKey.ERROR_DATABASE_UNAVAILABLE} ("nothing was lost, try again"). The message names the
 * operation only; it never contains user text.
 */
public class StorageUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
