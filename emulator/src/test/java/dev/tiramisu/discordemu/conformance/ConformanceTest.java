package dev.tiramisu.discordemu.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.EmulatorConfig;
import dev.tiramisu.discordemu.RequestLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of every conformance test: one emulator per test class, reset before each test, and real JDA clients
 * that are shut down after each test. After each test it also fails on any ERROR JDA logged (JDA logs and drops
 * payloads it cannot parse); a test that provokes one on purpose declares it with {@link #expectJdaError}.
 *
 * <p>Extension points for the suites that join later (rate limits, OpenAPI validation, fault injection): override
 * {@link #config()} to start the emulator differently, and {@link #checkAfterEach()} to add checks after every test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConformanceTest {
  /** Intents most tests use: guild messages with content, members, DMs. */
  static final EnumSet<GatewayIntent> DEFAULT_INTENTS = EnumSet.of(GatewayIntent.GUILD_MESSAGES,
      GatewayIntent.GUILD_MEMBERS, GatewayIntent.DIRECT_MESSAGES, GatewayIntent.MESSAGE_CONTENT);

  protected Emulator emu;
  private RawDiscord raw;
  private JdaErrorLog jdaErrors;
  private final List<JDA> clients = new ArrayList<>();

  /** The emulator's configuration for this class; override to change it. */
  protected EmulatorConfig config() {
    return EmulatorConfig.defaults();
  }

  @BeforeAll
  final void startEmulator() {
    EmulatorConfig config = config();
    assertThat(config.openApiSpec()).as("the OpenAPI spec every conformance test validates against (searched "
        + "from -Dtickets.shared.dir, ../shared, ../../shared)").isNotNull();
    emu = Emulator.start(config);
    // a slow, loaded machine must not fail a test that is not about the 3 s deadline (InteractionsTest sets its own)
    emu.setBaseInteractionResponseDeadline(Duration.ofSeconds(30));
    raw = new RawDiscord(emu.restUrl(), emu.botToken());
  }

  @AfterAll
  final void stopEmulator() {
    if (emu != null) {
      emu.close();
    }
  }

  private static final java.util.concurrent.atomic.AtomicLong TESTS = new java.util.concurrent.atomic.AtomicLong();
  /** This test's name in the MDC of its JDA clients' threads: JdaErrorLog counts only their ERRORs. */
  private String testId;

  @BeforeEach
  final void resetEmulator() {
    emu.reset();
    testId = getClass().getSimpleName() + "#" + TESTS.incrementAndGet();
    jdaErrors = new JdaErrorLog(testId);
    jdaErrors.attach();
  }

  /**
   * A fresh JDA context map that tags a client's log events with this test ({@link JdaErrorLog#TEST_KEY}). Every
   * client a test builds must get one (the builders of this class do), so that a client of an earlier test still
   * logging while it shuts down is not counted against this one.
   */
  protected java.util.concurrent.ConcurrentMap<String, String> jdaContext() {
    java.util.concurrent.ConcurrentMap<String, String> map = new java.util.concurrent.ConcurrentHashMap<>();
    map.put(JdaErrorLog.TEST_KEY, testId);
    return map;
  }

  private final List<Runnable> stopLater = new java.util.ArrayList<>();

  /**
   * Stops something (a ShardManager, say) after the test, once JDA's errors were read: JDA logs at ERROR when a
   * shutdown races its own packet scheduling ("unable to schedule next packet"), which says nothing about the
   * emulator.
   */
  protected void stopAfterTest(Runnable stop) {
    stopLater.add(stop);
  }

  @AfterEach
  final void stopClients() throws InterruptedException {
    // read JDA's errors before the shutdown, which interrupts requests still in flight and logs that
    List<String> errorsDuringTest = jdaErrors.unexpected();
    jdaErrors.detach();
    try {
      for (Runnable stop : stopLater) {
        stop.run();
      }
      for (JDA jda : clients) {
        jda.shutdownNow();
      }
      for (JDA jda : clients) {
        // fully stopped before the next test starts; a client that does not stop is a failure, not a leak
        assertThat(jda.awaitShutdown(Duration.ofSeconds(60))).as("JDA shut down").isTrue();
      }
    } finally {
      clients.clear();
      stopLater.clear();
    }
    assertThat(errorsDuringTest).as("ERRORs logged by JDA during the test").isEmpty();
    checkAfterEach();
  }

  /**
   * Runs after each test once its clients are stopped. Today: no OpenAPI violation was recorded, which checks
   * nothing until the emulator installs its validator; the lead's rate-limit and validator suites may add more.
   */
  protected void checkAfterEach() {
    assertThat(emu.specViolations()).as("OpenAPI violations recorded by the emulator").isEmpty();
  }

  /** Declares a JDA ERROR log line this test provokes on purpose (regular expression). */
  protected void expectJdaError(String regex) {
    jdaErrors.expect(regex);
  }

  /** A JDA builder pointed at the emulator (REST base URL and gateway URL), not yet built. */
  protected JDABuilder builder(EnumSet<GatewayIntent> intents) {
    return JDABuilder.createLight(emu.botToken(), intents)
        .setRestConfig(new RestConfig().setBaseUrl(emu.restUrl()))
        .setSessionController(new EmulatorSessionController(emu.gatewayUrl()))
        .setContextEnabled(true)
        .setContextMap(jdaContext());
  }

  /** Starts a JDA with the default intents and waits until it is ready. */
  protected JDA jda(Object... listeners) {
    return jda(DEFAULT_INTENTS, b -> { }, listeners);
  }

  protected JDA jda(EnumSet<GatewayIntent> intents, Consumer<JDABuilder> customize, Object... listeners) {
    JDABuilder b = builder(intents).addEventListeners(listeners);
    customize.accept(b);
    JDA jda = b.build();
    clients.add(jda);
    try {
      jda.awaitReady();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return jda;
  }

  /** Registers a client built elsewhere (e.g. by a shard manager) for shutdown after the test. */
  protected void track(JDA jda) {
    clients.add(jda);
  }

  /** Route strings ("METHOD /template") of the requests since {@code mark}, in order. */
  protected List<String> routesSince(int mark) {
    return emu.requests().since(mark).stream().map(RequestLog.Entry::route).toList();
  }

  /** Requests since {@code mark} to one route ("METHOD /template"). */
  protected List<RequestLog.Entry> since(int mark, String route) {
    return emu.requests().since(mark).stream().filter(e -> e.route().equals(route)).toList();
  }

  /**
   * Waits until the log holds at least {@code n} requests to a route and returns them all. Needed after waiting on
   * the emulator's state (e.g. {@code awaitReply()}): a request changes the state before its log entry is written.
   */
  protected List<RequestLog.Entry> awaitRequests(String route, int n) {
    emu.await(n + " request(s) to " + route, () -> emu.requests().route(route).size() >= n);
    return emu.requests().route(route);
  }

  /** A raw HTTP client carrying the bot token, for requests JDA would refuse to send. */
  protected RawDiscord raw() {
    return raw;
  }
}
