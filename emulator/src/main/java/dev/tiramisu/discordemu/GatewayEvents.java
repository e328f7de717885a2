package dev.tiramisu.discordemu;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where the state sends dispatch events; the gateway fans them out to sessions by shard and intents. */
public interface GatewayEvents {
  /**
   * @param type event name, e.g. MESSAGE_CREATE
   * @param data the event's d payload
   * @param guildId the guild the event belongs to, or null (DMs, routed to shard 0)
   * @param intent the intent bit a session needs to receive it, or 0 when none is needed
   * @param messageContent true when the payload is a message whose content fields need MESSAGE_CONTENT
   */
  void dispatch(String type, ObjectNode data, Long guildId, int intent, boolean messageContent);

  GatewayEvents NONE = (type, data, guildId, intent, messageContent) -> {};
}
