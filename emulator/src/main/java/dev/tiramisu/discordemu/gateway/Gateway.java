package dev.tiramisu.discordemu.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.EmulatorState;
import dev.tiramisu.discordemu.GatewayEvents;
import dev.tiramisu.discordemu.Intents;
import dev.tiramisu.discordemu.MessageContent;
import dev.tiramisu.discordemu.Json;
import dev.tiramisu.discordemu.faults.FaultInjector;
import dev.tiramisu.discordemu.faults.GatewayFault;
import dev.tiramisu.discordemu.model.Guild;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gateway v10: HELLO, IDENTIFY, READY and GUILD_CREATE, heartbeats, RESUME with replay of missed events,
 * RECONNECT, INVALID_SESSION, zlib-stream compression, intents, and sharding by {@code (guild_id >> 22) %
 * shard_count}. Sessions outlive their connections so a client can resume.
 *
 * <p>Time-based rules run on {@link #setClock a clock} a test can move: a connection that sends no heartbeat
 * for {@link #heartbeatTimeoutMillis()} is closed with 4009 (its session stays resumable), and IDENTIFY is
 * limited as {@link IdentifyLimits} describes.
 */
public final class Gateway implements GatewayEvents {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
  private static final int REPLAY_BUFFER = 20_000;

  /** Gateway opcodes. */
  static final int DISPATCH = 0;
  static final int HEARTBEAT = 1;
  static final int IDENTIFY = 2;
  static final int PRESENCE_UPDATE = 3;
  static final int RESUME = 6;
  static final int RECONNECT = 7;
  static final int REQUEST_GUILD_MEMBERS = 8;
  static final int INVALID_SESSION = 9;
  static final int HELLO = 10;
  static final int HEARTBEAT_ACK = 11;

  private final EmulatorState state;
  private final String url;
  private final Map<String, GatewaySession> sessions = new LinkedHashMap<>();
  private final List<Connection> connections = new CopyOnWriteArrayList<>();
  private final AtomicInteger refuseNext = new AtomicInteger();
  private volatile int heartbeatIntervalMillis = 41_250;
  private final AtomicInteger identifies = new AtomicInteger();
  private final AtomicInteger resumes = new AtomicInteger();
  private final AtomicInteger heartbeatTimeouts = new AtomicInteger();
  private final AtomicInteger heartbeats = new AtomicInteger();
  private final AtomicInteger tokenResets = new AtomicInteger();
  private final IdentifyLimiter identifyLimiter;
  private volatile Clock clock = Clock.systemUTC();

  public Gateway(EmulatorState state, String url) {
    this(state, url, IdentifyLimits.unenforced());
  }

  public Gateway(EmulatorState state, String url, IdentifyLimits limits) {
    this.state = state;
    this.url = url;
    this.identifyLimiter = new IdentifyLimiter(limits, clock);
  }

  /**
   * The clock of heartbeat timeouts and identify limits (wall time by default). Connections count their
   * heartbeat silence from the moment the clock is set, so a test can put a clock it moves here at any time.
   */
  public void setClock(Clock clock) {
    this.clock = clock;
    identifyLimiter.setClock(clock);
    long now = clock.millis();
    for (Connection c : connections) {
      c.lastHeartbeatMillis = now;
    }
  }

  public Clock clock() {
    return clock;
  }

  /** The session start limits: {@code GET /gateway/bot} reports them, IDENTIFY obeys them. */
  public IdentifyLimiter identifyLimiter() {
    return identifyLimiter;
  }

  /**
   * How long a connection may stay without a heartbeat before it is closed: the heartbeat interval and half of it
   * again as grace (Discord documents that a late heartbeat closes the connection, not by how much; the client's
   * first heartbeat is due within one interval of HELLO, the next ones every interval).
   */
  public long heartbeatTimeoutMillis() {
    return heartbeatIntervalMillis + heartbeatIntervalMillis / 2L;
  }

  /**
   * Closes every connection whose last heartbeat (or HELLO) is older than {@link #heartbeatTimeoutMillis()} on the
   * gateway's clock, with 4009 "Session timed out."; the session is kept, so the client can RESUME as Discord's
   * docs say. The emulator runs this every second; a test that moved the clock may call it to act at once.
   *
   * @return how many connections were closed
   */
  public int checkHeartbeats() {
    long now = clock.millis();
    long timeout = heartbeatTimeoutMillis();
    int closed = 0;
    for (Connection c : connections) {
      if (!c.timedOut && now - c.lastHeartbeatMillis > timeout) {
        c.timedOut = true;
        closed++;
        heartbeatTimeouts.incrementAndGet();
        LOG.info("gateway connection closed: no heartbeat for {} ms (shard {})", now - c.lastHeartbeatMillis,
            c.session == null ? "-" : c.session.shardId);
        c.ws.close(4009, "Session timed out.", Callback.NOOP);
      }
    }
    return closed;
  }

  /** Heartbeats (op 1) received since the last reset. */
  public int heartbeatCount() {
    return heartbeats.get();
  }

  /** Connections closed for a missing heartbeat since the last reset. */
  public int heartbeatTimeoutCount() {
    return heartbeatTimeouts.get();
  }

  /** How often the session start limit was exhausted, resetting the bot's token, since the last reset. */
  public int tokenResetCount() {
    return tokenResets.get();
  }

  private volatile FaultInjector faults = FaultInjector.none();

  public void setFaults(FaultInjector faults) {
    this.faults = faults;
  }

  public void setHeartbeatInterval(int millis) {
    this.heartbeatIntervalMillis = millis;
  }

  /** A new websocket connection; {@code compress} when the client asked for zlib-stream. */
  public Session.Listener connect(boolean compress) {
    return new Connection(compress);
  }

  // ------------------------------------------------------------------ dispatch

  @Override
  public void dispatch(String type, ObjectNode data, Long guildId, int intent, boolean messageContent) {
    List<GatewaySession> targets;
    synchronized (sessions) {
      targets = new ArrayList<>(sessions.values());
    }
    for (GatewaySession s : targets) {
      if (!s.valid || !s.owns(guildId)) {
        continue;
      }
      if (intent != 0 && (s.intents & intent) == 0) {
        continue;
      }
      ObjectNode d = data;
      if (messageContent && (s.intents & Intents.MESSAGE_CONTENT) == 0) {
        d = data.deepCopy();
        MessageContent.blank(d);
      }
      s.send(type, d);
    }
  }

  // ------------------------------------------------------------------ test controls

  /** Drops every connection abruptly (as a network failure would); clients may resume. */
  public void dropConnections() {
    for (Connection c : connections) {
      c.ws.disconnect();
    }
  }

  /** Closes every connection with a close code, e.g. 4000 (resumable) or 4004 (authentication failed). */
  public void closeConnections(int code, String reason) {
    for (Connection c : connections) {
      c.ws.close(code, reason, Callback.NOOP);
    }
  }

  /** Sends op 7 RECONNECT to every connection: the client should reconnect and resume. */
  public void requestReconnect() {
    for (Connection c : connections) {
      c.sendOp(RECONNECT, null);
    }
  }

  /** Sends op 9 INVALID_SESSION to every connection; when not resumable the sessions are forgotten. */
  public void invalidateSessions(boolean resumable) {
    for (Connection c : connections) {
      c.invalidate(resumable);
    }
  }

  /** Refuses the next {@code n} connection attempts (the socket is closed right after the upgrade). */
  public void refuseNextConnections(int n) {
    refuseNext.set(n);
  }

  public int connectionCount() {
    return connections.size();
  }

  /** How many live connections use zlib-stream transport compression (the rest send plain JSON text frames). */
  public int compressedConnectionCount() {
    int n = 0;
    for (Connection c : connections) {
      n += c.compress ? 1 : 0;
    }
    return n;
  }

  public int identifyCount() {
    return identifies.get();
  }

  public int resumeCount() {
    return resumes.get();
  }

  /** Ids of the shards with a live, identified connection. */
  public List<Integer> connectedShards() {
    List<Integer> out = new ArrayList<>();
    for (Connection c : connections) {
      if (c.session != null && c.session.valid) {
        out.add(c.session.shardId);
      }
    }
    return out;
  }

  /** Zeroes the identify and resume counters and forgets pending connection refusals (emulator reset). */
  public void resetCounters() {
    identifies.set(0);
    resumes.set(0);
    refuseNext.set(0);
    heartbeatTimeouts.set(0);
    heartbeats.set(0);
    tokenResets.set(0);
    identifyLimiter.reset();
  }

  /** Forgets every session and closes every connection (emulator reset or stop). */
  public void closeAll() {
    synchronized (sessions) {
      sessions.values().forEach(s -> s.valid = false);
      sessions.clear();
    }
    for (Connection c : connections) {
      c.ws.close(1001, "emulator stopping", Callback.NOOP);
    }
  }

  // ------------------------------------------------------------------ sessions

  /** A gateway session: identity, shard, intents, sequence and the events it was sent, for RESUME. */
  final class GatewaySession {
    final String id = UUID.randomUUID().toString().replace("-", "");
    final int shardId;
    final int shardCount;
    final int intents;
    volatile boolean valid = true;
    private int seq;
    private final Deque<Sent> sent = new ArrayDeque<>();
    private Connection connection;

    GatewaySession(int shardId, int shardCount, int intents) {
      this.shardId = shardId;
      this.shardCount = shardCount;
      this.intents = intents;
    }

    boolean owns(Long guildId) {
      long g = guildId == null ? 0 : guildId;
      return (int) ((g >>> 22) % shardCount) == shardId;
    }

    synchronized void send(String type, JsonNode d) {
      seq++;
      ObjectNode payload = Json.object();
      payload.put("op", DISPATCH);
      payload.put("t", type);
      payload.put("s", seq);
      payload.set("d", d);
      String text = Json.write(payload);
      sent.addLast(new Sent(seq, text));
      while (sent.size() > REPLAY_BUFFER) {
        sent.removeFirst();
      }
      if (connection == null) {
        return;
      }
      // a fault is acted out instead of sending; the event stays in the buffer for a RESUME to replay
      Optional<GatewayFault> fault = faults.onGatewayDispatch(shardId, type, seq);
      if (fault.isPresent()) {
        connection.actOut(fault.get());
        return;
      }
      connection.enqueue(text);
    }

    synchronized boolean resume(Connection c, int lastSeq) {
      if (!sent.isEmpty() && sent.peekFirst().seq > lastSeq + 1) {
        return false; // events were dropped from the buffer: cannot replay them all
      }
      connection = c;
      for (Sent s : sent) {
        if (s.seq > lastSeq) {
          c.enqueue(s.text);
        }
      }
      return true;
    }

    synchronized void attach(Connection c) {
      connection = c;
    }

    synchronized void detach(Connection c) {
      if (connection == c) {
        connection = null;
      }
    }
  }

  private record Sent(int seq, String text) {}

  /** Whether a send returned and whether it completed, to tell an inline completion from a later one. */
  private static final class Step {
    boolean returned;
    boolean completed;
  }

  // ------------------------------------------------------------------ connections

  /** One websocket connection. Frames go out in order through a queue, one send at a time. */
  public final class Connection implements Session.Listener.AutoDemanding {
    private final boolean compress;
    private final Deflater deflater;
    private final Deque<String> queue = new ArrayDeque<>();
    private boolean sending;
    Session ws;
    volatile GatewaySession session;
    volatile long lastHeartbeatMillis;
    volatile boolean timedOut;

    Connection(boolean compress) {
      this.compress = compress;
      this.deflater = compress ? new Deflater() : null;
    }

    @Override
    public void onWebSocketOpen(Session session) {
      this.ws = session;
      this.lastHeartbeatMillis = clock.millis();
      if (refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        session.disconnect();
        return;
      }
      connections.add(this);
      ObjectNode hello = Json.object();
      hello.put("heartbeat_interval", heartbeatIntervalMillis);
      sendOp(HELLO, hello);
    }

    @Override
    public void onWebSocketText(String text) {
      JsonNode msg;
      try {
        msg = Json.parse(text);
      } catch (RuntimeException e) {
        ws.close(4002, "Error while decoding payload.", Callback.NOOP);
        return;
      }
      int op = msg.path("op").asInt(-1);
      JsonNode d = msg.path("d");
      switch (op) {
        case HEARTBEAT -> {
          lastHeartbeatMillis = clock.millis();
          heartbeats.incrementAndGet();
          sendOp(HEARTBEAT_ACK, null);
        }
        case IDENTIFY -> identify(d);
        case RESUME -> resume(d);
        case REQUEST_GUILD_MEMBERS -> requestMembers(d);
        case PRESENCE_UPDATE -> { }
        default -> {
          if (op < 0 || op > 40) {
            ws.close(4001, "Unknown opcode.", Callback.NOOP);
          }
        }
      }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
      connections.remove(this);
      GatewaySession s = session;
      if (s != null) {
        s.detach(this);
      }
      if (deflater != null) {
        synchronized (this) {
          deflater.end();
        }
      }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
      LOG.debug("gateway connection error: {}", cause.toString());
    }

    /** Performs a gateway fault on this connection. */
    void actOut(GatewayFault fault) {
      if (fault instanceof GatewayFault.Close close) {
        if (close.abrupt()) {
          ws.disconnect();
        } else {
          ws.close(close.code(), close.reason(), Callback.NOOP);
        }
      } else if (fault instanceof GatewayFault.RefuseConnection) {
        ws.disconnect();
      } else if (fault instanceof GatewayFault.InvalidSession invalid) {
        invalidate(invalid.resumable());
      } else if (fault instanceof GatewayFault.Reconnect) {
        sendOp(RECONNECT, null);
      }
    }

    /**
     * Sends op 9 INVALID_SESSION. When not resumable, the session is forgotten and detached from
     * this connection, as Discord does: no further event of it reaches the client, and the client
     * may IDENTIFY afresh on the same connection.
     */
    void invalidate(boolean resumable) {
      GatewaySession s = session;
      if (!resumable && s != null) {
        s.valid = false;
        synchronized (sessions) {
          sessions.remove(s.id);
        }
        s.detach(this);
        session = null;
      }
      sendOp(INVALID_SESSION, Json.MAPPER.getNodeFactory().booleanNode(resumable));
    }

    private void identify(JsonNode d) {
      if (session != null) {
        ws.close(4005, "Already authenticated.", Callback.NOOP);
        return;
      }
      if (!state.botToken.equals(d.path("token").asText()) && !("Bot " + state.botToken).equals(d.path("token").asText())) {
        ws.close(4004, "Authentication failed.", Callback.NOOP);
        return;
      }
      int shardId = 0;
      int shardCount = 1;
      if (d.path("shard").isArray()) {
        shardId = d.path("shard").path(0).asInt();
        shardCount = d.path("shard").path(1).asInt(1);
      }
      if (shardCount < 1 || shardId < 0 || shardId >= shardCount) {
        ws.close(4010, "Invalid shard.", Callback.NOOP);
        return;
      }
      if (!d.has("intents")) {
        ws.close(4013, "Invalid intent(s).", Callback.NOOP);
        return;
      }
      if ((d.path("intents").asInt() & Intents.MESSAGE_CONTENT) != 0 && !state.messageContentIntent) {
        ws.close(4014, "Disallowed intent(s).", Callback.NOOP); // a privileged intent the app is not approved for
        return;
      }
      Optional<GatewayFault> fault = faults.onGatewayConnect(shardId);
      if (fault.isPresent()) {
        actOut(fault.get());
        return;
      }
      switch (identifyLimiter.identify(shardId)) {
        case RATE_LIMITED -> {
          // Discord: over max_concurrency per 5 s the gateway answers INVALID_SESSION; the connection stays
          LOG.info("IDENTIFY of shard {} refused: its bucket identified less than 5 s ago", shardId);
          sendOp(INVALID_SESSION, Json.MAPPER.getNodeFactory().booleanNode(false));
          return;
        }
        case EXHAUSTED -> {
          resetToken();
          return;
        }
        default -> { }
      }
      identifies.incrementAndGet();
      GatewaySession s = new GatewaySession(shardId, shardCount, d.path("intents").asInt());
      session = s;
      // READY and GUILD_CREATE are built and queued under the state's monitor, so no event can slip between them
      synchronized (state) {
        synchronized (sessions) {
          sessions.put(s.id, s);
        }
        s.attach(this);
        ObjectNode ready = Json.object();
        ready.put("v", 10);
        ready.set("user", state.userJson(state.user(state.botUserId)));
        ArrayNode guilds = ready.putArray("guilds");
        List<Guild> mine = new ArrayList<>();
        for (Guild g : state.guilds.values()) {
          if (g.members.containsKey(state.botUserId) && s.owns(g.id)) {
            mine.add(g);
            ObjectNode stub = guilds.addObject();
            stub.put("id", Long.toString(g.id));
            stub.put("unavailable", true);
          }
        }
        ready.put("session_id", s.id);
        ready.put("session_type", "normal");
        ready.put("resume_gateway_url", url);
        ready.putArray("shard").add(shardId).add(shardCount);
        ObjectNode app = ready.putObject("application");
        app.put("id", Long.toString(state.applicationId));
        app.put("flags", 0);
        ready.putArray("private_channels");
        ready.putArray("relationships");
        ready.putArray("presences");
        ready.putArray("guild_join_requests");
        ready.putObject("user_settings");
        ready.putArray("geo_ordered_rtc_regions");
        ready.putObject("auth");
        s.send("READY", ready);
        for (Guild g : mine) {
          s.send("GUILD_CREATE", state.guildCreateJson(g));
        }
      }
    }

    /**
     * The session start limit is spent: as Discord documents, every session of the app ends and the bot token is
     * reset (the old one is refused from now on; {@code emu.botToken()} is the new one).
     */
    private void resetToken() {
      String fresh = "emulator-reset-" + UUID.randomUUID().toString().replace("-", "");
      synchronized (state) {
        state.botToken = fresh;
        state.changed();
      }
      tokenResets.incrementAndGet();
      LOG.warn("session start limit exhausted: every session ended and the bot token reset");
      synchronized (sessions) {
        sessions.values().forEach(x -> x.valid = false);
        sessions.clear();
      }
      for (Connection c : connections) {
        c.ws.close(4004, "Authentication failed.", Callback.NOOP);
      }
      ws.close(4004, "Authentication failed.", Callback.NOOP);
    }

    private void resume(JsonNode d) {
      GatewaySession s;
      synchronized (sessions) {
        s = sessions.get(d.path("session_id").asText());
      }
      boolean tokenOk = state.botToken.equals(d.path("token").asText())
          || ("Bot " + state.botToken).equals(d.path("token").asText());
      if (!tokenOk) {
        ws.close(4004, "Authentication failed.", Callback.NOOP);
        return;
      }
      if (s == null || !s.valid) {
        sendOp(INVALID_SESSION, Json.MAPPER.getNodeFactory().booleanNode(false));
        return;
      }
      synchronized (state) {
        if (!s.resume(this, d.path("seq").asInt())) {
          sendOp(INVALID_SESSION, Json.MAPPER.getNodeFactory().booleanNode(false));
          return;
        }
        session = s;
        resumes.incrementAndGet();
        s.send("RESUMED", Json.object());
      }
    }

    private void requestMembers(JsonNode d) {
      GatewaySession s = session;
      if (s == null) {
        return;
      }
      synchronized (state) {
        Guild g = state.guilds.get(Json.snowflake(d.path("guild_id")));
        if (g == null) {
          return;
        }
        ObjectNode chunk = Json.object();
        chunk.put("guild_id", Long.toString(g.id));
        ArrayNode members = chunk.putArray("members");
        g.members.values().forEach(m -> members.add(state.memberJson(g, m)));
        chunk.put("chunk_index", 0);
        chunk.put("chunk_count", 1);
        if (d.has("nonce")) {
          chunk.set("nonce", d.path("nonce"));
        }
        s.send("GUILD_MEMBERS_CHUNK", chunk);
      }
    }

    void sendOp(int op, JsonNode d) {
      ObjectNode payload = Json.object();
      payload.put("op", op);
      payload.set("d", d);
      payload.putNull("s");
      payload.putNull("t");
      enqueue(Json.write(payload));
    }

    void enqueue(String text) {
      synchronized (this) {
        queue.addLast(text);
        if (sending) {
          return;
        }
        sending = true;
      }
      sendNext();
    }

    /**
     * Sends queued frames one at a time. A send that completes inline continues the loop instead of recursing,
     * so a long replay cannot overflow the stack.
     */
    private void sendNext() {
      while (true) {
        String next;
        synchronized (this) {
          next = queue.pollFirst();
          if (next == null || ws == null || !ws.isOpen()) {
            sending = false;
            queue.clear();
            return;
          }
        }
        Step step = new Step();
        Callback done = Callback.from(() -> {
          boolean resume;
          synchronized (step) {
            step.completed = true;
            resume = step.returned;
          }
          if (resume) {
            sendNext();
          }
        }, failure -> {
          synchronized (this) {
            sending = false;
            queue.clear();
          }
        });
        if (compress) {
          ws.sendBinary(deflate(next), done);
        } else {
          ws.sendText(next, done);
        }
        synchronized (step) {
          step.returned = true;
          if (!step.completed) {
            return; // the callback continues when the send completes
          }
        }
      }
    }

    /** zlib-stream: one deflater for the connection, each message ends with a sync flush (00 00 ff ff). */
    private synchronized ByteBuffer deflate(String text) {
      byte[] input = text.getBytes(StandardCharsets.UTF_8);
      deflater.setInput(input);
      byte[] buf = new byte[Math.max(256, input.length + 64)];
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(input.length / 2 + 64);
      int n;
      do {
        n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
        out.write(buf, 0, n);
      } while (n == buf.length);
      return ByteBuffer.wrap(out.toByteArray());
    }
  }
}
