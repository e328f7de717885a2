package dev.tiramisu.tickets.config;

/**
 * A configuration value is missing or invalid. The message is one line naming the variable, what
 * it must be and what was given (secrets are never echoed), fit to print before exiting.
 */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
