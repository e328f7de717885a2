package dev.tiramisu.discordemu;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.model.Channel;
import dev.tiramisu.discordemu.model.Guild;
import dev.tiramisu.discordemu.model.Member;
import dev.tiramisu.discordemu.model.Role;
import dev.tiramisu.discordemu.model.User;
import java.util.List;

/**
 * Users, guilds, roles and members of {@link EmulatorState}: creating and changing them, with their events.
 * Called with the state's monitor held.
 */
final class GuildOps {
  private final EmulatorState s;

  GuildOps(EmulatorState s) {
    this.s = s;
  }

  User createUser(String username, boolean bot) {
    return createUser(s.ids.next(), username, bot);
  }

  /** Creates a user with a given id (a seeded world with ids stable across runs). */
  User createUser(long id, String username, boolean bot) {
    if (s.users.containsKey(id)) {
      throw new IllegalArgumentException("user id " + id + " is taken");
    }
    User u = new User(id, username, bot);
    s.users.put(u.id, u);
    s.changed();
    return u;
  }

  /** Creates a guild with its @everyone role; the owner becomes a member. Sends GUILD_CREATE. */
  Guild createGuild(String name, long ownerId) {
    return createGuild(s.ids.next(), name, ownerId);
  }

  /** Creates a guild with a given id (a seeded world with ids stable across runs). */
  Guild createGuild(long id, String name, long ownerId) {
    if (s.guilds.containsKey(id) || s.channels.containsKey(id)) {
      throw new IllegalArgumentException("guild id " + id + " is taken");
    }
    Guild g = new Guild(id, name, ownerId);
    g.roles.put(g.id, new Role(g.id, "@everyone", Permissions.EVERYONE_DEFAULT, 0));
    s.guilds.put(g.id, g);
    g.members.put(ownerId, new Member(ownerId, System.currentTimeMillis()));
    s.changed();
    return g;
  }

  Role createRole(Guild guild, String name, long permissions) {
    Role r = new Role(s.ids.next(), name, permissions, guild.roles.size());
    guild.roles.put(r.id, r);
    s.emit("GUILD_ROLE_CREATE", roleEvent(guild, r), guild.id, Intents.GUILDS, false);
    s.changed();
    return r;
  }

  void updateRole(Guild guild, Role role) {
    s.emit("GUILD_ROLE_UPDATE", roleEvent(guild, role), guild.id, Intents.GUILDS, false);
    s.changed();
  }

  private ObjectNode roleEvent(Guild guild, Role role) {
    ObjectNode d = Json.object();
    d.put("guild_id", Long.toString(guild.id));
    d.set("role", s.roleJson(role));
    return d;
  }

  Member addMember(Guild guild, long userId, List<Long> roleIds) {
    Member m = new Member(userId, System.currentTimeMillis());
    m.roleIds.addAll(roleIds);
    guild.members.put(userId, m);
    ObjectNode d = s.memberJson(guild, m);
    d.put("guild_id", Long.toString(guild.id));
    s.emit("GUILD_MEMBER_ADD", d, guild.id, Intents.GUILD_MEMBERS, false);
    s.changed();
    return m;
  }

  void setMemberRoles(Guild guild, long userId, List<Long> roleIds) {
    Member m = s.member(guild, userId);
    m.roleIds.clear();
    m.roleIds.addAll(roleIds);
    ObjectNode d = Json.object();
    d.put("guild_id", Long.toString(guild.id));
    ArrayNode roles = d.putArray("roles");
    m.roleIds.forEach(r -> roles.add(Long.toString(r)));
    d.set("user", s.userJson(s.user(userId)));
    d.put("joined_at", Json.timestamp(m.joinedAtMillis));
    s.emit("GUILD_MEMBER_UPDATE", d, guild.id, Intents.GUILD_MEMBERS, false);
    s.changed();
  }

  /** A member leaves the guild: GUILD_MEMBER_REMOVE, and they leave every thread of the guild. */
  void removeMember(Guild guild, long userId) {
    if (guild.members.remove(userId) == null) {
      throw DiscordException.unknownMember();
    }
    for (long threadId : guild.threadIds) {
      Channel t = s.channels.get(threadId);
      if (t != null && t.memberIds.remove(userId)) {
        s.channelOps.threadMembersUpdate(t, List.of(), List.of(userId));
      }
    }
    ObjectNode d = Json.object();
    d.put("guild_id", Long.toString(guild.id));
    d.set("user", s.userJson(s.user(userId)));
    s.emit("GUILD_MEMBER_REMOVE", d, guild.id, Intents.GUILD_MEMBERS, false);
    s.changed();
  }
}
