package dev.tiramisu.discordemu.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.EmulatorState;
import dev.tiramisu.discordemu.GatewayEvents;
import dev.tiramisu.discordemu.Intents;
import dev.tiramisu.discordemu.MessageContent;
import dev.tiramisu.discordemu.faults.FaultInjector;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
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
 *
 * <p>This class holds the sessions and connections, the test controls and the fan-out of events to sessions;
 * {@link Connection} is one websocket (frames out through a {@link FrameQueue}, zlib-stream by {@link ZlibStream}),
 * {@link SessionHandshake} handles IDENTIFY, RESUME and member requests, {@link GatewaySession} keeps a session's
 * sequence and replay buffer.
 */
public final class Gateway implements GatewayEvents {
  static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  final String url;
  final Map<String, GatewaySession> sessions = new LinkedHashMap<>();
  final List<Connection> connections = new CopyOnWriteArrayList<>();
  final AtomicInteger refuseNext = new AtomicInteger();
  private volatile int heartbeatIntervalMillis = 41_250;
  final AtomicInteger identifies = new AtomicInteger();
  final AtomicInteger resumes = new AtomicInteger();
  /** Time spent building and queuing READY and the GUILD_CREATEs of identified sessions. */
  final java.util.concurrent.atomic.AtomicLong handshakeNanos = new java.util.concurrent.atomic.AtomicLong();
  private final AtomicInteger heartbeatTimeouts = new AtomicInteger();
  final AtomicInteger heartbeats = new AtomicInteger();
  final AtomicInteger tokenResets = new AtomicInteger();
  private final IdentifyLimiter identifyLimiter;
  private volatile Clock clock = Clock.systemUTC();
  final SessionHandshake handshake;

  public Gateway(EmulatorState state, String url) {
    this(state, url, IdentifyLimits.unenforced());
  }

  public Gateway(EmulatorState state, String url, IdentifyLimits limits) {
    this.url = url;
    this.identifyLimiter = new IdentifyLimiter(limits, clock);
    this.handshake = new SessionHandshake(this, state);
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

  FaultInjector faults() {
    return faults;
  }

  int heartbeatIntervalMillis() {
    return heartbeatIntervalMillis;
  }

  public void setHeartbeatInterval(int millis) {
    this.heartbeatIntervalMillis = millis;
  }

  /** A new websocket connection; {@code compress} when the client asked for zlib-stream. */
  public Session.Listener connect(boolean compress) {
    return new Connection(this, compress);
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
      c.sendOp(GatewayOps.RECONNECT, null);
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

  /**
   * Milliseconds the gateway spent on IDENTIFYs since the start or reset, holding the state's monitor: building
   * READY and every GUILD_CREATE and queuing them on the connection (serializing, compressing, and sending as far
   * as the socket takes them at once). Sessions identify one after another on that monitor, so this is wall time
   * the shards' start-ups wait for the emulator.
   */
  public long handshakeMillis() {
    return handshakeNanos.get() / 1_000_000;
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
    handshakeNanos.set(0);
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
}
