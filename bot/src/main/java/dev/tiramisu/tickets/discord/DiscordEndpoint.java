package dev.tiramisu.tickets.discord;

import java.util.Objects;

/**
 * Where Discord is, when it is not discord.com: the local emulator of the sandbox and the tests.
 *
 * @param restBaseUrl REST base URL ending with {@code /api/v10/}
 * @param gatewayUrl gateway WebSocket URL
 */
public record DiscordEndpoint(String restBaseUrl, String gatewayUrl) {
  public DiscordEndpoint {
    Objects.requireNonNull(restBaseUrl, "restBaseUrl");
    Objects.requireNonNull(gatewayUrl, "gatewayUrl");
  }
}
