package dev.tiramisu.discordemu.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.DiscordException;
import dev.tiramisu.discordemu.EmulatorState;
import dev.tiramisu.discordemu.Json;
import dev.tiramisu.discordemu.Permissions;
import dev.tiramisu.discordemu.http.RestRequest;
import dev.tiramisu.discordemu.http.RestResponse;
import dev.tiramisu.discordemu.http.Router;
import dev.tiramisu.discordemu.model.Channel;
import dev.tiramisu.discordemu.model.Guild;
import dev.tiramisu.discordemu.model.Member;
import java.util.ArrayList;
import java.util.List;

/** Guild, members, roles, channels and active threads. */
final class GuildRoutes {
  private final EmulatorState state;

  GuildRoutes(RouteContext ctx) {
    this.state = ctx.state();
  }

  void register(Router r) {
    String g = "/guilds/{guild_id}";
    r.add("GET", g, this::guild);
    r.add("GET", g + "/channels", this::channels);
    r.add("GET", g + "/roles", this::roles);
    r.add("GET", g + "/members", this::members);
    r.add("GET", g + "/members/{user_id}", this::member);
    r.add("PUT", g + "/members/{user_id}/roles/{role_id}", req -> memberRole(req, true));
    r.add("DELETE", g + "/members/{user_id}/roles/{role_id}", req -> memberRole(req, false));
    r.add("GET", g + "/threads/active", this::activeThreads);
  }

  private Guild guildOf(RestRequest req) {
    Guild g = state.guild(req.id("guild_id", DiscordException.unknownGuild()));
    if (!g.members.containsKey(state.botUserId)) {
      throw DiscordException.missingAccess();
    }
    return g;
  }

  private RestResponse guild(RestRequest req) {
    synchronized (state) {
      Guild g = guildOf(req);
      ObjectNode o = state.guildJson(g);
      if (req.boolParam("with_counts", false)) {
        o.put("approximate_member_count", g.members.size());
        o.put("approximate_presence_count", 0);
      }
      return RestResponse.ok(o);
    }
  }

  private RestResponse channels(RestRequest req) {
    synchronized (state) {
      Guild g = guildOf(req);
      ArrayNode out = Json.array();
      for (long id : g.channelIds) {
        Channel c = state.channels.get(id);
        if (c != null) {
          out.add(state.channelJson(c));
        }
      }
      return RestResponse.ok(out);
    }
  }

  private RestResponse roles(RestRequest req) {
    synchronized (state) {
      Guild g = guildOf(req);
      ArrayNode out = Json.array();
      g.roles.values().forEach(r -> out.add(state.roleJson(r)));
      return RestResponse.ok(out);
    }
  }

  private RestResponse members(RestRequest req) {
    int limit = req.intParam("limit", 1, 1, 1000);
    String afterRaw = req.queryParam("after");
    long after;
    try {
      after = afterRaw == null ? 0 : Long.parseUnsignedLong(afterRaw);
    } catch (NumberFormatException e) { // was a 500 from the emulator; Discord answers 50035
      throw DiscordException.invalidForm("after", "NUMBER_TYPE_COERCE", "Value is not a snowflake.");
    }
    synchronized (state) {
      Guild g = guildOf(req);
      List<Member> sorted = new ArrayList<>(g.members.values());
      sorted.sort((a, b) -> Long.compareUnsigned(a.userId, b.userId));
      ArrayNode out = Json.array();
      for (Member m : sorted) {
        if (Long.compareUnsigned(m.userId, after) > 0 && out.size() < limit) {
          out.add(state.memberJson(g, m));
        }
      }
      return RestResponse.ok(out);
    }
  }

  private RestResponse member(RestRequest req) {
    synchronized (state) {
      Guild g = guildOf(req);
      long user = req.id("user_id", DiscordException.unknownUser());
      return RestResponse.ok(state.memberJson(g, state.member(g, user)));
    }
  }

  private RestResponse memberRole(RestRequest req, boolean add) {
    synchronized (state) {
      Guild g = guildOf(req);
      if ((state.basePermissions(g, state.botUserId) & Permissions.MANAGE_ROLES) == 0) {
        throw DiscordException.missingPermissions();
      }
      Member m = state.member(g, req.id("user_id", DiscordException.unknownUser()));
      long role = req.id("role_id", DiscordException.unknownRole());
      if (!g.roles.containsKey(role)) {
        throw DiscordException.unknownRole();
      }
      List<Long> roles = new ArrayList<>(m.roleIds);
      if (add && !roles.contains(role)) {
        roles.add(role);
      } else if (!add) {
        roles.remove(role);
      }
      state.setMemberRoles(g, m.userId, roles);
      return RestResponse.noContent();
    }
  }

  private RestResponse activeThreads(RestRequest req) {
    synchronized (state) {
      Guild g = guildOf(req);
      ObjectNode out = Json.object();
      ArrayNode threads = out.putArray("threads");
      ArrayNode members = out.putArray("members");
      out.put("has_more", false);
      for (long id : g.threadIds) {
        Channel t = state.channels.get(id);
        if (t != null && !t.archived && state.canView(state.botUserId, t)) {
          threads.add(state.channelJson(t));
          if (t.memberIds.contains(state.botUserId)) {
            members.add(state.threadMemberJson(t, state.botUserId));
          }
        }
      }
      return RestResponse.ok(out);
    }
  }
}
