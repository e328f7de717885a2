package dev.tiramisu.tickets.metrics;

/** The metrics port could not be opened (in use, or an address this machine does not have). */
public final class MetricsPortException extends RuntimeException {
  MetricsPortException(String message, Throwable cause) {
    super(message, cause);
  }
}
