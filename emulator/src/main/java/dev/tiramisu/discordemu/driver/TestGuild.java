package dev.tiramisu.discordemu.driver;

import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.EmulatorState;
import dev.tiramisu.discordemu.model.Channel;
import dev.tiramisu.discordemu.model.Guild;
import dev.tiramisu.discordemu.model.Message;
import dev.tiramisu.discordemu.model.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A guild built by {@link GuildBuilder}: its ids by name, and ways to read and change it as a test needs. */
public final class TestGuild {
  private final Emulator emu;
  public final long id;
  private final Map<String, Long> roles;
  private final Map<String, Long> channels;
  private final Map<String, Long> users;
  public final long botRoleId;

  TestGuild(Emulator emu, long id, Map<String, Long> roles, Map<String, Long> channels, Map<String, Long> users,
      long botRoleId) {
    this.emu = emu;
    this.id = id;
    this.roles = roles;
    this.channels = channels;
    this.users = new java.util.concurrent.ConcurrentHashMap<>(users);
    this.botRoleId = botRoleId;
  }

  public long role(String name) {
    return require(roles, name, "role");
  }

  public long channel(String name) {
    return require(channels, name, "channel");
  }

  public long user(String name) {
    return require(users, name, "user");
  }

  private static long require(Map<String, Long> map, String name, String kind) {
    Long id = map.get(name);
    if (id == null) {
      throw new IllegalArgumentException("no " + kind + " named " + name + "; known: " + map.keySet());
    }
    return id;
  }

  public Actor as(String username) {
    return emu.as(user(username));
  }

  /** Threads of the guild (active and archived), oldest first. */
  public List<ThreadView> threads() {
    EmulatorState s = emu.state();
    synchronized (s) {
      List<ThreadView> out = new ArrayList<>();
      for (long tid : s.guild(id).threadIds) {
        Channel t = s.channels.get(tid);
        if (t != null) {
          out.add(ThreadView.of(t));
        }
      }
      return out;
    }
  }

  public Optional<ThreadView> thread(String name) {
    return threads().stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** Messages of a channel or thread, oldest first, including ephemeral ones. */
  public List<MessageView> messages(long channelId) {
    return emu.messages(channelId);
  }

  /**
   * Waits (up to {@code timeout}, re-checked on every change) until the channel or thread has a
   * message, e.g. a ticket's first message, which may arrive a moment after the link to it.
   */
  public void awaitMessage(long channelId, Duration timeout) {
    emu.await("a message in channel " + channelId, timeout, () -> !messages(channelId).isEmpty());
  }

  public List<MessageView> messages(String channelName) {
    return messages(channel(channelName));
  }

  /** Sets the permissions of the bot's role (JDA sees a GUILD_ROLE_UPDATE). */
  public void setBotPermissions(long permissions) {
    setRolePermissions(botRoleId, permissions);
  }

  public void setRolePermissions(long roleId, long permissions) {
    EmulatorState s = emu.state();
    synchronized (s) {
      Guild g = s.guild(id);
      Role r = g.roles.get(roleId);
      r.permissions = permissions;
      s.updateRole(g, r);
    }
  }

  /** Makes a role mentionable (or not). */
  public void setRoleMentionable(String roleName, boolean mentionable) {
    EmulatorState s = emu.state();
    synchronized (s) {
      Guild g = s.guild(id);
      Role r = g.roles.get(role(roleName));
      r.mentionable = mentionable;
      s.updateRole(g, r);
    }
  }

  /**
   * Archives a thread as Discord does by itself after its auto-archive duration without activity
   * (THREAD_UPDATE); the emulator never does it with time.
   */
  public void autoArchive(long threadId) {
    EmulatorState s = emu.state();
    synchronized (s) {
      Channel c = s.channel(threadId);
      if (!c.isThread()) {
        throw new IllegalArgumentException("channel " + threadId + " is not a thread");
      }
      c.archived = true;
      c.archiveTimestampMillis = System.currentTimeMillis();
      s.channelUpdated(c);
    }
  }

  /** Closes or opens a user's DMs. */
  public void setDmsClosed(String username, boolean closed) {
    EmulatorState s = emu.state();
    synchronized (s) {
      s.user(user(username)).dmsClosed = closed;
      s.changed();
    }
  }

  /**
   * Sets the language of a user's Discord client (default {@code en-US}): their next interactions carry it as
   * {@code locale}.
   */
  public void setLocale(String username, String locale) {
    EmulatorState s = emu.state();
    synchronized (s) {
      s.user(user(username)).locale = locale;
      s.changed();
    }
  }

  /** Sets the guild's {@code preferred_locale} (default {@code en-US}) and tells the bot (GUILD_UPDATE). */
  public void setPreferredLocale(String locale) {
    EmulatorState s = emu.state();
    synchronized (s) {
      Guild g = s.guild(id);
      g.preferredLocale = locale;
      s.emit("GUILD_UPDATE", s.guildJson(g), g.id, dev.tiramisu.discordemu.Intents.GUILDS, false);
      s.changed();
    }
  }

  /** Adds a member with roles to the guild (GUILD_MEMBER_ADD). */
  public long addMember(String username, String... roleNames) {
    EmulatorState s = emu.state();
    synchronized (s) {
      long uid = s.createUser(username, false).id;
      List<Long> roleIds = new ArrayList<>();
      for (String r : roleNames) {
        roleIds.add(role(r));
      }
      s.addMember(s.guild(id), uid, roleIds);
      users.put(username, uid);
      return uid;
    }
  }

  /** The DM channel messages the bot sent to a user, oldest first. */
  public List<MessageView> dms(String username) {
    EmulatorState s = emu.state();
    synchronized (s) {
      Long dm = s.user(user(username)).dmChannelId;
      return dm == null ? List.of() : emu.messages(dm);
    }
  }

  /** A message by id, if it still exists. */
  public Optional<MessageView> message(long messageId) {
    EmulatorState s = emu.state();
    synchronized (s) {
      Message m = s.messages.get(messageId);
      return Optional.ofNullable(m).map(MessageView::of);
    }
  }
}
