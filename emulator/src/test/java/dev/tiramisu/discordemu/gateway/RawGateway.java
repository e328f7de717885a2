package dev.tiramisu.discordemu.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A gateway client at the protocol level, plain JSON frames over {@code java.net.http}: what a bot in another
 * language does. Every wait is bounded (10 s) and woken by the frame or close it waits for.
 */
public final class RawGateway implements AutoCloseable {
  private static final long WAIT_SECONDS = 10;
  private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final WebSocket ws;
  private volatile int lastSeq = -1;

  private RawGateway(String url) throws Exception {
    StringBuilder partial = new StringBuilder();
    ws = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create(url + (url.contains("?") ? "&" : "?") + "v=10&encoding=json"), new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
              JsonNode f = Json.parse(partial.toString());
              partial.setLength(0);
              if (f.path("s").isInt()) {
                lastSeq = f.path("s").asInt();
              }
              frames.add(f);
            }
            w.request(1);
            return null;
          }

          @Override
          public CompletionStage<?> onClose(WebSocket w, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
          }

          @Override
          public void onError(WebSocket w, Throwable error) {
            closed.complete(-1);
          }
        }).get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** Connects and waits for HELLO. */
  public static RawGateway connect(String gatewayUrl) throws Exception {
    RawGateway g = new RawGateway(gatewayUrl);
    g.next(f -> f.path("op").asInt() == 10);
    return g;
  }

  /** The next frame matching {@code match}, skipping others; fails after 10 s without one. */
  public JsonNode next(Predicate<JsonNode> match) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (true) {
      long left = deadline - System.nanoTime();
      JsonNode f = left <= 0 ? null : frames.poll(left, TimeUnit.NANOSECONDS);
      if (f == null) {
        throw new AssertionError("no matching gateway frame within " + WAIT_SECONDS + " s");
      }
      if (match.test(f)) {
        return f;
      }
    }
  }

  /** The data of the next dispatch of {@code type}. */
  public JsonNode dispatch(String type) throws InterruptedException {
    return next(f -> f.path("op").asInt() == 0 && type.equals(f.path("t").asText())).path("d");
  }

  /** The next frame that is READY (returned as the whole frame) or op 9 INVALID_SESSION. */
  public JsonNode readyOrInvalidSession() throws InterruptedException {
    return next(f -> f.path("op").asInt() == 9 || "READY".equals(f.path("t").asText()));
  }

  public void send(int op, JsonNode d) throws Exception {
    ObjectNode payload = Json.object();
    payload.put("op", op);
    payload.set("d", d);
    ws.sendText(Json.write(payload), true).get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  public void identify(String token, int intents, int shardId, int shardCount) throws Exception {
    ObjectNode d = Json.object();
    d.put("token", token);
    d.put("intents", intents);
    d.putArray("shard").add(shardId).add(shardCount);
    ObjectNode props = d.putObject("properties");
    props.put("os", "linux");
    props.put("browser", "raw");
    props.put("device", "raw");
    send(2, d);
  }

  public void resume(String token, String sessionId, int seq) throws Exception {
    ObjectNode d = Json.object();
    d.put("token", token);
    d.put("session_id", sessionId);
    d.put("seq", seq);
    send(6, d);
  }

  /** Sends a heartbeat with the last sequence number and waits for its ACK. */
  public void heartbeat() throws Exception {
    send(1, lastSeq < 0 ? null : Json.MAPPER.getNodeFactory().numberNode(lastSeq));
    next(f -> f.path("op").asInt() == 11);
  }

  public int lastSeq() {
    return lastSeq;
  }

  /** The close code the server sent; fails after 10 s without a close. */
  public int awaitClose() throws InterruptedException, ExecutionException {
    try {
      return closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("the gateway did not close the connection within " + WAIT_SECONDS + " s");
    }
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  @Override
  public void close() {
    ws.abort();
  }
}
