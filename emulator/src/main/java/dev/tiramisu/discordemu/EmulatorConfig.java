package dev.tiramisu.discordemu;

import dev.tiramisu.discordemu.gateway.IdentifyLimits;
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
 * @param identifyLimits the gateway's session start limits ({@code max_concurrency}, {@code session_start_limit})
 */
public record EmulatorConfig(String host, int port, String botName, String botToken, int recommendedShards,
    Path openApiSpec, boolean rejectInvalidRequests, int heartbeatIntervalMillis, boolean rateLimits,
    long faultSeed, IdentifyLimits identifyLimits) {

  /**
   * The system property that makes a missing spec an error: the build's test runs set it (surefire, root pom), so
   * no test passes with validation silently off; the sandbox and the standalone emulator run without it.
   */
  public static final String REQUIRE_SPEC = "tickets.emulator.requireSpec";

  /**
   * Defaults: a free port on 127.0.0.1, spec validation when the spec is found, rate limits on, identify limits
   * reported but not enforced ({@link IdentifyLimits#unenforced()}: test clients restart a shard's session within
   * 5 s; the standalone emulator enforces {@link IdentifyLimits#discord()}). With
   * {@code -D}{@value #REQUIRE_SPEC}{@code =true} (every test run of the build) a missing spec throws, naming the
   * paths searched.
   */
  public static EmulatorConfig defaults() {
    Path spec = Boolean.getBoolean(REQUIRE_SPEC) ? requireSpec() : findSpec();
    return new EmulatorConfig("127.0.0.1", 0, "Tiramisu Tickets", "emulator-bot-token", 1, spec, true, 41_250,
        true, 42L, IdentifyLimits.unenforced());
  }

  /** {@link #findSpec()}, or an {@link IllegalStateException} naming every path searched. */
  public static Path requireSpec() {
    return requireSpecIn(specCandidates());
  }

  static Path requireSpecIn(java.util.List<Path> candidates) {
    Path spec = findSpecIn(candidates);
    if (spec == null) {
      throw new IllegalStateException("Discord's OpenAPI spec (discord-api/openapi.json) was not found, so requests "
          + "could not be validated; searched: " + candidates.stream().map(p -> p.toAbsolutePath().normalize()
          .toString()).toList() + ". Clone the shared folder beside the project or set -Dtickets.shared.dir.");
    }
    return spec;
  }

  /**
   * Finds Discord's OpenAPI spec: the system property {@code tickets.shared.dir} or {@code ../shared} (CI clones
   * the project with the shared folder beside it), then {@code ../../shared} for a module's working directory.
   */
  public static Path findSpec() {
    return findSpecIn(specCandidates());
  }

  /** Where {@link #findSpec()} looks, in order. */
  static java.util.List<Path> specCandidates() {
    String dir = System.getProperty("tickets.shared.dir");
    java.util.List<Path> out = new java.util.ArrayList<>();
    for (Path base : new Path[] {
        dir == null ? null : Path.of(dir), Path.of("..", "shared"), Path.of("..", "..", "shared")}) {
      if (base != null) {
        out.add(base.resolve("discord-api").resolve("openapi.json"));
      }
    }
    return out;
  }

  static Path findSpecIn(java.util.List<Path> candidates) {
    for (Path spec : candidates) {
      if (Files.isRegularFile(spec)) {
        return spec.toAbsolutePath().normalize();
      }
    }
    return null;
  }

  public EmulatorConfig withPort(int port) {
    return new EmulatorConfig(host, port, botName, botToken, recommendedShards, openApiSpec, rejectInvalidRequests,
        heartbeatIntervalMillis, rateLimits, faultSeed, identifyLimits);
  }

  public EmulatorConfig withBotName(String botName) {
    return new EmulatorConfig(host, port, botName, botToken, recommendedShards, openApiSpec, rejectInvalidRequests,
        heartbeatIntervalMillis, rateLimits, faultSeed, identifyLimits);
  }

  public EmulatorConfig withBotToken(String botToken) {
    return new EmulatorConfig(host, port, botName, botToken, recommendedShards, openApiSpec, rejectInvalidRequests,
        heartbeatIntervalMillis, rateLimits, faultSeed, identifyLimits);
  }

  public EmulatorConfig withRecommendedShards(int shards) {
    return new EmulatorConfig(host, port, botName, botToken, shards, openApiSpec, rejectInvalidRequests,
        heartbeatIntervalMillis, rateLimits, faultSeed, identifyLimits);
  }

  public EmulatorConfig withOpenApiSpec(Path spec, boolean reject) {
    return new EmulatorConfig(host, port, botName, botToken, recommendedShards, spec, reject,
        heartbeatIntervalMillis, rateLimits, faultSeed, identifyLimits);
  }

  public EmulatorConfig withHeartbeatInterval(int millis) {
    return new EmulatorConfig(host, port, botName, botToken, recommendedShards, openApiSpec, rejectInvalidRequests,
        millis, rateLimits, faultSeed, identifyLimits);
  }

  public EmulatorConfig withRateLimits(boolean enabled) {
    return new EmulatorConfig(host, port, botName, botToken, recommendedShards, openApiSpec, rejectInvalidRequests,
        heartbeatIntervalMillis, enabled, faultSeed, identifyLimits);
  }

  public EmulatorConfig withFaultSeed(long seed) {
    return new EmulatorConfig(host, port, botName, botToken, recommendedShards, openApiSpec, rejectInvalidRequests,
        heartbeatIntervalMillis, rateLimits, seed, identifyLimits);
  }

  public EmulatorConfig withIdentifyLimits(IdentifyLimits limits) {
    return new EmulatorConfig(host, port, botName, botToken, recommendedShards, openApiSpec, rejectInvalidRequests,
        heartbeatIntervalMillis, rateLimits, faultSeed, limits);
  }
}
