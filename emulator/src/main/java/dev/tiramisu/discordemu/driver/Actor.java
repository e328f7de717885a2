package dev.tiramisu.discordemu.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.EmulatorState;
import dev.tiramisu.discordemu.Json;
import dev.tiramisu.discordemu.Permissions;
import dev.tiramisu.discordemu.model.Channel;
import dev.tiramisu.discordemu.model.Command;
import dev.tiramisu.discordemu.model.Guild;
import dev.tiramisu.discordemu.model.Interaction;
import dev.tiramisu.discordemu.model.Message;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A user acting in the emulated Discord, with the same limits the Discord client applies: only registered
 * commands the user may see, options of the declared types, buttons that are on a message they can see.
 */
public final class Actor {
  private final Emulator emu;
  public final long userId;

  public Actor(Emulator emu, long userId) {
    this.emu = emu;
    this.userId = userId;
  }

  /** Thrown when the Discord client would not let the user do this (no such command, hidden command, ...). */
  public static final class NotAllowedInClient extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotAllowedInClient(String message) {
      super(message);
    }
  }

  /**
   * Runs a slash command, e.g. {@code slash(channel, "ticket create", Map.of("reason", "help"))}. Option values:
   * String, Integer/Long, Boolean, Double, or a Long id for user, channel and role options.
   */
  public InteractionHandle slash(long channelId, String commandPath, Map<String, ?> options) {
    return command(channelId, commandPath, options, null, null);
  }

  /**
   * Types into an option that has {@code autocomplete}, as the Discord client does while the user writes: an
   * APPLICATION_COMMAND_AUTOCOMPLETE interaction (type 4) whose focused option carries the text typed so far (a
   * string, whatever the option's type), with the other options given so far (required ones may be missing). Wait
   * for the bot's suggestions with {@link InteractionHandle#awaitChoices()}. Refused like the client: an option
   * without autocomplete, or one the command does not have.
   */
  public InteractionHandle autocomplete(long channelId, String commandPath, Map<String, ?> options, String focused,
      String typed) {
    return command(channelId, commandPath, options, Objects.requireNonNull(focused, "focused"),
        Objects.requireNonNull(typed, "typed"));
  }

  private InteractionHandle command(long channelId, String commandPath, Map<String, ?> options, String focused,
      String typed) {
    EmulatorState s = emu.state();
    Interaction i;
    synchronized (s) {
      Channel channel = s.channel(channelId);
      if (!s.canView(userId, channel)) {
        throw new NotAllowedInClient("user " + userId + " cannot see channel " + channelId);
      }
      String[] path = commandPath.trim().split("\\s+");
      Command cmd = findCommand(s, channel.guildId, path[0]);
      Guild g = channel.guildId == null ? null : s.guild(channel.guildId);
      if (g != null) {
        checkCommandPermission(s, g, cmd);
      }
      ObjectNode data = Json.object();
      data.put("id", Long.toString(cmd.id));
      data.put("name", cmd.name());
      data.put("type", 1);
      if (cmd.guildId != null) {
        data.put("guild_id", Long.toString(cmd.guildId));
      }
      ObjectNode resolved = Json.object();
      JsonNode defs = cmd.json.path("options");
      ArrayNode target = data.putArray("options");
      for (int depth = 1; depth < path.length; depth++) {
        JsonNode sub = find(defs, path[depth]);
        if (sub == null || (sub.path("type").asInt() != 1 && sub.path("type").asInt() != 2)) {
          throw new NotAllowedInClient("/" + commandPath + ": no subcommand " + path[depth]);
        }
        ObjectNode opt = target.addObject();
        opt.put("name", path[depth]);
        opt.put("type", sub.path("type").asInt());
        target = opt.putArray("options");
        defs = sub.path("options");
      }
      Map<String, Object> remaining = new LinkedHashMap<>(options);
      boolean focusedFound = false;
      for (JsonNode def : defs) {
        String name = def.path("name").asText();
        if (name.equals(focused)) {
          int type = def.path("type").asInt();
          if (!def.path("autocomplete").asBoolean(false) || (type != 3 && type != 4 && type != 10)) {
            throw new NotAllowedInClient("/" + commandPath + ": option " + name + " has no autocomplete");
          }
          remaining.remove(name);
          ObjectNode opt = target.addObject();
          opt.put("name", name);
          opt.put("type", type);
          opt.put("value", typed);
          opt.put("focused", true);
          focusedFound = true;
          continue;
        }
        Object value = remaining.remove(name);
        if (value == null) {
          if (focused == null && def.path("required").asBoolean(false)) {
            throw new NotAllowedInClient("/" + commandPath + ": option " + name + " is required");
          }
          continue;
        }
        target.add(option(s, g, resolved, def, value, commandPath));
      }
      if (!remaining.isEmpty()) {
        throw new NotAllowedInClient("/" + commandPath + " has no options " + remaining.keySet());
      }
      if (focused != null && !focusedFound) {
        throw new NotAllowedInClient("/" + commandPath + " has no option " + focused);
      }
      if (!resolved.isEmpty()) {
        data.set("resolved", resolved);
      }
      i = emu.interactions().create(focused == null ? Interaction.APPLICATION_COMMAND
          : Interaction.APPLICATION_COMMAND_AUTOCOMPLETE, userId, channelId, data, null);
    }
    return new InteractionHandle(emu, i.id, userId);
  }

  public InteractionHandle slash(long channelId, String commandPath) {
    return slash(channelId, commandPath, Map.of());
  }

  private Command findCommand(EmulatorState s, Long guildId, String name) {
    Command global = null;
    for (Command c : s.commands.values()) {
      if (c.type() == 1 && c.name().equals(name)) {
        if (guildId != null && Objects.equals(c.guildId, guildId)) {
          return c;
        }
        if (c.guildId == null) {
          global = c;
        }
      }
    }
    if (global == null) {
      throw new NotAllowedInClient("no command /" + name + " is registered here");
    }
    if (guildId == null && global.json.has("contexts") && !hasContext(global.json.path("contexts"), 1)) {
      throw new NotAllowedInClient("/" + name + " cannot be used in DMs");
    }
    return global;
  }

  private static boolean hasContext(JsonNode contexts, int ctx) {
    for (JsonNode c : contexts) {
      if (c.asInt() == ctx) {
        return true;
      }
    }
    return false;
  }

  private void checkCommandPermission(EmulatorState s, Guild g, Command cmd) {
    JsonNode dmp = cmd.json.path("default_member_permissions");
    if (dmp.isMissingNode() || dmp.isNull()) {
      return;
    }
    long needed = Long.parseLong(dmp.asText());
    long has = s.basePermissions(g, userId);
    if ((has & needed) != needed) {
      throw new NotAllowedInClient("/" + cmd.name() + " is hidden from user " + userId + ": needs "
          + Permissions.names(needed & ~has));
    }
  }

  private static JsonNode find(JsonNode defs, String name) {
    for (JsonNode d : defs) {
      if (d.path("name").asText().equals(name)) {
        return d;
      }
    }
    return null;
  }

  private ObjectNode option(EmulatorState s, Guild g, ObjectNode resolved, JsonNode def, Object value, String cmd) {
    int type = def.path("type").asInt();
    String name = def.path("name").asText();
    ObjectNode opt = Json.object();
    opt.put("name", name);
    opt.put("type", type);
    switch (type) {
      case 3 -> {
        String v = value.toString();
        int max = def.path("max_length").asInt(6000);
        int min = def.path("min_length").asInt(0);
        if (v.length() > max || v.length() < min) {
          throw new NotAllowedInClient("/" + cmd + " " + name + ": length must be " + min + ".." + max);
        }
        checkChoice(def, v, cmd);
        opt.put("value", v);
      }
      case 4 -> opt.put("value", ((Number) value).longValue());
      case 5 -> opt.put("value", (Boolean) value);
      case 10 -> opt.put("value", ((Number) value).doubleValue());
      case 6, 7, 8, 9 -> {
        long id = ((Number) value).longValue();
        int resolvedType = type;
        if (type == 9) {
          resolvedType = g != null && g.roles.containsKey(id) ? 8 : 6;
        }
        if (type == 7 && def.has("channel_types")) {
          int actual = s.channel(id).type;
          boolean ok = false;
          for (JsonNode t : def.path("channel_types")) {
            ok |= t.asInt() == actual;
          }
          if (!ok) {
            throw new NotAllowedInClient("/" + cmd + " " + name + ": channel type " + actual + " is not offered");
          }
        }
        resolveInto(s, g, resolved, resolvedType, id);
        opt.put("value", Long.toString(id));
      }
      default -> throw new NotAllowedInClient("unsupported option type " + type);
    }
    return opt;
  }

  private static void checkChoice(JsonNode def, String v, String cmd) {
    JsonNode choices = def.path("choices");
    if (!choices.isArray() || choices.isEmpty()) {
      return;
    }
    for (JsonNode c : choices) {
      if (c.path("value").asText().equals(v)) {
        return;
      }
    }
    throw new NotAllowedInClient("/" + cmd + " " + def.path("name").asText() + ": " + v + " is not a choice");
  }

  private static void resolveInto(EmulatorState s, Guild g, ObjectNode resolved, int type, long id) {
    switch (type) {
      case 6 -> {
        resolved.withObject("/users").set(Long.toString(id), s.userJson(s.user(id)));
        var m = g == null ? null : g.members.get(id);
        if (m != null) {
          ObjectNode mj = s.memberJson(g, m);
          mj.remove("user");
          mj.put("permissions", Long.toString(s.basePermissions(g, id)));
          resolved.withObject("/members").set(Long.toString(id), mj);
        }
      }
      case 7 -> {
        Channel c = s.channel(id);
        ObjectNode cj = s.channelJson(c);
        cj.put("permissions", Long.toString(s.permissions(s.botUserId, c)));
        resolved.withObject("/channels").set(Long.toString(id), cj);
      }
      case 8 -> {
        if (g == null || !g.roles.containsKey(id)) {
          throw new NotAllowedInClient("unknown role " + id);
        }
        resolved.withObject("/roles").set(Long.toString(id), s.roleJson(g.roles.get(id)));
      }
      default -> { }
    }
  }

  /**
   * Clicks a button, found by its label or custom id, on a message the user can see: in an action row, a
   * container, or a section's accessory.
   */
  public InteractionHandle click(long messageId, String labelOrCustomId) {
    EmulatorState s = emu.state();
    Interaction i;
    synchronized (s) {
      Message m = visibleMessage(s, messageId);
      JsonNode button = null;
      for (JsonNode c : MessageView.of(m).allComponents()) {
        if (c.path("type").asInt() == 2
            && (labelOrCustomId.equals(c.path("label").asText()) || labelOrCustomId.equals(c.path("custom_id").asText()))) {
          button = c;
          break;
        }
      }
      if (button == null) {
        throw new NotAllowedInClient("no button " + labelOrCustomId + " on message " + messageId + "; buttons: "
            + MessageView.of(m).buttonLabels());
      }
      if (button.path("disabled").asBoolean(false)) {
        throw new NotAllowedInClient("button " + labelOrCustomId + " is disabled");
      }
      if (!button.has("custom_id")) {
        throw new NotAllowedInClient("button " + labelOrCustomId + " is a link button");
      }
      ObjectNode data = Json.object();
      data.put("custom_id", button.path("custom_id").asText());
      data.put("component_type", 2);
      data.put("id", button.path("id").asInt());
      i = emu.interactions().create(Interaction.MESSAGE_COMPONENT, userId, m.channelId, data, m.id);
    }
    return new InteractionHandle(emu, i.id, userId);
  }

  /**
   * Picks values in a string select menu anywhere on a message the user can see (also inside a Components V2
   * container): refused when the menu is disabled, a value is not offered or chosen twice, or the number of values
   * is outside min_values..max_values.
   */
  public InteractionHandle select(long messageId, String customId, String... values) {
    EmulatorState s = emu.state();
    Interaction i;
    synchronized (s) {
      Message m = visibleMessage(s, messageId);
      JsonNode menu = null;
      for (JsonNode c : MessageView.of(m).allComponents()) {
        if (c.path("type").asInt() == 3 && customId.equals(c.path("custom_id").asText())) {
          menu = c;
        }
      }
      if (menu == null) {
        throw new NotAllowedInClient("no select menu " + customId + " on message " + messageId);
      }
      if (menu.path("disabled").asBoolean(false)) {
        throw new NotAllowedInClient("select menu " + customId + " is disabled");
      }
      int min = menu.path("min_values").asInt(1);
      int max = menu.path("max_values").asInt(1);
      if (values.length < min || values.length > max
          || new java.util.HashSet<>(java.util.List.of(values)).size() != values.length) {
        throw new NotAllowedInClient(customId + " takes " + min + ".." + max + " different values, not "
            + java.util.Arrays.toString(values));
      }
      ObjectNode data = Json.object();
      data.put("custom_id", customId);
      data.put("component_type", 3);
      data.put("id", menu.path("id").asInt());
      ArrayNode vals = data.putArray("values");
      for (String v : values) {
        boolean offered = false;
        for (JsonNode o : menu.path("options")) {
          offered |= o.path("value").asText().equals(v);
        }
        if (!offered) {
          throw new NotAllowedInClient("value " + v + " is not offered by " + customId);
        }
        vals.add(v);
      }
      i = emu.interactions().create(Interaction.MESSAGE_COMPONENT, userId, m.channelId, data, m.id);
    }
    return new InteractionHandle(emu, i.id, userId);
  }

  private Message visibleMessage(EmulatorState s, long messageId) {
    Message m = s.messages.get(messageId);
    if (m == null) {
      throw new NotAllowedInClient("message " + messageId + " does not exist");
    }
    if (m.visibleTo != null && m.visibleTo != userId) {
      throw new NotAllowedInClient("message " + messageId + " is ephemeral for another user");
    }
    if (!s.canView(userId, s.channel(m.channelId))) {
      throw new NotAllowedInClient("user " + userId + " cannot see channel " + m.channelId);
    }
    return m;
  }

  /**
   * Submits the modal the bot opened in answer to {@code opener}, with values by input custom id: a {@code String}
   * for a text input, a {@code List<String>} (or {@code String[]}, or one {@code String}) for a string select.
   * Inputs not given are submitted as the client leaves them (a text input's pre-filled value or empty, a select's
   * default options). Refused with {@link NotAllowedInClient}, as the client would not let the user submit: a
   * required input left empty, a text outside min..max length, a select value not offered or outside
   * min_values..max_values, an input the modal does not have (see {@link ModalSubmission}).
   */
  public InteractionHandle submitModal(InteractionHandle opener, Map<String, ?> values) {
    return submit(opener, values, true);
  }

  /**
   * As {@link #submitModal(InteractionHandle, Map)}, but as a modified client would: the values are sent as given,
   * without the client's checks (lengths, required inputs, select values and counts), so a test can show that the
   * application checks a submission itself. Inputs the modal does not have are still refused.
   */
  public InteractionHandle submitModalUnchecked(InteractionHandle opener, Map<String, ?> values) {
    return submit(opener, values, false);
  }

  private InteractionHandle submit(InteractionHandle opener, Map<String, ?> values, boolean clientChecks) {
    ObjectNode modal = opener.awaitModal();
    EmulatorState s = emu.state();
    Interaction i;
    synchronized (s) {
      Interaction from = s.interactions.get(opener.id);
      if (from.userId != userId) {
        throw new NotAllowedInClient("the modal of interaction " + opener.id + " was shown to user " + from.userId);
      }
      ObjectNode data = ModalSubmission.build(modal, values, clientChecks);
      i = emu.interactions().create(Interaction.MODAL_SUBMIT, userId, from.channelId, data, from.messageId);
      i.triggeringInteractionId = from.id;
    }
    return new InteractionHandle(emu, i.id, userId);
  }

  /** {@link #submitModal(InteractionHandle, Map)} for the modal that answered interaction {@code openerId}. */
  public InteractionHandle submitModal(long openerId, Map<String, ?> values) {
    synchronized (emu.state()) {
      if (!emu.state().interactions.containsKey(openerId)) {
        throw new NotAllowedInClient("no interaction " + openerId);
      }
    }
    return submitModal(new InteractionHandle(emu, openerId, userId), values);
  }

  /** Posts a message as this user (MESSAGE_CREATE). */
  public MessageView post(long channelId, String content) {
    EmulatorState s = emu.state();
    synchronized (s) {
      Channel c = s.channel(channelId);
      if (!s.canView(userId, c)) {
        throw new NotAllowedInClient("user " + userId + " cannot see channel " + channelId);
      }
      long perms = s.permissions(userId, c);
      long needed = c.isThread() ? Permissions.SEND_MESSAGES_IN_THREADS : Permissions.SEND_MESSAGES;
      if (c.guildId != null && (perms & needed) == 0) {
        throw new NotAllowedInClient("user " + userId + " cannot send in channel " + channelId);
      }
      if (c.isThread() && c.locked && (perms & Permissions.MANAGE_THREADS) == 0) {
        throw new NotAllowedInClient("thread " + channelId + " is locked");
      }
      if (c.isThread() && c.archived) {
        c.archived = false;
        s.channelUpdated(c);
      }
      return MessageView.of(s.postMessage(c, userId, content, null, null, 0, null, null, null));
    }
  }

  /** Leaves a guild (GUILD_MEMBER_REMOVE, and the user leaves its threads). */
  public void leaveGuild(long guildId) {
    EmulatorState s = emu.state();
    synchronized (s) {
      s.removeMember(s.guild(guildId), userId);
    }
  }

  /** Deletes a channel or thread, as an administrator would in the client. */
  public void deleteChannel(long channelId) {
    EmulatorState s = emu.state();
    synchronized (s) {
      Channel c = s.channel(channelId);
      long perms = s.permissions(userId, c);
      long needed = c.isThread() ? Permissions.MANAGE_THREADS : Permissions.MANAGE_CHANNELS;
      if ((perms & needed) == 0) {
        throw new NotAllowedInClient("user " + userId + " may not delete channel " + channelId);
      }
      s.deleteChannel(c);
    }
  }

  /** Whether this user can see a channel or thread (private threads: members and thread managers). */
  public boolean canSee(long channelId) {
    EmulatorState s = emu.state();
    synchronized (s) {
      Channel c = s.channels.get(channelId);
      return c != null && s.canView(userId, c);
    }
  }
}
