package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.config.ShardConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.IntFunction;

/**
 * How this process reaches Discord.
 *
 * @param token the bot token (never logged)
 * @param endpoint a local Discord, a REST proxy or another gateway; null for discord.com
 * @param shards the shards to run
 * @param devGuild register commands in this guild only
 * @param startupTimeout how long to wait for the given number of shards to be ready
 * @param globalRateLimit requests per second all shards together send at most on Discord's
 *     global limit ({@link GlobalPacer}), 0 for no pacing (a shared REST proxy paces)
 */
public record DiscordConnection(String token, DiscordEndpoint endpoint, ShardConfig shards,
    OptionalLong devGuild, IntFunction<Duration> startupTimeout, int globalRateLimit) {
  public DiscordConnection {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(shards, "shards");
    Objects.requireNonNull(devGuild, "devGuild");
    Objects.requireNonNull(startupTimeout, "startupTimeout");
  }

  @Override
  public String toString() {
    return "DiscordConnection[endpoint=" + endpoint + ", shards=" + shards + ", devGuild="
        + devGuild + ", globalRateLimit=" + globalRateLimit + "]"; // never the token
  }
}
