package dev.tiramisu.discordemu;

import dev.tiramisu.discordemu.model.Channel;
import dev.tiramisu.discordemu.model.Guild;
import dev.tiramisu.discordemu.model.Member;
import dev.tiramisu.discordemu.model.Overwrite;
import dev.tiramisu.discordemu.model.Role;

/**
 * Discord's permission arithmetic over {@link EmulatorState}: base permissions, then channel overwrites. Called with
 * the state's monitor held.
 */
final class PermissionResolver {
  private final EmulatorState s;

  PermissionResolver(EmulatorState s) {
    this.s = s;
  }

  /** The member's guild-level permissions: @everyone and their roles; everything for owner and administrators. */
  long basePermissions(Guild guild, long userId) {
    if (guild.ownerId == userId) {
      return Permissions.ALL;
    }
    Member member = guild.members.get(userId);
    if (member == null) {
      return 0;
    }
    long perms = guild.everyone().permissions;
    for (long roleId : member.roleIds) {
      Role r = guild.roles.get(roleId);
      if (r != null) {
        perms |= r.permissions;
      }
    }
    if ((perms & Permissions.ADMINISTRATOR) != 0) {
      return Permissions.ALL;
    }
    return perms;
  }

  /**
   * Effective permissions in a channel, as Discord documents: base, then @everyone overwrite, role overwrites,
   * member overwrite. Threads use their parent's overwrites; a private thread is visible only to its members
   * and to those who may manage threads.
   */
  long permissions(long userId, Channel channel) {
    if (channel.guildId == null) {
      return channel.recipientId != null && (channel.recipientId == userId || userId == s.botUserId)
          ? Permissions.ALL
          : 0;
    }
    Guild guild = s.guilds.get(channel.guildId);
    if (guild == null) {
      return 0;
    }
    Channel overwriteSource = channel.isThread() ? s.channels.get(channel.parentId) : channel;
    long perms = basePermissions(guild, userId);
    if ((perms & Permissions.ADMINISTRATOR) != 0) {
      return Permissions.ALL;
    }
    if (overwriteSource != null) {
      perms = applyOverwrites(guild, userId, overwriteSource, perms);
    }
    if ((perms & Permissions.VIEW_CHANNEL) == 0) {
      return 0;
    }
    if (channel.type == Channel.PRIVATE_THREAD
        && !channel.memberIds.contains(userId)
        && (perms & Permissions.MANAGE_THREADS) == 0) {
      return 0;
    }
    return perms;
  }

  private long applyOverwrites(Guild guild, long userId, Channel channel, long perms) {
    Member member = guild.members.get(userId);
    for (Overwrite o : channel.overwrites) {
      if (o.type() == Overwrite.ROLE && o.id() == guild.id) {
        perms = (perms & ~o.deny()) | o.allow();
      }
    }
    long allow = 0;
    long deny = 0;
    for (Overwrite o : channel.overwrites) {
      if (o.type() == Overwrite.ROLE && o.id() != guild.id && member != null && member.roleIds.contains(o.id())) {
        allow |= o.allow();
        deny |= o.deny();
      }
    }
    perms = (perms & ~deny) | allow;
    for (Overwrite o : channel.overwrites) {
      if (o.type() == Overwrite.MEMBER && o.id() == userId) {
        perms = (perms & ~o.deny()) | o.allow();
      }
    }
    return perms;
  }
}
