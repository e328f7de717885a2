package dev.tiramisu.discordemu;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the emulated Discord knows, in memory. Every method that reads or changes state holds this
 * object's monitor; every change sends the dispatch event Discord would send and wakes {@link #await}ers.
 */
public final class EmulatorState {
  private static final Pattern USER_MENTION = Pattern.compile("<@!?(\\d{1,20})>");
  private static final Pattern ROLE_MENTION = Pattern.compile("<@&(\\d{1,20})>");
  private static final Pattern EVERYONE = Pattern.compile("@(everyone|here)");

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

  /** (channel, author, nonce) of messages created with a nonce, oldest first; see {@link #messageForNonce}. */
  private final LinkedHashMap<NonceKey, NonceEntry> nonces = new LinkedHashMap<>();

  private record NonceKey(long channelId, long authorId, String nonce) {}

  private record NonceEntry(long messageId, long atMillis) {}

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
    nonces.clear();
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
  public synchronized long permissions(long userId, Channel channel) {
    if (channel.guildId == null) {
      return channel.recipientId != null && (channel.recipientId == userId || userId == botUserId)
          ? Permissions.ALL
          : 0;
    }
    Guild guild = guilds.get(channel.guildId);
    if (guild == null) {
      return 0;
    }
    Channel overwriteSource = channel.isThread() ? channels.get(channel.parentId) : channel;
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

  // ---------------------------------------------------------------- building (driver and seed files)

  public synchronized User createUser(String username, boolean bot) {
    return createUser(ids.next(), username, bot);
  }

  /** Creates a user with a given id (a seeded world with ids stable across runs). */
  public synchronized User createUser(long id, String username, boolean bot) {
    if (users.containsKey(id)) {
      throw new IllegalArgumentException("user id " + id + " is taken");
    }
    User u = new User(id, username, bot);
    users.put(u.id, u);
    changed();
    return u;
  }

  /** Creates a guild with its @everyone role; the owner becomes a member. Sends GUILD_CREATE. */
  public synchronized Guild createGuild(String name, long ownerId) {
    return createGuild(ids.next(), name, ownerId);
  }

  /** Creates a guild with a given id (a seeded world with ids stable across runs). */
  public synchronized Guild createGuild(long id, String name, long ownerId) {
    if (guilds.containsKey(id) || channels.containsKey(id)) {
      throw new IllegalArgumentException("guild id " + id + " is taken");
    }
    Guild g = new Guild(id, name, ownerId);
    g.roles.put(g.id, new Role(g.id, "@everyone", Permissions.EVERYONE_DEFAULT, 0));
    guilds.put(g.id, g);
    g.members.put(ownerId, new Member(ownerId, System.currentTimeMillis()));
    changed();
    return g;
  }

  public synchronized Role createRole(Guild guild, String name, long permissions) {
    Role r = new Role(ids.next(), name, permissions, guild.roles.size());
    guild.roles.put(r.id, r);
    emit("GUILD_ROLE_CREATE", roleEvent(guild, r), guild.id, Intents.GUILDS, false);
    changed();
    return r;
  }

  public synchronized void updateRole(Guild guild, Role role) {
    emit("GUILD_ROLE_UPDATE", roleEvent(guild, role), guild.id, Intents.GUILDS, false);
    changed();
  }

  private ObjectNode roleEvent(Guild guild, Role role) {
    ObjectNode d = Json.object();
    d.put("guild_id", Long.toString(guild.id));
    d.set("role", roleJson(role));
    return d;
  }

  public synchronized Member addMember(Guild guild, long userId, List<Long> roleIds) {
    Member m = new Member(userId, System.currentTimeMillis());
    m.roleIds.addAll(roleIds);
    guild.members.put(userId, m);
    ObjectNode d = memberJson(guild, m);
    d.put("guild_id", Long.toString(guild.id));
    emit("GUILD_MEMBER_ADD", d, guild.id, Intents.GUILD_MEMBERS, false);
    changed();
    return m;
  }

  public synchronized void setMemberRoles(Guild guild, long userId, List<Long> roleIds) {
    Member m = member(guild, userId);
    m.roleIds.clear();
    m.roleIds.addAll(roleIds);
    ObjectNode d = Json.object();
    d.put("guild_id", Long.toString(guild.id));
    ArrayNode roles = d.putArray("roles");
    m.roleIds.forEach(r -> roles.add(Long.toString(r)));
    d.set("user", userJson(user(userId)));
    d.put("joined_at", Json.timestamp(m.joinedAtMillis));
    emit("GUILD_MEMBER_UPDATE", d, guild.id, Intents.GUILD_MEMBERS, false);
    changed();
  }

  /** A member leaves the guild: GUILD_MEMBER_REMOVE, and they leave every thread of the guild. */
  public synchronized void removeMember(Guild guild, long userId) {
    if (guild.members.remove(userId) == null) {
      throw DiscordException.unknownMember();
    }
    for (long threadId : guild.threadIds) {
      Channel t = channels.get(threadId);
      if (t != null && t.memberIds.remove(userId)) {
        threadMembersUpdate(t, List.of(), List.of(userId));
      }
    }
    ObjectNode d = Json.object();
    d.put("guild_id", Long.toString(guild.id));
    d.set("user", userJson(user(userId)));
    emit("GUILD_MEMBER_REMOVE", d, guild.id, Intents.GUILD_MEMBERS, false);
    changed();
  }

  public synchronized Channel createChannel(Guild guild, int type, String name, Long parentId) {
    Channel c = new Channel(ids.next(), type, guild.id, name);
    c.parentId = parentId;
    c.position = guild.channelIds.size();
    channels.put(c.id, c);
    guild.channelIds.add(c.id);
    emitChannel("CHANNEL_CREATE", c);
    changed();
    return c;
  }

  /** Sends CHANNEL_UPDATE / THREAD_UPDATE for a channel whose fields changed. */
  public synchronized void channelUpdated(Channel c) {
    emitChannel(c.isThread() ? "THREAD_UPDATE" : "CHANNEL_UPDATE", c);
    changed();
  }

  /** Deletes a channel (and its threads, for a parent) as a user or the bot would. */
  public synchronized void deleteChannel(Channel c) {
    if (c.isThread()) {
      channels.remove(c.id);
      Guild g = guilds.get(c.guildId);
      if (g != null) {
        g.threadIds.remove(c.id);
      }
      ObjectNode d = Json.object();
      d.put("id", Long.toString(c.id));
      d.put("guild_id", Long.toString(c.guildId));
      d.put("parent_id", Long.toString(c.parentId));
      d.put("type", c.type);
      emit("THREAD_DELETE", d, c.guildId, Intents.GUILDS, false);
    } else {
      ObjectNode d = channelJson(c);
      channels.remove(c.id);
      if (c.guildId != null) {
        Guild g = guilds.get(c.guildId);
        g.channelIds.remove(c.id);
        for (Long threadId : new ArrayList<>(g.threadIds)) {
          Channel t = channels.get(threadId);
          if (t != null && c.id == t.parentId) {
            channels.remove(threadId);
            g.threadIds.remove(threadId);
          }
        }
      }
      emit("CHANNEL_DELETE", d, c.guildId, Intents.GUILDS, false);
    }
    c.messageIds.forEach(messages::remove);
    changed();
  }

  public synchronized void addOverwrite(Channel c, Overwrite o) {
    c.overwrites.removeIf(x -> x.id() == o.id());
    c.overwrites.add(o);
    channelUpdated(c);
  }

  /** Creates a thread; the creator becomes its first member. Sends THREAD_CREATE. */
  public synchronized Channel createThread(Channel parent, int type, String name, long ownerId, boolean invitable,
      int autoArchiveDuration) {
    Guild g = guild(parent.guildId);
    long active = g.threadIds.stream().map(channels::get).filter(t -> t != null && !t.archived).count();
    if (active >= maxActiveThreadsPerGuild) {
      throw new DiscordException(400, 160006, "Maximum number of active threads reached");
    }
    Channel t = new Channel(ids.next(), type, g.id, name);
    t.parentId = parent.id;
    t.ownerId = ownerId;
    t.invitable = invitable;
    t.autoArchiveDuration = autoArchiveDuration;
    t.createTimestampMillis = System.currentTimeMillis();
    t.archiveTimestampMillis = t.createTimestampMillis;
    t.memberIds.add(ownerId);
    channels.put(t.id, t);
    g.threadIds.add(t.id);
    ObjectNode d = channelJson(t);
    d.put("newly_created", true);
    if (ownerId == botUserId) {
      d.set("member", threadMemberJson(t, botUserId));
    }
    if (canView(botUserId, t)) {
      emit("THREAD_CREATE", d, g.id, Intents.GUILDS, false);
    }
    changed();
    return t;
  }

  public synchronized void addThreadMember(Channel thread, long userId) {
    if (thread.memberIds.add(userId)) {
      if (userId == botUserId) {
        ObjectNode d = channelJson(thread);
        d.set("member", threadMemberJson(thread, userId));
        emit("THREAD_CREATE", d, thread.guildId, Intents.GUILDS, false);
      }
      threadMembersUpdate(thread, List.of(userId), List.of());
      changed();
    }
  }

  public synchronized void removeThreadMember(Channel thread, long userId) {
    if (thread.memberIds.remove(userId)) {
      threadMembersUpdate(thread, List.of(), List.of(userId));
      changed();
    }
  }

  private void threadMembersUpdate(Channel thread, List<Long> added, List<Long> removed) {
    ObjectNode d = Json.object();
    d.put("id", Long.toString(thread.id));
    d.put("guild_id", Long.toString(thread.guildId));
    d.put("member_count", Math.min(50, thread.memberIds.size()));
    if (!added.isEmpty()) {
      ArrayNode a = d.putArray("added_members");
      Guild g = guilds.get(thread.guildId);
      for (long id : added) {
        ObjectNode tm = threadMemberJson(thread, id);
        Member m = g == null ? null : g.members.get(id);
        if (m != null) {
          tm.set("member", memberJson(g, m));
        }
        a.add(tm);
      }
    }
    if (!removed.isEmpty()) {
      ArrayNode r = d.putArray("removed_member_ids");
      removed.forEach(id -> r.add(Long.toString(id)));
    }
    boolean aboutBot = added.contains(botUserId) || removed.contains(botUserId);
    emit("THREAD_MEMBERS_UPDATE", d, thread.guildId, aboutBot ? Intents.GUILDS : Intents.GUILD_MEMBERS, false);
  }

  /** Opens (or returns) the DM channel between the bot and a user. */
  public synchronized Channel dmChannel(long userId) {
    User u = user(userId);
    if (u.dmChannelId != null && channels.containsKey(u.dmChannelId)) {
      return channels.get(u.dmChannelId);
    }
    Channel c = new Channel(ids.next(), Channel.DM, null, null);
    c.recipientId = userId;
    channels.put(c.id, c);
    u.dmChannelId = c.id;
    changed();
    return c;
  }

  // ---------------------------------------------------------------- messages

  /**
   * Posts a message: resolves mentions, evaluates allowed_mentions (who is really pinged), adds pinged users to a
   * private thread as Discord does, and sends MESSAGE_CREATE (not for ephemeral messages).
   */
  public synchronized Message postMessage(Channel channel, long authorId, String content, ArrayNode embeds,
      ArrayNode components, int flags, ObjectNode allowedMentions, Long webhookId, Long visibleTo) {
    return postMessage(channel, authorId, content, embeds, components, flags, allowedMentions, webhookId, visibleTo,
        m -> { });
  }

  /**
   * {@link #postMessage(Channel, long, String, ArrayNode, ArrayNode, int, ObjectNode, Long, Long)} with a step that
   * completes the message (tts, reply reference, attachments, nonce) before MESSAGE_CREATE is built, so the event
   * carries what the REST response carries.
   */
  public synchronized Message postMessage(Channel channel, long authorId, String content, ArrayNode embeds,
      ArrayNode components, int flags, ObjectNode allowedMentions, Long webhookId, Long visibleTo,
      java.util.function.Consumer<Message> complete) {
    Message m = new Message(ids.next(), channel.id, channel.guildId, authorId, System.currentTimeMillis());
    m.content = content == null ? "" : content;
    m.embeds = embeds == null ? Json.array() : embeds;
    m.components = components == null ? Json.array() : components;
    normalizeComponents(m.components);
    m.flags = flags;
    m.webhookId = webhookId;
    m.visibleTo = visibleTo;
    m.allowedMentions = allowedMentions;
    complete.accept(m);
    resolveMentions(m, channel);
    messages.put(m.id, m);
    if (m.nonce != null) {
      rememberNonce(m);
    }
    channel.messageIds.add(m.id);
    if (visibleTo == null) {
      channel.lastMessageId = m.id;
      if (channel.isThread()) {
        channel.messageCount++;
        channel.totalMessageSent++;
        // a mention in a private thread brings the mentioned into it, if they can see the parent
        Channel parent = channels.get(channel.parentId);
        Guild g = guilds.get(channel.guildId);
        List<Long> toAdd = new ArrayList<>(m.pingedUsers);
        for (long roleId : m.pingedRoles) {
          g.members.values().stream().filter(mem -> mem.roleIds.contains(roleId)).forEach(mem -> toAdd.add(mem.userId));
        }
        for (long uid : toAdd) {
          if (parent != null && canView(uid, parent) && !channel.memberIds.contains(uid)) {
            addThreadMember(channel, uid);
          }
        }
      }
      emitMessage("MESSAGE_CREATE", m, channel);
    }
    changed();
    return m;
  }

  /**
   * The message {@code authorId} created in {@code channelId} with this nonce within the last
   * {@link #nonceWindowMillis} (on {@link #nonceClock}), if it still exists: what {@code enforce_nonce} returns
   * instead of creating a second message. Nonces compare by their text, so {@code 123} and {@code "123"} are the
   * same nonce.
   */
  public synchronized Message messageForNonce(long channelId, long authorId, String nonce) {
    forgetExpiredNonces();
    NonceEntry e = nonces.get(new NonceKey(channelId, authorId, nonce));
    return e == null ? null : messages.get(e.messageId());
  }

  private void rememberNonce(Message m) {
    forgetExpiredNonces();
    NonceKey key = new NonceKey(m.channelId, m.authorId, m.nonce.asText());
    NonceEntry known = nonces.get(key);
    if (known == null || !messages.containsKey(known.messageId())) {
      nonces.remove(key); // re-inserted last, so the map stays in creation order
      nonces.put(key, new NonceEntry(m.id, nonceClock.millis()));
    }
  }

  private void forgetExpiredNonces() {
    long now = nonceClock.millis();
    nonces.values().removeIf(e -> now - e.atMillis() >= nonceWindowMillis);
  }

  private void resolveMentions(Message m, Channel channel) {
    Matcher um = USER_MENTION.matcher(m.content);
    while (um.find()) {
      try {
        long id = Long.parseUnsignedLong(um.group(1));
        if (users.containsKey(id)) {
          m.mentionedUsers.add(id);
        }
      } catch (NumberFormatException ignored) {
        // not a snowflake: not a mention
      }
    }
    Guild g = channel.guildId == null ? null : guilds.get(channel.guildId);
    Matcher rm = ROLE_MENTION.matcher(m.content);
    while (rm.find()) {
      try {
        long id = Long.parseUnsignedLong(rm.group(1));
        if (g != null && g.roles.containsKey(id)) {
          m.mentionedRoles.add(id);
        }
      } catch (NumberFormatException ignored) {
        // not a snowflake: not a mention
      }
    }
    m.mentionsEveryone = g != null && EVERYONE.matcher(m.content).find();
    if (m.isEphemeral() || m.visibleTo != null) {
      return; // ephemeral messages notify nobody
    }
    JsonNode am = m.allowedMentions;
    boolean parseUsers = am == null || contains(am.path("parse"), "users");
    boolean parseRoles = am == null || contains(am.path("parse"), "roles");
    boolean parseEveryone = am == null || contains(am.path("parse"), "everyone");
    java.util.Set<Long> allowUsers = idSet(am == null ? null : am.path("users"));
    java.util.Set<Long> allowRoles = idSet(am == null ? null : am.path("roles"));
    for (long u : m.mentionedUsers) {
      if (parseUsers || allowUsers.contains(u)) {
        m.pingedUsers.add(u);
      }
    }
    long authorPerms = channel.guildId == null ? 0 : permissions(m.authorId, channel);
    boolean canMentionAll = (authorPerms & Permissions.MENTION_EVERYONE) != 0;
    for (long r : m.mentionedRoles) {
      Role role = g.roles.get(r);
      if ((parseRoles || allowRoles.contains(r)) && (role.mentionable || canMentionAll)) {
        m.pingedRoles.add(r);
      }
    }
    m.pingedEveryone = m.mentionsEveryone && parseEveryone && canMentionAll;
  }

  private static boolean contains(JsonNode array, String value) {
    if (array == null || !array.isArray()) {
      return false;
    }
    for (JsonNode n : array) {
      if (value.equals(n.asText())) {
        return true;
      }
    }
    return false;
  }

  private static java.util.Set<Long> idSet(JsonNode array) {
    java.util.Set<Long> out = new java.util.HashSet<>();
    if (array != null && array.isArray()) {
      for (JsonNode n : array) {
        Long id = Json.snowflake(n);
        if (id != null) {
          out.add(id);
        }
      }
    }
    return out;
  }

  /** After an edit: mentions re-resolved (pings are not re-sent), MESSAGE_UPDATE sent. */
  public synchronized void messageEdited(Message m) {
    m.editedMillis = System.currentTimeMillis();
    Channel c = channels.get(m.channelId);
    if (m.visibleTo == null && c != null) {
      emitMessage("MESSAGE_UPDATE", m, c);
    }
    changed();
  }

  public synchronized void deleteMessage(Message m) {
    messages.remove(m.id);
    Channel c = channels.get(m.channelId);
    if (c != null) {
      c.messageIds.remove(m.id);
      c.pins.remove(m.id);
      c.pinnedAtMillis.remove(m.id);
      if (m.visibleTo == null) {
        ObjectNode d = Json.object();
        d.put("id", Long.toString(m.id));
        d.put("channel_id", Long.toString(c.id));
        if (c.guildId != null) {
          d.put("guild_id", Long.toString(c.guildId));
        }
        emit("MESSAGE_DELETE", d, c.guildId, c.guildId == null ? Intents.DIRECT_MESSAGES : Intents.GUILD_MESSAGES,
            false);
      }
    }
    changed();
  }

  public synchronized void pin(Channel c, Message m) {
    if (m.pinned) {
      return;
    }
    if (c.pins.size() >= maxPinsPerChannel) {
      throw new DiscordException(400, 30003, "Maximum number of pins reached (" + maxPinsPerChannel + ")");
    }
    m.pinned = true;
    c.pins.add(0, m.id);
    c.lastPinMillis = Math.max(System.currentTimeMillis(), c.lastPinMillis + 1);
    c.pinnedAtMillis.put(m.id, c.lastPinMillis);
    pinsUpdate(c);
    emitMessage("MESSAGE_UPDATE", m, c);
    changed();
  }

  public synchronized void unpin(Channel c, Message m) {
    if (!m.pinned) {
      return;
    }
    m.pinned = false;
    c.pins.remove(m.id);
    c.pinnedAtMillis.remove(m.id);
    pinsUpdate(c);
    emitMessage("MESSAGE_UPDATE", m, c);
    changed();
  }

  private void pinsUpdate(Channel c) {
    ObjectNode d = Json.object();
    if (c.guildId != null) {
      d.put("guild_id", Long.toString(c.guildId));
    }
    d.put("channel_id", Long.toString(c.id));
    d.put("last_pin_timestamp", Json.timestamp(c.lastPinMillis));
    emit("CHANNEL_PINS_UPDATE", d, c.guildId, Intents.GUILDS, false);
  }

  private void emitMessage(String type, Message m, Channel c) {
    if (c.guildId != null && !canView(botUserId, c)) {
      return;
    }
    ObjectNode d = messageJson(m);
    if (type.equals("MESSAGE_CREATE") && m.nonce != null) {
      d.set("nonce", m.nonce); // Discord echoes the nonce in the creation event only
    }
    if (c.guildId != null) {
      d.put("guild_id", Long.toString(c.guildId));
      Guild g = guilds.get(c.guildId);
      Member member = g == null ? null : g.members.get(m.authorId);
      if (member != null && m.webhookId == null) {
        d.set("member", memberJson(g, member));
      }
    }
    boolean content = !MessageContent.exempt(this, c, m);
    emit(type, d, c.guildId, c.guildId == null ? Intents.DIRECT_MESSAGES : Intents.GUILD_MESSAGES, content);
  }

  private void emitChannel(String type, Channel c) {
    if (c.guildId == null) {
      return;
    }
    if (!canView(botUserId, c) && c.isThread()) {
      return;
    }
    ObjectNode d = channelJson(c);
    emit(type, d, c.guildId, Intents.GUILDS, false);
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

  // ---------------------------------------------------------------- JSON rendering

  public synchronized ObjectNode userJson(User u) {
    ObjectNode o = Json.object();
    o.put("id", Long.toString(u.id));
    o.put("username", u.username);
    o.put("discriminator", "0");
    o.put("global_name", u.globalName);
    o.putNull("avatar");
    if (u.bot) {
      o.put("bot", true);
    }
    o.put("public_flags", 0);
    o.put("flags", 0);
    o.putNull("primary_guild");
    return o;
  }

  public synchronized ObjectNode roleJson(Role r) {
    ObjectNode o = Json.object();
    o.put("id", Long.toString(r.id));
    o.put("name", r.name);
    o.put("color", r.color);
    ObjectNode colors = o.putObject("colors");
    colors.put("primary_color", r.color);
    colors.putNull("secondary_color");
    colors.putNull("tertiary_color");
    o.put("hoist", r.hoist);
    o.putNull("icon");
    o.putNull("unicode_emoji");
    o.put("position", r.position);
    o.put("permissions", Long.toString(r.permissions));
    o.put("managed", r.managed);
    o.put("mentionable", r.mentionable);
    o.put("flags", 0);
    return o;
  }

  public synchronized ObjectNode memberJson(Guild g, Member m) {
    ObjectNode o = Json.object();
    o.set("user", userJson(user(m.userId)));
    if (m.nick != null) {
      o.put("nick", m.nick);
    } else {
      o.putNull("nick");
    }
    o.putNull("avatar");
    o.putNull("banner");
    ArrayNode roles = o.putArray("roles");
    m.roleIds.forEach(r -> roles.add(Long.toString(r)));
    o.put("joined_at", Json.timestamp(m.joinedAtMillis));
    o.putNull("premium_since");
    o.put("deaf", false);
    o.put("mute", false);
    o.put("flags", 0);
    o.put("pending", false);
    o.putNull("communication_disabled_until");
    return o;
  }

  /** A member object with the computed channel permissions, as in interaction payloads. */
  public synchronized ObjectNode interactionMemberJson(Guild g, Member m, Channel c) {
    ObjectNode o = memberJson(g, m);
    o.put("permissions", Long.toString(permissions(m.userId, c)));
    return o;
  }

  public synchronized ObjectNode threadMemberJson(Channel t, long userId) {
    ObjectNode o = Json.object();
    o.put("id", Long.toString(t.id));
    o.put("user_id", Long.toString(userId));
    o.put("join_timestamp", Json.timestamp(System.currentTimeMillis()));
    o.put("flags", 0);
    return o;
  }

  public synchronized ObjectNode channelJson(Channel c) {
    ObjectNode o = Json.object();
    o.put("id", Long.toString(c.id));
    o.put("type", c.type);
    o.put("flags", 0);
    if (c.lastMessageId != null) {
      o.put("last_message_id", Long.toString(c.lastMessageId));
    } else {
      o.putNull("last_message_id");
    }
    if (c.type == Channel.DM) {
      ArrayNode r = o.putArray("recipients");
      r.add(userJson(user(c.recipientId)));
      return o;
    }
    o.put("guild_id", Long.toString(c.guildId));
    o.put("name", c.name);
    if (c.parentId != null) {
      o.put("parent_id", Long.toString(c.parentId));
    } else {
      o.putNull("parent_id");
    }
    o.put("rate_limit_per_user", 0);
    if (c.isThread()) {
      o.put("owner_id", Long.toString(c.ownerId));
      o.put("message_count", c.messageCount);
      o.put("member_count", Math.min(50, c.memberIds.size()));
      o.put("total_message_sent", c.totalMessageSent);
      ObjectNode meta = o.putObject("thread_metadata");
      meta.put("archived", c.archived);
      meta.put("auto_archive_duration", c.autoArchiveDuration);
      meta.put("archive_timestamp", Json.timestamp(c.archiveTimestampMillis));
      meta.put("locked", c.locked);
      if (c.type == Channel.PRIVATE_THREAD) {
        meta.put("invitable", c.invitable);
      }
      meta.put("create_timestamp", Json.timestamp(c.createTimestampMillis));
      if (c.memberIds.contains(botUserId)) {
        o.set("member", threadMemberJson(c, botUserId));
      }
      return o;
    }
    o.put("position", c.position);
    ArrayNode ows = o.putArray("permission_overwrites");
    for (Overwrite ow : c.overwrites) {
      ObjectNode x = ows.addObject();
      x.put("id", Long.toString(ow.id()));
      x.put("type", ow.type());
      x.put("allow", Long.toString(ow.allow()));
      x.put("deny", Long.toString(ow.deny()));
    }
    if (c.type == Channel.GUILD_TEXT) {
      if (c.topic != null) {
        o.put("topic", c.topic);
      } else {
        o.putNull("topic");
      }
      o.put("nsfw", false);
      o.put("default_auto_archive_duration", 10080);
      o.put("default_thread_rate_limit_per_user", 0);
      if (c.lastPinMillis > 0) {
        o.put("last_pin_timestamp", Json.timestamp(c.lastPinMillis));
      }
    }
    return o;
  }

  /**
   * Stores components as Discord returns them: every component without an {@code id} gets one (unique within the
   * message, counting depth-first from 1 and skipping ids the sender chose; responses must carry them), and a
   * unicode emoji sent as {@code {"name": "🗑️", "id": null}} (buttons, select options) loses its null {@code id}
   * and {@code animated}: Discord's component emoji response has an optional snowflake {@code id}, present only for
   * a custom emoji. Components V2 get the fields Discord fills in ({@link
   * dev.tiramisu.discordemu.model.StoredComponents}).
   */
  public static void normalizeComponents(JsonNode components) {
    java.util.Set<Integer> used = new java.util.HashSet<>();
    List<ObjectNode> all = new ArrayList<>();
    walkComponents(components, all);
    for (ObjectNode c : all) {
      dropNullEmojiFields(c.get("emoji"));
      JsonNode options = c.get("options");
      if (options != null && options.isArray()) {
        options.forEach(o -> dropNullEmojiFields(o.get("emoji")));
      }
      dev.tiramisu.discordemu.model.StoredComponents.fillDefaults(c);
    }
    for (ObjectNode c : all) {
      if (c.path("id").isInt() && c.path("id").asInt() != 0) { // 0 means "assign one", as Discord documents
        used.add(c.path("id").asInt());
      }
    }
    int next = 1;
    for (ObjectNode c : all) {
      if (!c.path("id").isInt() || c.path("id").asInt() == 0) {
        while (used.contains(next)) {
          next++;
        }
        c.put("id", next);
        used.add(next);
      }
    }
  }

  private static void dropNullEmojiFields(JsonNode emoji) {
    if (emoji instanceof ObjectNode e) {
      for (String field : List.of("id", "animated")) {
        if (e.has(field) && e.get(field).isNull()) {
          e.remove(field);
        }
      }
    }
  }

  private static void walkComponents(JsonNode node, List<ObjectNode> out) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return;
    }
    if (node.isArray()) {
      node.forEach(n -> walkComponents(n, out));
      return;
    }
    if (node instanceof ObjectNode o && o.has("type")) {
      out.add(o);
      walkComponents(o.get("components"), out);
      walkComponents(o.get("component"), out);
      walkComponents(o.get("accessory"), out);
    }
  }

  public synchronized ObjectNode messageJson(Message m) {
    ObjectNode o = Json.object();
    o.put("id", Long.toString(m.id));
    o.put("channel_id", Long.toString(m.channelId));
    o.put("type", m.type);
    o.set("author", userJson(user(m.authorId)));
    o.put("content", m.content);
    o.put("timestamp", Json.timestamp(m.timestampMillis));
    if (m.editedMillis != null) {
      o.put("edited_timestamp", Json.timestamp(m.editedMillis));
    } else {
      o.putNull("edited_timestamp");
    }
    o.put("tts", m.tts);
    o.put("mention_everyone", m.pingedEveryone);
    ArrayNode mentions = o.putArray("mentions");
    for (long u : m.mentionedUsers) {
      mentions.add(userJson(user(u)));
    }
    ArrayNode mentionRoles = o.putArray("mention_roles");
    m.mentionedRoles.forEach(r -> mentionRoles.add(Long.toString(r)));
    ArrayNode atts = o.putArray("attachments");
    for (Message.Attachment a : m.attachments) {
      ObjectNode x = atts.addObject();
      x.put("id", Long.toString(a.id()));
      x.put("filename", a.filename());
      x.put("size", a.data().length);
      x.put("url", "https://cdn.discordapp.invalid/attachments/" + m.channelId + "/" + a.id() + "/" + a.filename());
      x.put("proxy_url", "https://media.discordapp.invalid/attachments/" + m.channelId + "/" + a.id() + "/"
          + a.filename());
      if (a.contentType() != null) {
        x.put("content_type", a.contentType());
      }
      if (a.description() != null) {
        x.put("description", a.description());
      }
    }
    o.set("embeds", renderEmbeds(m.embeds));
    o.set("components", m.components);
    o.put("pinned", m.pinned);
    o.put("flags", m.flags);
    if (m.webhookId != null) {
      o.put("webhook_id", Long.toString(m.webhookId));
      o.put("application_id", Long.toString(m.webhookId));
    }
    if (m.interactionId != null) {
      Interaction i = interactions.get(m.interactionId);
      if (i != null) {
        o.set("interaction_metadata", MessageInteractionJson.metadata(this, i));
        o.set("interaction", MessageInteractionJson.interaction(this, i));
      }
    }
    if (m.threadId != null && channels.containsKey(m.threadId)) {
      o.set("thread", channelJson(channels.get(m.threadId)));
    }
    if (m.messageReference != null) {
      o.set("message_reference", m.messageReference);
      if (m.type == 19) { // a reply carries the message it answers (null once that one is deleted)
        Long refId = Json.snowflake(m.messageReference.path("message_id"));
        Message ref = refId == null ? null : messages.get(refId);
        if (ref != null && ref.visibleTo == null) {
          ObjectNode refJson = messageJson(ref);
          refJson.remove("referenced_message");
          o.set("referenced_message", refJson);
        } else {
          o.putNull("referenced_message");
        }
      }
    }
    return o;
  }

  /**
   * Embeds as Discord returns them: every embed an application sends is stored as type "rich" (JDA refuses an
   * embed without a type), and every field has {@code inline}.
   */
  private static ArrayNode renderEmbeds(ArrayNode embeds) {
    ArrayNode out = Json.array();
    for (JsonNode e : embeds) {
      if (!e.isObject()) {
        out.add(e);
        continue;
      }
      ObjectNode copy = ((ObjectNode) e).deepCopy();
      if (!copy.hasNonNull("type")) {
        copy.put("type", "rich");
      }
      // Discord returns every field with its inline flag (false when the sender left it out)
      for (JsonNode f : copy.path("fields")) {
        if (f instanceof ObjectNode field && !field.path("inline").isBoolean()) {
          field.put("inline", false);
        }
      }
      out.add(copy);
    }
    return out;
  }

  /** The guild object of GET /guilds/{id}. */
  public synchronized ObjectNode guildJson(Guild g) {
    ObjectNode o = Json.object();
    o.put("id", Long.toString(g.id));
    o.put("name", g.name);
    o.putNull("icon");
    o.putNull("home_header");
    o.put("region", "deprecated");
    o.putNull("max_presences");
    o.put("max_stage_video_channel_users", 50);
    o.putNull("incidents_data");
    o.putNull("splash");
    o.putNull("discovery_splash");
    o.put("owner_id", Long.toString(g.ownerId));
    o.putNull("afk_channel_id");
    o.put("afk_timeout", 300);
    o.put("verification_level", 0);
    o.put("default_message_notifications", 1);
    o.put("explicit_content_filter", 0);
    ArrayNode roles = o.putArray("roles");
    g.roles.values().forEach(r -> roles.add(roleJson(r)));
    o.putArray("emojis");
    o.putArray("features");
    o.put("mfa_level", 0);
    o.putNull("application_id");
    o.putNull("system_channel_id");
    o.put("system_channel_flags", 0);
    o.putNull("rules_channel_id");
    o.putNull("vanity_url_code");
    o.putNull("description");
    o.putNull("banner");
    o.put("premium_tier", 0);
    o.put("premium_subscription_count", 0);
    o.put("preferred_locale", "en-US");
    o.putNull("public_updates_channel_id");
    o.put("nsfw_level", 0);
    o.putArray("stickers");
    o.put("premium_progress_bar_enabled", false);
    o.putNull("safety_alerts_channel_id");
    o.put("max_members", 500000);
    o.put("max_video_channel_users", 25);
    o.put("widget_enabled", false);
    o.putNull("widget_channel_id");
    o.put("nsfw", false);
    return o;
  }

  /** The GUILD_CREATE payload: the guild with members, channels, threads (active ones the bot can see). */
  public synchronized ObjectNode guildCreateJson(Guild g) {
    ObjectNode o = guildJson(g);
    o.put("joined_at", Json.timestamp(Snowflakes.timestampOf(g.id)));
    o.put("large", false);
    o.put("unavailable", false);
    o.put("member_count", g.members.size());
    o.putArray("voice_states");
    ArrayNode members = o.putArray("members");
    g.members.values().forEach(m -> members.add(memberJson(g, m)));
    ArrayNode chans = o.putArray("channels");
    g.channelIds.stream().map(channels::get).filter(c -> c != null).forEach(c -> chans.add(channelJson(c)));
    ArrayNode threads = o.putArray("threads");
    g.threadIds.stream()
        .map(channels::get)
        .filter(t -> t != null && !t.archived && canView(botUserId, t))
        .forEach(t -> threads.add(channelJson(t)));
    o.putArray("presences");
    o.putArray("stage_instances");
    o.putArray("guild_scheduled_events");
    o.putArray("soundboard_sounds");
    return o;
  }
}
