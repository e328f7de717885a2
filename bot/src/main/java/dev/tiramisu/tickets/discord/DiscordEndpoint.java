package dev.tiramisu.tickets.discord;

/**
 * Where Discord is, when it is not discord.com: a REST proxy shared by several processes (the
 * REST URL alone), or a local Discord such as the emulator of the sandbox and the tests (both).
 *
 * @param restBaseUrl REST base URL ending with {@code /api/v10/}, or null for Discord's
 * @param gatewayUrl gateway WebSocket URL, or null for Discord's
 */
public record DiscordEndpoint(String restBaseUrl, String gatewayUrl) {
  public DiscordEndpoint {
    if (restBaseUrl == null && gatewayUrl == null) {
      throw new IllegalArgumentException("a REST URL, a gateway URL or both");
    }
  }

  /** Both URLs: a local Discord, which does not make sessions wait for each other. */
  boolean local() {
    return restBaseUrl != null && gatewayUrl != null;
  }
}
