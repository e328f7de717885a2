package dev.tiramisu.discordemu.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.DiscordException;
import dev.tiramisu.discordemu.EmulatorState;
import dev.tiramisu.discordemu.Json;
import dev.tiramisu.discordemu.MessageContent;
import dev.tiramisu.discordemu.http.RestRequest;
import dev.tiramisu.discordemu.http.RestResponse;
import dev.tiramisu.discordemu.http.Router;
import dev.tiramisu.discordemu.model.Channel;
import dev.tiramisu.discordemu.model.Guild;
import dev.tiramisu.discordemu.model.User;
import java.util.ArrayList;
import java.util.List;

/** Users, DMs, the application and the gateway address. */
final class UserRoutes {
  private final RouteContext ctx;
  private final EmulatorState state;

  UserRoutes(RouteContext ctx) {
    this.ctx = ctx;
    this.state = ctx.state();
  }

  void register(Router r) {
    r.add("GET", "/users/@me", this::me);
    r.add("GET", "/users/{user_id}", this::user);
    r.add("POST", "/users/@me/channels", this::openDm);
    r.add("GET", "/users/@me/guilds", this::myGuilds);
    r.add("GET", "/applications/@me", this::application);
    r.add("GET", "/oauth2/applications/@me", this::application);
    r.add("GET", "/gateway", req -> {
      ObjectNode o = Json.object();
      o.put("url", ctx.gatewayUrl());
      return RestResponse.ok(o);
    });
    r.add("GET", "/gateway/bot", this::gatewayBot);
  }

  private RestResponse me(RestRequest req) {
    synchronized (state) {
      ObjectNode o = state.userJson(state.user(state.botUserId));
      o.put("verified", true);
      o.put("mfa_enabled", false);
      o.putNull("email");
      o.put("locale", "en-US");
      o.putNull("banner");
      o.putNull("accent_color");
      return RestResponse.ok(o);
    }
  }

  private RestResponse user(RestRequest req) {
    long id = req.id("user_id", DiscordException.unknownUser());
    synchronized (state) {
      return RestResponse.ok(state.userJson(state.user(id)));
    }
  }

  private RestResponse openDm(RestRequest req) {
    Long recipient = Json.snowflake(req.json.path("recipient_id"));
    if (recipient == null) {
      throw DiscordException.invalidForm("recipient_id", "BASE_TYPE_REQUIRED", "This field is required");
    }
    synchronized (state) {
      User u = state.user(recipient);
      if (u.bot) {
        throw new DiscordException(400, 50007, "Cannot send messages to this user");
      }
      Channel c = state.dmChannel(recipient);
      return RestResponse.ok(state.channelJson(c));
    }
  }

  private RestResponse application(RestRequest req) {
    synchronized (state) {
      ObjectNode o = Json.object();
      o.put("id", Long.toString(state.applicationId));
      o.put("name", state.user(state.botUserId).username);
      o.putNull("icon");
      o.put("description", "");
      o.put("bot_public", true);
      o.put("bot_require_code_grant", false);
      o.put("verify_key", "0000000000000000000000000000000000000000000000000000000000000000");
      int flags = state.messageContentIntent ? MessageContent.APPLICATION_FLAG : 0;
      o.put("flags", flags);
      o.set("bot", state.userJson(state.user(state.botUserId)));
      o.set("owner", state.userJson(state.user(state.botUserId)));
      o.putNull("team");
      o.put("summary", "");
      o.putArray("redirect_uris");
      o.putNull("interactions_endpoint_url");
      o.put("hook", true);
      // required by the spec's PrivateApplicationResponse; values of a fresh bot application with no extras
      o.putNull("type");
      o.put("flags_new", Integer.toString(flags));
      o.putNull("role_connections_verification_url");
      o.put("approximate_guild_count", (int) state.guilds.values().stream()
          .filter(g -> g.members.containsKey(state.botUserId)).count());
      o.put("approximate_user_install_count", 0);
      o.put("approximate_user_authorization_count", 0);
      o.put("explicit_content_filter", 0);
      ArrayNode scopes = o.putArray("eligible_oauth2_scopes");
      scopes.add("applications.commands");
      scopes.add("bot");
      return RestResponse.ok(o);
    }
  }

  /**
   * The bot's guilds as partial guild objects (User resource, Get Current User Guilds): ordered by id, {@code after}
   * gives the first {@code limit} guilds after an id, {@code before} the last {@code limit} guilds before one (still
   * in ascending order), {@code limit} 1..200 (default 200); {@code with_counts} adds the approximate counts.
   */
  private RestResponse myGuilds(RestRequest req) {
    int limit = req.intParam("limit", 200, 1, 200);
    Long before = snowflakeParam(req, "before");
    Long after = snowflakeParam(req, "after");
    boolean withCounts = req.boolParam("with_counts", false);
    synchronized (state) {
      List<Guild> mine = new ArrayList<>();
      for (Guild g : state.guilds.values()) {
        if (g.members.containsKey(state.botUserId)
            && (before == null || Long.compareUnsigned(g.id, before) < 0)
            && (after == null || Long.compareUnsigned(g.id, after) > 0)) {
          mine.add(g);
        }
      }
      mine.sort((a, b) -> Long.compareUnsigned(a.id, b.id));
      List<Guild> page = before != null && after == null
          ? mine.subList(Math.max(0, mine.size() - limit), mine.size())
          : mine.subList(0, Math.min(limit, mine.size()));
      ArrayNode out = Json.array();
      for (Guild g : page) {
        ObjectNode o = out.addObject();
        o.put("id", Long.toString(g.id));
        o.put("name", g.name);
        o.putNull("icon");
        o.putNull("banner");
        o.put("owner", g.ownerId == state.botUserId);
        o.put("permissions", Long.toString(state.basePermissions(g, state.botUserId)));
        o.putArray("features");
        if (withCounts) {
          o.put("approximate_member_count", g.members.size());
          o.put("approximate_presence_count", 0);
        }
      }
      return RestResponse.ok(out);
    }
  }

  private static Long snowflakeParam(RestRequest req, String name) {
    String raw = req.queryParam(name);
    if (raw == null) {
      return null;
    }
    try {
      return Long.parseUnsignedLong(raw);
    } catch (NumberFormatException e) {
      throw DiscordException.invalidForm(name, "NUMBER_TYPE_COERCE", "Value \"" + raw + "\" is not snowflake.");
    }
  }

  private RestResponse gatewayBot(RestRequest req) {
    ObjectNode o = Json.object();
    o.put("url", ctx.gatewayUrl());
    o.put("shards", ctx.recommendedShards());
    o.set("session_start_limit", ctx.sessionStartLimit());
    return RestResponse.ok(o);
  }
}
