package dev.tiramisu.discordemu;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How to start an emulator. Immutable; change a value with the {@code with...} methods.
 *
 * @param host the address to bind; always a loopback address
 * @param port 0 for a free port
 * @param botName the bot user's name
 * @param botToken the token the bot must present
 * @param recommendedShards what {@code GET /gateway/bot} recommends
 * @param openApiSpec the OpenAPI file to validate against, or null to skip validation
 * @param rejectInvalidRequests answer a request that violates the spec with 400 (true) or only record it
 * @param heartbeatIntervalMillis the gateway's heartbeat interval
 * @param rateLimits whether Discord's rate limits are enforced
 * @param faultSeed the seed of the fault injector
 */
public record EmulatorConfig(String host, int port, String botName, String botToken, int recommendedShards,
    Path openApiSpec, boolean rejectInvalidRequests, int heartbeatIntervalMillis, boolean rateLimits,
    long faultSeed) {

  /** Defaults: a free port on 127.0.0.1, spec validation when the spec is found, rate limits on. */
  public static EmulatorConfig defaults() {
    return new EmulatorConfig("127.0.0.1", 0, "Tiramisu Tickets", "emulator-bot-token", 1, findSpec(), true, 41_250,
        true, 42L);
  }

  /**
   * Finds Discord's OpenAPI spec: the system property {@code tickets.shared.dir} or {@code ../shared} (CI clones
   * the project with the shared folder beside it), then {@code ../../shared} for a module's working directory.
   */
  public static Path findSpec() {
    String dir = System.getProperty("tickets.shared.dir");
    for (Path base : new Path[] {
        dir == null ? null : Path.of(dir), Path.of("..", "shared"), Path.of("..", "..", "shared")}) {
      if (base != null) {
        Path spec = base.resolve("discord-api").resolve("openapi.json");
        if (Files.isRegularFile(spec)) {
          return spec.toAbsolutePath().normalize();
        }
      }
    }
    return null;
  }

  public EmulatorConfig withPort(int port) {
    return new EmulatorConfig(host, port, botName, botToken, recommendedShards, openApiSpec, rejectInvalidRequests,
        heartbeatIntervalMillis, rateLimits, faultSeed);
  }

  public EmulatorConfig withBotName(String botName) {
    return new EmulatorConfig(host, port, botName, botToken, recommendedShards, openApiSpec, rejectInvalidRequests,
        heartbeatIntervalMillis, rateLimits, faultSeed);
  }

  public EmulatorConfig withRecommendedShards(int shards) {
    return new EmulatorConfig(host, port, botName, botToken, shards, openApiSpec, rejectInvalidRequests,
        heartbeatIntervalMillis, rateLimits, faultSeed);
  }

  public EmulatorConfig withOpenApiSpec(Path spec, boolean reject) {
    return new EmulatorConfig(host, port, botName, botToken, recommendedShards, spec, reject,
        heartbeatIntervalMillis, rateLimits, faultSeed);
  }

  public EmulatorConfig withHeartbeatInterval(int millis) {
    return new EmulatorConfig(host, port, botName, botToken, recommendedShards, openApiSpec, rejectInvalidRequests,
        millis, rateLimits, faultSeed);
  }

  public EmulatorConfig withRateLimits(boolean enabled) {
    return new EmulatorConfig(host, port, botName, botToken, recommendedShards, openApiSpec, rejectInvalidRequests,
        heartbeatIntervalMillis, enabled, faultSeed);
  }

  public EmulatorConfig withFaultSeed(long seed) {
    return new EmulatorConfig(host, port, botName, botToken, recommendedShards, openApiSpec, rejectInvalidRequests,
        heartbeatIntervalMillis, rateLimits, seed);
  }
}
