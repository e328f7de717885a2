package dev.tiramisu.tickets.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The bot's start-up configuration, read once from environment variables and command-line
 * arguments, validated, then immutable.
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><th>Variable</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>{@code DISCORD_TOKEN}</td><td>none</td><td>bot token; without one the bot runs in
 *       sandbox mode against the local emulator</td></tr>
 *   <tr><td>{@code DISCORD_TOKEN_FILE}</td><td>none</td><td>file holding the token (e.g. a Docker
 *       secret); exclusive with {@code DISCORD_TOKEN}</td></tr>
 *   <tr><td>{@code DATABASE_URL}</td><td>{@value DatabaseConfig#DEFAULT_URL}</td><td>{@code
 *       jdbc:sqlite:<file>} or {@code jdbc:postgresql://host/db}</td></tr>
 *   <tr><td>{@code DATABASE_USER}, {@code DATABASE_PASSWORD}</td><td>none</td><td>PostgreSQL
 *       credentials</td></tr>
 *   <tr><td>{@code DATABASE_POOL_SIZE}</td><td>{@value DatabaseConfig#DEFAULT_POOL_SIZE}</td><td>1
 *       to {@value #MAX_POOL_SIZE}</td></tr>
 *   <tr><td>{@code DEV_GUILD_ID}</td><td>none</td><td>register commands in this guild only (they
 *       appear at once; for development)</td></tr>
 *   <tr><td>{@code SANDBOX_PORT}</td><td>{@value #DEFAULT_SANDBOX_PORT}</td><td>port of the
 *       emulator in sandbox mode, 0 to 65535</td></tr>
 *   <tr><td>{@code LOG_LEVEL}</td><td>{@code INFO}</td><td>TRACE, DEBUG, INFO, WARN, ERROR or
 *       OFF</td></tr>
 *   <tr><td>{@code SHARD_COUNT}</td><td>1</td><td>total gateway shards over all processes, or
 *       {@code auto} for Discord's recommendation ({@code GET /gateway/bot})</td></tr>
 *   <tr><td>{@code SHARD_IDS}</td><td>all</td><td>the shards this process runs, e.g. {@code 0-3}
 *       or {@code 0,2,5}; needs a numeric {@code SHARD_COUNT}</td></tr>
 *   <tr><td>{@code DISCORD_REST_URL}</td><td>Discord's</td><td>the REST base ending with {@code
 *       /api/v10/}: a shared rate-limiting REST proxy, or a local Discord such as the
 *       emulator; needs a token</td></tr>
 *   <tr><td>{@code DISCORD_GATEWAY_URL}</td><td>Discord's</td><td>the gateway's {@code ws://} or
 *       {@code wss://} URL (a local Discord); needs a token</td></tr>
 *   <tr><td>{@code METRICS_PORT}</td><td>off</td><td>serve Prometheus {@code /metrics},
 *       {@code /healthz} and {@code /readyz} on this port</td></tr>
 *   <tr><td>{@code METRICS_BIND}</td><td>{@value MetricsConfig#DEFAULT_BIND}</td><td>the address
 *       the metrics port listens on</td></tr>
 *   <tr><td>{@code STARTUP_TIMEOUT}</td><td>{@value #DEFAULT_STARTUP_TIMEOUT_S} s, plus
 *       {@value #STARTUP_TIMEOUT_PER_SHARD_S} s per further shard of this process</td><td>seconds
 *       to wait for this process's shards to connect and receive their guilds before giving up
 *       (exit 1), 1 to {@value #MAX_STARTUP_TIMEOUT_S}</td></tr>
 *   <tr><td>{@code EFFECT_LEASE_TTL}</td><td>15 s</td><td>seconds a process holds a shard's
 *       lease of the durable Discord effects without renewing it: how long other processes wait
 *       before resuming the effects of a process that died ({@value #MIN_EFFECT_LEASE_S} to
 *       {@value #MAX_EFFECT_LEASE_S})</td></tr>
 *   <tr><td>{@code DISCORD_GLOBAL_RATE_LIMIT}</td><td>50</td><td>requests per second this
 *       process sends at most on Discord's global limit (interaction answers are exempt), 1 to
 *       {@value #MAX_GLOBAL_RATE_LIMIT}, or {@code off} when a shared REST proxy paces the
 *       processes</td></tr>
 * </table>
 *
 * <p>Empty values count as unset. Arguments override variables: {@code --database-url=...} sets
 * {@code DATABASE_URL}, and so on for every variable; {@code --sandbox} forces sandbox mode even
 * when a token is configured.
 *
 * @param token the bot token, or null in sandbox mode; never printed by {@link #toString()}
 * @param database the database
 * @param devGuildId guild for development command registration, or null for global commands
 * @param sandboxPort emulator port in sandbox mode
 * @param logLevel the root log level, upper case
 * @param shards the gateway shards this process runs
 * @param discordRestUrl REST base URL of a proxy or a local Discord (ends with {@code
 *     /api/v10/}), or null for discord.com
 * @param discordGatewayUrl gateway URL of a local Discord, or null for Discord's
 * @param startupTimeout how long to wait for this process's shards at start, or null for the
 *     default ({@link #startupTimeoutFor(int)})
 * @param effectLeaseTtl the effects worker's per-shard lease, or null for the default
 * @param metrics the operations endpoint ({@link MetricsConfig#OFF} by default)
 * @param globalRateLimit requests per second paced on Discord's global limit, 0 for none, or
 *     null for Discord's 50
 */
public record BotConfig(
    String token, DatabaseConfig database, Long devGuildId, int sandboxPort, String logLevel,
    ShardConfig shards, String discordRestUrl, String discordGatewayUrl,
    Duration startupTimeout, Duration effectLeaseTtl, MetricsConfig metrics,
    Integer globalRateLimit) {

  public static final int DEFAULT_SANDBOX_PORT = 8080;
  public static final int MAX_POOL_SIZE = 100;
  public static final String DEFAULT_LOG_LEVEL = "INFO";
  /** Default wait for the shards at start, for one shard. */
  public static final int DEFAULT_STARTUP_TIMEOUT_S = 60;
  /** Added to the default wait per further shard (Discord spaces identifies ~5 s apart). */
  public static final int STARTUP_TIMEOUT_PER_SHARD_S = 6;
  public static final int MAX_STARTUP_TIMEOUT_S = 86_400;
  /** Bounds of {@code EFFECT_LEASE_TTL}, the effects worker's per-shard lease (default 15 s). */
  public static final int MIN_EFFECT_LEASE_S = 2;
  public static final int MAX_EFFECT_LEASE_S = 600;
  /** Upper bound of {@code DISCORD_GLOBAL_RATE_LIMIT} (Discord raises the limit for some bots). */
  public static final int MAX_GLOBAL_RATE_LIMIT = 10_000;
  /** Discord's global limit per bot token, the default of {@code DISCORD_GLOBAL_RATE_LIMIT}. */
  public static final int DEFAULT_GLOBAL_RATE_LIMIT = 50;
  /** The path a local Discord's REST base URL ends with. */
  public static final String REST_PATH = "/api/v10/";
  private static final List<String> LOG_LEVELS =
      List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");
  private static final Set<String> VARIABLES =
      Set.of(
          "DISCORD_TOKEN",
          "DISCORD_TOKEN_FILE",
          "DATABASE_URL",
          "DATABASE_USER",
          "DATABASE_PASSWORD",
          "DATABASE_POOL_SIZE",
          "DEV_GUILD_ID",
          "SANDBOX_PORT",
          "LOG_LEVEL",
          "SHARD_COUNT",
          "SHARD_IDS",
          "DISCORD_REST_URL",
          "DISCORD_GATEWAY_URL",
          "STARTUP_TIMEOUT",
          "EFFECT_LEASE_TTL",
          "METRICS_PORT",
          "METRICS_BIND",
          "DISCORD_GLOBAL_RATE_LIMIT");
  private static final int ECHO_MAX = 40;

  public BotConfig {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(logLevel, "logLevel");
    Objects.requireNonNull(shards, "shards");
    Objects.requireNonNull(metrics, "metrics");
    if (startupTimeout != null && (startupTimeout.isNegative() || startupTimeout.isZero())) {
      throw new IllegalArgumentException("startupTimeout must be positive: " + startupTimeout);
    }
    if (effectLeaseTtl != null && effectLeaseTtl.toSeconds() < MIN_EFFECT_LEASE_S) {
      throw new IllegalArgumentException("effectLeaseTtl must be at least 2 s: " + effectLeaseTtl);
    }
    if (globalRateLimit != null
        && (globalRateLimit < 0 || globalRateLimit > MAX_GLOBAL_RATE_LIMIT)) {
      throw new IllegalArgumentException("globalRateLimit out of range: " + globalRateLimit);
    }
  }

  /** A configuration without the metrics endpoint, pacing Discord's global limit at 50/s. */
  public BotConfig(String token, DatabaseConfig database, Long devGuildId, int sandboxPort,
      String logLevel, ShardConfig shards, String discordRestUrl, String discordGatewayUrl,
      Duration startupTimeout, Duration effectLeaseTtl) {
    this(token, database, devGuildId, sandboxPort, logLevel, shards, discordRestUrl,
        discordGatewayUrl, startupTimeout, effectLeaseTtl, MetricsConfig.OFF, null);
  }

  /** A configuration with the default lease of the effects worker. */
  public BotConfig(String token, DatabaseConfig database, Long devGuildId, int sandboxPort,
      String logLevel, ShardConfig shards, String discordRestUrl, String discordGatewayUrl,
      Duration startupTimeout) {
    this(token, database, devGuildId, sandboxPort, logLevel, shards, discordRestUrl,
        discordGatewayUrl, startupTimeout, null);
  }

  /** A configuration with one shard (the default). */
  public BotConfig(
      String token, DatabaseConfig database, Long devGuildId, int sandboxPort, String logLevel) {
    this(token, database, devGuildId, sandboxPort, logLevel, ShardConfig.single());
  }

  /** A configuration for discord.com (or the sandbox) with the default start-up timeout. */
  public BotConfig(
      String token, DatabaseConfig database, Long devGuildId, int sandboxPort, String logLevel,
      ShardConfig shards) {
    this(token, database, devGuildId, sandboxPort, logLevel, shards, null, null, null);
  }

  /** The same configuration with other shards. */
  public BotConfig withShards(ShardConfig shards) {
    return new BotConfig(token, database, devGuildId, sandboxPort, logLevel, shards,
        discordRestUrl, discordGatewayUrl, startupTimeout, effectLeaseTtl, metrics,
        globalRateLimit);
  }

  /** The same configuration with another wait for the shards at start (null: the default). */
  public BotConfig withStartupTimeout(Duration startupTimeout) {
    return new BotConfig(token, database, devGuildId, sandboxPort, logLevel, shards,
        discordRestUrl, discordGatewayUrl, startupTimeout, effectLeaseTtl, metrics,
        globalRateLimit);
  }

  /**
   * Requests per second to pace on Discord's global limit ({@code DISCORD_GLOBAL_RATE_LIMIT}); 0
   * when pacing is off.
   */
  public int globalRateLimitOrDefault() {
    return globalRateLimit == null ? DEFAULT_GLOBAL_RATE_LIMIT : globalRateLimit;
  }

  /** The same configuration with another metrics endpoint. */
  public BotConfig withMetrics(MetricsConfig metrics) {
    return new BotConfig(token, database, devGuildId, sandboxPort, logLevel, shards,
        discordRestUrl, discordGatewayUrl, startupTimeout, effectLeaseTtl, metrics,
        globalRateLimit);
  }

  /** The same configuration with another global pacing (null: Discord's 50/s, 0: off). */
  public BotConfig withGlobalRateLimit(Integer globalRateLimit) {
    return new BotConfig(token, database, devGuildId, sandboxPort, logLevel, shards,
        discordRestUrl, discordGatewayUrl, startupTimeout, effectLeaseTtl, metrics,
        globalRateLimit);
  }

  /**
   * True when {@code DISCORD_REST_URL} or {@code DISCORD_GATEWAY_URL} is set: REST through a
   * proxy or a local Discord, or another gateway.
   */
  public boolean localDiscord() {
    return discordRestUrl != null || discordGatewayUrl != null;
  }

  /**
   * How long to wait for {@code shardsInProcess} shards at start: {@code STARTUP_TIMEOUT} if
   * set, else {@value #DEFAULT_STARTUP_TIMEOUT_S} s plus {@value #STARTUP_TIMEOUT_PER_SHARD_S} s
   * per shard after the first.
   */
  public Duration startupTimeoutFor(int shardsInProcess) {
    return startupTimeout != null ? startupTimeout : defaultStartupTimeout(shardsInProcess);
  }

  /** The default wait for {@code shardsInProcess} shards at start. */
  public static Duration defaultStartupTimeout(int shardsInProcess) {
    return Duration.ofSeconds(DEFAULT_STARTUP_TIMEOUT_S
        + (long) STARTUP_TIMEOUT_PER_SHARD_S * Math.max(0, shardsInProcess - 1));
  }

  /** Reads the process environment and {@code args}. */
  public static BotConfig load(String[] args) {
    return load(System.getenv(), List.of(args));
  }

  /**
   * Reads {@code env} and {@code args}.
   *
   * @throws ConfigException on the first invalid or contradictory value
   */
  public static BotConfig load(Map<String, String> env, List<String> args) {
    Map<String, String> values = new HashMap<>();
    env.forEach(
        (k, v) -> {
          if (VARIABLES.contains(k) && v != null && !v.isBlank()) {
            values.put(k, v.strip());
          }
        });
    boolean forceSandbox = false;
    for (String arg : args) {
      if (arg.equals("--sandbox")) {
        forceSandbox = true;
        continue;
      }
      int eq = arg.indexOf('=');
      String name =
          arg.startsWith("--") && eq > 2
              ? arg.substring(2, eq).toUpperCase(Locale.ROOT).replace('-', '_')
              : "";
      if (!VARIABLES.contains(name)) {
        throw new ConfigException(
            "unknown argument \""
                + echo(eq > 0 ? arg.substring(0, eq) : arg)
                + "\" (use --sandbox or --<variable>=<value>, e.g. --database-url=jdbc:sqlite:tickets.db)");
      }
      String value = arg.substring(eq + 1).strip();
      if (value.isEmpty()) {
        values.remove(name);
      } else {
        values.put(name, value);
      }
    }

    String token = token(values);
    if (forceSandbox) {
      token = null;
    }
    DatabaseConfig database =
        new DatabaseConfig(
            databaseUrl(values.getOrDefault("DATABASE_URL", DatabaseConfig.DEFAULT_URL)),
            values.get("DATABASE_USER"),
            values.get("DATABASE_PASSWORD"),
            poolSize(values.get("DATABASE_POOL_SIZE")));
    Long devGuild = devGuild(values.get("DEV_GUILD_ID"));
    int port = port(values.get("SANDBOX_PORT"));
    String level = logLevel(values.get("LOG_LEVEL"));
    ShardConfig shards = ShardConfig.parse(values.get("SHARD_COUNT"), values.get("SHARD_IDS"));
    // Each on its own: a REST proxy shared by several processes (DISCORD_REST_URL alone, the
    // gateway stays Discord's), or a local Discord (both).
    String rest = values.get("DISCORD_REST_URL");
    String gateway = values.get("DISCORD_GATEWAY_URL");
    if ((rest != null || gateway != null) && token == null) {
      throw new ConfigException("DISCORD_REST_URL and DISCORD_GATEWAY_URL need DISCORD_TOKEN or"
          + " DISCORD_TOKEN_FILE (without a token the sandbox starts its own local Discord)");
    }
    if (rest != null) {
      rest = restUrl(rest);
    }
    if (gateway != null) {
      gateway = gatewayUrl(gateway);
    }
    Duration startupTimeout = startupTimeout(values.get("STARTUP_TIMEOUT"));
    Duration lease = effectLease(values.get("EFFECT_LEASE_TTL"));
    MetricsConfig metrics = metrics(values.get("METRICS_PORT"), values.get("METRICS_BIND"));
    Integer globalLimit = globalRateLimit(values.get("DISCORD_GLOBAL_RATE_LIMIT"));
    return new BotConfig(token, database, devGuild, port, level, shards, rest, gateway,
        startupTimeout, lease, metrics, globalLimit);
  }

  /** Sandbox mode: no token, the bot talks to the local emulator. */
  public boolean sandbox() {
    return token == null;
  }

  /** The token, empty in sandbox mode. */
  public Optional<String> discordToken() {
    return Optional.ofNullable(token);
  }

  /** The development guild, if commands should be registered there only. */
  public OptionalLong devGuild() {
    return devGuildId == null ? OptionalLong.empty() : OptionalLong.of(devGuildId);
  }

  @Override
  public String toString() {
    return "BotConfig[token="
        + (token == null ? "none (sandbox)" : "***")
        + ", database="
        + database
        + ", devGuildId="
        + devGuildId
        + ", sandboxPort="
        + sandboxPort
        + ", logLevel="
        + logLevel
        + ", shards="
        + shards
        + (discordRestUrl == null ? "" : ", rest=" + discordRestUrl)
        + (discordGatewayUrl == null ? "" : ", gateway=" + discordGatewayUrl)
        + (metrics.enabled() ? ", metrics=" + metrics : "")
        + (startupTimeout == null ? "" : ", startupTimeout=" + startupTimeout.toSeconds() + "s")
        + (effectLeaseTtl == null ? "" : ", effectLeaseTtl=" + effectLeaseTtl.toSeconds() + "s")
        + (globalRateLimit == null ? "" : ", globalRateLimit="
            + (globalRateLimit == 0 ? "off" : globalRateLimit + "/s"))
        + "]";
  }

  private static String token(Map<String, String> values) {
    String direct = values.get("DISCORD_TOKEN");
    String file = values.get("DISCORD_TOKEN_FILE");
    if (direct != null && file != null) {
      throw new ConfigException("set only one of DISCORD_TOKEN and DISCORD_TOKEN_FILE, not both");
    }
    String name = "DISCORD_TOKEN";
    String token = direct;
    if (file != null) {
      name = "DISCORD_TOKEN_FILE";
      try {
        token = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
      } catch (IOException | RuntimeException e) {
        throw new ConfigException(
            "DISCORD_TOKEN_FILE: cannot read \"" + file + "\" (" + e.getClass().getSimpleName()
                + ")");
      }
      if (token.isEmpty()) {
        throw new ConfigException("DISCORD_TOKEN_FILE: \"" + file + "\" is empty");
      }
    }
    if (token == null) {
      return null;
    }
    if (token.regionMatches(true, 0, "Bot ", 0, 4)) {
      throw new ConfigException(name + " must be the bare token, without the \"Bot \" prefix");
    }
    if (token.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      throw new ConfigException(name + " must not contain spaces or line breaks");
    }
    return token;
  }

  private static String databaseUrl(String url) {
    if (!url.startsWith(DatabaseConfig.SQLITE_PREFIX)
        && !url.startsWith(DatabaseConfig.POSTGRESQL_PREFIX)) {
      // Echo only the scheme: the rest may carry a password.
      int cut = url.length();
      for (char c : new char[] {'/', '?', '@'}) {
        int i = url.indexOf(c);
        if (i >= 0 && i < cut) {
          cut = i;
        }
      }
      throw new ConfigException(
          "DATABASE_URL must start with jdbc:sqlite: or jdbc:postgresql:, got \""
              + echo(url.substring(0, cut))
              + "...\"");
    }
    String lower = url.toLowerCase(Locale.ROOT);
    if (url.startsWith(DatabaseConfig.SQLITE_PREFIX)
        && (url.length() == DatabaseConfig.SQLITE_PREFIX.length()
            || lower.contains(":memory:")
            || lower.contains("mode=memory"))) {
      throw new ConfigException(
          "DATABASE_URL must name a SQLite file (in-memory databases lose every ticket on"
              + " restart), e.g. jdbc:sqlite:data/tickets.db");
    }
    return url;
  }

  private static int poolSize(String raw) {
    if (raw == null) {
      return DatabaseConfig.DEFAULT_POOL_SIZE;
    }
    int n = parseInt(raw, "DATABASE_POOL_SIZE must be a positive integer");
    if (n < 1) {
      throw new ConfigException("DATABASE_POOL_SIZE must be a positive integer, got \"" + echo(raw)
          + "\"");
    }
    if (n > MAX_POOL_SIZE) {
      throw new ConfigException(
          "DATABASE_POOL_SIZE must be at most " + MAX_POOL_SIZE + ", got " + n);
    }
    return n;
  }

  private static Long devGuild(String raw) {
    if (raw == null) {
      return null;
    }
    String message = "DEV_GUILD_ID must be a Discord server id (a positive number)";
    try {
      long id = Long.parseLong(raw);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(message + ", got \"" + echo(raw) + "\"");
  }

  private static int port(String raw) {
    if (raw == null) {
      return DEFAULT_SANDBOX_PORT;
    }
    String message = "SANDBOX_PORT must be a port number from 0 to 65535";
    int port = parseInt(raw, message);
    if (port < 0 || port > 65535) {
      throw new ConfigException(message + ", got \"" + echo(raw) + "\"");
    }
    return port;
  }

  private static String logLevel(String raw) {
    if (raw == null) {
      return DEFAULT_LOG_LEVEL;
    }
    String level = raw.toUpperCase(Locale.ROOT);
    if (!LOG_LEVELS.contains(level)) {
      throw new ConfigException(
          "LOG_LEVEL must be one of " + String.join(", ", LOG_LEVELS) + ", got \"" + echo(raw)
              + "\"");
    }
    return level;
  }

  private static String restUrl(String raw) {
    String message = "DISCORD_REST_URL must be an http:// or https:// URL ending with " + REST_PATH
        + ", e.g. http://127.0.0.1:8080" + REST_PATH;
    URI uri = uri(raw, message);
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null || uri.getRawUserInfo() != null
        || uri.getRawQuery() != null || uri.getRawFragment() != null
        || uri.getRawPath() == null || !uri.getRawPath().endsWith(REST_PATH)) {
      throw new ConfigException(message + ", got \"" + echo(raw) + "\"");
    }
    return raw;
  }

  private static String gatewayUrl(String raw) {
    String message = "DISCORD_GATEWAY_URL must be a ws:// or wss:// URL, e.g. ws://127.0.0.1:8080/";
    URI uri = uri(raw, message);
    if (!("ws".equals(uri.getScheme()) || "wss".equals(uri.getScheme()))
        || uri.getHost() == null || uri.getRawUserInfo() != null) {
      throw new ConfigException(message + ", got \"" + echo(raw) + "\"");
    }
    return raw;
  }

  private static URI uri(String raw, String message) {
    try {
      return new URI(raw);
    } catch (URISyntaxException e) {
      throw new ConfigException(message + ", got \"" + echo(raw) + "\"");
    }
  }

  private static MetricsConfig metrics(String rawPort, String rawBind) {
    if (rawPort == null) {
      if (rawBind != null) {
        throw new ConfigException("METRICS_BIND needs METRICS_PORT (the metrics endpoint is off"
            + " without a port)");
      }
      return MetricsConfig.OFF;
    }
    String message = "METRICS_PORT must be a port number from 1 to 65535";
    int port = parseInt(rawPort, message);
    if (port < 1 || port > 65535) {
      throw new ConfigException(message + ", got \"" + echo(rawPort) + "\"");
    }
    String bind = rawBind == null ? MetricsConfig.DEFAULT_BIND : rawBind;
    if (!bind.matches("[0-9A-Za-z.:\\-\\[\\]%]{1,255}")) {
      throw new ConfigException("METRICS_BIND must be an address such as 127.0.0.1 or 0.0.0.0,"
          + " got \"" + echo(bind) + "\"");
    }
    return MetricsConfig.on(port, bind);
  }

  private static Integer globalRateLimit(String raw) {
    if (raw == null) {
      return null;
    }
    if (raw.equalsIgnoreCase("off")) {
      return 0;
    }
    String message = "DISCORD_GLOBAL_RATE_LIMIT must be requests per second from 1 to "
        + MAX_GLOBAL_RATE_LIMIT + ", or off";
    int limit = parseInt(raw, message);
    if (limit < 1 || limit > MAX_GLOBAL_RATE_LIMIT) {
      throw new ConfigException(message + ", got \"" + echo(raw) + "\"");
    }
    return limit;
  }

  private static Duration effectLease(String raw) {
    return seconds(raw, "EFFECT_LEASE_TTL", MIN_EFFECT_LEASE_S, MAX_EFFECT_LEASE_S);
  }

  private static Duration startupTimeout(String raw) {
    return seconds(raw, "STARTUP_TIMEOUT", 1, MAX_STARTUP_TIMEOUT_S);
  }

  /** A number of seconds ({@code 60} or {@code 60s}) from min to max, or null when unset. */
  private static Duration seconds(String raw, String name, int min, int max) {
    if (raw == null) {
      return null;
    }
    String message = name + " must be a number of seconds from " + min + " to " + max;
    String digits = raw.endsWith("s") ? raw.substring(0, raw.length() - 1) : raw;
    int seconds = parseInt(digits, message);
    if (seconds < min || seconds > max) {
      throw new ConfigException(message + ", got \"" + echo(raw) + "\"");
    }
    return Duration.ofSeconds(seconds);
  }

  private static int parseInt(String raw, String message) {
    try {
      return Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw new ConfigException(message + ", got \"" + echo(raw) + "\"");
    }
  }

  /** A value quoted in an error: one line, bounded. */
  static String echo(String raw) {
    String oneLine = raw.replaceAll("\\p{Cntrl}", "?");
    return oneLine.length() <= ECHO_MAX ? oneLine : oneLine.substring(0, ECHO_MAX) + "...";
  }
}
