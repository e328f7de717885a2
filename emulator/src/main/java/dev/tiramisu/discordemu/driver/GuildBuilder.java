package dev.tiramisu.discordemu.driver;

import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.EmulatorState;
import dev.tiramisu.discordemu.Permissions;
import dev.tiramisu.discordemu.model.Channel;
import dev.tiramisu.discordemu.model.Guild;
import dev.tiramisu.discordemu.model.Overwrite;
import dev.tiramisu.discordemu.model.Role;
import dev.tiramisu.discordemu.model.User;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a guild in a few lines: roles with permission bits, text channels with overwrites, members with roles,
 * and the bot's own role. The first member added is the owner unless {@link #owner} says otherwise.
 *
 * <pre>{@code
 * TestGuild g = emu.guild("Test")
 *     .role("Staff", Permissions.MANAGE_THREADS)
 *     .textChannel("tickets").textChannel("mod-log")
 *     .owner("admin").member("mod", "Staff").member("alice")
 *     .botPermissions(Permissions.TICKET_BOT)
 *     .build();
 * }</pre>
 */
public final class GuildBuilder {
  private final Emulator emu;
  private final String name;
  private final Map<String, Long> roles = new LinkedHashMap<>();
  private final List<String> roleOrder = new ArrayList<>();
  private final Map<String, Long> rolePerms = new LinkedHashMap<>();
  private final List<PendingChannel> channels = new ArrayList<>();
  private final List<PendingOverwrite> overwrites = new ArrayList<>();
  private final Map<String, List<String>> members = new LinkedHashMap<>();
  private final Map<String, Boolean> dmsClosed = new LinkedHashMap<>();
  private String owner;
  private String preferredLocale = "en-US";
  private final Map<String, String> locales = new LinkedHashMap<>();
  private long botPermissions = Permissions.ADMINISTRATOR;
  private long everyonePermissions = Permissions.EVERYONE_DEFAULT;
  private boolean botMember = true;
  private java.util.function.LongSupplier stableIds;

  public GuildBuilder(Emulator emu, String name) {
    this.emu = emu;
    this.name = name;
  }

  public GuildBuilder role(String roleName, long permissions) {
    roleOrder.add(roleName);
    rolePerms.put(roleName, permissions);
    return this;
  }

  public GuildBuilder textChannel(String channelName) {
    return channel(channelName, Channel.GUILD_TEXT, null);
  }

  /**
   * A channel of {@code type} ({@link Channel#GUILD_TEXT}, {@link Channel#GUILD_VOICE} or {@link
   * Channel#GUILD_CATEGORY}) under the category {@code parent} (added before it), or at the top when null.
   */
  public GuildBuilder channel(String channelName, int type, String parent) {
    if (type != Channel.GUILD_TEXT && type != Channel.GUILD_VOICE && type != Channel.GUILD_CATEGORY) {
      throw new IllegalArgumentException("a guild builder makes text, voice and category channels, not " + type);
    }
    if (parent != null && channels.stream().noneMatch(
        c -> c.name().equals(parent) && c.type() == Channel.GUILD_CATEGORY)) {
      throw new IllegalArgumentException("unknown category " + parent + " (add it first)");
    }
    channels.add(new PendingChannel(channelName, type, parent));
    return this;
  }

  private record PendingChannel(String name, int type, String parent) {}

  /**
   * Allows and denies bits in a channel for a role or member name; "@everyone" names the everyone role and "@bot"
   * the bot.
   */
  public GuildBuilder overwrite(String channelName, String roleOrMember, long allow, long deny) {
    overwrites.add(new PendingOverwrite(channelName, roleOrMember, allow, deny));
    return this;
  }

  private record PendingOverwrite(String channel, String target, long allow, long deny) {}

  public GuildBuilder owner(String username) {
    this.owner = username;
    members.putIfAbsent(username, new ArrayList<>());
    return this;
  }

  public GuildBuilder member(String username, String... roleNames) {
    members.put(username, new ArrayList<>(List.of(roleNames)));
    if (owner == null) {
      owner = username;
    }
    return this;
  }

  /** A member who does not accept DMs from the bot (sending fails with 50007). */
  public GuildBuilder memberWithClosedDms(String username, String... roleNames) {
    dmsClosed.put(username, true);
    return member(username, roleNames);
  }

  /** The guild's {@code preferred_locale}, e.g. {@code de}; default {@code en-US}. */
  public GuildBuilder preferredLocale(String locale) {
    this.preferredLocale = locale;
    return this;
  }

  /** The language of a member's Discord client, e.g. {@code de}; default {@code en-US}. */
  public GuildBuilder locale(String username, String locale) {
    locales.put(username, locale);
    return this;
  }

  /** The permissions of the bot's managed role; default ADMINISTRATOR. */
  public GuildBuilder botPermissions(long permissions) {
    this.botPermissions = permissions;
    return this;
  }

  public GuildBuilder everyonePermissions(long permissions) {
    this.everyonePermissions = permissions;
    return this;
  }

  /**
   * Derives the ids of the guild, its roles, channels and members from {@code base} (base, base+1, ...) instead
   * of the clock, so the same builder makes the same ids in every run: a database kept between runs (the
   * sandbox's) still refers to the same guild, channels and roles. Pick a base in the past (e.g.
   * {@code Snowflakes.firstAt(...)}) so it cannot meet the ids the emulator hands out.
   */
  public GuildBuilder stableIds(long base) {
    long[] next = {base};
    this.stableIds = () -> next[0]++;
    return this;
  }

  /** Builds the guild without the bot in it (no GUILD_CREATE is sent to the bot). */
  public GuildBuilder withoutBot() {
    this.botMember = false;
    return this;
  }

  public TestGuild build() {
    EmulatorState state = emu.state();
    synchronized (state) {
      java.util.function.LongSupplier ids = stableIds != null ? stableIds : state.ids::next;
      Map<String, Long> users = new LinkedHashMap<>();
      for (String username : members.keySet()) {
        User u = state.createUser(ids.getAsLong(), username, false);
        u.dmsClosed = dmsClosed.getOrDefault(username, false);
        u.locale = locales.getOrDefault(username, "en-US");
        users.put(username, u.id);
      }
      long ownerId = owner == null ? state.createUser(ids.getAsLong(), name + "-owner", false).id : users.get(owner);
      Guild g = state.createGuild(ids.getAsLong(), name, ownerId);
      g.preferredLocale = preferredLocale;
      g.everyone().permissions = everyonePermissions;
      int pos = 1;
      for (String roleName : roleOrder) {
        Role r = new Role(ids.getAsLong(), roleName, rolePerms.get(roleName), pos++);
        g.roles.put(r.id, r);
        roles.put(roleName, r.id);
      }
      Role botRole = new Role(ids.getAsLong(), emu.config().botName(), botPermissions, pos);
      botRole.managed = true;
      g.roles.put(botRole.id, botRole);
      roles.put("@bot", botRole.id);
      roles.put("@everyone", g.id);
      Map<String, Long> channelIds = new LinkedHashMap<>();
      for (PendingChannel pending : channels) {
        Channel c = new Channel(ids.getAsLong(), pending.type(), g.id, pending.name());
        c.position = g.channelIds.size();
        c.parentId = pending.parent() == null ? null : channelIds.get(pending.parent());
        state.channels.put(c.id, c);
        g.channelIds.add(c.id);
        channelIds.put(pending.name(), c.id);
      }
      for (var entry : members.entrySet()) {
        long userId = users.get(entry.getKey());
        var member = g.members.computeIfAbsent(userId,
            id -> new dev.tiramisu.discordemu.model.Member(id, System.currentTimeMillis()));
        for (String roleName : entry.getValue()) {
          Long roleId = roles.get(roleName);
          if (roleId == null) {
            throw new IllegalArgumentException("unknown role " + roleName + " for member " + entry.getKey());
          }
          member.roleIds.add(roleId);
        }
      }
      for (PendingOverwrite o : overwrites) {
        Channel c = state.channels.get(channelIds.get(o.channel()));
        if (c == null) {
          throw new IllegalArgumentException("unknown channel " + o.channel());
        }
        if (o.target().equals("@bot")) {
          c.overwrites.add(new Overwrite(state.botUserId, Overwrite.MEMBER, o.allow(), o.deny()));
        } else if (roles.containsKey(o.target())) {
          c.overwrites.add(new Overwrite(roles.get(o.target()), Overwrite.ROLE, o.allow(), o.deny()));
        } else if (users.containsKey(o.target())) {
          c.overwrites.add(new Overwrite(users.get(o.target()), Overwrite.MEMBER, o.allow(), o.deny()));
        } else {
          throw new IllegalArgumentException("unknown role or member " + o.target());
        }
      }
      if (botMember) {
        var botMemberObj = new dev.tiramisu.discordemu.model.Member(state.botUserId, System.currentTimeMillis());
        botMemberObj.roleIds.add(botRole.id);
        g.members.put(state.botUserId, botMemberObj);
        // Joining a guild: Discord's GUILD_CREATE then has no "unavailable" at all ("false" marks a
        // guild coming back from READY's stubs or an outage); discord.py and nextcord tell a join
        // (on_guild_join) from an available guild by exactly this, JDA by READY's guild list.
        var join = state.guildCreateJson(g);
        join.remove("unavailable");
        state.emit("GUILD_CREATE", join, g.id, dev.tiramisu.discordemu.Intents.GUILDS, false);
      }
      state.changed();
      return new TestGuild(emu, g.id, Map.copyOf(roles), Map.copyOf(channelIds), Map.copyOf(users), botRole.id);
    }
  }
}
