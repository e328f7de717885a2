package dev.tiramisu.discordemu.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.Json;
import dev.tiramisu.discordemu.faults.GatewayFault;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.UUID;

/**
 * A gateway session: identity, shard, intents, sequence and the events it was sent, for RESUME. A session outlives
 * its connections, so a client can resume on a new one.
 */
final class GatewaySession {
  private static final int REPLAY_BUFFER = 20_000;

  final String id = UUID.randomUUID().toString().replace("-", "");
  final int shardId;
  final int shardCount;
  final int intents;
  volatile boolean valid = true;
  private final Gateway gateway;
  private int seq;
  private final Deque<Sent> sent = new ArrayDeque<>();
  private Connection connection;

  private record Sent(int seq, String text) {}

  GatewaySession(Gateway gateway, int shardId, int shardCount, int intents) {
    this.gateway = gateway;
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
    payload.put("op", GatewayOps.DISPATCH);
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
    Optional<GatewayFault> fault = gateway.faults().onGatewayDispatch(shardId, type, seq);
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
