package dev.tiramisu.discordemu;

import dev.tiramisu.discordemu.driver.Actor;
import dev.tiramisu.discordemu.driver.GuildBuilder;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.gateway.Gateway;
import dev.tiramisu.discordemu.http.RestServer;
import dev.tiramisu.discordemu.http.Router;
import dev.tiramisu.discordemu.model.User;
import dev.tiramisu.discordemu.rest.RouteContext;
import dev.tiramisu.discordemu.rest.Routes;
import dev.tiramisu.discordemu.web.WebUi;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tiramisu.discordemu.faults.FaultInjector;
import dev.tiramisu.discordemu.faults.FaultPlan;
import dev.tiramisu.discordemu.openapi.OpenApiSpec;
import dev.tiramisu.discordemu.openapi.OpenApiValidator;
import dev.tiramisu.discordemu.ratelimit.Decision;
import dev.tiramisu.discordemu.ratelimit.RateLimitConfig;
import dev.tiramisu.discordemu.ratelimit.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A local Discord: REST API v10 under {@code http://HOST:PORT/api/v10/} and gateway v10 at {@code ws://HOST:PORT/},
 * plus the driver API tests use to build guilds and act as users.
 *
 * <pre>{@code
 * try (Emulator emu = Emulator.start(EmulatorConfig.defaults())) {
 *   TestGuild g = emu.guild("Test").textChannel("tickets").role("Staff", 0).member("alice").build();
 *   // point JDA at emu.restUrl() and emu.gatewayUrl() with emu.botToken()
 *   emu.as(g.user("alice")).slash(g.channel("general"), "ticket create", Map.of("reason", "help"));
 * }
 * }</pre>
 */
public final class Emulator implements AutoCloseable {
  private final EmulatorConfig config;
  private final EmulatorState state = new EmulatorState();
  private final RequestLog log = new RequestLog();
  private final Server server;
  private final Gateway gateway;
  private final RestServer rest;
  private final int port;
  private final Interactions interactions;

  private Emulator(EmulatorConfig config) throws Exception {
    this.config = config;
    User bot = state.createUser(config.botName(), true);
    state.botUserId = bot.id;
    state.applicationId = bot.id;
    state.botToken = config.botToken();

    QueuedThreadPool pool = new QueuedThreadPool(64, 4);
    pool.setName("emulator");
    pool.setDaemon(true);
    server = new Server(pool);
    ServerConnector connector = new ServerConnector(server, 1, 1);
    connector.setHost(config.host());
    connector.setPort(config.port());
    server.addConnector(connector);

    String[] gatewayUrl = new String[1];
    RouteContext ctx = new RouteContext() {
      @Override
      public EmulatorState state() {
        return state;
      }

      @Override
      public String gatewayUrl() {
        return gatewayUrl[0];
      }

      @Override
      public int recommendedShards() {
        return config.recommendedShards();
      }

      @Override
      public com.fasterxml.jackson.databind.node.ObjectNode sessionStartLimit() {
        return gatewayHolder[0].identifyLimiter().sessionStartLimit();
      }
    };
    Router router = Routes.all(ctx);
    rest = new RestServer(router, log, () -> state.botToken);
    WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> {
      container.setMaxTextMessageSize(16 * 1024 * 1024);
      container.setIdleTimeout(Duration.ofMinutes(10));
      container.addMapping("/", (req, resp, cb) -> {
        String query = req.getHttpURI().getQuery();
        boolean zlib = query != null && query.contains("compress=zlib-stream");
        return gatewayHolder[0].connect(zlib);
      });
    });
    // REST first; what it declines (not /api/v10) goes to the sandbox page when enableWebUi() was called
    ws.setHandler(new Handler.Sequence(rest, new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) throws Exception {
        WebUi web = webUi;
        return web != null && web.handle(request, response, callback);
      }
    }));
    server.setHandler(ws);
    server.start();
    this.port = connector.getLocalPort();
    gatewayUrl[0] = "ws://" + config.host() + ":" + port + "/";
    gateway = new Gateway(state, gatewayUrl[0], config.identifyLimits());
    gateway.setHeartbeatInterval(config.heartbeatIntervalMillis());
    heartbeatWatch = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "emulator-gateway-heartbeats");
      t.setDaemon(true);
      return t;
    });
    heartbeatWatch.scheduleWithFixedDelay(this::checkHeartbeats, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
    gatewayHolder[0] = gateway;
    state.setEvents(gateway);
    interactions = new Interactions(state, gateway);
    faults = new FaultInjector(FaultPlan.none(), config.faultSeed());
    gateway.setFaults(faults);
    rateLimiter = new RateLimiter(config.rateLimits() ? RateLimitConfig.defaults() : RateLimitConfig.disabled(),
        clock);
    rest.setGatekeeper(faults::holdAtGates);
    rest.addInterceptor(this::injectFault);
    rest.addInterceptor(this::rateLimit);
    if (config.openApiSpec() != null) {
      OpenApiValidator validator = new OpenApiValidator(OpenApiSpec.load(config.openApiSpec()));
      rest.setValidator(new RestServer.Validator() {
        @Override
        public List<RestServer.Problem> request(String method, String path, Map<String, List<String>> query,
            String contentType, byte[] body) {
          return validator.validateRequest(method, path, query, contentType, body).stream()
              .map(v -> new RestServer.Problem(v.field(), v.toString())).toList();
        }

        @Override
        public List<RestServer.Problem> response(String method, String path, int status, String contentType,
            byte[] body) {
          return validator.validateResponse(method, path, status, contentType, body).stream()
              .map(v -> new RestServer.Problem(v.field(), v.toString())).toList();
        }
      }, config.rejectInvalidRequests());
    }
  }

  private final FaultInjector faults;
  private volatile RateLimiter rateLimiter;
  private final java.util.concurrent.ScheduledExecutorService heartbeatWatch;

  private void checkHeartbeats() {
    try {
      gateway.checkHeartbeats();
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(Emulator.class).warn("heartbeat check failed", e);
    }
  }

  private RestServer.Interception injectFault(String method, String template, Map<String, String> params,
      JsonNode body) {
    return faults.onRequest(method, template).map(f -> {
      if (f.hasResponse()) {
        return new RestServer.Interception(f.latencyMillis(), f.response().status(), Json.parse(f.response().body()),
            f.response().headers());
      }
      return new RestServer.Interception(f.latencyMillis(), 0, null, Map.of());
    }).orElse(null);
  }

  private RestServer.Interception rateLimit(String method, String template, Map<String, String> params,
      JsonNode body) {
    boolean renames = false;
    if (method.equals("PATCH") && template.equals("/channels/{channel_id}") && body != null) {
      synchronized (state) {
        try {
          var c = state.channels.get(Long.parseUnsignedLong(params.get("channel_id")));
          renames = c != null && (changes(body, "name", c.name) || changes(body, "topic", c.topic));
        } catch (NumberFormatException e) {
          renames = false;
        }
      }
    }
    Decision d = rateLimiter.check(method, template, params, renames, state.botToken);
    if (d.allowed()) {
      return new RestServer.Interception(0, 0, null, d.headers());
    }
    return new RestServer.Interception(0, d.status(), Json.parse(d.body()), d.headers());
  }

  private static boolean changes(JsonNode body, String field, String current) {
    if (!body.has(field)) {
      return false;
    }
    JsonNode v = body.path(field);
    String next = v.isNull() ? null : v.asText();
    return !java.util.Objects.equals(next, current);
  }

  /**
   * The fault injector: give it a plan to inject latency, 5xx, 429 storms and gateway faults, or hold a request at
   * a {@link dev.tiramisu.discordemu.faults.Gate} ({@code faults().gate("POST /channels/{channel.id}/threads")}).
   */
  public FaultInjector faults() {
    return faults;
  }

  public RateLimiter rateLimiter() {
    return rateLimiter;
  }

  /**
   * Enforces other rate limits from now on, e.g. a lower global limit so that a test needs fewer requests to
   * saturate it; every counter starts afresh.
   */
  public void setRateLimits(RateLimitConfig limits) {
    rateLimiter = new RateLimiter(limits, clock);
  }

  private final EmulatorClock clock = new EmulatorClock();

  /**
   * The clock of the emulator's rate limits (the rename window among them): tests {@link
   * EmulatorClock#advance advance} it instead of waiting.
   */
  public EmulatorClock clock() {
    return clock;
  }

  private final Gateway[] gatewayHolder = new Gateway[1];
  private volatile WebUi webUi;

  /**
   * Serves the sandbox web page at {@code /} and its driver API at {@code /_driver/} on this emulator's port
   * (opt-in; the gateway upgrade at {@code /} and {@code /api/v10} are unaffected). Calling it again returns the
   * same instance.
   */
  public synchronized WebUi enableWebUi() {
    if (webUi == null) {
      webUi = new WebUi(this);
    }
    return webUi;
  }

  /** Starts an emulator; close it to stop. */
  public static Emulator start(EmulatorConfig config) {
    try {
      return new Emulator(config);
    } catch (Exception e) {
      throw new IllegalStateException("could not start the Discord emulator: " + e.getMessage(), e);
    }
  }

  public static Emulator start() {
    return start(EmulatorConfig.defaults());
  }

  public EmulatorConfig config() {
    return config;
  }

  public int port() {
    return port;
  }

  /** The REST base URL to give JDA's RestConfig, ending with a slash. */
  public String restUrl() {
    return "http://" + config.host() + ":" + port + "/api/v10/";
  }

  public String gatewayUrl() {
    return "ws://" + config.host() + ":" + port + "/";
  }

  public String botToken() {
    return state.botToken;
  }

  public long botUserId() {
    return state.botUserId;
  }

  public long applicationId() {
    return state.applicationId;
  }

  public EmulatorState state() {
    return state;
  }

  private volatile java.util.function.Predicate<String> interimReply = text -> false;

  /**
   * Declares which reply texts the bot under test replaces later by itself (a "still in progress" answer that the
   * bot edits into its final one): {@link dev.tiramisu.discordemu.driver.InteractionHandle#awaitReply()} waits past
   * them, so a test reads the final answer however long the bot's own bounded wait was on a loaded machine.
   */
  public void treatAsInterim(java.util.function.Predicate<String> interim) {
    interimReply = java.util.Objects.requireNonNull(interim, "interim");
  }

  /** Whether {@code text} is a reply the bot replaces later (see {@link #treatAsInterim}). */
  public boolean isInterimReply(String text) {
    return text != null && interimReply.test(text);
  }

  public RequestLog requests() {
    return log;
  }

  public Gateway gateway() {
    return gateway;
  }

  public RestServer rest() {
    return rest;
  }

  public Interactions interactions() {
    return interactions;
  }

  /** Messages of a channel or thread, oldest first, including ephemeral ones. */
  public List<MessageView> messages(long channelId) {
    synchronized (state) {
      List<MessageView> out = new java.util.ArrayList<>();
      for (long id : state.channel(channelId).messageIds) {
        var m = state.messages.get(id);
        if (m != null) {
          out.add(MessageView.of(m));
        }
      }
      return out;
    }
  }

  /** Spec violations recorded so far, one line each. */
  public List<String> specViolations() {
    return rest.violations();
  }

  /** The spec violations recorded so far, forgetting them: for a test that sends a malformed request on purpose. */
  public List<String> takeSpecViolations() {
    List<String> taken = rest.violations();
    rest.clearViolations();
    return taken;
  }

  /**
   * Sets the deadline to acknowledge an interaction, now and after every {@link #reset()} (Discord's 3 s by
   * default). For test harnesses on slow or loaded machines, where a bot that is merely slow would otherwise fail a
   * test that is not about the deadline; a test about the deadline sets
   * {@code state().interactionResponseDeadlineMillis} itself.
   */
  public void setBaseInteractionResponseDeadline(Duration deadline) {
    synchronized (state) {
      state.baseInteractionResponseDeadlineMillis = deadline.toMillis();
      state.interactionResponseDeadlineMillis = deadline.toMillis();
    }
  }

  /** Starts building a guild the bot is in. */
  public GuildBuilder guild(String name) {
    return new GuildBuilder(this, name);
  }

  /** Acts as a user: run commands, click buttons, submit modals, post messages. */
  public Actor as(long userId) {
    return new Actor(this, userId);
  }

  /**
   * Waits, without sleeping, until a condition over the state holds; re-checked after every change.
   * The condition runs holding the state's monitor: it must read the state directly, never through
   * the HTTP driver API or REST (their handlers need the same monitor, so such a condition never
   * returns).
   */
  public void await(String description, Duration timeout, BooleanSupplier condition) {
    try {
      state.await(condition, timeout, description);
    } catch (TimeoutException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  public void await(String description, BooleanSupplier condition) {
    await(description, Duration.ofSeconds(15), condition);
  }

  /**
   * Forgets all guilds, users (but the bot), messages, commands and sessions; clears the request log, the gateway's
   * identify/resume counters and session starts, and restores the limits a test may have lowered, the gateway's
   * clock and identify limits, and the bot token. Releases and forgets every request
   * gate last, so a held request is then processed against the reset state.
   */
  public void reset() {
    gateway.closeAll();
    gateway.resetCounters();
    gateway.setClock(Clock.systemUTC());
    gateway.identifyLimiter().setLimits(config.identifyLimits());
    state.reset();
    log.clear();
    rest.clearViolations();
    state.botToken = config.botToken(); // an exhausted session start limit may have reset it
    rateLimiter.reset();
    faults.replace(FaultPlan.none());
    faults.clearInjected();
    faults.releaseGates(); // last: a held request goes on against the reset state and into the cleared log
  }

  @Override
  public void close() {
    try {
      faults.releaseGates();
      heartbeatWatch.shutdownNow();
      gateway.closeAll();
      rest.shutdown();
      WebUi web = webUi;
      if (web != null) {
        web.close();
      }
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop the Discord emulator", e);
    }
  }
}
