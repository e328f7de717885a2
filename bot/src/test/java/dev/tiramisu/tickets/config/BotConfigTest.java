package dev.tiramisu.tickets.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BotConfigTest {
  static final String TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GabcDE.secret-part_xyz";

  static BotConfig load(Map<String, String> env, String... args) {
    return BotConfig.load(env, List.of(args));
  }

  static void assertError(Map<String, String> env, String line, String... args) {
    assertThatThrownBy(() -> load(env, args))
        .isInstanceOf(ConfigException.class)
        .hasMessage(line);
  }

  @Test
  void defaults_run_the_sandbox_on_a_local_sqlite_file() {
    BotConfig c = load(Map.of());

    assertThat(c.sandbox()).isTrue();
    assertThat(c.discordToken()).isEmpty();
    assertThat(c.database())
        .isEqualTo(new DatabaseConfig("jdbc:sqlite:data/tickets.db", null, null, 5));
    assertThat(c.database().isSqlite()).isTrue();
    assertThat(c.devGuild()).isEmpty();
    assertThat(c.sandboxPort()).isEqualTo(8080);
    assertThat(c.logLevel()).isEqualTo("INFO");
  }

  @Test
  void reads_every_variable() {
    BotConfig c = load(Map.of(
        "DISCORD_TOKEN", TOKEN,
        "DATABASE_URL", "jdbc:postgresql://db:5432/tickets",
        "DATABASE_USER", "bot",
        "DATABASE_PASSWORD", "pw",
        "DATABASE_POOL_SIZE", "12",
        "DEV_GUILD_ID", "123456789012345678",
        "SANDBOX_PORT", "0",
        "LOG_LEVEL", "debug",
        "UNRELATED", "ignored"));

    assertThat(c.sandbox()).isFalse();
    assertThat(c.discordToken()).contains(TOKEN);
    assertThat(c.database())
        .isEqualTo(new DatabaseConfig("jdbc:postgresql://db:5432/tickets", "bot", "pw", 12));
    assertThat(c.database().isSqlite()).isFalse();
    assertThat(c.devGuild()).hasValue(123456789012345678L);
    assertThat(c.sandboxPort()).isZero();
    assertThat(c.logLevel()).isEqualTo("DEBUG");
  }

  @Test
  void to_string_never_shows_the_token_or_password() {
    BotConfig c = load(Map.of("DISCORD_TOKEN", TOKEN,
        "DATABASE_URL", "jdbc:postgresql://db/t?password=urlpw", "DATABASE_PASSWORD", "pw"));

    assertThat(c.toString())
        .doesNotContain(TOKEN).doesNotContain("secret").doesNotContain("urlpw")
        .doesNotContain("=pw")
        .contains("token=***", "jdbc:postgresql://db/t", "password=***");
    assertThat(load(Map.of()).toString()).contains("token=none (sandbox)");
  }

  @Test
  void blank_values_count_as_unset() {
    BotConfig c = load(Map.of("DISCORD_TOKEN", "  ", "DATABASE_POOL_SIZE", ""));

    assertThat(c.sandbox()).isTrue();
    assertThat(c.database().poolSize()).isEqualTo(5);
  }

  @Test
  void the_token_can_come_from_a_file(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("token"), TOKEN + "\n");

    assertThat(load(Map.of("DISCORD_TOKEN_FILE", file.toString())).discordToken())
        .contains(TOKEN);
  }

  @Test
  void token_errors(@TempDir Path dir) throws Exception {
    Path empty = Files.writeString(dir.resolve("empty"), " \n");
    Path missing = dir.resolve("missing");

    assertError(Map.of("DISCORD_TOKEN", TOKEN, "DISCORD_TOKEN_FILE", empty.toString()),
        "set only one of DISCORD_TOKEN and DISCORD_TOKEN_FILE, not both");
    assertError(Map.of("DISCORD_TOKEN_FILE", missing.toString()),
        "DISCORD_TOKEN_FILE: cannot read \"" + missing + "\" (NoSuchFileException)");
    assertError(Map.of("DISCORD_TOKEN_FILE", empty.toString()),
        "DISCORD_TOKEN_FILE: \"" + empty + "\" is empty");
    assertError(Map.of("DISCORD_TOKEN", "Bot " + TOKEN),
        "DISCORD_TOKEN must be the bare token, without the \"Bot \" prefix");
    assertError(Map.of("DISCORD_TOKEN", "abc def"),
        "DISCORD_TOKEN must not contain spaces or line breaks");
  }

  @Test
  void token_errors_never_echo_the_token() {
    assertThatThrownBy(() -> load(Map.of("DISCORD_TOKEN", "Bot " + TOKEN)))
        .hasMessageNotContaining(TOKEN);
  }

  @Test
  void database_url_errors() {
    assertError(Map.of("DATABASE_URL", "postgres://user:secret@db/tickets"),
        "DATABASE_URL must start with jdbc:sqlite: or jdbc:postgresql:, got \"postgres:...\"");
    assertError(Map.of("DATABASE_URL", "jdbc:mysql://db?password=x"),
        "DATABASE_URL must start with jdbc:sqlite: or jdbc:postgresql:, got \"jdbc:mysql:...\"");
    String memory = "DATABASE_URL must name a SQLite file (in-memory databases lose every ticket"
        + " on restart), e.g. jdbc:sqlite:data/tickets.db";
    assertError(Map.of("DATABASE_URL", "jdbc:sqlite::memory:"), memory);
    assertError(Map.of("DATABASE_URL", "jdbc:sqlite:"), memory);
    assertError(Map.of("DATABASE_URL", "jdbc:sqlite:file:x?mode=memory"), memory);
  }

  @Test
  void pool_size_errors() {
    assertError(Map.of("DATABASE_POOL_SIZE", "x"),
        "DATABASE_POOL_SIZE must be a positive integer, got \"x\"");
    assertError(Map.of("DATABASE_POOL_SIZE", "0"),
        "DATABASE_POOL_SIZE must be a positive integer, got \"0\"");
    assertError(Map.of("DATABASE_POOL_SIZE", "-3"),
        "DATABASE_POOL_SIZE must be a positive integer, got \"-3\"");
    assertError(Map.of("DATABASE_POOL_SIZE", "101"),
        "DATABASE_POOL_SIZE must be at most 100, got 101");
  }

  @Test
  void dev_guild_errors() {
    assertError(Map.of("DEV_GUILD_ID", "my-server"),
        "DEV_GUILD_ID must be a Discord server id (a positive number), got \"my-server\"");
    assertError(Map.of("DEV_GUILD_ID", "0"),
        "DEV_GUILD_ID must be a Discord server id (a positive number), got \"0\"");
  }

  @Test
  void sandbox_port_errors() {
    assertError(Map.of("SANDBOX_PORT", "http"),
        "SANDBOX_PORT must be a port number from 0 to 65535, got \"http\"");
    assertError(Map.of("SANDBOX_PORT", "65536"),
        "SANDBOX_PORT must be a port number from 0 to 65535, got \"65536\"");
  }

  @Test
  void log_level_errors() {
    assertError(Map.of("LOG_LEVEL", "loud"),
        "LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF, got \"loud\"");
  }

  @Test
  void long_or_multi_line_values_are_quoted_on_one_bounded_line() {
    assertError(Map.of("LOG_LEVEL", "a\nb" + "c".repeat(100)),
        "LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF, got \"a?b"
            + "c".repeat(37) + "...\"");
  }

  @Test
  void arguments_override_the_environment() {
    BotConfig c = load(Map.of("DATABASE_URL", "jdbc:sqlite:a.db", "SANDBOX_PORT", "1"),
        "--database-url=jdbc:sqlite:b.db", "--sandbox-port=", "--log-level=warn");

    assertThat(c.database().url()).isEqualTo("jdbc:sqlite:b.db");
    assertThat(c.sandboxPort()).isEqualTo(8080);
    assertThat(c.logLevel()).isEqualTo("WARN");
  }

  @Test
  void sandbox_flag_ignores_a_configured_token() {
    BotConfig c = load(Map.of("DISCORD_TOKEN", TOKEN), "--sandbox");

    assertThat(c.sandbox()).isTrue();
    assertThat(c.discordToken()).isEmpty();
  }

  @Test
  void argument_errors() {
    String hint = " (use --sandbox or --<variable>=<value>, e.g."
        + " --database-url=jdbc:sqlite:tickets.db)";
    assertError(Map.of(), "unknown argument \"--colour\"" + hint, "--colour=red");
    assertError(Map.of(), "unknown argument \"--verbose\"" + hint, "--verbose");
    assertError(Map.of(), "unknown argument \"token\"" + hint, "token=abc");
    assertError(Map.of(), "SANDBOX_PORT must be a port number from 0 to 65535, got \"x\"",
        "--sandbox-port=x");
  }

  @Test
  void a_local_discord_is_named_by_rest_and_gateway_urls_given_with_a_token() {
    BotConfig c = load(Map.of("DISCORD_TOKEN", TOKEN,
        "DISCORD_REST_URL", "http://127.0.0.1:4000/api/v10/",
        "DISCORD_GATEWAY_URL", "ws://127.0.0.1:4000/"));

    assertThat(c.localDiscord()).isTrue();
    assertThat(c.discordRestUrl()).isEqualTo("http://127.0.0.1:4000/api/v10/");
    assertThat(c.discordGatewayUrl()).isEqualTo("ws://127.0.0.1:4000/");
    assertThat(c.toString()).contains("http://127.0.0.1:4000/api/v10/").doesNotContain(TOKEN);

    BotConfig fromArgs = load(Map.of("DISCORD_TOKEN", TOKEN),
        "--discord-rest-url=https://discord.test/api/v10/",
        "--discord-gateway-url=wss://gateway.discord.test");
    assertThat(fromArgs.discordRestUrl()).isEqualTo("https://discord.test/api/v10/");
    assertThat(fromArgs.discordGatewayUrl()).isEqualTo("wss://gateway.discord.test");

    BotConfig discordCom = load(Map.of("DISCORD_TOKEN", TOKEN));
    assertThat(discordCom.localDiscord()).isFalse();
    assertThat(discordCom.discordRestUrl()).isNull();
    assertThat(discordCom.discordGatewayUrl()).isNull();
  }

  @Test
  void a_rest_proxy_is_named_by_the_rest_url_alone_and_the_gateway_stays_discords() {
    BotConfig proxy = load(Map.of("DISCORD_TOKEN", TOKEN,
        "DISCORD_REST_URL", "http://rest-proxy.internal:8080/api/v10/"));
    assertThat(proxy.discordRestUrl()).isEqualTo("http://rest-proxy.internal:8080/api/v10/");
    assertThat(proxy.discordGatewayUrl()).isNull();
    assertThat(proxy.localDiscord()).isTrue();

    BotConfig gatewayOnly = load(Map.of("DISCORD_TOKEN", TOKEN,
        "DISCORD_GATEWAY_URL", "wss://gateway-proxy.internal/"));
    assertThat(gatewayOnly.discordRestUrl()).isNull();
    assertThat(gatewayOnly.discordGatewayUrl()).isEqualTo("wss://gateway-proxy.internal/");
    assertError(Map.of("DISCORD_REST_URL", "http://rest-proxy.internal:8080/api/v10/"),
        "DISCORD_REST_URL and DISCORD_GATEWAY_URL need DISCORD_TOKEN or DISCORD_TOKEN_FILE"
            + " (without a token the sandbox starts its own local Discord)");
  }

  @Test
  void the_metrics_endpoint_is_off_unless_a_port_is_set_and_binds_to_localhost_by_default() {
    assertThat(load(Map.of()).metrics().enabled()).isFalse();
    BotConfig on = load(Map.of("METRICS_PORT", "9464"));
    assertThat(on.metrics().enabled()).isTrue();
    assertThat(on.metrics().port()).isEqualTo(9464);
    assertThat(on.metrics().bind()).isEqualTo("127.0.0.1");
    assertThat(on.toString()).contains("metrics=127.0.0.1:9464");
    BotConfig everywhere = load(Map.of("METRICS_PORT", "9464"), "--metrics-bind=0.0.0.0");
    assertThat(everywhere.metrics().bind()).isEqualTo("0.0.0.0");

    String portError = "METRICS_PORT must be a port number from 1 to 65535, got ";
    for (String bad : List.of("0", "65536", "x", "-1")) {
      assertError(Map.of("METRICS_PORT", bad), portError + "\"" + bad + "\"");
    }
    assertError(Map.of("METRICS_BIND", "0.0.0.0"),
        "METRICS_BIND needs METRICS_PORT (the metrics endpoint is off without a port)");
    assertError(Map.of("METRICS_PORT", "9464", "METRICS_BIND", "a b"),
        "METRICS_BIND must be an address such as 127.0.0.1 or 0.0.0.0, got \"a b\"");
  }

  @Test
  void local_discord_errors() {
    String rest = "http://127.0.0.1:4000/api/v10/";
    String ws = "ws://127.0.0.1:4000/";
    String needsToken = "DISCORD_REST_URL and DISCORD_GATEWAY_URL need DISCORD_TOKEN or"
        + " DISCORD_TOKEN_FILE (without a token the sandbox starts its own local Discord)";
    assertError(Map.of("DISCORD_REST_URL", rest, "DISCORD_GATEWAY_URL", ws), needsToken);
    assertError(Map.of("DISCORD_TOKEN", TOKEN, "DISCORD_REST_URL", rest,
        "DISCORD_GATEWAY_URL", ws), needsToken, "--sandbox");
    String restError = "DISCORD_REST_URL must be an http:// or https:// URL ending with /api/v10/,"
        + " e.g. http://127.0.0.1:8080/api/v10/, got ";
    for (String bad : List.of("http://127.0.0.1:4000/", "http://127.0.0.1:4000/api/v10",
        "ftp://host/api/v10/", "127.0.0.1:4000/api/v10/", "http://user:pw@host/api/v10/",
        "http://host/api/v10/?x=1", "http://bad host/api/v10/")) {
      assertError(Map.of("DISCORD_TOKEN", TOKEN, "DISCORD_REST_URL", bad,
          "DISCORD_GATEWAY_URL", ws), restError + "\"" + BotConfig.echo(bad) + "\"");
    }
    String wsError = "DISCORD_GATEWAY_URL must be a ws:// or wss:// URL, e.g. ws://127.0.0.1:8080/,"
        + " got ";
    for (String bad : List.of("http://127.0.0.1:4000/", "ws://", "ws://u:p@host/", "ws:// x")) {
      assertError(Map.of("DISCORD_TOKEN", TOKEN, "DISCORD_REST_URL", rest,
          "DISCORD_GATEWAY_URL", bad), wsError + "\"" + BotConfig.echo(bad) + "\"");
    }
  }

  @Test
  void startup_timeout_defaults_to_60_s_plus_6_s_per_further_shard() {
    BotConfig c = load(Map.of());

    assertThat(c.startupTimeout()).isNull();
    assertThat(c.startupTimeoutFor(1)).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.startupTimeoutFor(4)).isEqualTo(Duration.ofSeconds(78));

    BotConfig set = load(Map.of("STARTUP_TIMEOUT", "15"));
    assertThat(set.startupTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(set.startupTimeoutFor(4)).isEqualTo(Duration.ofSeconds(15));
    assertThat(load(Map.of(), "--startup-timeout=90s").startupTimeout())
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(set.withShards(ShardConfig.of(2, 1)).startupTimeout())
        .isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void startup_timeout_errors() {
    for (String bad : List.of("0", "-5", "abc", "1.5", "86401", "5m")) {
      assertThatThrownBy(() -> load(Map.of("STARTUP_TIMEOUT", bad)))
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("STARTUP_TIMEOUT must be a number of seconds from 1 to 86400,"
              + " got \"");
    }
  }

  @Test
  void effect_lease_defaults_to_the_worker_default_and_is_bounded() {
    assertThat(load(Map.of()).effectLeaseTtl()).isNull();
    assertThat(load(Map.of("EFFECT_LEASE_TTL", "3")).effectLeaseTtl())
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(load(Map.of(), "--effect-lease-ttl=120s").effectLeaseTtl())
        .isEqualTo(Duration.ofSeconds(120));
    for (String bad : List.of("1", "601", "x")) {
      assertThatThrownBy(() -> load(Map.of("EFFECT_LEASE_TTL", bad)))
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("EFFECT_LEASE_TTL must be a number of seconds from 2 to 600");
    }
  }

  @Test
  void global_rate_limit_defaults_to_discords_fifty_and_can_be_turned_off() {
    assertThat(load(Map.of()).globalRateLimitOrDefault()).isEqualTo(50);
    assertThat(load(Map.of("DISCORD_GLOBAL_RATE_LIMIT", "45")).globalRateLimitOrDefault())
        .isEqualTo(45);
    assertThat(load(Map.of(), "--discord-global-rate-limit=off").globalRateLimitOrDefault())
        .isZero();
    for (String bad : List.of("0", "-1", "10001", "fast")) {
      assertThatThrownBy(() -> load(Map.of("DISCORD_GLOBAL_RATE_LIMIT", bad)))
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("DISCORD_GLOBAL_RATE_LIMIT must be requests per second from 1"
              + " to 10000, or off, got \"");
    }
  }
}
