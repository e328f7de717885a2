package dev.tiramisu.discordemu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.model.Guild;
import dev.tiramisu.discordemu.model.Interaction;
import dev.tiramisu.discordemu.model.Member;

/**
 * What a message that answers an interaction says about it: {@code interaction_metadata} and the deprecated
 * {@code interaction} object, which Discord still sends on a message that is "a response to an Interaction without an
 * existing message" (Receiving and Responding, Message Interaction Object) and which clients such as discord.py use
 * to find the view a reply was sent with. Called under the state's monitor.
 */
final class MessageInteractionJson {
  private MessageInteractionJson() {}

  /** A message's interaction_metadata; the spec requires the ids that tie it to its message or modal. */
  static ObjectNode metadata(EmulatorState state, Interaction i) {
    ObjectNode meta = Json.object();
    meta.put("id", Long.toString(i.id));
    meta.put("type", i.type);
    meta.set("user", state.userJson(state.user(i.userId)));
    ObjectNode owners = meta.putObject("authorizing_integration_owners");
    owners.put("0", Long.toString(i.guildId == null ? 0 : i.guildId));
    if (i.type == Interaction.APPLICATION_COMMAND) {
      meta.put("name", i.data.path("name").asText());
      meta.put("command_type", i.data.path("type").asInt(1));
    }
    if (i.type == Interaction.MESSAGE_COMPONENT && i.messageId != null) {
      meta.put("interacted_message_id", Long.toString(i.messageId));
    }
    if (i.type == Interaction.MODAL_SUBMIT) {
      Interaction from = i.triggeringInteractionId == null ? null : state.interactions.get(i.triggeringInteractionId);
      if (from != null && from.type != Interaction.MODAL_SUBMIT) {
        meta.set("triggering_interaction_metadata", metadata(state, from));
      }
    }
    return meta;
  }

  /**
   * The deprecated message interaction object: {@code id}, {@code type}, {@code name} (the command with its
   * subcommand group and subcommand, e.g. {@code "ticket create"}; for a component or modal interaction the emulator
   * gives the custom id), {@code user}, and in a guild {@code member}, the invoking member without its user.
   */
  static ObjectNode interaction(EmulatorState state, Interaction i) {
    ObjectNode o = Json.object();
    o.put("id", Long.toString(i.id));
    o.put("type", i.type);
    o.put("name", name(i));
    o.set("user", state.userJson(state.user(i.userId)));
    if (i.guildId != null) {
      Guild g = state.guilds.get(i.guildId);
      Member m = g == null ? null : g.members.get(i.userId);
      if (m != null) {
        ObjectNode member = state.memberJson(g, m);
        member.remove("user");
        o.set("member", member);
      }
    }
    return o;
  }

  private static String name(Interaction i) {
    if (i.type != Interaction.APPLICATION_COMMAND) {
      return i.data.path("custom_id").asText("");
    }
    StringBuilder name = new StringBuilder(i.data.path("name").asText());
    JsonNode options = i.data.path("options");
    // a subcommand group (2) holds a subcommand (1); either one is the only option at its level
    while (options.isArray() && options.size() == 1
        && (options.get(0).path("type").asInt() == 1 || options.get(0).path("type").asInt() == 2)) {
      name.append(' ').append(options.get(0).path("name").asText());
      options = options.get(0).path("options");
    }
    return name.toString();
  }
}
