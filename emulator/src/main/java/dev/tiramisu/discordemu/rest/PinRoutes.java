package dev.tiramisu.discordemu.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.DiscordException;
import dev.tiramisu.discordemu.EmulatorState;
import dev.tiramisu.discordemu.Json;
import dev.tiramisu.discordemu.MessageContent;
import dev.tiramisu.discordemu.Permissions;
import dev.tiramisu.discordemu.http.RestRequest;
import dev.tiramisu.discordemu.http.RestResponse;
import dev.tiramisu.discordemu.model.Channel;
import dev.tiramisu.discordemu.model.Message;

/** Pins: pin and unpin (both route families), the paged {@code /messages/pins} list and the legacy {@code /pins}. */
final class PinRoutes {
  private final EmulatorState state;

  PinRoutes(EmulatorState state) {
    this.state = state;
  }

  RestResponse pin(RestRequest req, boolean pin) {
    synchronized (state) {
      Channel c = ChannelRoutes.visible(state, req);
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
  RestResponse listPins(RestRequest req) {
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
      Channel c = ChannelRoutes.visible(state, req);
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

  RestResponse listPinsLegacy(RestRequest req) {
    synchronized (state) {
      Channel c = ChannelRoutes.visible(state, req);
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
}
