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
import dev.tiramisu.discordemu.model.Guild;
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

/**
 * What the sandbox page can see and do, always as one user: the guilds, channels and threads that user can see,
 * messages as that user sees them (another user's ephemeral messages hidden), the commands the client would offer,
 * and the actions of the client through {@link Actor}, which applies the client's rules. Answers are JSON trees
 * with snowflakes as strings ({@link PageJson}); the command menu is {@link CommandMenu}, open modals
 * {@link PendingModals}.
 */
final class DriverApi {
  private static final int MAX_MESSAGES = 100;
  private static final int MAX_CONTENT = 2000;

  private final Emulator emu;
  private final EmulatorState state;
  private final PageJson json;
  private final CommandMenu commandMenu;
  private final PendingModals pendingModals;
  private volatile Runnable resetHook;

  DriverApi(Emulator emu) {
    this.emu = emu;
    this.state = emu.state();
    this.json = new PageJson(state);
    this.commandMenu = new CommandMenu(state);
    this.pendingModals = new PendingModals(state);
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
        ObjectNode x = json.userJson(u);
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
      o.set("me", json.userJson(me));
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
          ObjectNode cj = json.channelJson(c);
          ArrayNode threads = cj.putArray("threads");
          for (long tid : g.threadIds) {
            Channel t = state.channels.get(tid);
            if (t != null && Objects.equals(t.parentId, c.id) && state.canView(userId, t)) {
              threads.add(json.channelJson(t));
            }
          }
          channels.add(cj);
        }
        ArrayNode roles = gj.putArray("roles");
        g.roles.values().stream()
            .filter(r -> r.id != g.id)
            .sorted((a, b) -> Integer.compare(b.position, a.position))
            .forEach(r -> roles.add(PageJson.roleJson(r)));
        ArrayNode members = gj.putArray("members");
        for (Member m : g.members.values()) {
          User u = state.users.get(m.userId);
          if (u != null) {
            ObjectNode mj = json.userJson(u);
            if (m.nick != null) {
              mj.put("name", m.nick);
            }
            mj.put("color", PageJson.memberColor(g, m));
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
        dm.put("name", bot == null ? "bot" : PageJson.displayName(bot));
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
      ObjectNode cj = json.channelJson(c);
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
        out.add(json.messageJson(m, userId));
        StringBuilder text = new StringBuilder(m.content);
        PageJson.collectText(m.embeds, text);
        PageJson.collectText(m.components, text);
        PageJson.collect(PageJson.USER, text, users);
        PageJson.collect(PageJson.ROLE, text, roles);
        PageJson.collect(PageJson.CHANNEL, text, channels);
      }
      ObjectNode names = o.putObject("names");
      ObjectNode un = names.putObject("users");
      Guild g = c.guildId == null ? null : state.guilds.get(c.guildId);
      for (long id : users) {
        User u = state.users.get(id);
        if (u != null) {
          Member m = g == null ? null : g.members.get(id);
          un.put(Long.toString(id), m != null && m.nick != null ? m.nick : PageJson.displayName(u));
        }
      }
      ObjectNode rn = names.putObject("roles");
      for (long id : roles) {
        Role r = g == null ? null : g.roles.get(id);
        if (r != null) {
          rn.set(Long.toString(id), PageJson.roleJson(r));
        }
      }
      ObjectNode chn = names.putObject("channels");
      for (long id : channels) {
        Channel x = state.channels.get(id);
        if (x != null) {
          ObjectNode xj = Json.object();
          boolean visible = state.canView(userId, x);
          xj.put("name", visible ? json.nameOf(x) : "No Access");
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
      return commandMenu.commands(userId, visibleChannel(userId, channelId));
    }
  }

  /** Modals bots opened for this user that wait for an answer, oldest first. */
  ObjectNode modals(long userId) {
    synchronized (state) {
      person(userId);
    }
    ObjectNode o = Json.object();
    o.set("modals", pendingModals.list(userId));
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
      JsonNode defs = commandMenu.optionDefs(c.guildId, path);
      for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isNull() || (e.getValue().isTextual() && e.getValue().asText().isEmpty())) {
          continue; // an option left blank is an option not given
        }
        options.put(e.getKey(), CommandMenu.typed(defs, e.getKey(), e.getValue()));
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
    pendingModals.dismiss(userId, openerId);
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
    pendingModals.clear();
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
      pendingModals.add(h);
      o.set("modal", pendingModals.json(h));
    }
    return o;
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
}
