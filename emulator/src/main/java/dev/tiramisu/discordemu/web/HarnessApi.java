package dev.tiramisu.discordemu.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.EmulatorState;
import dev.tiramisu.discordemu.Json;
import dev.tiramisu.discordemu.RequestLog;
import dev.tiramisu.discordemu.World;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.model.Channel;
import dev.tiramisu.discordemu.model.Guild;
import dev.tiramisu.discordemu.model.Interaction;
import dev.tiramisu.discordemu.model.Member;
import dev.tiramisu.discordemu.model.Message;
import dev.tiramisu.discordemu.model.Role;
import dev.tiramisu.discordemu.model.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a test written in any language needs over HTTP besides acting as users ({@link DriverApi}): where the bot
 * connects, building guilds, the request log with marks, the interactions' answers, and the spec violations.
 *
 * <pre>
 * GET  /_driver/info                           REST and gateway URLs, bot token, application and bot user ids
 * POST /_driver/guilds                         a guild from JSON (World's format); its ids by name
 * GET  /_driver/guilds/{g}                     the ids of a guild's roles, channels and members by name
 * POST /_driver/guilds/{g}/members             {"name": "carol", "roles": ["Staff"]}   (GUILD_MEMBER_ADD)
 * POST /_driver/guilds/{g}/channels            {"name": "support"}                     (CHANNEL_CREATE)
 * POST /_driver/guilds/{g}/roles               {"name": "Mods", "permissions": "8192"} (GUILD_ROLE_CREATE)
 * GET  /_driver/requests?route=&method=&since= the REST requests the bot made, in order
 * POST /_driver/requests/mark                  {"mark": n}: read only what comes after with ?since=n
 * GET  /_driver/interactions/{i}               what the application answered: type, original response, follow-ups
 * GET  /_driver/violations                     OpenAPI violations so far, both directions
 * POST /_driver/violations/take                the same, and forgets them
 * </pre>
 */
final class HarnessApi {
  private static final Pattern GUILD_ROUTE = Pattern.compile("/guilds/(\\d{1,20})(?:/(members|channels|roles))?");
  private static final Pattern INTERACTION_ROUTE = Pattern.compile("/interactions/(\\d{1,20})");
  private static final int MAX_NAME = 100;

  private final Emulator emu;
  private final EmulatorState state;

  HarnessApi(Emulator emu) {
    this.emu = emu;
    this.state = emu.state();
  }

  /** Whether a driver route belongs here. */
  static boolean handles(String route) {
    return route.equals("/info") || route.equals("/guilds") || route.startsWith("/guilds/")
        || route.equals("/requests") || route.equals("/requests/mark") || route.startsWith("/interactions/")
        || route.equals("/violations") || route.equals("/violations/take");
  }

  ObjectNode route(String method, String route, Map<String, String> query, Supplier<JsonNode> body) {
    switch (route) {
      case "/info" -> {
        require(method, "GET");
        return info();
      }
      case "/guilds" -> {
        require(method, "POST");
        return createGuild(body.get());
      }
      case "/requests" -> {
        require(method, "GET");
        return requests(query);
      }
      case "/requests/mark" -> {
        require(method, "POST");
        body.get();
        ObjectNode o = Json.object();
        o.put("mark", emu.requests().mark());
        return o;
      }
      case "/violations" -> {
        require(method, "GET");
        return violations(emu.specViolations());
      }
      case "/violations/take" -> {
        require(method, "POST");
        body.get();
        return violations(emu.takeSpecViolations());
      }
      default -> { }
    }
    Matcher g = GUILD_ROUTE.matcher(route);
    if (g.matches()) {
      long guildId = id(g.group(1));
      if (g.group(2) == null) {
        require(method, "GET");
        return guildIds(guildId);
      }
      require(method, "POST");
      JsonNode b = body.get();
      return switch (g.group(2)) {
        case "members" -> addMember(guildId, b);
        case "channels" -> addChannel(guildId, b);
        default -> addRole(guildId, b);
      };
    }
    Matcher i = INTERACTION_ROUTE.matcher(route);
    if (i.matches()) {
      require(method, "GET");
      return interaction(id(i.group(1)));
    }
    throw HttpError.notFound("no driver route " + route);
  }

  private ObjectNode info() {
    ObjectNode o = Json.object();
    o.put("restUrl", emu.restUrl());
    o.put("gatewayUrl", emu.gatewayUrl());
    o.put("botToken", emu.botToken());
    o.put("applicationId", Long.toString(emu.applicationId()));
    o.put("botUserId", Long.toString(emu.botUserId()));
    return o;
  }

  // ---------------------------------------------------------------- building

  private ObjectNode createGuild(JsonNode body) {
    name(body, "name");
    for (JsonNode r : body.path("roles")) {
      name(r, "name");
    }
    for (JsonNode m : body.path("members")) {
      name(m, "name");
    }
    ObjectNode world = Json.object();
    world.putArray("guilds").add(body);
    TestGuild g;
    try {
      g = World.build(emu, world).get(0);
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest(e.getMessage());
    }
    return guildIds(g.id);
  }

  /** The guild's id, and its roles, text channels and members by name (later duplicates win). */
  private ObjectNode guildIds(long guildId) {
    synchronized (state) {
      Guild g = state.guild(guildId);
      ObjectNode o = Json.object();
      o.put("id", Long.toString(g.id));
      o.put("name", g.name);
      ObjectNode roles = o.putObject("roles");
      for (Role r : g.roles.values()) {
        if (r.id == g.id) {
          roles.put("@everyone", Long.toString(r.id));
        } else if (r.managed) {
          roles.put("@bot", Long.toString(r.id));
        } else {
          roles.put(r.name, Long.toString(r.id));
        }
      }
      ObjectNode channels = o.putObject("channels");
      for (long cid : g.channelIds) {
        Channel c = state.channels.get(cid);
        if (c != null) {
          channels.put(c.name, Long.toString(c.id));
        }
      }
      ObjectNode members = o.putObject("members");
      for (Member m : g.members.values()) {
        User u = state.users.get(m.userId);
        if (u != null && !u.bot) {
          members.put(u.username, Long.toString(u.id));
        }
      }
      o.put("ownerId", Long.toString(g.ownerId));
      return o;
    }
  }

  private ObjectNode addMember(long guildId, JsonNode body) {
    String username = name(body, "name");
    JsonNode roleNames = body.path("roles");
    if (!roleNames.isMissingNode() && !roleNames.isArray()) {
      throw HttpError.badRequest("roles must be an array of role names");
    }
    synchronized (state) {
      Guild g = state.guild(guildId);
      List<Long> roleIds = new ArrayList<>();
      for (JsonNode r : roleNames) {
        roleIds.add(roleByName(g, r.asText()).id);
      }
      User u = state.createUser(username, false);
      u.dmsClosed = body.path("dmsClosed").asBoolean(false);
      state.addMember(g, u.id, roleIds);
      return idOf(u.id);
    }
  }

  private ObjectNode addChannel(long guildId, JsonNode body) {
    String channelName = name(body, "name");
    synchronized (state) {
      Guild g = state.guild(guildId);
      Channel c = state.createChannel(g, Channel.GUILD_TEXT, channelName, null);
      if (body.hasNonNull("topic")) {
        c.topic = body.path("topic").asText();
        state.channelUpdated(c);
      }
      return idOf(c.id);
    }
  }

  private ObjectNode addRole(long guildId, JsonNode body) {
    String roleName = name(body, "name");
    long permissions;
    try {
      JsonNode p = body.path("permissions");
      permissions = p.isMissingNode() || p.isNull() ? 0 : p.isNumber() ? p.asLong() : Long.parseLong(p.asText());
    } catch (NumberFormatException e) {
      throw HttpError.badRequest("permissions must be a decimal string or a number");
    }
    synchronized (state) {
      Role r = state.createRole(state.guild(guildId), roleName, permissions);
      if (body.path("mentionable").asBoolean(false)) {
        r.mentionable = true;
        state.updateRole(state.guild(guildId), r);
      }
      return idOf(r.id);
    }
  }

  private static Role roleByName(Guild g, String roleName) {
    for (Role r : g.roles.values()) {
      if (r.name.equals(roleName) && r.id != g.id) {
        return r;
      }
    }
    throw HttpError.badRequest("no role named " + roleName + " in guild " + g.id);
  }

  // ---------------------------------------------------------------- reading

  /**
   * The request log: {@code route} (a template, with or without the method: {@code POST /channels/{channel_id}/
   * messages}), {@code method}, {@code since} (a mark). Each entry has the request's JSON body (the bot token is a
   * header, never logged) and its status.
   */
  private ObjectNode requests(Map<String, String> query) {
    int since = 0;
    if (query.containsKey("since")) {
      try {
        since = Integer.parseInt(query.get("since"));
      } catch (NumberFormatException e) {
        throw HttpError.badRequest("since must be a mark (a number)");
      }
      if (since < 0) {
        throw HttpError.badRequest("since must not be negative");
      }
    }
    String method = query.get("method");
    String route = query.get("route");
    if (route != null && route.contains(" ")) {
      String[] parts = route.split(" ", 2);
      if (method != null && !method.equalsIgnoreCase(parts[0])) {
        throw HttpError.badRequest("route names method " + parts[0] + " but method is " + method);
      }
      method = parts[0];
      route = parts[1];
    }
    List<RequestLog.Entry> entries = emu.requests().since(since);
    ObjectNode o = Json.object();
    ArrayNode out = o.putArray("requests");
    for (RequestLog.Entry e : entries) {
      if ((method == null || e.method().equalsIgnoreCase(method)) && (route == null || e.template().equals(route))) {
        out.add(entryJson(e));
      }
    }
    o.put("next", since + entries.size());
    return o;
  }

  private static ObjectNode entryJson(RequestLog.Entry e) {
    ObjectNode x = Json.object();
    x.put("seq", e.seq());
    x.put("method", e.method());
    x.put("route", e.template());
    x.put("path", e.path());
    ObjectNode q = x.putObject("query");
    e.query().forEach((k, v) -> {
      ArrayNode values = q.putArray(k);
      v.forEach(values::add);
    });
    x.put("status", e.status());
    x.put("atMillis", e.atMillis());
    x.put("durationMicros", e.durationMicros());
    x.set("body", e.body() == null ? null : e.body().deepCopy());
    return x;
  }

  /** What the application answered an interaction: the callback type, the original response and follow-ups. */
  private ObjectNode interaction(long interactionId) {
    synchronized (state) {
      Interaction i = state.interactions.get(interactionId);
      if (i == null) {
        throw HttpError.notFound("no interaction " + interactionId);
      }
      ObjectNode o = Json.object();
      o.put("id", Long.toString(i.id));
      o.put("type", i.type);
      o.put("userId", Long.toString(i.userId));
      o.put("channelId", Long.toString(i.channelId));
      o.put("responseType", i.callbackType);
      o.put("timedOut", i.timedOut);
      o.set("original", message(i.originalMessageId));
      ArrayNode followups = o.putArray("followups");
      for (long id : i.followupIds) {
        JsonNode m = message(id);
        if (m != null) {
          followups.add(m);
        }
      }
      o.set("modal", i.modal == null ? null : i.modal.deepCopy());
      return o;
    }
  }

  /** A message as the API returns it (ephemeral ones too), or null. */
  private JsonNode message(Long id) {
    Message m = id == null ? null : state.messages.get(id);
    return m == null ? null : state.messageJson(m);
  }

  private static ObjectNode violations(List<String> lines) {
    ObjectNode o = Json.object();
    ArrayNode out = o.putArray("violations");
    lines.forEach(out::add);
    return o;
  }

  // ---------------------------------------------------------------- helpers

  private static ObjectNode idOf(long id) {
    ObjectNode o = Json.object();
    o.put("id", Long.toString(id));
    return o;
  }

  private static String name(JsonNode body, String field) {
    JsonNode v = body.path(field);
    if (!v.isTextual() || v.asText().isBlank()) {
      throw HttpError.badRequest(field + " is required and must be non-empty text");
    }
    if (v.asText().length() > MAX_NAME) {
      throw HttpError.badRequest(field + " is longer than " + MAX_NAME + " characters");
    }
    return v.asText();
  }

  private static long id(String digits) {
    try {
      return Long.parseUnsignedLong(digits);
    } catch (NumberFormatException e) {
      throw HttpError.badRequest(digits + " is not a snowflake");
    }
  }

  private static void require(String method, String wanted) {
    if (!method.equals(wanted)) {
      throw new HttpError(405, "method_not_allowed", "use " + wanted + " here");
    }
  }
}
