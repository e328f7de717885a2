package dev.tiramisu.discordemu.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.DiscordException;
import dev.tiramisu.discordemu.Json;
import dev.tiramisu.discordemu.RequestLog;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST half of the emulator, a Jetty handler for {@code /api/v10/...}: authentication, routing, OpenAPI
 * validation both ways, fault injection, rate limits, Discord-shaped errors and the request log.
 */
public final class RestServer extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);
  private static final String PREFIX = "/api/v10";

  /** Checks a request or a response against the spec. */
  public interface Validator {
    List<Problem> request(String method, String path, Map<String, List<String>> query, String contentType,
        byte[] body);

    List<Problem> response(String method, String path, int status, String contentType, byte[] body);
  }

  /**
   * One violation: the field (a JSON pointer into the body, or a query parameter name) and a readable line with
   * direction, route, field and reason.
   */
  public record Problem(String field, String line) {}

  /** What the rate limiter or fault injector decided for a request before it is handled. */
  public record Interception(long delayMillis, int status, JsonNode body, Map<String, String> headers) {
    public boolean refuses() {
      return status != 0;
    }
  }

  /** Looks at a request before it is handled: fault injection, then rate limits. */
  public interface Interceptor {
    /** Returns headers to add, a delay, or a refusal. */
    Interception before(String method, String template, Map<String, String> params, JsonNode body);
  }

  private final Router router;
  private final RequestLog log;
  private final Supplier<String> botToken;
  private final List<String> violations = new ArrayList<>();
  private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "emulator-delays");
    t.setDaemon(true);
    return t;
  });
  private volatile Validator validator;
  private volatile boolean rejectInvalidRequests = true;
  private final List<Interceptor> interceptors = new java.util.concurrent.CopyOnWriteArrayList<>();

  public RestServer(Router router, RequestLog log, Supplier<String> botToken) {
    this.router = router;
    this.log = log;
    this.botToken = botToken;
  }

  public void setValidator(Validator validator, boolean rejectInvalidRequests) {
    this.validator = validator;
    this.rejectInvalidRequests = rejectInvalidRequests;
  }

  public void addInterceptor(Interceptor interceptor) {
    interceptors.add(interceptor);
  }

  /** Every route this server serves, as {@code "METHOD /template"} (the request log's route strings). */
  public List<String> routes() {
    return router.routes();
  }

  /** Spec violations seen so far (requests and responses), one line each. */
  public List<String> violations() {
    synchronized (violations) {
      return List.copyOf(violations);
    }
  }

  public void clearViolations() {
    synchronized (violations) {
      violations.clear();
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String fullPath = Request.getPathInContext(request);
    if (!fullPath.startsWith(PREFIX + "/")) {
      return false;
    }
    String method = request.getMethod();
    String path = fullPath.substring(PREFIX.length());
    Map<String, List<String>> query = query(request);
    String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    java.nio.ByteBuffer buffer = Content.Source.asByteBuffer(request);
    byte[] body = new byte[buffer.remaining()];
    buffer.get(body);
    // fully received: a gate may hold it here (before the log counts it in flight, so mark() does not wait for it)
    Gatekeeper gates = gatekeeper;
    Runnable afterProcessing = null;
    if (gates != null) {
      Optional<Router.Match> routed = router.match(method, path);
      if (routed.isPresent()) {
        afterProcessing = gates.hold(method, routed.get().route().template(), path);
      }
    }
    try {
      return serve(request, response, callback, method, path, query, contentType, body);
    } finally {
      if (afterProcessing != null) {
        afterProcessing.run();
      }
    }
  }

  /** Holds requests at gates (crash tests); see {@code faults.Gate}. */
  public interface Gatekeeper {
    /**
     * Blocks while a gate holds this request.
     *
     * @return what to run once the request was processed (state changed, log entry written), or null
     */
    Runnable hold(String method, String template, String path);
  }

  private volatile Gatekeeper gatekeeper;

  public void setGatekeeper(Gatekeeper gatekeeper) {
    this.gatekeeper = gatekeeper;
  }

  private boolean serve(Request request, Response response, Callback callback, String method, String path,
      Map<String, List<String>> query, String contentType, byte[] body) {
    long started = System.nanoTime();
    long startedMillis = System.currentTimeMillis();
    String template = path;
    boolean routed = false;
    JsonNode json = null;
    Map<String, String> headers = new LinkedHashMap<>();
    Outcome outcome;
    long delay = 0;
    log.begin(); // every path below ends in log.add
    try {
      Optional<Router.Match> match = router.match(method, path);
      if (match.isEmpty()) {
        throw router.pathExists(path)
            ? new DiscordException(405, 0, "405: Method Not Allowed")
            : new DiscordException(404, 0, "404: Not Found");
      }
      Router.Match m = match.get();
      template = m.route().template();
      routed = true;
      List<Multipart.Part> files = new ArrayList<>();
      byte[] jsonBytes = body;
      if (contentType != null && contentType.startsWith("multipart/")) {
        jsonBytes = new byte[0];
        for (Multipart.Part part : Multipart.parse(body, Multipart.boundary(contentType))) {
          if ("payload_json".equals(part.name())) {
            jsonBytes = part.data();
          } else if (part.filename() != null) {
            files.add(part);
          }
        }
      }
      if (jsonBytes.length > 0) {
        try {
          json = Json.parse(jsonBytes);
        } catch (RuntimeException e) {
          throw new DiscordException(400, 50109, "The request body contains invalid JSON.");
        }
      }
      checkAuth(request, template);
      Validator v = validator;
      if (v != null) {
        List<Problem> problems = v.request(method, path, query, "application/json", jsonBytes);
        if (!problems.isEmpty()) {
          record(problems);
          if (rejectInvalidRequests) {
            // Discord's answer to a malformed body: 50035 with an error under each offending field
            ObjectNode err = invalidFormBody(problems);
            outcome = new Outcome(400, err);
            log.add(method, template, path, query, json, 400, startedMillis, (System.nanoTime() - started) / 1000);
            write(response, callback, 400, Json.bytes(err), headers, 0);
            return true;
          }
        }
      }
      for (Interceptor interceptor : interceptors) {
        Interception i = interceptor.before(method, template, m.params(), json);
        if (i == null) {
          continue;
        }
        delay += i.delayMillis();
        if (i.headers() != null) {
          headers.putAll(i.headers());
        }
        if (i.refuses()) {
          outcome = new Outcome(i.status(), i.body());
          finish(method, path, query, template, routed, json, outcome, headers, startedMillis, started, delay, response,
              callback);
          return true;
        }
      }
      String reason = request.getHeaders().get("X-Audit-Log-Reason");
      RestResponse r = m.route().handler().handle(
          new RestRequest(method, path, template, m.params(), query, json, files, reason));
      outcome = new Outcome(r.status(), r.body());
    } catch (DiscordException e) {
      outcome = new Outcome(e.status, e.body());
    } catch (RuntimeException e) {
      LOG.error("emulator route {} {} failed", method, template, e);
      ObjectNode err = Json.object();
      err.put("code", 0);
      err.put("message", "500: Internal Server Error");
      outcome = new Outcome(500, err);
    }
    finish(method, path, query, template, routed, json, outcome, headers, startedMillis, started, delay, response,
        callback);
    return true;
  }

  private record Outcome(int status, JsonNode body) {}

  private void finish(String method, String path, Map<String, List<String>> query, String template, boolean routed,
      JsonNode json,
      Outcome outcome,
      Map<String, String> headers, long startedMillis, long started, long delay, Response response,
      Callback callback) {
    byte[] out = outcome.body() == null ? new byte[0] : Json.bytes(outcome.body());
    Validator v = validator;
    // every response of a served route is checked, errors included (404 Unknown Channel, 403, 401...); only the
    // 404/405 for a path the emulator does not serve has no operation in the spec to check against
    if (v != null && routed) {
      record(v.response(method, path, outcome.status(), "application/json", out));
    }
    log.add(method, template, path, query, json, outcome.status(), startedMillis, (System.nanoTime() - started) / 1000);
    write(response, callback, outcome.status(), out, headers, delay);
  }

  private void write(Response response, Callback callback, int status, byte[] out, Map<String, String> headers,
      long delay) {
    Runnable write = () -> {
      response.setStatus(status);
      headers.forEach((k, val) -> response.getHeaders().put(k, val));
      if (out.length > 0) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, java.nio.ByteBuffer.wrap(out), callback);
      } else {
        response.write(true, null, callback);
      }
    };
    if (delay > 0) {
      delays.schedule(write, delay, TimeUnit.MILLISECONDS);
    } else {
      write.run();
    }
  }

  private void record(List<Problem> problems) {
    if (problems.isEmpty()) {
      return;
    }
    synchronized (violations) {
      problems.forEach(p -> violations.add(p.line()));
    }
    problems.forEach(p -> LOG.warn("OpenAPI violation: {}", p.line()));
  }

  /** {@code {"code": 50035, "message": "Invalid Form Body", "errors": {field: {"_errors": [...]}}}}. */
  static ObjectNode invalidFormBody(List<Problem> problems) {
    ObjectNode err = Json.object();
    err.put("code", 50035);
    err.put("message", "Invalid Form Body");
    ObjectNode errors = err.putObject("errors");
    for (Problem p : problems) {
      ObjectNode cursor = errors;
      String field = p.field() == null || p.field().isEmpty() || p.field().equals("/") ? "_root" : p.field();
      for (String part : field.replaceFirst("^/", "").split("/")) {
        cursor = cursor.with(part.isEmpty() ? "_root" : part);
      }
      ObjectNode e = cursor.withArray("_errors").addObject();
      e.put("code", "SPEC_VIOLATION");
      e.put("message", p.line());
    }
    return err;
  }

  private void checkAuth(Request request, String template) {
    if (template.startsWith("/interactions/") || template.startsWith("/webhooks/{application_id}/{interaction_token}")) {
      return; // interaction tokens authenticate these routes
    }
    String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (auth == null || !auth.equals("Bot " + botToken.get())) {
      throw new DiscordException(401, 0, "401: Unauthorized");
    }
  }

  private static Map<String, List<String>> query(Request request) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    Fields fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
    for (Fields.Field f : fields) {
      out.put(f.getName(), f.getValues());
    }
    return out;
  }

  public void shutdown() {
    delays.shutdownNow();
  }
}
