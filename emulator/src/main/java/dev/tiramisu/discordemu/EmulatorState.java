package dev.tiramisu.discordemu;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.model.Channel;
import dev.tiramisu.discordemu.model.Command;
import dev.tiramisu.discordemu.model.Guild;
import dev.tiramisu.discordemu.model.Interaction;
import dev.tiramisu.discordemu.model.Member;
import dev.tiramisu.discordemu.model.Message;
import dev.tiramisu.discordemu.model.Overwrite;
import dev.tiramisu.discordemu.model.Role;
import dev.tiramisu.discordemu.model.User;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Everything the emulated Discord knows, in memory. Every method that reads or changes state holds this
 * object's monitor; every change sends the dispatch event Discord would send and wakes {@link #await}ers.
 *
 * <p>This class is the façade: it owns the maps, the limits and the monitor; the work is done by per-area
 * collaborators called with the monitor held ({@link GuildOps} users, guilds, roles and members; {@link ChannelOps}
 * channels, threads and DMs; {@link MessageOps} messages, nonces and pins; {@link MentionResolver};
 * {@link PermissionResolver}; {@link StateJson} the JSON objects; {@link ComponentNormalizer}).
 */
public final class EmulatorState {
  public final Snowflakes ids = new Snowflakes();
  public final Map<Long, User> users = new LinkedHashMap<>();
  public final Map<Long, Guild> guilds = new LinkedHashMap<>();
  public final Map<Long, Channel> channels = new HashMap<>();
  public final Map<Long, Message> messages = new HashMap<>();
  public final Map<Long, Interaction> interactions = new HashMap<>();
  public final Map<String, Interaction> interactionsByToken = new HashMap<>();
  public final Map<Long, Command> commands = new LinkedHashMap<>();

  /** The bot application: its id, its bot user and its token. */
  public long applicationId;
  public long botUserId;
  public volatile String botToken;

  private GatewayEvents events = GatewayEvents.NONE;
  private long version;

  final PermissionResolver permissionResolver = new PermissionResolver(this);
  final GuildOps guildOps = new GuildOps(this);
  final ChannelOps channelOps = new ChannelOps(this);
  final MessageOps messageOps = new MessageOps(this);
  final MentionResolver mentions = new MentionResolver(this);
  final StateJson json = new StateJson(this);

  /** Discord's values of the limits below; {@link #reset} restores them. */
  public static final int DEFAULT_MAX_ACTIVE_THREADS_PER_GUILD = 1000;
  public static final int DEFAULT_MAX_PINS_PER_CHANNEL = 50;
  public static final long DEFAULT_INTERACTION_RESPONSE_DEADLINE_MILLIS = 3000;
  /**
   * How long a message nonce is remembered for {@code enforce_nonce}: Discord's docs say "the past few minutes";
   * five minutes is our reading of that.
   */
  public static final long DEFAULT_NONCE_WINDOW_MILLIS = 5 * 60_000L;

  /** Limits that bite ticket bots; tests may lower them. */
  public int maxActiveThreadsPerGuild = DEFAULT_MAX_ACTIVE_THREADS_PER_GUILD;
  public int maxPinsPerChannel = DEFAULT_MAX_PINS_PER_CHANNEL;
  public long interactionResponseDeadlineMillis = DEFAULT_INTERACTION_RESPONSE_DEADLINE_MILLIS;
  /**
   * What {@link #reset} restores {@link #interactionResponseDeadlineMillis} to: Discord's 3 s unless a test harness
   * raised it ({@code Emulator.setBaseInteractionResponseDeadline}) so a slow, loaded machine cannot fail a test
   * that is not about the deadline.
   */
  public long baseInteractionResponseDeadlineMillis = DEFAULT_INTERACTION_RESPONSE_DEADLINE_MILLIS;
  /** How long a nonce is remembered per (channel, author) for {@code enforce_nonce}; tests may change it. */
  public long nonceWindowMillis = DEFAULT_NONCE_WINDOW_MILLIS;
  /**
   * Whether the bot's application has the Message Content privileged intent enabled (its portal toggle);
   * REST reads of messages are blanked without it ({@link MessageContent}). Restored to true by {@link #reset()}.
   */
  public volatile boolean messageContentIntent = true;
  /**
   * The clock the nonce window is measured on. The emulator has no clock of its own, so this is wall time
   * ({@link Clock#systemUTC()}) unless a test replaces it to move time; {@link #reset} restores wall time.
   */
  public Clock nonceClock = Clock.systemUTC();

  public synchronized void setEvents(GatewayEvents events) {
    this.events = events;
  }

  /** Clears everything but the bot application, and restores Discord's limits a test may have lowered. */
  public synchronized void reset() {
    maxActiveThreadsPerGuild = DEFAULT_MAX_ACTIVE_THREADS_PER_GUILD;
    maxPinsPerChannel = DEFAULT_MAX_PINS_PER_CHANNEL;
    interactionResponseDeadlineMillis = baseInteractionResponseDeadlineMillis;
    nonceWindowMillis = DEFAULT_NONCE_WINDOW_MILLIS;
    messageContentIntent = true;
    nonceClock = Clock.systemUTC();
    messageOps.forgetNonces();
    User bot = users.get(botUserId);
    users.clear();
    guilds.clear();
    channels.clear();
    messages.clear();
    interactions.clear();
    interactionsByToken.clear();
    commands.clear();
    if (bot != null) {
      bot.dmChannelId = null;
      users.put(bot.id, bot);
    }
    changed();
  }

  // ---------------------------------------------------------------- waiting

  /** Marks a change and wakes every waiter. Call with the monitor held. */
  public synchronized void changed() {
    version++;
    notifyAll();
  }

  public synchronized long version() {
    return version;
  }

  /** How often {@link #await} re-checks a condition that no state change announced (e.g. over a JDA cache). */
  private static final long RECHECK_MILLIS = 10;

  /**
   * Waits until {@code condition} holds, evaluated under the state's monitor after every change. Each change wakes
   * the waiter at once; a condition over something else (a JDA client's cache, a listener's list) is re-checked
   * every {@value #RECHECK_MILLIS} ms, as no change of this state announces it.
   */
  public synchronized void await(BooleanSupplier condition, Duration timeout, String description)
      throws TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new TimeoutException("timed out after " + timeout.toMillis() + " ms waiting for " + description);
      }
      try {
        long millis = Math.max(1, Math.min(RECHECK_MILLIS, left / 1_000_000));
        wait(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TimeoutException("interrupted while waiting for " + description);
      }
    }
  }

  // ---------------------------------------------------------------- lookups

  public synchronized User user(long id) {
    User u = users.get(id);
    if (u == null) {
      throw DiscordException.unknownUser();
    }
    return u;
  }

  public synchronized Guild guild(long id) {
    Guild g = guilds.get(id);
    if (g == null) {
      throw DiscordException.unknownGuild();
    }
    return g;
  }

  public synchronized Channel channel(long id) {
    Channel c = channels.get(id);
    if (c == null) {
      throw DiscordException.unknownChannel();
    }
    return c;
  }

  public synchronized Message message(long channelId, long messageId) {
    Message m = messages.get(messageId);
    if (m == null || m.channelId != channelId) {
      throw DiscordException.unknownMessage();
    }
    return m;
  }

  /** Whether {@code userId} and the bot are both members of some guild (Discord's DM rule). */
  public synchronized boolean sharesGuildWithBot(long userId) {
    for (Guild g : guilds.values()) {
      if (g.members.containsKey(userId) && g.members.containsKey(botUserId)) {
        return true;
      }
    }
    return false;
  }

  public synchronized Member member(Guild guild, long userId) {
    Member m = guild.members.get(userId);
    if (m == null) {
      throw DiscordException.unknownMember();
    }
    return m;
  }

  // ---------------------------------------------------------------- permissions

  /** The member's guild-level permissions: @everyone and their roles; everything for owner and administrators. */
  public synchronized long basePermissions(Guild guild, long userId) {
    return permissionResolver.basePermissions(guild, userId);
  }

  /** Effective permissions in a channel, overwrites applied ({@link PermissionResolver#permissions}). */
  public synchronized long permissions(long userId, Channel channel) {
    return permissionResolver.permissions(userId, channel);
  }

  public synchronized boolean canView(long userId, Channel channel) {
    return (permissions(userId, channel) & Permissions.VIEW_CHANNEL) != 0;
  }

  /** Throws 403 50013 unless the bot has every bit of {@code needed} in the channel (50001 if it cannot see it). */
  public synchronized void requireBot(Channel channel, long needed) {
    long perms = permissions(botUserId, channel);
    if ((perms & Permissions.VIEW_CHANNEL) == 0) {
      throw DiscordException.missingAccess();
    }
    if ((perms & needed) != needed) {
      throw DiscordException.missingPermissions();
    }
  }

  // ---------------------------------------------------------------- users, guilds, roles, members ({@link GuildOps})

  public synchronized User createUser(String username, boolean bot) {
    return guildOps.createUser(username, bot);
  }

  /** Creates a user with a given id (a seeded world with ids stable across runs). */
  public synchronized User createUser(long id, String username, boolean bot) {
    return guildOps.createUser(id, username, bot);
  }

  /** Creates a guild with its @everyone role; the owner becomes a member. Sends GUILD_CREATE. */
  public synchronized Guild createGuild(String name, long ownerId) {
    return guildOps.createGuild(name, ownerId);
  }

  /** Creates a guild with a given id (a seeded world with ids stable across runs). */
  public synchronized Guild createGuild(long id, String name, long ownerId) {
    return guildOps.createGuild(id, name, ownerId);
  }

  public synchronized Role createRole(Guild guild, String name, long permissions) {
    return guildOps.createRole(guild, name, permissions);
  }

  public synchronized void updateRole(Guild guild, Role role) {
    guildOps.updateRole(guild, role);
  }

  public synchronized Member addMember(Guild guild, long userId, List<Long> roleIds) {
    return guildOps.addMember(guild, userId, roleIds);
  }

  public synchronized void setMemberRoles(Guild guild, long userId, List<Long> roleIds) {
    guildOps.setMemberRoles(guild, userId, roleIds);
  }

  /** A member leaves the guild: GUILD_MEMBER_REMOVE, and they leave every thread of the guild. */
  public synchronized void removeMember(Guild guild, long userId) {
    guildOps.removeMember(guild, userId);
  }

  // ---------------------------------------------------------------- channels, threads, DMs ({@link ChannelOps})

  public synchronized Channel createChannel(Guild guild, int type, String name, Long parentId) {
    return channelOps.createChannel(guild, type, name, parentId);
  }

  /** Sends CHANNEL_UPDATE / THREAD_UPDATE for a channel whose fields changed. */
  public synchronized void channelUpdated(Channel c) {
    channelOps.channelUpdated(c);
  }

  /** Deletes a channel (and its threads, for a parent) as a user or the bot would. */
  public synchronized void deleteChannel(Channel c) {
    channelOps.deleteChannel(c);
  }

  public synchronized void addOverwrite(Channel c, Overwrite o) {
    channelOps.addOverwrite(c, o);
  }

  /** Creates a thread; the creator becomes its first member. Sends THREAD_CREATE. */
  public synchronized Channel createThread(Channel parent, int type, String name, long ownerId, boolean invitable,
      int autoArchiveDuration) {
    return channelOps.createThread(parent, type, name, ownerId, invitable, autoArchiveDuration);
  }

  public synchronized void addThreadMember(Channel thread, long userId) {
    channelOps.addThreadMember(thread, userId);
  }

  public synchronized void removeThreadMember(Channel thread, long userId) {
    channelOps.removeThreadMember(thread, userId);
  }

  /** Opens (or returns) the DM channel between the bot and a user. */
  public synchronized Channel dmChannel(long userId) {
    return channelOps.dmChannel(userId);
  }

  // ---------------------------------------------------------------- messages and pins ({@link MessageOps})

  /** Posts a message with its mentions and pings, and sends MESSAGE_CREATE ({@link MessageOps#postMessage}). */
  public synchronized Message postMessage(Channel channel, long authorId, String content, ArrayNode embeds,
      ArrayNode components, int flags, ObjectNode allowedMentions, Long webhookId, Long visibleTo) {
    return messageOps.postMessage(channel, authorId, content, embeds, components, flags, allowedMentions, webhookId,
        visibleTo);
  }

  /** {@link #postMessage} with a step that completes the message (tts, reply, attachments, nonce) first. */
  public synchronized Message postMessage(Channel channel, long authorId, String content, ArrayNode embeds,
      ArrayNode components, int flags, ObjectNode allowedMentions, Long webhookId, Long visibleTo,
      java.util.function.Consumer<Message> complete) {
    return messageOps.postMessage(channel, authorId, content, embeds, components, flags, allowedMentions, webhookId,
        visibleTo, complete);
  }

  /** The message with this nonce within {@link #nonceWindowMillis}, if any ({@link MessageOps#messageForNonce}). */
  public synchronized Message messageForNonce(long channelId, long authorId, String nonce) {
    return messageOps.messageForNonce(channelId, authorId, nonce);
  }

  /** After an edit: mentions re-resolved (pings are not re-sent), MESSAGE_UPDATE sent. */
  public synchronized void messageEdited(Message m) {
    messageOps.messageEdited(m);
  }

  public synchronized void deleteMessage(Message m) {
    messageOps.deleteMessage(m);
  }

  public synchronized void pin(Channel c, Message m) {
    messageOps.pin(c, m);
  }

  public synchronized void unpin(Channel c, Message m) {
    messageOps.unpin(c, m);
  }

  /** Sends an event through the gateway. Call with the monitor held, so events leave in the order of changes. */
  public synchronized void emit(String type, ObjectNode data, Long guildId, int intent, boolean messageContent) {
    events.dispatch(type, data, guildId, intent, messageContent);
  }

  // ---------------------------------------------------------------- interactions

  public synchronized Interaction newInteraction(int type, Long guildId, long channelId, long userId, ObjectNode data,
      Long messageId) {
    long id = ids.next();
    String token = "aW50ZXJhY3Rpb246" + Long.toString(id, 36) + ":" + java.util.UUID.randomUUID();
    Interaction i = new Interaction(id, token, type, guildId, channelId, userId, data, messageId,
        System.currentTimeMillis());
    interactions.put(id, i);
    interactionsByToken.put(token, i);
    changed();
    return i;
  }

  public synchronized Interaction interactionByToken(String token) {
    Interaction i = interactionsByToken.get(token);
    if (i == null) {
      throw DiscordException.unknownWebhook();
    }
    return i;
  }

  // ---------------------------------------------------------------- JSON rendering ({@link StateJson})

  public synchronized ObjectNode userJson(User u) {
    return json.userJson(u);
  }

  public synchronized ObjectNode roleJson(Role r) {
    return json.roleJson(r);
  }

  public synchronized ObjectNode memberJson(Guild g, Member m) {
    return json.memberJson(g, m);
  }

  /** A member object with the computed channel permissions, as in interaction payloads. */
  public synchronized ObjectNode interactionMemberJson(Guild g, Member m, Channel c) {
    return json.interactionMemberJson(g, m, c);
  }

  public synchronized ObjectNode threadMemberJson(Channel t, long userId) {
    return json.threadMemberJson(t, userId);
  }

  public synchronized ObjectNode channelJson(Channel c) {
    return json.channelJson(c);
  }

  public synchronized ObjectNode messageJson(Message m) {
    return json.messageJson(m);
  }

  /** The guild object of GET /guilds/{id}. */
  public synchronized ObjectNode guildJson(Guild g) {
    return json.guildJson(g);
  }

  /** The GUILD_CREATE payload: the guild with members, channels, threads (active ones the bot can see). */
  public synchronized ObjectNode guildCreateJson(Guild g) {
    return json.guildCreateJson(g);
  }

  /** Stores components as Discord returns them; see {@link ComponentNormalizer#normalize}. */
  public static void normalizeComponents(com.fasterxml.jackson.databind.JsonNode components) {
    ComponentNormalizer.normalize(components);
  }
}
