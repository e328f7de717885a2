package dev.tiramisu.discordemu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.model.Channel;
import dev.tiramisu.discordemu.model.Message;

/**
 * The Message Content intent (https://discord.com/developers/docs/events/gateway#message-content-intent):
 * "Apps without the intent will receive empty values in fields that contain user-inputted content"
 * ({@code content}, {@code embeds}, {@code attachments}, {@code components}; {@code poll} is left out
 * entirely) except for messages the app sent, DMs with the app, messages in which the app is mentioned,
 * and (Discord's guide "You Might Not Need a Privileged Intent") replies to the app's messages.
 *
 * <p>Who "has" the intent: on Discord, the application's approved privileged-intent flag in the
 * developer portal. The emulator models that flag as {@link EmulatorState#messageContentIntent} (on by
 * default, as a developer who flips the toggle for a bot in under 100 servers has it). REST reads use that
 * flag; the gateway blanks by the intents of the IDENTIFY (a bot may leave an approved intent out), and an
 * IDENTIFY that asks for the intent while the flag is off is closed with 4014, as Discord does.
 */
public final class MessageContent {
  /** GATEWAY_MESSAGE_CONTENT_LIMITED: the application flag of a bot (under 100 servers) with the toggle on. */
  public static final int APPLICATION_FLAG = 1 << 19;

  private MessageContent() {}

  /** Whether the bot sees {@code m}'s content without the intent (the documented exceptions). Monitor held. */
  public static boolean exempt(EmulatorState state, Channel c, Message m) {
    if (c.guildId == null || m.authorId == state.botUserId || m.mentionedUsers.contains(state.botUserId)) {
      return true;
    }
    if (m.type == 19 && m.messageReference != null) {
      Long refId = Json.snowflake(m.messageReference.path("message_id"));
      Message ref = refId == null ? null : state.messages.get(refId);
      return ref != null && ref.authorId == state.botUserId;
    }
    return false;
  }

  /**
   * A message as a REST read by the bot returns it: {@code json} (built by {@link EmulatorState#messageJson})
   * blanked when the application lacks the intent and no exception applies; the same for the message a reply
   * quotes ({@code referenced_message}). Monitor held.
   */
  public static ObjectNode forBot(EmulatorState state, Channel c, Message m, ObjectNode json) {
    if (state.messageContentIntent) {
      return json;
    }
    if (!exempt(state, c, m)) {
      blank(json);
    }
    JsonNode ref = json.get("referenced_message");
    if (ref instanceof ObjectNode quoted) {
      Long refId = Json.snowflake(quoted.path("id"));
      Message r = refId == null ? null : state.messages.get(refId);
      if (r != null && !exempt(state, c, r)) {
        blank(quoted);
      }
    }
    return json;
  }

  /** Empties the fields the intent governs. */
  public static void blank(ObjectNode d) {
    d.put("content", "");
    d.putArray("embeds");
    d.putArray("attachments");
    d.putArray("components");
    d.remove("poll");
  }
}
