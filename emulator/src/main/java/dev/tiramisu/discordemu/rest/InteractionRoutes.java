package dev.tiramisu.discordemu.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.DiscordException;
import dev.tiramisu.discordemu.EmulatorState;
import dev.tiramisu.discordemu.Json;
import dev.tiramisu.discordemu.http.ComponentRules;
import dev.tiramisu.discordemu.http.MessageRules;
import dev.tiramisu.discordemu.http.RestRequest;
import dev.tiramisu.discordemu.http.RestResponse;
import dev.tiramisu.discordemu.http.Router;
import dev.tiramisu.discordemu.model.Channel;
import dev.tiramisu.discordemu.model.Interaction;
import dev.tiramisu.discordemu.model.Message;

/**
 * Interaction callbacks (message, deferred, update, deferred update, modal), follow-ups, and the original
 * response. The first callback must come within Discord's 3 seconds, or the interaction fails with 10062.
 */
final class InteractionRoutes {
  static final int PONG = 1;
  static final int CHANNEL_MESSAGE = 4;
  static final int DEFERRED_CHANNEL_MESSAGE = 5;
  static final int DEFERRED_UPDATE_MESSAGE = 6;
  static final int UPDATE_MESSAGE = 7;
  static final int AUTOCOMPLETE_RESULT = 8;
  static final int MODAL = 9;
  private static final int FLAG_LOADING = 1 << 7;
  private static final long TOKEN_LIFETIME_MILLIS = 15 * 60 * 1000;

  private final EmulatorState state;

  InteractionRoutes(RouteContext ctx) {
    this.state = ctx.state();
  }

  void register(Router r) {
    r.add("POST", "/interactions/{interaction_id}/{interaction_token}/callback", this::callback);
    String hook = "/webhooks/{application_id}/{interaction_token}";
    r.add("POST", hook, this::followup);
    r.add("GET", hook + "/messages/@original", req -> get(req, true));
    r.add("PATCH", hook + "/messages/@original", req -> edit(req, true));
    r.add("DELETE", hook + "/messages/@original", req -> delete(req, true));
    r.add("GET", hook + "/messages/{message_id}", req -> get(req, false));
    r.add("PATCH", hook + "/messages/{message_id}", req -> edit(req, false));
    r.add("DELETE", hook + "/messages/{message_id}", req -> delete(req, false));
  }

  private RestResponse callback(RestRequest req) {
    long id = req.id("interaction_id", DiscordException.unknownInteraction());
    String token = req.param("interaction_token");
    int type = req.json.path("type").asInt(-1);
    JsonNode data = req.json.path("data");
    boolean withResponse = req.boolParam("with_response", false); // a bad value is refused before any effect
    synchronized (state) {
      Interaction i = state.interactions.get(id);
      if (i == null || !i.token.equals(token)) {
        throw DiscordException.unknownInteraction();
      }
      if (i.acknowledged()) {
        throw DiscordException.alreadyAcknowledged();
      }
      long now = System.currentTimeMillis();
      if (now - i.createdAtMillis > state.interactionResponseDeadlineMillis) {
        i.timedOut = true;
        state.changed();
        throw DiscordException.unknownInteraction();
      }
      Channel channel = state.channel(i.channelId);
      Message original;
      if ((i.type == Interaction.APPLICATION_COMMAND_AUTOCOMPLETE) != (type == AUTOCOMPLETE_RESULT)) {
        // Discord's docs: an autocomplete interaction is answered with APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
        // only, and that response is "only valid for autocomplete interactions".
        throw DiscordException.invalidForm("type", "INTERACTION_RESPONSE_TYPE_INVALID",
            "Interaction response type " + type + " is not valid for interaction type " + i.type + ".");
      }
      switch (type) {
        case CHANNEL_MESSAGE -> {
          try {
            MessageRules.check(data, !req.files.isEmpty(), true);
          } catch (DiscordException e) {
            throw MessageRules.under("data", e);
          }
          original = post(i, channel, data, req, 0);
        }
        case DEFERRED_CHANNEL_MESSAGE -> original = post(i, channel, Json.object(), req, FLAG_LOADING
            | (data.path("flags").asInt(0) & Message.FLAG_EPHEMERAL));
        case DEFERRED_UPDATE_MESSAGE, UPDATE_MESSAGE -> {
          if (i.messageId == null) {
            throw new DiscordException(400, 40004, "Interaction is not on a message: cannot update it");
          }
          original = state.message(i.channelId, i.messageId);
          if (type == UPDATE_MESSAGE) {
            try {
              MessageRules.checkEdit(data, !req.files.isEmpty(), original);
            } catch (DiscordException e) {
              throw MessageRules.under("data", e);
            }
            applyEdit(original, data);
            state.messageEdited(original);
          }
        }
        case MODAL -> {
          if (i.type == Interaction.MODAL_SUBMIT) {
            throw new DiscordException(400, 50035, "Invalid Form Body: a modal cannot answer a modal submit");
          }
          validateModal(data);
          i.modal = ((ObjectNode) data).deepCopy();
          EmulatorState.normalizeComponents(i.modal.path("components")); // ids, as Discord assigns them
          original = null;
        }
        case AUTOCOMPLETE_RESULT -> {
          i.choices = validateChoices(data.path("choices"));
          original = null;
        }
        case PONG -> original = null;
        default -> throw DiscordException.invalidForm("type", "BASE_TYPE_CHOICES", "Value must be one of (1, 4, 5, 6, 7, 8, 9, 10, 12).");
      }
      i.callbackType = type;
      i.firstResponseMillis = now;
      if (original != null) {
        i.originalMessageId = original.id;
        i.originalEphemeral = original.isEphemeral();
      }
      state.changed();
      if (!withResponse) {
        return RestResponse.noContent();
      }
      ObjectNode out = Json.object();
      ObjectNode inter = out.putObject("interaction");
      inter.put("id", Long.toString(i.id));
      inter.put("type", i.type);
      if (original != null) {
        inter.put("response_message_id", Long.toString(original.id));
        inter.put("response_message_loading", (original.flags & FLAG_LOADING) != 0);
        inter.put("response_message_ephemeral", original.isEphemeral());
      }
      // Discord's docs: the resource carries the message "only present if type is CHANNEL_MESSAGE_WITH_SOURCE
      // or UPDATE_MESSAGE"; for deferred responses and modals nothing was created, so no resource is returned.
      if (original != null && (type == CHANNEL_MESSAGE || type == UPDATE_MESSAGE)) {
        ObjectNode resource = out.putObject("resource");
        resource.put("type", type);
        resource.set("message", state.messageJson(original));
      }
      return RestResponse.ok(out);
    }
  }

  /**
   * Discord's limits for autocomplete choices: at most 25, each with a name of 1 to 100 characters and a value (a
   * string of at most 100 characters, or a number).
   */
  private static ArrayNode validateChoices(JsonNode choices) {
    if (choices.isMissingNode() || choices.isNull()) {
      return Json.array();
    }
    if (!choices.isArray()) {
      throw DiscordException.invalidForm("data.choices", "BASE_TYPE_ARRAY", "Must be an array.");
    }
    if (choices.size() > 25) {
      throw DiscordException.invalidForm("data.choices", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
    }
    for (int n = 0; n < choices.size(); n++) {
      JsonNode c = choices.get(n);
      String name = c.path("name").asText("");
      if (!c.path("name").isTextual() || name.isEmpty() || name.length() > 100) {
        throw DiscordException.invalidForm("data.choices." + n + ".name", "BASE_TYPE_BAD_LENGTH",
            "Must be between 1 and 100 in length.");
      }
      JsonNode v = c.path("value");
      if (!(v.isNumber() || (v.isTextual() && v.asText().length() <= 100))) {
        throw DiscordException.invalidForm("data.choices." + n + ".value", "BASE_TYPE_BAD_LENGTH",
            "Must be between 1 and 100 in length.");
      }
    }
    return ((ArrayNode) choices).deepCopy();
  }

  private static void validateModal(JsonNode data) {
    String title = data.path("title").asText("");
    if (title.isEmpty() || title.length() > 45) {
      throw DiscordException.invalidForm("data.title", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 45 in length.");
    }
    String customId = data.path("custom_id").asText("");
    if (customId.isEmpty() || customId.length() > 100) {
      throw DiscordException.invalidForm("data.custom_id", "BASE_TYPE_BAD_LENGTH",
          "Must be between 1 and 100 in length.");
    }
    ComponentRules.checkModal(data.path("components"), "data.components");
  }

  /** Creates an interaction response or follow-up message. */
  private Message post(Interaction i, Channel channel, JsonNode data, RestRequest req, int extraFlags) {
    int flags = (data.path("flags").asInt(0) & (Message.FLAG_EPHEMERAL | 4 | 4096 | Message.FLAG_COMPONENTS_V2))
        | extraFlags;
    boolean ephemeral = (flags & Message.FLAG_EPHEMERAL) != 0;
    Message m = state.postMessage(channel, state.botUserId, text(data.path("content")), arr(data.path("embeds")),
        arr(data.path("components")), flags, obj(data.path("allowed_mentions")), state.applicationId,
        ephemeral ? i.userId : null);
    m.interactionId = i.id;
    m.type = i.type == Interaction.APPLICATION_COMMAND ? 20 : 0;
    MessageRoutes.attach(state, m, req.files, data);
    return m;
  }

  /**
   * A follow-up message. Discord's docs (Create Followup Message): it "functions the same as Execute Webhook, but
   * {@code wait} is always true", so the created message is returned whatever {@code wait} says; a {@code wait} or
   * {@code with_components} that is not a boolean query string is still refused with 50035.
   */
  private RestResponse followup(RestRequest req) {
    req.boolParam("wait", true);
    req.boolParam("with_components", false);
    synchronized (state) {
      Interaction i = interaction(req);
      if (!i.acknowledged()) {
        throw DiscordException.unknownWebhook();
      }
      MessageRules.check(req.json, !req.files.isEmpty(), true);
      Message loading = loadingOriginal(i);
      if (loading != null) {
        // Discord's docs: right after a DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE, a follow-up edits the loading message
        // instead of creating one (deprecated, kept for compatibility); its ephemeral state stays as deferred.
        applyEdit(loading, req.json);
        MessageRoutes.attach(state, loading, req.files, req.json);
        loading.flags &= ~FLAG_LOADING;
        state.messageEdited(loading);
        return RestResponse.ok(state.messageJson(loading));
      }
      Channel channel = state.channel(i.channelId);
      Message m = post(i, channel, req.json, req, 0);
      i.followupIds.add(m.id);
      state.changed();
      return RestResponse.ok(state.messageJson(m));
    }
  }

  /** The original response if it is still the "thinking" message of a deferred reply, else null. */
  private Message loadingOriginal(Interaction i) {
    if (i.callbackType != DEFERRED_CHANNEL_MESSAGE || i.originalMessageId == null) {
      return null;
    }
    Message m = state.messages.get(i.originalMessageId);
    return m != null && (m.flags & FLAG_LOADING) != 0 ? m : null;
  }

  private Interaction interaction(RestRequest req) {
    long app = req.id("application_id", DiscordException.unknownWebhook());
    Interaction i = state.interactionByToken(req.param("interaction_token"));
    if (app != state.applicationId || System.currentTimeMillis() - i.createdAtMillis > TOKEN_LIFETIME_MILLIS) {
      throw new DiscordException(401, 50027, "Invalid Webhook Token");
    }
    return i;
  }

  private Message target(Interaction i, RestRequest req, boolean original) {
    Long id = original ? i.originalMessageId : Long.valueOf(req.id("message_id", DiscordException.unknownMessage()));
    if (id == null) {
      throw DiscordException.unknownMessage();
    }
    if (!original && !id.equals(i.originalMessageId) && !i.followupIds.contains(id)) {
      throw DiscordException.unknownMessage();
    }
    return state.message(i.channelId, id);
  }

  private RestResponse get(RestRequest req, boolean original) {
    synchronized (state) {
      Interaction i = interaction(req);
      return RestResponse.ok(state.messageJson(target(i, req, original)));
    }
  }

  private RestResponse edit(RestRequest req, boolean original) {
    // interaction webhooks belong to the application: components are always honoured, the flag only has to parse
    req.boolParam("with_components", false);
    synchronized (state) {
      Interaction i = interaction(req);
      Message m = target(i, req, original);
      MessageRules.checkEdit(req.json, !req.files.isEmpty(), m);
      boolean wasLoading = (m.flags & FLAG_LOADING) != 0;
      applyEdit(m, req.json);
      MessageRoutes.attach(state, m, req.files, req.json);
      if (wasLoading) {
        m.flags &= ~FLAG_LOADING;
      }
      state.messageEdited(m);
      return RestResponse.ok(state.messageJson(m));
    }
  }

  private RestResponse delete(RestRequest req, boolean original) {
    synchronized (state) {
      Interaction i = interaction(req);
      Message m = target(i, req, original);
      state.deleteMessage(m);
      return RestResponse.noContent();
    }
  }

  static void applyEdit(Message m, JsonNode data) {
    if (data.has("content")) {
      m.content = text(data.path("content"));
    }
    if (data.has("embeds")) {
      m.embeds = data.path("embeds").isArray() ? (ArrayNode) data.path("embeds").deepCopy() : Json.array();
    }
    if (data.has("components")) {
      m.components = data.path("components").isArray() ? (ArrayNode) data.path("components").deepCopy()
          : Json.array();
      EmulatorState.normalizeComponents(m.components);
    }
    if (data.has("flags")) {
      int suppress = 4;
      m.flags = (m.flags & ~suppress) | (data.path("flags").asInt(0) & suppress);
      // IS_COMPONENTS_V2 can be added by an edit (MessageRules checked the content was cleared), never removed
      m.flags |= data.path("flags").asInt(0) & Message.FLAG_COMPONENTS_V2;
    }
    if (data.has("allowed_mentions") && data.path("allowed_mentions").isObject()) {
      m.allowedMentions = (ObjectNode) data.path("allowed_mentions").deepCopy();
    }
  }

  static String text(JsonNode n) {
    return n.isTextual() ? n.asText() : "";
  }

  static ArrayNode arr(JsonNode n) {
    return n.isArray() ? (ArrayNode) n.deepCopy() : null;
  }

  static ObjectNode obj(JsonNode n) {
    return n.isObject() ? (ObjectNode) n.deepCopy() : null;
  }
}
