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
import dev.tiramisu.discordemu.model.Channel;
import dev.tiramisu.discordemu.model.Message;
import dev.tiramisu.discordemu.model.User;
import java.util.ArrayList;
import java.util.List;

/** Messages of a channel: history, create (with files and nonces), read, edit, delete, bulk delete. */
final class MessageRoutes {
  private final EmulatorState state;

  MessageRoutes(EmulatorState state) {
    this.state = state;
  }

  RestResponse history(RestRequest req) {
    int limit = req.intParam("limit", 50, 1, 100);
    Long before = snowflakeParam(req, "before");
    Long after = snowflakeParam(req, "after");
    Long around = snowflakeParam(req, "around");
    synchronized (state) {
      Channel c = ChannelRoutes.visible(state, req);
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

  static Long snowflakeParam(RestRequest req, String name) {
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

  RestResponse createMessage(RestRequest req) {
    JsonNode body = req.json;
    MessageRules.check(body, !req.files.isEmpty(), true);
    synchronized (state) {
      Channel c = ChannelRoutes.visible(state, req);
      if (c.type == Channel.DM) {
        User u = state.user(c.recipientId);
        // Discord lets a bot DM only users who accept DMs and share a server with it
        if (u.dmsClosed || !state.sharesGuildWithBot(c.recipientId)) {
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
  ObjectNode createdJson(Message m) {
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

  RestResponse getMessage(RestRequest req) {
    synchronized (state) {
      Channel c = ChannelRoutes.visible(state, req);
      state.requireBot(c, Permissions.READ_MESSAGE_HISTORY);
      Message m = state.message(c.id, req.id("message_id", DiscordException.unknownMessage()));
      if (m.visibleTo != null) {
        throw DiscordException.unknownMessage();
      }
      return RestResponse.ok(MessageContent.forBot(state, c, m, state.messageJson(m)));
    }
  }

  RestResponse editMessage(RestRequest req) {
    synchronized (state) {
      Channel c = ChannelRoutes.visible(state, req);
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

  RestResponse deleteMessage(RestRequest req) {
    synchronized (state) {
      Channel c = ChannelRoutes.visible(state, req);
      Message m = state.message(c.id, req.id("message_id", DiscordException.unknownMessage()));
      if (m.authorId != state.botUserId) {
        state.requireBot(c, Permissions.MANAGE_MESSAGES);
      }
      state.deleteMessage(m);
      return RestResponse.noContent();
    }
  }

  RestResponse bulkDelete(RestRequest req) {
    JsonNode ids = req.json.path("messages");
    if (!ids.isArray() || ids.size() < 2 || ids.size() > 100) {
      throw DiscordException.invalidForm("messages", "BASE_TYPE_BAD_LENGTH", "Must be between 2 and 100 in length.");
    }
    synchronized (state) {
      Channel c = ChannelRoutes.visible(state, req);
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
}
