package dev.tiramisu.discordemu.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.EmulatorState;
import dev.tiramisu.discordemu.Json;
import dev.tiramisu.discordemu.driver.Actor;
import dev.tiramisu.discordemu.model.Channel;
import dev.tiramisu.discordemu.model.Command;
import dev.tiramisu.discordemu.model.Guild;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sandbox's slash command menu: which commands the client offers a user in a channel (guild commands shadow
 * global ones; DM contexts; default member permissions), with descriptions in the user's client language when the
 * command carries it, and the typing of the option values the page sends.
 */
final class CommandMenu {
  private final EmulatorState state;

  CommandMenu(EmulatorState state) {
    this.state = state;
  }

  /** The chat-input commands the client offers this user in this channel (one they can see), with their options. */
  ObjectNode commands(long userId, Channel c) {
    synchronized (state) {
      Map<String, Command> byName = new LinkedHashMap<>();
      for (Command cmd : state.commands.values()) {
        if (cmd.type() != 1 || cmd.applicationId != state.applicationId) {
          continue;
        }
        if (cmd.guildId == null) {
          if (c.guildId == null && !allowedInDms(cmd)) {
            continue;
          }
          byName.putIfAbsent(cmd.name(), cmd);
        } else if (cmd.guildId.equals(c.guildId)) {
          byName.put(cmd.name(), cmd); // a guild command shadows the global one of the same name
        }
      }
      ObjectNode o = Json.object();
      ArrayNode out = o.putArray("commands");
      Guild g = c.guildId == null ? null : state.guilds.get(c.guildId);
      for (Command cmd : byName.values()) {
        if (g != null && !mayUse(g, userId, cmd)) {
          continue;
        }
        ObjectNode x = out.addObject();
        x.put("id", Long.toString(cmd.id));
        x.put("name", cmd.name());
        String locale = state.user(userId).locale;
        x.put("description", localized(cmd.json, locale));
        ArrayNode options = cmd.json.path("options").isArray() ? cmd.json.path("options").deepCopy() : Json.array();
        localizeDescriptions(options, locale);
        x.set("options", options);
      }
      return o;
    }
  }

  /** The description as a client in {@code locale} shows it: its localization, else the default. */
  private static String localized(JsonNode node, String locale) {
    JsonNode l = node.path("description_localizations").path(locale);
    return l.isTextual() ? l.asText() : node.path("description").asText("");
  }

  private static void localizeDescriptions(JsonNode options, String locale) {
    for (JsonNode o : options) {
      if (o instanceof ObjectNode on && on.has("description")) {
        on.put("description", localized(on, locale));
      }
      localizeDescriptions(o.path("options"), locale);
    }
  }

  private boolean mayUse(Guild g, long userId, Command cmd) {
    JsonNode dmp = cmd.json.path("default_member_permissions");
    if (dmp.isMissingNode() || dmp.isNull()) {
      return true;
    }
    try {
      long needed = Long.parseLong(dmp.asText());
      return (state.basePermissions(g, userId) & needed) == needed;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean allowedInDms(Command cmd) {
    JsonNode contexts = cmd.json.path("contexts");
    if (!contexts.isArray()) {
      return true;
    }
    for (JsonNode c : contexts) {
      if (c.asInt() == 1) {
        return true;
      }
    }
    return false;
  }

  /** The option definitions at the end of a command path, to type the values; empty when unknown. */
  JsonNode optionDefs(Long guildId, String path) {
    String[] parts = path.split("\\s+");
    Command found = null;
    for (Command cmd : state.commands.values()) {
      if (cmd.type() == 1 && cmd.name().equals(parts[0])) {
        if (guildId != null && guildId.equals(cmd.guildId)) {
          found = cmd;
          break;
        }
        if (cmd.guildId == null) {
          found = cmd;
        }
      }
    }
    if (found == null) {
      return Json.array();
    }
    JsonNode defs = found.json.path("options");
    for (int i = 1; i < parts.length; i++) {
      JsonNode next = null;
      for (JsonNode d : defs) {
        if (d.path("name").asText().equals(parts[i])) {
          next = d.path("options");
        }
      }
      if (next == null) {
        return Json.array();
      }
      defs = next;
    }
    return defs;
  }

  /** Converts a value from the page to the Java type {@link Actor#slash} expects for the option's type. */
  static Object typed(JsonNode defs, String name, JsonNode value) {
    int type = 3;
    for (JsonNode d : defs) {
      if (d.path("name").asText().equals(name)) {
        type = d.path("type").asInt(3);
      }
    }
    String raw = value.asText();
    try {
      return switch (type) {
        case 4 -> value.isIntegralNumber() ? value.asLong() : Long.parseLong(raw.trim());
        case 5 -> {
          if (value.isBoolean()) {
            yield value.asBoolean();
          }
          if (!raw.equals("true") && !raw.equals("false")) {
            throw HttpError.badRequest(name + " must be true or false");
          }
          yield Boolean.parseBoolean(raw);
        }
        case 10 -> value.isNumber() ? value.asDouble() : Double.parseDouble(raw.trim());
        case 6, 7, 8, 9 -> Long.parseUnsignedLong(raw.trim());
        default -> {
          if (!value.isValueNode()) {
            throw HttpError.badRequest(name + " must be text");
          }
          yield raw;
        }
      };
    } catch (NumberFormatException e) {
      throw HttpError.badRequest(name + ": " + raw + " is not a valid " + typeName(type));
    }
  }

  private static String typeName(int type) {
    return switch (type) {
      case 4 -> "integer";
      case 10 -> "number";
      case 6 -> "user";
      case 7 -> "channel";
      case 8 -> "role";
      default -> "user or role";
    };
  }
}
