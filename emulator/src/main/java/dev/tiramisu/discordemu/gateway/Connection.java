package dev.tiramisu.discordemu.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.Json;
import dev.tiramisu.discordemu.faults.GatewayFault;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One websocket connection of the {@link Gateway}: HELLO, heartbeats, the opcodes a client sends (IDENTIFY, RESUME
 * and REQUEST_GUILD_MEMBERS go to {@link SessionHandshake}), and frames out in order through a {@link FrameQueue}.
 * Public because Jetty calls the listener methods of a public class only.
 */
public final class Connection implements Session.Listener.AutoDemanding {
  private final Gateway gateway;
  final boolean compress;
  private final ZlibStream zlib;
  private final FrameQueue frames;
  Session ws;
  volatile GatewaySession session;
  volatile long lastHeartbeatMillis;
  volatile boolean timedOut;

  Connection(Gateway gateway, boolean compress) {
    this.gateway = gateway;
    this.compress = compress;
    this.zlib = compress ? new ZlibStream() : null;
    this.frames = new FrameQueue(zlib);
  }

  @Override
  public void onWebSocketOpen(Session session) {
    this.ws = session;
    frames.open(session);
    this.lastHeartbeatMillis = gateway.clock().millis();
    if (gateway.refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      session.disconnect();
      return;
    }
    gateway.connections.add(this);
    ObjectNode hello = Json.object();
    hello.put("heartbeat_interval", gateway.heartbeatIntervalMillis());
    sendOp(GatewayOps.HELLO, hello);
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
      case GatewayOps.HEARTBEAT -> {
        lastHeartbeatMillis = gateway.clock().millis();
        gateway.heartbeats.incrementAndGet();
        sendOp(GatewayOps.HEARTBEAT_ACK, null);
      }
      case GatewayOps.IDENTIFY -> gateway.handshake.identify(this, d);
      case GatewayOps.RESUME -> gateway.handshake.resume(this, d);
      case GatewayOps.REQUEST_GUILD_MEMBERS -> gateway.handshake.requestMembers(this, d);
      case GatewayOps.PRESENCE_UPDATE -> { }
      default -> {
        if (op < 0 || op > 40) {
          ws.close(4001, "Unknown opcode.", Callback.NOOP);
        }
      }
    }
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason) {
    gateway.connections.remove(this);
    GatewaySession s = session;
    if (s != null) {
      s.detach(this);
    }
    if (zlib != null) {
      zlib.end();
    }
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    Gateway.LOG.debug("gateway connection error: {}", cause.toString());
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
      sendOp(GatewayOps.RECONNECT, null);
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
      synchronized (gateway.sessions) {
        gateway.sessions.remove(s.id);
      }
      s.detach(this);
      session = null;
    }
    sendOp(GatewayOps.INVALID_SESSION, Json.MAPPER.getNodeFactory().booleanNode(resumable));
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
    frames.enqueue(text);
  }
}
