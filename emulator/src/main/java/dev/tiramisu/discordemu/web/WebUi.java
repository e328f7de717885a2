package dev.tiramisu.discordemu.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.DiscordException;
import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.Json;
import dev.tiramisu.discordemu.driver.Actor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox web page and its driver API, served by the emulator on its own port: the page at {@code /} (static
 * files from {@code sandbox/} on the classpath) and JSON under {@code /_driver/}. The page acts as one user at a
 * time through {@link Actor}, so it can do only what the Discord client would let that user do; it never talks to
 * the bot. Enable it with {@link Emulator#enableWebUi()}.
 *
 * <p>Routes (ids are snowflake strings; errors are {@code {"message", "kind"}} with a 4xx/5xx status):
 *
 * <pre>
 * GET  /_driver/users                                  users, the bot flagged; version; resettable
 * GET  /_driver/users/{u}/sidebar                      guilds with visible channels and threads, members, roles; DMs
 * GET  /_driver/users/{u}/channels/{c}/messages        messages as u sees them, and names for their mentions
 * GET  /_driver/users/{u}/channels/{c}/commands        slash commands offered to u there, with options
 * POST /_driver/users/{u}/channels/{c}/slash           {"command": "ticket create", "options": {"reason": "x"}}
 * POST /_driver/users/{u}/channels/{c}/messages        {"content": "hello"}
 * POST /_driver/users/{u}/messages/{m}/click           {"customId": "close"}
 * POST /_driver/users/{u}/messages/{m}/select          {"customId": "menu", "values": ["a"]}
 * GET  /_driver/users/{u}/modals                       modals opened for u, waiting for an answer
 * GET  /_driver/users/{u}/messages/{m}/attachments/{i} the i-th file of a message u can see ({@link AttachmentFiles})
 * POST /_driver/users/{u}/modals/{i}/submit            {"values": {"reason": "x", "category": ["billing"]}}
 * POST /_driver/users/{u}/modals/{i}/dismiss
 * POST /_driver/reset                                  runs the host's reset hook (501 without one)
 * GET  /_driver/events                                 text/event-stream: "changed" after every change
 * </pre>
 *
 * <p>For tests in any language ({@link HarnessApi}): {@code /_driver/info}, {@code /_driver/guilds},
 * {@code /_driver/requests}, {@code /_driver/interactions/{i}}, {@code /_driver/violations}.
 *
 * Actions answer once the application has answered the interaction: {@code {interactionId, responseType, modal?}}.
 * Requests must name a loopback host, POSTs must be JSON and come from the page's own origin.
 */
public final class WebUi extends Handler.Abstract implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebUi.class);
  private static final String PREFIX = "/_driver";
  private static final int MAX_BODY = 64 * 1024;
  /** Set on a request once its body has been read, so an error after that may keep the connection open. */
  private static final String BODY_READ = WebUi.class.getName() + ".bodyRead";
  private static final Map<String, String> ASSETS = Map.of(
      "/", "index.html",
      "/index.html", "index.html",
      "/app.js", "app.js",
      "/markdown.js", "markdown.js",
      "/app.css", "app.css",
      "/favicon.svg", "favicon.svg");
  private static final Pattern USER_ROUTE = Pattern.compile("/users/(\\d{1,20})(/.*)?");
  private static final Pattern CHANNEL_ROUTE = Pattern.compile("/channels/(\\d{1,20})/(messages|commands|slash)");
  private static final Pattern MESSAGE_ROUTE = Pattern.compile("/messages/(\\d{1,20})/(click|select)");
  private static final Pattern ATTACHMENT_ROUTE =
      Pattern.compile("/users/(\\d{1,20})/messages/(\\d{1,20})/attachments/(\\d{1,3})");
  private static final Pattern MODAL_ROUTE = Pattern.compile("/modals/(\\d{1,20})/(submit|dismiss)");

  private final Emulator emu;
  private final DriverApi api;
  private final HarnessApi harness;
  private final ModalForms forms;
  private final EventStream events;
  private final AttachmentFiles files;

  public WebUi(Emulator emu) {
    this.emu = emu;
    this.api = new DriverApi(emu);
    this.harness = new HarnessApi(emu);
    this.forms = new ModalForms(emu, api);
    this.events = new EventStream(emu.state());
    this.files = new AttachmentFiles(emu.state());
  }

  /**
   * What the page's Reset button does, e.g. the bot host clearing the sandbox database and seeding the demo guild
   * again. Without a hook the button is hidden and {@code POST /_driver/reset} answers 501.
   */
  public WebUi onReset(Runnable hook) {
    api.onReset(hook);
    return this;
  }

  /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
  public String url() {
    return "http://" + emu.config().host() + ":" + emu.port() + "/";
  }

  /** How many pages are listening for live updates. */
  public int liveConnections() {
    return events.subscriberCount();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    String asset = ASSETS.get(path);
    if (asset == null && !path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
      return false;
    }
    try {
      checkOrigin(request);
      if (asset != null) {
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
          throw new HttpError(405, "method_not_allowed", "only GET here");
        }
        serveAsset(asset, response, callback);
        return true;
      }
      String route = path.substring(PREFIX.length());
      if (route.equals("/events")) {
        requireMethod(request, "GET");
        events.subscribe(response, callback);
        return true;
      }
      Matcher file = ATTACHMENT_ROUTE.matcher(route);
      if (file.matches()) {
        requireMethod(request, "GET");
        AttachmentFiles.write(files.find(id(file.group(1)), id(file.group(2)), Integer.parseInt(file.group(3))),
            response, callback);
        return true;
      }
      ObjectNode out = route(request, route);
      writeJson(response, callback, 200, out);
    } catch (HttpError e) {
      writeError(request, response, callback, e.status, error(e.kind, e.getMessage()));
    } catch (Actor.NotAllowedInClient e) {
      writeError(request, response, callback, 403, error("not_allowed", e.getMessage()));
    } catch (DiscordException e) {
      writeError(request, response, callback, e.status >= 400 && e.status < 500 ? e.status : 502,
          error("discord", e.getMessage()));
    } catch (RuntimeException | IOException e) {
      LOG.error("sandbox driver request {} {} failed", request.getMethod(), path, e);
      writeError(request, response, callback, 500, error("internal", "the emulator failed: " + e));
    }
    return true;
  }

  private ObjectNode route(Request request, String route) throws IOException {
    String method = request.getMethod();
    if (route.equals("/users")) {
      requireMethod(request, "GET");
      return api.users();
    }
    if (route.equals("/reset")) {
      requireMethod(request, "POST");
      readBody(request);
      return api.reset();
    }
    if (HarnessApi.handles(route)) {
      return harness.route(method, route, query(request), () -> {
        try {
          return readBody(request);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    }
    Matcher user = USER_ROUTE.matcher(route);
    if (!user.matches() || user.group(2) == null) {
      throw HttpError.notFound("no driver route " + route);
    }
    long userId = id(user.group(1));
    String rest = user.group(2);
    if (rest.equals("/sidebar")) {
      requireMethod(request, "GET");
      return api.sidebar(userId);
    }
    if (rest.equals("/modals")) {
      requireMethod(request, "GET");
      return api.modals(userId);
    }
    Matcher channel = CHANNEL_ROUTE.matcher(rest);
    if (channel.matches()) {
      long channelId = id(channel.group(1));
      switch (channel.group(2)) {
        case "messages" -> {
          if (method.equals("GET")) {
            return api.messages(userId, channelId);
          }
          requireMethod(request, "POST");
          return api.post(userId, channelId, readBody(request));
        }
        case "commands" -> {
          requireMethod(request, "GET");
          return api.commands(userId, channelId);
        }
        default -> {
          requireMethod(request, "POST");
          return api.slash(userId, channelId, readBody(request));
        }
      }
    }
    Matcher message = MESSAGE_ROUTE.matcher(rest);
    if (message.matches()) {
      requireMethod(request, "POST");
      long messageId = id(message.group(1));
      JsonNode body = readBody(request);
      return message.group(2).equals("click") ? api.click(userId, messageId, body)
          : api.select(userId, messageId, body);
    }
    Matcher modal = MODAL_ROUTE.matcher(rest);
    if (modal.matches()) {
      requireMethod(request, "POST");
      long openerId = id(modal.group(1));
      JsonNode body = readBody(request);
      return modal.group(2).equals("submit") ? forms.submit(userId, openerId, body)
          : api.dismissModal(userId, openerId);
    }
    throw HttpError.notFound("no driver route " + route);
  }

  /** The query parameters, decoded; the first value of each. */
  private static Map<String, String> query(Request request) {
    String raw = request.getHttpURI().getQuery();
    Map<String, String> out = new java.util.LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        out.putIfAbsent(java.net.URLDecoder.decode(k, java.nio.charset.StandardCharsets.UTF_8),
            java.net.URLDecoder.decode(v, java.nio.charset.StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw HttpError.badRequest("the query string is not valid URL encoding");
      }
    }
    return out;
  }

  private static long id(String digits) {
    try {
      return Long.parseUnsignedLong(digits);
    } catch (NumberFormatException e) {
      throw HttpError.badRequest(digits + " is not a snowflake");
    }
  }

  private static void requireMethod(Request request, String method) {
    if (!request.getMethod().equals(method)) {
      throw new HttpError(405, "method_not_allowed", "use " + method + " here");
    }
  }

  /**
   * Only loopback host names (no DNS rebinding), and a state-changing request only from the page's own origin and
   * as JSON (a cross-site form cannot send it without a preflight this server never grants).
   */
  private static void checkOrigin(Request request) {
    String host = request.getHeaders().get(HttpHeader.HOST);
    String hostName = host == null ? "" : host.replaceFirst(":\\d+$", "");
    if (!hostName.equals("127.0.0.1") && !hostName.equals("localhost") && !hostName.equals("[::1]")) {
      throw HttpError.forbidden("the sandbox answers only on a loopback address");
    }
    String origin = request.getHeaders().get(HttpHeader.ORIGIN);
    if (origin != null && !origin.equals("http://" + host)) {
      throw HttpError.forbidden("cross-origin requests are refused");
    }
    if (request.getMethod().equals("POST")) {
      String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
      if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
        throw new HttpError(415, "unsupported_media_type", "send JSON (Content-Type: application/json)");
      }
    }
  }

  private static JsonNode readBody(Request request) throws IOException {
    long declared = request.getLength();
    if (declared <= MAX_BODY) {
      request.setAttribute(BODY_READ, Boolean.TRUE);
    }
    if (declared > MAX_BODY) {
      throw new HttpError(413, "too_large", "the request body is larger than " + MAX_BODY + " bytes");
    }
    ByteBuffer buffer = Content.Source.asByteBuffer(request);
    if (buffer.remaining() > MAX_BODY) {
      throw new HttpError(413, "too_large", "the request body is larger than " + MAX_BODY + " bytes");
    }
    if (!buffer.hasRemaining()) {
      return Json.object();
    }
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    JsonNode body;
    try {
      body = Json.parse(bytes);
    } catch (RuntimeException e) {
      throw HttpError.badRequest("the body is not valid JSON");
    }
    if (body == null || !body.isObject()) {
      throw HttpError.badRequest("the body must be a JSON object");
    }
    return body;
  }

  private static ObjectNode error(String kind, String message) {
    ObjectNode o = Json.object();
    o.put("kind", kind);
    o.put("message", message);
    return o;
  }

  private void serveAsset(String name, Response response, Callback callback) throws IOException {
    byte[] bytes;
    try (InputStream in = WebUi.class.getClassLoader().getResourceAsStream("sandbox/" + name)) {
      if (in == null) {
        throw HttpError.notFound("missing sandbox asset " + name);
      }
      bytes = in.readAllBytes();
    }
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType(name));
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.getHeaders().put("Referrer-Policy", "no-referrer");
    response.getHeaders().put("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; "
        + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }

  private static String contentType(String name) {
    if (name.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (name.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    return "image/svg+xml";
  }

  /**
   * An error answered before the request's body was read ends the connection and says so with
   * {@code Connection: close}. Jetty cannot reuse a connection whose unread body has not arrived yet and drops it
   * after the response; without the header a client would send its next request into that closing socket.
   */
  private static void writeError(Request request, Response response, Callback callback, int status,
      ObjectNode body) {
    boolean hasBody = request.getLength() != 0 && !request.getMethod().equals("GET")
        && !request.getMethod().equals("HEAD");
    if (hasBody && request.getAttribute(BODY_READ) == null) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
    writeJson(response, callback, status, body);
  }

  private static void writeJson(Response response, Callback callback, int status, ObjectNode body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.write(true, ByteBuffer.wrap(Json.bytes(body)), callback);
  }

  /** Ends the live-update streams and their thread; the emulator calls it when it closes. */
  @Override
  public void close() {
    events.close();
  }
}
