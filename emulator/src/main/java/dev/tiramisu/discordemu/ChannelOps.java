package dev.tiramisu.discordemu;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.model.Channel;
import dev.tiramisu.discordemu.model.Guild;
import dev.tiramisu.discordemu.model.Member;
import dev.tiramisu.discordemu.model.Overwrite;
import dev.tiramisu.discordemu.model.User;
import java.util.ArrayList;
import java.util.List;

/**
 * Channels, threads, thread members and DM channels of {@link EmulatorState}, with their events. Called with the
 * state's monitor held.
 */
final class ChannelOps {
  private final EmulatorState s;

  ChannelOps(EmulatorState s) {
    this.s = s;
  }

  Channel createChannel(Guild guild, int type, String name, Long parentId) {
    Channel c = new Channel(s.ids.next(), type, guild.id, name);
    c.parentId = parentId;
    c.position = guild.channelIds.size();
    s.channels.put(c.id, c);
    guild.channelIds.add(c.id);
    emitChannel("CHANNEL_CREATE", c);
    s.changed();
    return c;
  }

  /** Sends CHANNEL_UPDATE / THREAD_UPDATE for a channel whose fields changed. */
  void channelUpdated(Channel c) {
    emitChannel(c.isThread() ? "THREAD_UPDATE" : "CHANNEL_UPDATE", c);
    s.changed();
  }

  /** Deletes a channel (and its threads, for a parent) as a user or the bot would. */
  void deleteChannel(Channel c) {
    if (c.isThread()) {
      s.channels.remove(c.id);
      Guild g = s.guilds.get(c.guildId);
      if (g != null) {
        g.threadIds.remove(c.id);
      }
      ObjectNode d = Json.object();
      d.put("id", Long.toString(c.id));
      d.put("guild_id", Long.toString(c.guildId));
      d.put("parent_id", Long.toString(c.parentId));
      d.put("type", c.type);
      s.emit("THREAD_DELETE", d, c.guildId, Intents.GUILDS, false);
    } else {
      ObjectNode d = s.channelJson(c);
      s.channels.remove(c.id);
      if (c.guildId != null) {
        Guild g = s.guilds.get(c.guildId);
        g.channelIds.remove(c.id);
        for (Long threadId : new ArrayList<>(g.threadIds)) {
          Channel t = s.channels.get(threadId);
          if (t != null && c.id == t.parentId) {
            s.channels.remove(threadId);
            g.threadIds.remove(threadId);
          }
        }
      }
      s.emit("CHANNEL_DELETE", d, c.guildId, Intents.GUILDS, false);
    }
    c.messageIds.forEach(s.messages::remove);
    s.changed();
  }

  void addOverwrite(Channel c, Overwrite o) {
    c.overwrites.removeIf(x -> x.id() == o.id());
    c.overwrites.add(o);
    channelUpdated(c);
  }

  /** Creates a thread; the creator becomes its first member. Sends THREAD_CREATE. */
  Channel createThread(Channel parent, int type, String name, long ownerId, boolean invitable,
      int autoArchiveDuration) {
    Guild g = s.guild(parent.guildId);
    long active = g.threadIds.stream().map(s.channels::get).filter(t -> t != null && !t.archived).count();
    if (active >= s.maxActiveThreadsPerGuild) {
      throw new DiscordException(400, 160006, "Maximum number of active threads reached");
    }
    Channel t = new Channel(s.ids.next(), type, g.id, name);
    t.parentId = parent.id;
    t.ownerId = ownerId;
    t.invitable = invitable;
    t.autoArchiveDuration = autoArchiveDuration;
    t.createTimestampMillis = System.currentTimeMillis();
    t.archiveTimestampMillis = t.createTimestampMillis;
    t.memberIds.add(ownerId);
    s.channels.put(t.id, t);
    g.threadIds.add(t.id);
    ObjectNode d = s.channelJson(t);
    d.put("newly_created", true);
    if (ownerId == s.botUserId) {
      d.set("member", s.threadMemberJson(t, s.botUserId));
    }
    if (s.canView(s.botUserId, t)) {
      s.emit("THREAD_CREATE", d, g.id, Intents.GUILDS, false);
    }
    s.changed();
    return t;
  }

  void addThreadMember(Channel thread, long userId) {
    if (thread.memberIds.add(userId)) {
      if (userId == s.botUserId) {
        ObjectNode d = s.channelJson(thread);
        d.set("member", s.threadMemberJson(thread, userId));
        s.emit("THREAD_CREATE", d, thread.guildId, Intents.GUILDS, false);
      }
      threadMembersUpdate(thread, List.of(userId), List.of());
      s.changed();
    }
  }

  void removeThreadMember(Channel thread, long userId) {
    if (thread.memberIds.remove(userId)) {
      threadMembersUpdate(thread, List.of(), List.of(userId));
      s.changed();
    }
  }

  void threadMembersUpdate(Channel thread, List<Long> added, List<Long> removed) {
    ObjectNode d = Json.object();
    d.put("id", Long.toString(thread.id));
    d.put("guild_id", Long.toString(thread.guildId));
    d.put("member_count", Math.min(50, thread.memberIds.size()));
    if (!added.isEmpty()) {
      ArrayNode a = d.putArray("added_members");
      Guild g = s.guilds.get(thread.guildId);
      for (long id : added) {
        ObjectNode tm = s.threadMemberJson(thread, id);
        Member m = g == null ? null : g.members.get(id);
        if (m != null) {
          tm.set("member", s.memberJson(g, m));
        }
        a.add(tm);
      }
    }
    if (!removed.isEmpty()) {
      ArrayNode r = d.putArray("removed_member_ids");
      removed.forEach(id -> r.add(Long.toString(id)));
    }
    boolean aboutBot = added.contains(s.botUserId) || removed.contains(s.botUserId);
    s.emit("THREAD_MEMBERS_UPDATE", d, thread.guildId, aboutBot ? Intents.GUILDS : Intents.GUILD_MEMBERS, false);
  }

  /** Opens (or returns) the DM channel between the bot and a user. */
  Channel dmChannel(long userId) {
    User u = s.user(userId);
    if (u.dmChannelId != null && s.channels.containsKey(u.dmChannelId)) {
      return s.channels.get(u.dmChannelId);
    }
    Channel c = new Channel(s.ids.next(), Channel.DM, null, null);
    c.recipientId = userId;
    s.channels.put(c.id, c);
    u.dmChannelId = c.id;
    s.changed();
    return c;
  }

  private void emitChannel(String type, Channel c) {
    if (c.guildId == null) {
      return;
    }
    if (!s.canView(s.botUserId, c) && c.isThread()) {
      return;
    }
    ObjectNode d = s.channelJson(c);
    s.emit(type, d, c.guildId, Intents.GUILDS, false);
  }
}
