package dev.tiramisu.discordemu.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.EmulatorState;
import dev.tiramisu.discordemu.Intents;
import dev.tiramisu.discordemu.Json;
import dev.tiramisu.discordemu.faults.GatewayFault;
import dev.tiramisu.discordemu.model.Guild;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jetty.websocket.api.Callback;

/**
 * Starting and resuming {@link Gateway} sessions: IDENTIFY (token, shard, intents, identify limits; READY and
 * GUILD_CREATE), the token reset when the session start limit is spent, RESUME with replay, and member chunks.
 */
final class SessionHandshake {
  private final Gateway gateway;
  private final EmulatorState state;

  SessionHandshake(Gateway gateway, EmulatorState state) {
    this.gateway = gateway;
    this.state = state;
  }

  /** IDENTIFY: checks token, shard, intents, faults and identify limits, then READY and GUILD_CREATE. */
  void identify(Connection c, JsonNode d) {
    if (c.session != null) {
      c.ws.close(4005, "Already authenticated.", Callback.NOOP);
      return;
    }
    if (!state.botToken.equals(d.path("token").asText()) && !("Bot " + state.botToken).equals(d.path("token").asText())) {
      c.ws.close(4004, "Authentication failed.", Callback.NOOP);
      return;
    }
    int shardId = 0;
    int shardCount = 1;
    if (d.path("shard").isArray()) {
      shardId = d.path("shard").path(0).asInt();
      shardCount = d.path("shard").path(1).asInt(1);
    }
    if (shardCount < 1 || shardId < 0 || shardId >= shardCount) {
      c.ws.close(4010, "Invalid shard.", Callback.NOOP);
      return;
    }
    if (!d.has("intents")) {
      c.ws.close(4013, "Invalid intent(s).", Callback.NOOP);
      return;
    }
    if ((d.path("intents").asInt() & Intents.MESSAGE_CONTENT) != 0 && !state.messageContentIntent) {
      c.ws.close(4014, "Disallowed intent(s).", Callback.NOOP); // a privileged intent the app is not approved for
      return;
    }
    Optional<GatewayFault> fault = gateway.faults().onGatewayConnect(shardId);
    if (fault.isPresent()) {
      c.actOut(fault.get());
      return;
    }
    switch (gateway.identifyLimiter().identify(shardId)) {
      case RATE_LIMITED -> {
        // Discord: over max_concurrency per 5 s the gateway answers INVALID_SESSION; the connection stays
        Gateway.LOG.info("IDENTIFY of shard {} refused: its bucket identified less than 5 s ago", shardId);
        c.sendOp(GatewayOps.INVALID_SESSION, Json.MAPPER.getNodeFactory().booleanNode(false));
        return;
      }
      case EXHAUSTED -> {
        resetToken(c);
        return;
      }
      default -> { }
    }
    gateway.identifies.incrementAndGet();
    GatewaySession s = new GatewaySession(gateway, shardId, shardCount, d.path("intents").asInt());
    c.session = s;
    // READY and GUILD_CREATE are built and queued under the state's monitor, so no event can slip between them
    synchronized (state) {
      long started = System.nanoTime();
      synchronized (gateway.sessions) {
        gateway.sessions.put(s.id, s);
      }
      s.attach(c);
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
      ready.put("resume_gateway_url", gateway.url);
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
      gateway.handshakeNanos.addAndGet(System.nanoTime() - started);
    }
  }

  /**
   * The session start limit is spent: as Discord documents, every session of the app ends and the bot token is
   * reset (the old one is refused from now on; {@code emu.botToken()} is the new one).
   */
  private void resetToken(Connection c) {
    String fresh = "emulator-reset-" + UUID.randomUUID().toString().replace("-", "");
    synchronized (state) {
      state.botToken = fresh;
      state.changed();
    }
    gateway.tokenResets.incrementAndGet();
    Gateway.LOG.warn("session start limit exhausted: every session ended and the bot token reset");
    synchronized (gateway.sessions) {
      gateway.sessions.values().forEach(x -> x.valid = false);
      gateway.sessions.clear();
    }
    for (Connection other : gateway.connections) {
      other.ws.close(4004, "Authentication failed.", Callback.NOOP);
    }
    c.ws.close(4004, "Authentication failed.", Callback.NOOP);
  }

  /** RESUME: replays the events the session missed, then RESUMED; INVALID_SESSION when it cannot. */
  void resume(Connection c, JsonNode d) {
    GatewaySession s;
    synchronized (gateway.sessions) {
      s = gateway.sessions.get(d.path("session_id").asText());
    }
    boolean tokenOk = state.botToken.equals(d.path("token").asText())
        || ("Bot " + state.botToken).equals(d.path("token").asText());
    if (!tokenOk) {
      c.ws.close(4004, "Authentication failed.", Callback.NOOP);
      return;
    }
    if (s == null || !s.valid) {
      c.sendOp(GatewayOps.INVALID_SESSION, Json.MAPPER.getNodeFactory().booleanNode(false));
      return;
    }
    synchronized (state) {
      if (!s.resume(c, d.path("seq").asInt())) {
        c.sendOp(GatewayOps.INVALID_SESSION, Json.MAPPER.getNodeFactory().booleanNode(false));
        return;
      }
      c.session = s;
      gateway.resumes.incrementAndGet();
      s.send("RESUMED", Json.object());
    }
  }

  /** REQUEST_GUILD_MEMBERS: every member in one GUILD_MEMBERS_CHUNK. */
  void requestMembers(Connection c, JsonNode d) {
    GatewaySession s = c.session;
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
}
