package dev.tiramisu.discordemu.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.DiscordException;
import dev.tiramisu.discordemu.EmulatorState;
import dev.tiramisu.discordemu.Json;
import dev.tiramisu.discordemu.http.RestRequest;
import dev.tiramisu.discordemu.http.RestResponse;
import dev.tiramisu.discordemu.http.Router;
import dev.tiramisu.discordemu.model.Channel;
import dev.tiramisu.discordemu.model.User;

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
      o.put("flags", 0);
      o.set("bot", state.userJson(state.user(state.botUserId)));
      o.set("owner", state.userJson(state.user(state.botUserId)));
      o.putNull("team");
      o.put("summary", "");
      o.putArray("redirect_uris");
      o.putNull("interactions_endpoint_url");
      o.put("hook", true);
      return RestResponse.ok(o);
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
