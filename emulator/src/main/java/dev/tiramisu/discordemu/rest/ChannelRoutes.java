package dev.tiramisu.discordemu.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.DiscordException;
import dev.tiramisu.discordemu.EmulatorState;
import dev.tiramisu.discordemu.Json;
import dev.tiramisu.discordemu.MessageContent;
import dev.tiramisu.discordemu.Permissions;
import dev.tiramisu.discordemu.http.MessageRules;
import dev.tiramisu.discordemu.http.Multipart;
import dev.tiramisu.discordemu.http.RestRequest;
import dev.tiramisu.discordemu.http.RestResponse;
import dev.tiramisu.discordemu.http.Router;
import dev.tiramisu.discordemu.model.Channel;
import dev.tiramisu.discordemu.model.Guild;
import dev.tiramisu.discordemu.model.Message;
import dev.tiramisu.discordemu.model.Overwrite;
import dev.tiramisu.discordemu.model.User;
import java.util.ArrayList;
import java.util.List;

/** Channels, messages, pins, threads and thread members. */
final class ChannelRoutes {
  private final EmulatorState state;

  ChannelRoutes(RouteContext ctx) {
    this.state = ctx.state();
  }

  void register(Router r) {
    String ch = "/channels/{channel_id}";
    r.add("GET", ch, this::getChannel);
    r.add("PATCH", ch, this::patchChannel);
    r.add("DELETE", ch, this::deleteChannel);
    r.add("GET", ch + "/messages", this::history);
    r.add("POST", ch + "/messages", this::createMessage);
    r.add("GET", ch + "/messages/{message_id}", this::getMessage);
    r.add("PATCH", ch + "/messages/{message_id}", this::editMessage);
    r.add("DELETE", ch + "/messages/{message_id}", this::deleteMessage);
    r.add("POST", ch + "/messages/bulk-delete", this::bulkDelete);
    r.add("GET", ch + "/messages/pins", this::listPins);
    r.add("PUT", ch + "/messages/pins/{message_id}", req -> pin(req, true));
    r.add("DELETE", ch + "/messages/pins/{message_id}", req -> pin(req, false));
    r.add("GET", ch + "/pins", this::listPinsLegacy);
    r.add("PUT", ch + "/pins/{message_id}", req -> pin(req, true));
    r.add("DELETE", ch + "/pins/{message_id}", req -> pin(req, false));
    r.add("POST", ch + "/threads", this::createThread);
    r.add("POST", ch + "/messages/{message_id}/threads", this::createThreadFromMessage);
    r.add("GET", ch + "/threads/archived/public", req -> archived(req, Channel.PUBLIC_THREAD));
    r.add("GET", ch + "/threads/archived/private", req -> archived(req, Channel.PRIVATE_THREAD));
    r.add("GET", ch + "/thread-members", this::listThreadMembers);
    r.add("GET", ch + "/thread-members/{user_id}", this::getThreadMember);
    r.add("PUT", ch + "/thread-members/@me", req -> joinOrAdd(req, true));
    r.add("PUT", ch + "/thread-members/{user_id}", req -> joinOrAdd(req, false));
    r.add("DELETE", ch + "/thread-members/@me", req -> leaveOrRemove(req, true));
    r.add("DELETE", ch + "/thread-members/{user_id}", req -> leaveOrRemove(req, false));
    r.add("PUT", ch + "/permissions/{overwrite_id}", this::putOverwrite);
    r.add("DELETE", ch + "/permissions/{overwrite_id}", this::deleteOverwrite);
    r.add("POST", ch + "/typing", req -> {
      synchronized (state) {
        visible(req);
      }
      return RestResponse.noContent();
    });
  }

  /** The channel of the request, which the bot must be able to see (else 10003 if unknown, 50001 if hidden). */
  private Channel visible(RestRequest req) {
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

  private RestResponse history(RestRequest req) {
    int limit = req.intParam("limit", 50, 1, 100);
    Long before = snowflakeParam(req, "before");
    Long after = snowflakeParam(req, "after");
    Long around = snowflakeParam(req, "around");
    synchronized (state) {
      Channel c = visible(req);
      state.requireBot(c, Permissions.READ_MESSAGE_HISTORY);
      List<Message> all = new ArrayList<>();
      for (long id : c.messageIds) {
        Message m = state.messages.get(id);
        if (m != null && m.visibleTo == null) {
          all.add(m); // ascending by id
        }
      }
      List<Message> picked = new ArrayList<>();
      if (around != null) {
        int idx = 0;
        while (idx < all.size() && all.get(idx).id < around) {
          idx++;
        }
        int half = limit / 2;
        int from = Math.max(0, idx - half);
        int to = Math.min(all.size(), from + limit);
        from = Math.max(0, to - limit);
        picked.addAll(all.subList(from, to));
      } else if (after != null) {
        for (Message m : all) {
          if (m.id > after && picked.size() < limit) {
            picked.add(m);
          }
        }
      } else {
        for (int i = all.size() - 1; i >= 0 && picked.size() < limit; i--) {
          Message m = all.get(i);
          if (before == null || m.id < before) {
            picked.add(0, m);
          }
        }
      }
      ArrayNode out = Json.array();
      for (int i = picked.size() - 1; i >= 0; i--) { // newest first, as Discord returns them
        out.add(MessageContent.forBot(state, c, picked.get(i), state.messageJson(picked.get(i))));
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

  private RestResponse createMessage(RestRequest req) {
    JsonNode body = req.json;
    MessageRules.check(body, !req.files.isEmpty(), true);
    synchronized (state) {
      Channel c = visible(req);
      if (c.type == Channel.DM) {
        User u = state.user(c.recipientId);
        if (u.dmsClosed) {
          throw DiscordException.cannotDm();
        }
      } else if (c.isThread()) {
        state.requireBot(c, Permissions.SEND_MESSAGES_IN_THREADS);
        if (c.locked && (state.permissions(state.botUserId, c) & Permissions.MANAGE_THREADS) == 0) {
          throw DiscordException.threadArchived();
        }
      } else {
        state.requireBot(c, Permissions.SEND_MESSAGES);
      }
      if (!req.files.isEmpty() && c.type != Channel.DM) {
        state.requireBot(c, Permissions.ATTACH_FILES);
      }
      // enforce_nonce: the same author's message with this nonce in the last few minutes is returned, not repeated
      JsonNode nonce = body.path("nonce");
      boolean hasNonce = nonce.isTextual() || nonce.isIntegralNumber();
      if (hasNonce && body.path("enforce_nonce").asBoolean(false)) {
        Message earlier = state.messageForNonce(c.id, state.botUserId, nonce.asText());
        if (earlier != null) {
          return RestResponse.ok(createdJson(earlier));
        }
      }
      if (c.isThread() && c.archived) { // sending unarchives a thread that is not locked
        c.archived = false;
        c.archiveTimestampMillis = System.currentTimeMillis();
        state.channelUpdated(c);
      }
      // a reply to a message that does not exist fails, or with fail_if_not_exists=false is sent as a plain message
      JsonNode reference = body.path("message_reference");
      boolean replyTo = reference.isObject();
      if (replyTo) {
        Long refId = Json.snowflake(reference.path("message_id"));
        Message ref = refId == null ? null : state.messages.get(refId);
        if (ref == null || ref.channelId != c.id || ref.visibleTo != null) {
          if (reference.path("fail_if_not_exists").asBoolean(true)) {
            throw DiscordException.invalidForm("message_reference", "MESSAGE_REFERENCE_UNKNOWN_MESSAGE",
                "Unknown message");
          }
          replyTo = false;
        }
      }
      // SUPPRESS_EMBEDS, SUPPRESS_NOTIFICATIONS, IS_COMPONENTS_V2
      int flags = body.path("flags").asInt(0) & (4 | 4096 | Message.FLAG_COMPONENTS_V2);
      boolean reply = replyTo;
      Message m = state.postMessage(c, state.botUserId, InteractionRoutes.text(body.path("content")),
          InteractionRoutes.arr(body.path("embeds")), InteractionRoutes.arr(body.path("components")), flags,
          InteractionRoutes.obj(body.path("allowed_mentions")), null, null, msg -> {
            msg.tts = body.path("tts").asBoolean(false);
            if (reply) {
              // as Discord returns it: type DEFAULT (0), the message, its channel and guild; fail_if_not_exists
              // is a request option and is not echoed
              ObjectNode ref = Json.object();
              ref.put("type", 0);
              ref.put("channel_id", Long.toString(c.id));
              ref.put("message_id", Long.toString(Json.snowflake(body.path("message_reference").path("message_id"))));
              if (c.guildId != null) {
                ref.put("guild_id", Long.toString(c.guildId));
              }
              msg.messageReference = ref;
              msg.type = 19;
            }
            attach(state, msg, req.files, body);
            msg.nonce = hasNonce ? nonce.deepCopy() : null;
          });
      return RestResponse.ok(createdJson(m));
    }
  }

  /** A message as the creation response shows it: with the nonce it was created with (Discord echoes it). */
  private ObjectNode createdJson(Message m) {
    ObjectNode o = state.messageJson(m);
    if (m.nonce != null) {
      o.set("nonce", m.nonce);
    }
    return o;
  }

  /** Stores uploaded files as the message's attachments (description from the payload's attachments list). */
  static void attach(EmulatorState state, Message m, List<Multipart.Part> files, JsonNode body) {
    for (int i = 0; i < files.size(); i++) {
      Multipart.Part p = files.get(i);
      String description = null;
      for (JsonNode a : body.path("attachments")) {
        if (a.path("id").asText().equals(Integer.toString(i))) {
          description = a.path("description").isTextual() ? a.path("description").asText() : null;
        }
      }
      m.attachments.add(new Message.Attachment(state.ids.next(), p.filename(), p.contentType(), p.data(),
          description));
    }
  }

  private RestResponse getMessage(RestRequest req) {
    synchronized (state) {
      Channel c = visible(req);
      state.requireBot(c, Permissions.READ_MESSAGE_HISTORY);
      Message m = state.message(c.id, req.id("message_id", DiscordException.unknownMessage()));
      if (m.visibleTo != null) {
        throw DiscordException.unknownMessage();
      }
      return RestResponse.ok(MessageContent.forBot(state, c, m, state.messageJson(m)));
    }
  }

  private RestResponse editMessage(RestRequest req) {
    synchronized (state) {
      Channel c = visible(req);
      Message m = state.message(c.id, req.id("message_id", DiscordException.unknownMessage()));
      MessageRules.checkEdit(req.json, !req.files.isEmpty(), m);
      if (m.authorId != state.botUserId || m.visibleTo != null) {
        if (req.json.has("content") || req.json.has("embeds") || req.json.has("components")) {
          throw new DiscordException(403, 50005, "Cannot edit a message authored by another user");
        }
        state.requireBot(c, Permissions.MANAGE_MESSAGES);
      }
      if (c.isThread() && c.archived) {
        throw DiscordException.threadArchived();
      }
      InteractionRoutes.applyEdit(m, req.json);
      attach(state, m, req.files, req.json);
      state.messageEdited(m);
      return RestResponse.ok(state.messageJson(m));
    }
  }

  private RestResponse deleteMessage(RestRequest req) {
    synchronized (state) {
      Channel c = visible(req);
      Message m = state.message(c.id, req.id("message_id", DiscordException.unknownMessage()));
      if (m.authorId != state.botUserId) {
        state.requireBot(c, Permissions.MANAGE_MESSAGES);
      }
      state.deleteMessage(m);
      return RestResponse.noContent();
    }
  }

  private RestResponse bulkDelete(RestRequest req) {
    JsonNode ids = req.json.path("messages");
    if (!ids.isArray() || ids.size() < 2 || ids.size() > 100) {
      throw DiscordException.invalidForm("messages", "BASE_TYPE_BAD_LENGTH", "Must be between 2 and 100 in length.");
    }
    synchronized (state) {
      Channel c = visible(req);
      state.requireBot(c, Permissions.MANAGE_MESSAGES);
      for (JsonNode id : ids) {
        Long mid = Json.snowflake(id);
        Message m = mid == null ? null : state.messages.get(mid);
        if (m != null && m.channelId == c.id) {
          state.deleteMessage(m);
        }
      }
      return RestResponse.noContent();
    }
  }

  private RestResponse pin(RestRequest req, boolean pin) {
    synchronized (state) {
      Channel c = visible(req);
      long perms = state.permissions(state.botUserId, c);
      if (c.type != Channel.DM && (perms & (Permissions.PIN_MESSAGES | Permissions.MANAGE_MESSAGES)) == 0) {
        throw DiscordException.missingPermissions();
      }
      Message m = state.message(c.id, req.id("message_id", DiscordException.unknownMessage()));
      if (m.visibleTo != null) {
        throw DiscordException.unknownMessage();
      }
      if (c.isThread() && c.archived) {
        throw DiscordException.threadArchived();
      }
      if (pin) {
        state.pin(c, m);
      } else {
        state.unpin(c, m);
      }
      return RestResponse.noContent();
    }
  }

  /**
   * GET /channels/{id}/messages/pins: most recently pinned first, each with its own pinned_at; pages with
   * {@code before} (an ISO 8601 timestamp) and {@code limit} (1..50, default 50), and says {@code has_more}.
   */
  private RestResponse listPins(RestRequest req) {
    int limit = req.intParam("limit", 50, 1, 50);
    String beforeRaw = req.queryParam("before");
    long before = Long.MAX_VALUE;
    if (beforeRaw != null) {
      try {
        before = java.time.OffsetDateTime.parse(beforeRaw).toInstant().toEpochMilli();
      } catch (java.time.format.DateTimeParseException e) {
        throw DiscordException.invalidForm("before", "DATE_TYPE_PARSE", "Could not parse " + beforeRaw + ".");
      }
    }
    synchronized (state) {
      Channel c = visible(req);
      state.requireBot(c, Permissions.READ_MESSAGE_HISTORY);
      ObjectNode out = Json.object();
      ArrayNode items = out.putArray("items");
      boolean more = false;
      for (long id : c.pins) {
        Message m = state.messages.get(id);
        long pinnedAt = c.pinnedAtMillis.getOrDefault(id, c.lastPinMillis);
        if (m == null || pinnedAt >= before) {
          continue;
        }
        if (items.size() == limit) {
          more = true;
          break;
        }
        ObjectNode item = items.addObject();
        item.put("pinned_at", Json.timestamp(pinnedAt));
        item.set("message", MessageContent.forBot(state, c, m, state.messageJson(m)));
      }
      out.put("has_more", more);
      return RestResponse.ok(out);
    }
  }

  private RestResponse listPinsLegacy(RestRequest req) {
    synchronized (state) {
      Channel c = visible(req);
      ArrayNode out = Json.array();
      for (long id : c.pins) {
        Message m = state.messages.get(id);
        if (m != null) {
          out.add(MessageContent.forBot(state, c, m, state.messageJson(m)));
        }
      }
      return RestResponse.ok(out);
    }
  }

  private RestResponse createThread(RestRequest req) {
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
      Channel parent = visible(req);
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

  private RestResponse createThreadFromMessage(RestRequest req) {
    String name = req.json.path("name").asText("");
    if (name.isEmpty() || name.length() > 100) {
      throw DiscordException.invalidForm("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
    }
    synchronized (state) {
      Channel parent = visible(req);
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

  private RestResponse archived(RestRequest req, int type) {
    synchronized (state) {
      Channel parent = visible(req);
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

  private Channel thread(RestRequest req) {
    Channel t = visible(req);
    if (!t.isThread()) {
      throw new DiscordException(400, 50024, "Cannot execute action on this channel type");
    }
    return t;
  }

  /**
   * GET /channels/{thread}/thread-members: ordered by user id, paged with {@code after} and {@code limit} (1..100,
   * default 100); with {@code with_member=true} each entry carries the guild member, as JDA's pagination needs.
   */
  private RestResponse listThreadMembers(RestRequest req) {
    boolean withMember = req.boolParam("with_member", false);
    Long after = snowflakeParam(req, "after");
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

  private ObjectNode threadMember(Guild g, Channel t, long userId, boolean withMember) {
    ObjectNode tm = state.threadMemberJson(t, userId);
    var member = g.members.get(userId);
    if (withMember && member != null) {
      tm.set("member", state.memberJson(g, member));
    }
    return tm;
  }

  private RestResponse getThreadMember(RestRequest req) {
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
  private RestResponse joinOrAdd(RestRequest req, boolean self) {
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

  private RestResponse leaveOrRemove(RestRequest req, boolean self) {
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
