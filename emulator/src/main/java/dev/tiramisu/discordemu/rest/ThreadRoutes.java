package dev.tiramisu.discordemu.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.DiscordException;
import dev.tiramisu.discordemu.EmulatorState;
import dev.tiramisu.discordemu.Json;
import dev.tiramisu.discordemu.Permissions;
import dev.tiramisu.discordemu.http.RestRequest;
import dev.tiramisu.discordemu.http.RestResponse;
import dev.tiramisu.discordemu.model.Channel;
import dev.tiramisu.discordemu.model.Guild;
import dev.tiramisu.discordemu.model.Message;
import java.util.ArrayList;
import java.util.List;

/** Threads: create (alone or from a message), archived lists, and thread members (list, get, join/add, leave/remove). */
final class ThreadRoutes {
  private final EmulatorState state;

  ThreadRoutes(EmulatorState state) {
    this.state = state;
  }

  RestResponse createThread(RestRequest req) {
    JsonNode body = req.json;
    String name = body.path("name").asText("");
    if (name.isEmpty() || name.length() > 100) {
      throw DiscordException.invalidForm("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
    }
    int type = body.path("type").asInt(Channel.PRIVATE_THREAD);
    if (type != Channel.PRIVATE_THREAD && type != Channel.PUBLIC_THREAD) {
      throw DiscordException.invalidForm("type", "BASE_TYPE_CHOICES", "Value must be one of {11, 12}.");
    }
    int archive = body.path("auto_archive_duration").asInt(10080);
    synchronized (state) {
      Channel parent = ChannelRoutes.visible(state, req);
      if (parent.type != Channel.GUILD_TEXT) {
        throw new DiscordException(400, 50024, "Cannot execute action on this channel type");
      }
      state.requireBot(parent, type == Channel.PRIVATE_THREAD ? Permissions.CREATE_PRIVATE_THREADS
          : Permissions.CREATE_PUBLIC_THREADS);
      Channel t = state.createThread(parent, type, name, state.botUserId, body.path("invitable").asBoolean(true),
          archive);
      return RestResponse.created(state.channelJson(t));
    }
  }

  RestResponse createThreadFromMessage(RestRequest req) {
    String name = req.json.path("name").asText("");
    if (name.isEmpty() || name.length() > 100) {
      throw DiscordException.invalidForm("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
    }
    synchronized (state) {
      Channel parent = ChannelRoutes.visible(state, req);
      state.requireBot(parent, Permissions.CREATE_PUBLIC_THREADS);
      Message starter = state.message(parent.id, req.id("message_id", DiscordException.unknownMessage()));
      if (starter.threadId != null && state.channels.containsKey(starter.threadId)) {
        throw new DiscordException(400, 160004, "A thread has already been created for this message");
      }
      Channel t = state.createThread(parent, Channel.PUBLIC_THREAD, name, state.botUserId, true,
          req.json.path("auto_archive_duration").asInt(10080));
      starter.threadId = t.id;
      starter.flags |= Message.FLAG_HAS_THREAD;
      return RestResponse.created(state.channelJson(t));
    }
  }

  RestResponse archived(RestRequest req, int type) {
    synchronized (state) {
      Channel parent = ChannelRoutes.visible(state, req);
      state.requireBot(parent, Permissions.READ_MESSAGE_HISTORY
          | (type == Channel.PRIVATE_THREAD ? Permissions.MANAGE_THREADS : 0));
      ObjectNode out = Json.object();
      ArrayNode threads = out.putArray("threads");
      ArrayNode members = out.putArray("members");
      Guild g = state.guild(parent.guildId);
      for (int i = g.threadIds.size() - 1; i >= 0; i--) {
        Channel t = state.channels.get(g.threadIds.get(i));
        if (t != null && t.archived && t.type == type && t.parentId == parent.id) {
          threads.add(state.channelJson(t));
          if (t.memberIds.contains(state.botUserId)) {
            members.add(state.threadMemberJson(t, state.botUserId));
          }
        }
      }
      out.put("has_more", false);
      return RestResponse.ok(out);
    }
  }

  Channel thread(RestRequest req) {
    Channel t = ChannelRoutes.visible(state, req);
    if (!t.isThread()) {
      throw new DiscordException(400, 50024, "Cannot execute action on this channel type");
    }
    return t;
  }

  /**
   * GET /channels/{thread}/thread-members: ordered by user id, paged with {@code after} and {@code limit} (1..100,
   * default 100); with {@code with_member=true} each entry carries the guild member, as JDA's pagination needs.
   */
  RestResponse listThreadMembers(RestRequest req) {
    boolean withMember = req.boolParam("with_member", false);
    Long after = MessageRoutes.snowflakeParam(req, "after");
    int limit = req.intParam("limit", 100, 1, 100);
    synchronized (state) {
      Channel t = thread(req);
      Guild g = state.guild(t.guildId);
      List<Long> ids = new ArrayList<>(t.memberIds);
      ids.sort(Long::compareUnsigned);
      ArrayNode out = Json.array();
      for (long id : ids) {
        if ((after == null || Long.compareUnsigned(id, after) > 0) && out.size() < limit) {
          out.add(threadMember(g, t, id, withMember));
        }
      }
      return RestResponse.ok(out);
    }
  }

  ObjectNode threadMember(Guild g, Channel t, long userId, boolean withMember) {
    ObjectNode tm = state.threadMemberJson(t, userId);
    var member = g.members.get(userId);
    if (withMember && member != null) {
      tm.set("member", state.memberJson(g, member));
    }
    return tm;
  }

  RestResponse getThreadMember(RestRequest req) {
    boolean withMember = req.boolParam("with_member", false);
    synchronized (state) {
      Channel t = thread(req);
      long user = req.id("user_id", DiscordException.unknownUser());
      if (!t.memberIds.contains(user)) {
        throw DiscordException.unknownMember();
      }
      return RestResponse.ok(threadMember(state.guild(t.guildId), t, user, withMember));
    }
  }

  /**
   * Joining needs the thread to be visible; adding someone needs SEND_MESSAGES_IN_THREADS, and for a private
   * thread that is not invitable, MANAGE_THREADS or being its creator. The added user must be a guild member.
   */
  RestResponse joinOrAdd(RestRequest req, boolean self) {
    synchronized (state) {
      Channel t = thread(req);
      if (t.archived) {
        throw DiscordException.threadArchived();
      }
      long user = self ? state.botUserId : req.id("user_id", DiscordException.unknownUser());
      state.user(user);
      Guild g = state.guild(t.guildId);
      if (!g.members.containsKey(user)) {
        throw DiscordException.unknownMember();
      }
      if (!self) {
        state.requireBot(t, Permissions.SEND_MESSAGES_IN_THREADS);
        long perms = state.permissions(state.botUserId, t);
        boolean owner = t.ownerId != null && t.ownerId == state.botUserId;
        if (t.type == Channel.PRIVATE_THREAD && !t.invitable && !owner && (perms & Permissions.MANAGE_THREADS) == 0) {
          throw DiscordException.missingPermissions();
        }
      }
      state.addThreadMember(t, user);
      return RestResponse.noContent();
    }
  }

  RestResponse leaveOrRemove(RestRequest req, boolean self) {
    synchronized (state) {
      Channel t = thread(req);
      if (t.archived) {
        throw DiscordException.threadArchived();
      }
      long user = self ? state.botUserId : req.id("user_id", DiscordException.unknownUser());
      if (!self) {
        long perms = state.permissions(state.botUserId, t);
        boolean owner = t.ownerId != null && t.ownerId == state.botUserId;
        if ((perms & Permissions.MANAGE_THREADS) == 0 && !(owner && t.type == Channel.PRIVATE_THREAD)) {
          throw DiscordException.missingPermissions();
        }
      }
      if (!t.memberIds.contains(user)) {
        throw DiscordException.unknownMember();
      }
      state.removeThreadMember(t, user);
      return RestResponse.noContent();
    }
  }
}
