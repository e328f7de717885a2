package dev.tiramisu.tickets.discord;

/**
 * This process's shards could not be brought up at start: they did not all connect and receive
 * their guilds within the start-up timeout, or one was shut down (e.g. Discord refused the
 * token). The message is one line for an operator; it never contains the token.
 */
public class DiscordStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DiscordStartException(String message) {
    super(message);
  }
}
