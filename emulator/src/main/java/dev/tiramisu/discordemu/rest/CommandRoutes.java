package dev.tiramisu.discordemu.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.DiscordException;
import dev.tiramisu.discordemu.EmulatorState;
import dev.tiramisu.discordemu.Json;
import dev.tiramisu.discordemu.http.RestRequest;
import dev.tiramisu.discordemu.http.RestResponse;
import dev.tiramisu.discordemu.http.Router;
import dev.tiramisu.discordemu.model.Command;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** Application commands, global and per guild: list, create, bulk overwrite, edit, delete. */
final class CommandRoutes {
  private static final Pattern NAME = Pattern.compile("^[-_\\p{L}\\p{N}\\p{sc=Deva}\\p{sc=Thai}]{1,32}$");

  private final EmulatorState state;

  CommandRoutes(RouteContext ctx) {
    this.state = ctx.state();
  }

  void register(Router r) {
    for (String base : List.of("/applications/{application_id}/commands",
        "/applications/{application_id}/guilds/{guild_id}/commands")) {
      r.add("GET", base, this::list);
      r.add("PUT", base, this::overwrite);
      r.add("POST", base, this::create);
      r.add("GET", base + "/{command_id}", this::get);
      r.add("PATCH", base + "/{command_id}", this::edit);
      r.add("DELETE", base + "/{command_id}", this::delete);
    }
  }

  private Long scope(RestRequest req) {
    long app = req.id("application_id", DiscordException.unknownWebhook());
    if (app != state.applicationId) {
      throw new DiscordException(403, 20012, "You are not authorized to perform this action on this application");
    }
    if (!req.params.containsKey("guild_id")) {
      return null;
    }
    long guildId = req.id("guild_id", DiscordException.unknownGuild());
    state.guild(guildId);
    return guildId;
  }

  private List<Command> commandsIn(Long guildId) {
    List<Command> out = new ArrayList<>();
    for (Command c : state.commands.values()) {
      if (Objects.equals(c.guildId, guildId)) {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * Lists commands. Without {@code with_localizations} (a boolean query string, default false) Discord leaves out
   * the full {@code name_localizations} / {@code description_localizations} dictionaries, here and in options and
   * choices (it sends {@code name_localized} for the request's locale instead, which the emulator, without locales,
   * omits).
   */
  private RestResponse list(RestRequest req) {
    boolean withLocalizations = req.boolParam("with_localizations", false);
    synchronized (state) {
      Long guildId = scope(req);
      ArrayNode out = Json.array();
      for (Command c : commandsIn(guildId)) {
        ObjectNode o = render(c);
        if (!withLocalizations) {
          stripLocalizations(o);
        }
        out.add(o);
      }
      return RestResponse.ok(out);
    }
  }

  private static void stripLocalizations(JsonNode node) {
    if (node instanceof ObjectNode o) {
      o.remove("name_localizations");
      o.remove("description_localizations");
      stripLocalizations(o.get("options"));
      stripLocalizations(o.get("choices"));
    } else if (node instanceof ArrayNode a) {
      a.forEach(CommandRoutes::stripLocalizations);
    }
  }

  private RestResponse get(RestRequest req) {
    synchronized (state) {
      Long guildId = scope(req);
      return RestResponse.ok(render(find(req, guildId)));
    }
  }

  private Command find(RestRequest req, Long guildId) {
    long id = req.id("command_id", unknownCommand());
    Command c = state.commands.get(id);
    if (c == null || !Objects.equals(c.guildId, guildId)) {
      throw unknownCommand();
    }
    return c;
  }

  private static DiscordException unknownCommand() {
    return new DiscordException(404, 10063, "Unknown application command");
  }

  private RestResponse overwrite(RestRequest req) {
    if (!req.json.isArray()) {
      throw DiscordException.invalidForm("_root", "BASE_TYPE_ARRAY", "Must be an array.");
    }
    if (req.json.size() > 110) {
      throw DiscordException.invalidForm("_root", "BASE_TYPE_MAX_LENGTH", "Must be 110 or fewer in length.");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < req.json.size(); i++) {
      JsonNode c = req.json.get(i);
      validate(c, Integer.toString(i));
      String key = c.path("type").asInt(1) + ":" + c.path("name").asText();
      if (!seen.add(key)) {
        throw DiscordException.invalidForm(i + ".name", "APPLICATION_COMMANDS_DUPLICATE_NAME",
            "Application command names must be unique");
      }
    }
    synchronized (state) {
      Long guildId = scope(req);
      Map<String, Command> existing = new HashMap<>();
      commandsIn(guildId).forEach(c -> existing.put(c.type() + ":" + c.name(), c));
      commandsIn(guildId).forEach(c -> state.commands.remove(c.id));
      ArrayNode out = Json.array();
      for (JsonNode c : req.json) {
        Command old = existing.get(c.path("type").asInt(1) + ":" + c.path("name").asText());
        long id = old != null ? old.id : state.ids.next();
        Command cmd = new Command(id, state.applicationId, guildId, ((ObjectNode) c).deepCopy(), state.ids.next());
        state.commands.put(id, cmd);
        out.add(render(cmd));
      }
      state.changed();
      return RestResponse.ok(out);
    }
  }

  private RestResponse create(RestRequest req) {
    validate(req.json, "");
    synchronized (state) {
      Long guildId = scope(req);
      for (Command c : commandsIn(guildId)) {
        if (c.name().equals(req.json.path("name").asText()) && c.type() == req.json.path("type").asInt(1)) {
          c.json = ((ObjectNode) req.json).deepCopy();
          c.version = state.ids.next();
          state.changed();
          return RestResponse.ok(render(c));
        }
      }
      Command cmd = new Command(state.ids.next(), state.applicationId, guildId, ((ObjectNode) req.json).deepCopy(),
          state.ids.next());
      state.commands.put(cmd.id, cmd);
      state.changed();
      return RestResponse.created(render(cmd));
    }
  }

  private RestResponse edit(RestRequest req) {
    synchronized (state) {
      Long guildId = scope(req);
      Command c = find(req, guildId);
      ObjectNode merged = c.json.deepCopy();
      req.json.fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue()));
      validate(merged, "");
      c.json = merged;
      c.version = state.ids.next();
      state.changed();
      return RestResponse.ok(render(c));
    }
  }

  private RestResponse delete(RestRequest req) {
    synchronized (state) {
      Long guildId = scope(req);
      Command c = find(req, guildId);
      state.commands.remove(c.id);
      state.changed();
      return RestResponse.noContent();
    }
  }

  /** Discord's rules for a command: name pattern and case, description length, at most 25 options. */
  static void validate(JsonNode c, String prefix) {
    String p = prefix.isEmpty() ? "" : prefix + ".";
    if (!c.isObject()) {
      throw DiscordException.invalidForm(prefix.isEmpty() ? "_root" : prefix, "MODEL_TYPE_CONVERT",
          "Only dictionaries may be used in a ModelType");
    }
    int type = c.path("type").asInt(1);
    String name = c.path("name").asText("");
    if (!NAME.matcher(name).matches() && type == 1) {
      throw DiscordException.invalidForm(p + "name", "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
    }
    if (type == 1 && !name.equals(name.toLowerCase(java.util.Locale.ROOT))) {
      throw DiscordException.invalidForm(p + "name", "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
    }
    if (type == 1) {
      int desc = c.path("description").asText("").length();
      if (desc < 1 || desc > 100) {
        throw DiscordException.invalidForm(p + "description", "BASE_TYPE_BAD_LENGTH",
            "Must be between 1 and 100 in length.");
      }
    }
    JsonNode options = c.path("options");
    if (options.size() > 25) {
      throw DiscordException.invalidForm(p + "options", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
    }
    for (int i = 0; i < options.size(); i++) {
      validateOption(options.get(i), p + "options." + i);
    }
  }

  private static void validateOption(JsonNode o, String field) {
    String name = o.path("name").asText("");
    if (!NAME.matcher(name).matches() || !name.equals(name.toLowerCase(java.util.Locale.ROOT))) {
      throw DiscordException.invalidForm(field + ".name", "APPLICATION_COMMAND_INVALID_NAME",
          "Command name is invalid");
    }
    int desc = o.path("description").asText("").length();
    if (desc < 1 || desc > 100) {
      throw DiscordException.invalidForm(field + ".description", "BASE_TYPE_BAD_LENGTH",
          "Must be between 1 and 100 in length.");
    }
    JsonNode sub = o.path("options");
    for (int i = 0; i < sub.size(); i++) {
      validateOption(sub.get(i), field + ".options." + i);
    }
  }

  private ObjectNode render(Command c) {
    ObjectNode o = c.json.deepCopy();
    o.put("id", Long.toString(c.id));
    o.put("application_id", Long.toString(c.applicationId));
    o.put("version", Long.toString(c.version));
    o.put("type", c.type());
    if (c.guildId != null) {
      o.put("guild_id", Long.toString(c.guildId));
    }
    if (!o.has("description")) {
      o.put("description", "");
    }
    if (!o.has("default_member_permissions")) {
      o.putNull("default_member_permissions");
    }
    if (!o.has("nsfw")) {
      o.put("nsfw", false);
    }
    if (!o.has("contexts") && c.guildId == null) {
      o.putArray("contexts").add(0).add(1).add(2);
    }
    if (!o.has("integration_types")) {
      o.putArray("integration_types").add(0);
    }
    // JDA sends contexts and integration types as strings ("0"); Discord stores and returns integers
    for (String field : List.of("contexts", "integration_types")) {
      if (o.path(field).isArray()) {
        ArrayNode ints = Json.array();
        o.path(field).forEach(v -> ints.add(v.asInt()));
        o.set(field, ints);
      }
    }
    return o;
  }
}
