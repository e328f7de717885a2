package dev.tiramisu.discordemu.rest;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.tiramisu.discordemu.model.Overwrite;

/**
 * The {@code /channels/{channel_id}} routes, registered here in one place: the channel itself (read, edit, delete),
 * permission overwrites and typing are handled here; messages by {@link MessageRoutes}, pins by {@link PinRoutes},
 * threads and thread members by {@link ThreadRoutes}.
 */
final class ChannelRoutes {
  private final EmulatorState state;
  private final MessageRoutes messages;
  private final PinRoutes pins;
  private final ThreadRoutes threads;

  ChannelRoutes(RouteContext ctx) {
    this.state = ctx.state();
    this.messages = new MessageRoutes(state);
    this.pins = new PinRoutes(state);
    this.threads = new ThreadRoutes(state);
  }

  void register(Router r) {
    String ch = "/channels/{channel_id}";
    r.add("GET", ch, this::getChannel);
    r.add("PATCH", ch, this::patchChannel);
    r.add("DELETE", ch, this::deleteChannel);
    r.add("GET", ch + "/messages", messages::history);
    r.add("POST", ch + "/messages", messages::createMessage);
    r.add("GET", ch + "/messages/{message_id}", messages::getMessage);
    r.add("PATCH", ch + "/messages/{message_id}", messages::editMessage);
    r.add("DELETE", ch + "/messages/{message_id}", messages::deleteMessage);
    r.add("POST", ch + "/messages/bulk-delete", messages::bulkDelete);
    r.add("GET", ch + "/messages/pins", pins::listPins);
    r.add("PUT", ch + "/messages/pins/{message_id}", req -> pins.pin(req, true));
    r.add("DELETE", ch + "/messages/pins/{message_id}", req -> pins.pin(req, false));
    r.add("GET", ch + "/pins", pins::listPinsLegacy);
    r.add("PUT", ch + "/pins/{message_id}", req -> pins.pin(req, true));
    r.add("DELETE", ch + "/pins/{message_id}", req -> pins.pin(req, false));
    r.add("POST", ch + "/threads", threads::createThread);
    r.add("POST", ch + "/messages/{message_id}/threads", threads::createThreadFromMessage);
    r.add("GET", ch + "/threads/archived/public", req -> threads.archived(req, Channel.PUBLIC_THREAD));
    r.add("GET", ch + "/threads/archived/private", req -> threads.archived(req, Channel.PRIVATE_THREAD));
    r.add("GET", ch + "/thread-members", threads::listThreadMembers);
    r.add("GET", ch + "/thread-members/{user_id}", threads::getThreadMember);
    r.add("PUT", ch + "/thread-members/@me", req -> threads.joinOrAdd(req, true));
    r.add("PUT", ch + "/thread-members/{user_id}", req -> threads.joinOrAdd(req, false));
    r.add("DELETE", ch + "/thread-members/@me", req -> threads.leaveOrRemove(req, true));
    r.add("DELETE", ch + "/thread-members/{user_id}", req -> threads.leaveOrRemove(req, false));
    r.add("PUT", ch + "/permissions/{overwrite_id}", this::putOverwrite);
    r.add("DELETE", ch + "/permissions/{overwrite_id}", this::deleteOverwrite);
    r.add("POST", ch + "/typing", req -> {
      synchronized (state) {
        visible(req);
      }
      return RestResponse.noContent();
    });
  }

  private Channel visible(RestRequest req) {
    return visible(state, req);
  }

  /** The channel of the request, which the bot must be able to see (else 10003 if unknown, 50001 if hidden). */
  static Channel visible(EmulatorState state, RestRequest req) {
    long id = req.id("channel_id", DiscordException.unknownChannel());
    Channel c = state.channel(id);
    if (!state.canView(state.botUserId, c)) {
      throw DiscordException.missingAccess();
    }
    return c;
  }

  private RestResponse getChannel(RestRequest req) {
    synchronized (state) {
      return RestResponse.ok(state.channelJson(visible(req)));
    }
  }

  private RestResponse patchChannel(RestRequest req) {
    JsonNode body = req.json;
    synchronized (state) {
      Channel c = visible(req);
      if (body.has("name")) {
        String name = body.path("name").asText("");
        if (name.isEmpty() || name.length() > 100) {
          throw DiscordException.invalidForm("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
        }
      }
      if (c.isThread()) {
        patchThread(c, body);
      } else {
        state.requireBot(c, Permissions.MANAGE_CHANNELS);
        if (body.has("name")) {
          c.name = body.path("name").asText();
        }
        if (body.has("topic")) {
          c.topic = body.path("topic").isNull() ? null : body.path("topic").asText();
        }
        if (body.has("parent_id")) {
          c.parentId = Json.snowflake(body.path("parent_id"));
        }
        if (body.has("position")) {
          c.position = body.path("position").asInt();
        }
      }
      state.channelUpdated(c);
      return RestResponse.ok(state.channelJson(c));
    }
  }

  /**
   * Thread edits follow Discord's rules: an archived thread accepts only a change that unarchives it; locking,
   * unlocking and unarchiving a locked thread need MANAGE_THREADS; the creator may rename and archive.
   */
  private void patchThread(Channel t, JsonNode body) {
    long perms = state.permissions(state.botUserId, t);
    boolean manage = (perms & Permissions.MANAGE_THREADS) != 0;
    boolean owner = t.ownerId != null && t.ownerId == state.botUserId;
    boolean unarchive = body.has("archived") && !body.path("archived").asBoolean();
    if (t.archived && !unarchive) {
      boolean onlyArchiveFields = true;
      for (var it = body.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        onlyArchiveFields &= f.equals("archived") || f.equals("locked");
      }
      if (!onlyArchiveFields || !manage) {
        throw DiscordException.threadArchived();
      }
    }
    if (t.locked && unarchive && !manage) {
      throw DiscordException.missingPermissions();
    }
    if (body.has("locked") && body.path("locked").asBoolean() != t.locked && !manage) {
      throw DiscordException.missingPermissions();
    }
    if ((body.has("name") || body.has("archived") || body.has("auto_archive_duration")) && !manage && !owner) {
      throw DiscordException.missingPermissions();
    }
    if (body.has("invitable") && !manage) {
      throw DiscordException.missingPermissions();
    }
    if (body.has("name")) {
      t.name = body.path("name").asText();
    }
    if (body.has("locked")) {
      t.locked = body.path("locked").asBoolean();
    }
    if (body.has("invitable") && t.type == Channel.PRIVATE_THREAD) {
      t.invitable = body.path("invitable").asBoolean();
    }
    if (body.has("auto_archive_duration")) {
      int d = body.path("auto_archive_duration").asInt();
      if (d != 60 && d != 1440 && d != 4320 && d != 10080) {
        throw DiscordException.invalidForm("auto_archive_duration", "BASE_TYPE_CHOICES",
            "Value must be one of {60, 1440, 4320, 10080}.");
      }
      t.autoArchiveDuration = d;
    }
    if (body.has("archived")) {
      boolean archived = body.path("archived").asBoolean();
      if (archived != t.archived) {
        Guild g = state.guild(t.guildId);
        if (!archived) {
          long active = g.threadIds.stream().map(state.channels::get).filter(x -> x != null && !x.archived).count();
          if (active >= state.maxActiveThreadsPerGuild) {
            throw new DiscordException(400, 160006, "Maximum number of active threads reached");
          }
        }
        t.archived = archived;
        t.archiveTimestampMillis = System.currentTimeMillis();
      }
    }
  }

  private RestResponse deleteChannel(RestRequest req) {
    synchronized (state) {
      Channel c = visible(req);
      if (c.type == Channel.DM) {
        return RestResponse.ok(state.channelJson(c));
      }
      state.requireBot(c, c.isThread() ? Permissions.MANAGE_THREADS : Permissions.MANAGE_CHANNELS);
      ObjectNode json = state.channelJson(c);
      state.deleteChannel(c);
      return RestResponse.ok(json);
    }
  }

  private RestResponse putOverwrite(RestRequest req) {
    synchronized (state) {
      Channel c = visible(req);
      state.requireBot(c, Permissions.MANAGE_ROLES);
      long id = req.id("overwrite_id", DiscordException.unknownRole());
      int type = req.json.path("type").asInt(0);
      long allow = Long.parseLong(req.json.path("allow").asText("0"));
      long deny = Long.parseLong(req.json.path("deny").asText("0"));
      state.addOverwrite(c, new Overwrite(id, type, allow, deny));
      return RestResponse.noContent();
    }
  }

  private RestResponse deleteOverwrite(RestRequest req) {
    synchronized (state) {
      Channel c = visible(req);
      state.requireBot(c, Permissions.MANAGE_ROLES);
      long id = req.id("overwrite_id", DiscordException.unknownRole());
      c.overwrites.removeIf(o -> o.id() == id);
      state.channelUpdated(c);
      return RestResponse.noContent();
    }
  }
}
