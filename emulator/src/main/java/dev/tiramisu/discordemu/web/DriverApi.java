package dev.tiramisu.discordemu.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.EmulatorState;
import dev.tiramisu.discordemu.Json;
import dev.tiramisu.discordemu.Permissions;
import dev.tiramisu.discordemu.driver.Actor;
import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.model.Channel;
import dev.tiramisu.discordemu.model.Command;
import dev.tiramisu.discordemu.model.Guild;
import dev.tiramisu.discordemu.model.Interaction;
import dev.tiramisu.discordemu.model.Member;
import dev.tiramisu.discordemu.model.Message;
import dev.tiramisu.discordemu.model.Role;
import dev.tiramisu.discordemu.model.User;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the sandbox page can see and do, always as one user: the guilds, channels and threads that user can see,
 * messages as that user sees them (another user's ephemeral messages hidden), the commands the client would offer,
 * and the actions of the client through {@link Actor}, which applies the client's rules. Answers are JSON trees
 * with snowflakes as strings.
 */
final class DriverApi {
  private static final Pattern USER = Pattern.compile("<@!?(\\d{1,20})>");
  private static final Pattern ROLE = Pattern.compile("<@&(\\d{1,20})>");
  private static final Pattern CHANNEL = Pattern.compile("<#(\\d{1,20})>");
  private static final int FLAG_EPHEMERAL = 1 << 6;
  private static final int FLAG_LOADING = 1 << 7;
  private static final int MAX_MESSAGES = 100;
  private static final int MAX_PENDING_MODALS = 50;
  private static final int MAX_CONTENT = 2000;

  private final Emulator emu;
  private final EmulatorState state;
  /** Modals a bot opened for a user and the user has not submitted or dismissed yet, by opener interaction id. */
  private final Map<Long, InteractionHandle> pendingModals = new LinkedHashMap<>();
  private volatile Runnable resetHook;

  DriverApi(Emulator emu) {
    this.emu = emu;
    this.state = emu.state();
  }

  void onReset(Runnable hook) {
    this.resetHook = hook;
  }

  boolean resettable() {
    return resetHook != null;
  }

  // ---------------------------------------------------------------- reading

  /** Every user, the bot flagged; the page offers the others in its "acting as" switch. */
  ObjectNode users() {
    synchronized (state) {
      ObjectNode o = Json.object();
      o.put("version", state.version());
      o.put("botId", Long.toString(state.botUserId));
      o.put("resettable", resettable());
      ArrayNode users = o.putArray("users");
      for (User u : state.users.values()) {
        ObjectNode x = userJson(u);
        ArrayNode roles = x.putArray("roles");
        for (Guild g : state.guilds.values()) {
          Member m = g.members.get(u.id);
          if (m != null) {
            m.roleIds.stream().map(g.roles::get).filter(Objects::nonNull).forEach(r -> roles.add(r.name));
          }
        }
        users.add(x);
      }
      return o;
    }
  }

  /** The guilds a user is in, with the channels and threads they can see, members and roles, and their DMs. */
  ObjectNode sidebar(long userId) {
    synchronized (state) {
      User me = person(userId);
      ObjectNode o = Json.object();
      o.set("me", userJson(me));
      ArrayNode guilds = o.putArray("guilds");
      for (Guild g : state.guilds.values()) {
        if (!g.members.containsKey(userId)) {
          continue;
        }
        ObjectNode gj = guilds.addObject();
        gj.put("id", Long.toString(g.id));
        gj.put("name", g.name);
        ArrayNode channels = gj.putArray("channels");
        for (long cid : g.channelIds) {
          Channel c = state.channels.get(cid);
          if (c == null || c.type == Channel.GUILD_CATEGORY || !state.canView(userId, c)) {
            continue;
          }
          ObjectNode cj = channelJson(c);
          ArrayNode threads = cj.putArray("threads");
          for (long tid : g.threadIds) {
            Channel t = state.channels.get(tid);
            if (t != null && Objects.equals(t.parentId, c.id) && state.canView(userId, t)) {
              threads.add(channelJson(t));
            }
          }
          channels.add(cj);
        }
        ArrayNode roles = gj.putArray("roles");
        g.roles.values().stream()
            .filter(r -> r.id != g.id)
            .sorted((a, b) -> Integer.compare(b.position, a.position))
            .forEach(r -> roles.add(roleJson(r)));
        ArrayNode members = gj.putArray("members");
        for (Member m : g.members.values()) {
          User u = state.users.get(m.userId);
          if (u != null) {
            ObjectNode mj = userJson(u);
            if (m.nick != null) {
              mj.put("name", m.nick);
            }
            mj.put("color", memberColor(g, m));
            ArrayNode rs = mj.putArray("roles");
            m.roleIds.stream().map(g.roles::get).filter(Objects::nonNull).forEach(r -> rs.add(r.name));
            members.add(mj);
          }
        }
      }
      ArrayNode dms = o.putArray("dms");
      if (me.dmChannelId != null && state.channels.containsKey(me.dmChannelId)) {
        ObjectNode dm = dms.addObject();
        dm.put("id", Long.toString(me.dmChannelId));
        dm.put("type", Channel.DM);
        User bot = state.users.get(state.botUserId);
        dm.put("name", bot == null ? "bot" : displayName(bot));
        dm.put("recipientId", Long.toString(state.botUserId));
      }
      return o;
    }
  }

  /** The last messages of a channel as the user sees them, with the names their mentions refer to. */
  ObjectNode messages(long userId, long channelId) {
    synchronized (state) {
      person(userId);
      Channel c = visibleChannel(userId, channelId);
      ObjectNode o = Json.object();
      ObjectNode cj = channelJson(c);
      cj.put("canSend", canSend(userId, c));
      o.set("channel", cj);
      List<Message> shown = new ArrayList<>();
      for (long id : c.messageIds) {
        Message m = state.messages.get(id);
        if (m != null && (m.visibleTo == null || m.visibleTo == userId)) {
          shown.add(m);
        }
      }
      ArrayNode out = o.putArray("messages");
      Set<Long> users = new LinkedHashSet<>();
      Set<Long> roles = new LinkedHashSet<>();
      Set<Long> channels = new LinkedHashSet<>();
      for (Message m : shown.subList(Math.max(0, shown.size() - MAX_MESSAGES), shown.size())) {
        out.add(messageJson(m));
        StringBuilder text = new StringBuilder(m.content);
        collectText(m.embeds, text);
        collectText(m.components, text);
        collect(USER, text, users);
        collect(ROLE, text, roles);
        collect(CHANNEL, text, channels);
      }
      ObjectNode names = o.putObject("names");
      ObjectNode un = names.putObject("users");
      Guild g = c.guildId == null ? null : state.guilds.get(c.guildId);
      for (long id : users) {
        User u = state.users.get(id);
        if (u != null) {
          Member m = g == null ? null : g.members.get(id);
          un.put(Long.toString(id), m != null && m.nick != null ? m.nick : displayName(u));
        }
      }
      ObjectNode rn = names.putObject("roles");
      for (long id : roles) {
        Role r = g == null ? null : g.roles.get(id);
        if (r != null) {
          rn.set(Long.toString(id), roleJson(r));
        }
      }
      ObjectNode chn = names.putObject("channels");
      for (long id : channels) {
        Channel x = state.channels.get(id);
        if (x != null) {
          ObjectNode xj = Json.object();
          boolean visible = state.canView(userId, x);
          xj.put("name", visible ? nameOf(x) : "No Access");
          xj.put("visible", visible);
          xj.put("thread", x.isThread());
          chn.set(Long.toString(id), xj);
        }
      }
      return o;
    }
  }

  /** The chat-input commands the client offers this user in this channel, with their options. */
  ObjectNode commands(long userId, long channelId) {
    synchronized (state) {
      person(userId);
      Channel c = visibleChannel(userId, channelId);
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
        x.put("description", cmd.json.path("description").asText(""));
        x.set("options", cmd.json.path("options").isArray() ? cmd.json.path("options").deepCopy() : Json.array());
      }
      return o;
    }
  }

  /** Modals bots opened for this user that wait for an answer, oldest first. */
  ObjectNode modals(long userId) {
    synchronized (state) {
      person(userId);
    }
    ObjectNode o = Json.object();
    ArrayNode out = o.putArray("modals");
    synchronized (pendingModals) {
      // an emulator reset forgets interactions: their modals go too
      pendingModals.keySet().removeIf(id -> !hasInteraction(id));
      for (InteractionHandle h : pendingModals.values()) {
        if (h.userId() == userId) {
          out.add(modalJson(h));
        }
      }
    }
    return o;
  }

  // ---------------------------------------------------------------- acting

  /** Runs a slash command: {@code {"command": "ticket create", "options": {"reason": "help"}}}. */
  ObjectNode slash(long userId, long channelId, JsonNode body) {
    String path = text(body, "command", 200).trim().replaceFirst("^/", "");
    if (path.isEmpty()) {
      throw HttpError.badRequest("command is empty");
    }
    JsonNode given = body.path("options");
    if (!given.isMissingNode() && !given.isNull() && !given.isObject()) {
      throw HttpError.badRequest("options must be an object of name to value");
    }
    Map<String, Object> options = new LinkedHashMap<>();
    synchronized (state) {
      person(userId);
      Channel c = state.channel(channelId);
      JsonNode defs = optionDefs(c.guildId, path);
      for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isNull() || (e.getValue().isTextual() && e.getValue().asText().isEmpty())) {
          continue; // an option left blank is an option not given
        }
        options.put(e.getKey(), typed(defs, e.getKey(), e.getValue()));
      }
    }
    return outcome(emu.as(userId).slash(channelId, path, options));
  }

  /** Clicks a button: {@code {"customId": "..."}} (a label works too, as in {@link Actor#click}). */
  ObjectNode click(long userId, long messageId, JsonNode body) {
    String customId = text(body, "customId", 100);
    synchronized (state) {
      person(userId);
    }
    return outcome(emu.as(userId).click(messageId, customId));
  }

  /** Chooses values in a string select: {@code {"customId": "...", "values": ["a"]}}. */
  ObjectNode select(long userId, long messageId, JsonNode body) {
    String customId = text(body, "customId", 100);
    JsonNode values = body.path("values");
    if (!values.isArray() || values.isEmpty() || values.size() > 25) {
      throw HttpError.badRequest("values must be an array of 1 to 25 strings");
    }
    List<String> chosen = new ArrayList<>();
    for (JsonNode v : values) {
      if (!v.isTextual()) {
        throw HttpError.badRequest("values must be strings");
      }
      chosen.add(v.asText());
    }
    synchronized (state) {
      person(userId);
    }
    return outcome(emu.as(userId).select(messageId, customId, chosen.toArray(String[]::new)));
  }

  /** Closes a modal without submitting it, as the client's Cancel does (the bot is not told). */
  ObjectNode dismissModal(long userId, long openerId) {
    pendingModal(userId, openerId);
    synchronized (pendingModals) {
      pendingModals.remove(openerId);
    }
    return Json.object();
  }

  /** Posts a message as the user: {@code {"content": "..."}}. */
  ObjectNode post(long userId, long channelId, JsonNode body) {
    String content = text(body, "content", MAX_CONTENT);
    if (content.isBlank()) {
      throw HttpError.badRequest("a message cannot be empty");
    }
    synchronized (state) {
      person(userId);
    }
    var m = emu.as(userId).post(channelId, content);
    ObjectNode o = Json.object();
    o.put("messageId", Long.toString(m.id()));
    return o;
  }

  /** Runs the host's reset hook, which brings the sandbox back to its first state. */
  ObjectNode reset() {
    Runnable hook = resetHook;
    if (hook == null) {
      throw new HttpError(501, "not_supported", "this sandbox has no reset");
    }
    synchronized (pendingModals) {
      pendingModals.clear();
    }
    hook.run();
    return Json.object();
  }

  // ---------------------------------------------------------------- helpers

  /** Waits for the application's first answer; a modal is remembered for the user and returned. */
  private ObjectNode outcome(InteractionHandle h) {
    ObjectNode o = Json.object();
    o.put("interactionId", Long.toString(h.id));
    int type;
    try {
      type = h.responseType();
    } catch (AssertionError e) {
      throw new HttpError(504, "interaction_failed", "This interaction failed: the application did not respond");
    }
    o.put("responseType", type);
    if (type == 9) {
      synchronized (pendingModals) {
        pendingModals.put(h.id, h);
        Iterator<Long> oldest = pendingModals.keySet().iterator();
        while (pendingModals.size() > MAX_PENDING_MODALS) {
          oldest.next();
          oldest.remove();
        }
      }
      o.set("modal", modalJson(h));
    }
    return o;
  }

  private ObjectNode modalJson(InteractionHandle h) {
    ObjectNode modal = h.awaitModal();
    ObjectNode o = Json.object();
    o.put("interactionId", Long.toString(h.id));
    o.put("customId", modal.path("custom_id").asText());
    o.put("title", modal.path("title").asText());
    o.set("components", modal.path("components").deepCopy());
    return o;
  }

  private boolean hasInteraction(long id) {
    synchronized (state) {
      return state.interactions.containsKey(id);
    }
  }

  private InteractionHandle pendingModal(long userId, long openerId) {
    synchronized (pendingModals) {
      InteractionHandle h = pendingModals.get(openerId);
      if (h == null || h.userId() != userId || !hasInteraction(openerId)) {
        throw HttpError.notFound("no open modal " + openerId + " for this user");
      }
      return h;
    }
  }

  /** A user the page may act as: exists and is not a bot. */
  private User person(long userId) {
    User u = state.users.get(userId);
    if (u == null) {
      throw HttpError.notFound("no user " + userId);
    }
    if (u.bot) {
      throw HttpError.forbidden("the sandbox acts as people, not as the bot");
    }
    return u;
  }

  private Channel visibleChannel(long userId, long channelId) {
    Channel c = state.channels.get(channelId);
    if (c == null) {
      throw HttpError.notFound("no channel " + channelId);
    }
    if (!state.canView(userId, c)) {
      throw HttpError.forbidden("you cannot see this channel");
    }
    return c;
  }

  private boolean canSend(long userId, Channel c) {
    if (c.guildId == null) {
      return true;
    }
    long perms = state.permissions(userId, c);
    long needed = c.isThread() ? Permissions.SEND_MESSAGES_IN_THREADS : Permissions.SEND_MESSAGES;
    if ((perms & needed) == 0) {
      return false;
    }
    return !(c.isThread() && c.locked && (perms & Permissions.MANAGE_THREADS) == 0);
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
  private JsonNode optionDefs(Long guildId, String path) {
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
  private static Object typed(JsonNode defs, String name, JsonNode value) {
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

  private static String text(JsonNode body, String field, int max) {
    JsonNode v = body.path(field);
    if (!v.isTextual()) {
      throw HttpError.badRequest(field + " is required and must be text");
    }
    if (v.asText().length() > max) {
      throw HttpError.badRequest(field + " is longer than " + max + " characters");
    }
    return v.asText();
  }

  private ObjectNode userJson(User u) {
    ObjectNode o = Json.object();
    o.put("id", Long.toString(u.id));
    o.put("name", displayName(u));
    o.put("username", u.username);
    o.put("bot", u.bot);
    return o;
  }

  private static String displayName(User u) {
    return u.globalName != null ? u.globalName : u.username;
  }

  private static ObjectNode roleJson(Role r) {
    ObjectNode o = Json.object();
    o.put("id", Long.toString(r.id));
    o.put("name", r.name);
    o.put("color", r.color);
    return o;
  }

  private static int memberColor(Guild g, Member m) {
    Role best = null;
    for (long id : m.roleIds) {
      Role r = g.roles.get(id);
      if (r != null && r.color != 0 && (best == null || r.position > best.position)) {
        best = r;
      }
    }
    return best == null ? 0 : best.color;
  }

  private String nameOf(Channel c) {
    if (c.type == Channel.DM) {
      User bot = state.users.get(state.botUserId); // the page's user is the recipient: the other side is the bot
      return bot == null ? "DM" : displayName(bot);
    }
    return c.name;
  }

  private ObjectNode channelJson(Channel c) {
    ObjectNode o = Json.object();
    o.put("id", Long.toString(c.id));
    o.put("type", c.type);
    o.put("name", nameOf(c));
    if (c.guildId != null) {
      o.put("guildId", Long.toString(c.guildId));
    }
    if (c.parentId != null) {
      o.put("parentId", Long.toString(c.parentId));
    }
    if (c.topic != null) {
      o.put("topic", c.topic);
    }
    if (c.isThread()) {
      o.put("private", c.type == Channel.PRIVATE_THREAD);
      o.put("archived", c.archived);
      o.put("locked", c.locked);
    }
    return o;
  }

  private ObjectNode messageJson(Message m) {
    ObjectNode o = Json.object();
    o.put("id", Long.toString(m.id));
    o.put("type", m.type);
    User author = state.users.get(m.authorId);
    ObjectNode a = o.putObject("author");
    a.put("id", Long.toString(m.authorId));
    a.put("name", author == null ? "Deleted User" : displayName(author));
    a.put("bot", author != null && author.bot);
    Guild g = m.guildId == null ? null : state.guilds.get(m.guildId);
    Member member = g == null ? null : g.members.get(m.authorId);
    if (member != null) {
      if (member.nick != null) {
        a.put("name", member.nick);
      }
      a.put("color", memberColor(g, member));
    }
    o.put("content", m.content);
    o.put("timestamp", m.timestampMillis);
    if (m.editedMillis != null) {
      o.put("edited", m.editedMillis);
    }
    o.put("pinned", m.pinned);
    o.put("ephemeral", m.visibleTo != null || (m.flags & FLAG_EPHEMERAL) != 0);
    o.put("loading", (m.flags & FLAG_LOADING) != 0);
    o.set("embeds", m.embeds.deepCopy());
    o.set("components", m.components.deepCopy());
    ArrayNode files = o.putArray("attachments");
    m.attachments.forEach(f -> files.add(f.filename()));
    if (m.interactionId != null) {
      Interaction i = state.interactions.get(m.interactionId);
      User by = i == null ? null : state.users.get(i.userId);
      if (i != null && by != null) {
        ObjectNode x = o.putObject("interaction");
        x.put("user", displayName(by));
        x.put("type", i.type);
        if (i.type == Interaction.APPLICATION_COMMAND) {
          x.put("command", commandPath(i.data));
        }
      }
    }
    return o;
  }

  private static String commandPath(JsonNode data) {
    StringBuilder sb = new StringBuilder(data.path("name").asText());
    JsonNode options = data.path("options");
    boolean descended = true;
    while (descended) {
      descended = false;
      for (JsonNode opt : options) {
        int t = opt.path("type").asInt();
        if (t == 1 || t == 2) {
          sb.append(' ').append(opt.path("name").asText());
          options = opt.path("options");
          descended = true;
          break;
        }
      }
    }
    return sb.toString();
  }

  /** Appends every string inside a JSON tree (embed texts, text displays) so their mentions are resolved too. */
  private static void collectText(JsonNode node, StringBuilder out) {
    if (node == null) {
      return;
    }
    if (node.isTextual()) {
      out.append(' ').append(node.asText());
    } else if (node.isContainerNode()) {
      node.forEach(n -> collectText(n, out));
    }
  }

  private static void collect(Pattern p, CharSequence text, Set<Long> into) {
    Matcher m = p.matcher(text);
    while (m.find() && into.size() < 500) {
      try {
        into.add(Long.parseUnsignedLong(m.group(1)));
      } catch (NumberFormatException ignored) {
        // longer than a snowflake: not a mention
      }
    }
  }
}
