package dev.tiramisu.discordemu;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.model.Channel;
import dev.tiramisu.discordemu.model.Guild;
import dev.tiramisu.discordemu.model.Member;
import dev.tiramisu.discordemu.model.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;

/**
 * Messages and pins of {@link EmulatorState}: posting (with nonces), editing, deleting, pinning, and their events.
 * Called with the state's monitor held.
 */
final class MessageOps {
  private final EmulatorState s;

  /** (channel, author, nonce) of messages created with a nonce, oldest first; see {@link #messageForNonce}. */
  private final LinkedHashMap<NonceKey, NonceEntry> nonces = new LinkedHashMap<>();

  private record NonceKey(long channelId, long authorId, String nonce) {}

  private record NonceEntry(long messageId, long atMillis) {}

  MessageOps(EmulatorState s) {
    this.s = s;
  }

  /**
   * Posts a message: resolves mentions, evaluates allowed_mentions (who is really pinged), adds pinged users to a
   * private thread as Discord does, and sends MESSAGE_CREATE (not for ephemeral messages).
   */
  Message postMessage(Channel channel, long authorId, String content, ArrayNode embeds,
      ArrayNode components, int flags, ObjectNode allowedMentions, Long webhookId, Long visibleTo) {
    return postMessage(channel, authorId, content, embeds, components, flags, allowedMentions, webhookId, visibleTo,
        m -> { });
  }

  /**
   * {@link #postMessage(Channel, long, String, ArrayNode, ArrayNode, int, ObjectNode, Long, Long)} with a step that
   * completes the message (tts, reply reference, attachments, nonce) before MESSAGE_CREATE is built, so the event
   * carries what the REST response carries.
   */
  Message postMessage(Channel channel, long authorId, String content, ArrayNode embeds,
      ArrayNode components, int flags, ObjectNode allowedMentions, Long webhookId, Long visibleTo,
      java.util.function.Consumer<Message> complete) {
    Message m = new Message(s.ids.next(), channel.id, channel.guildId, authorId, System.currentTimeMillis());
    m.content = content == null ? "" : content;
    m.embeds = embeds == null ? Json.array() : embeds;
    m.components = components == null ? Json.array() : components;
    ComponentNormalizer.normalize(m.components);
    m.flags = flags;
    m.webhookId = webhookId;
    m.visibleTo = visibleTo;
    m.allowedMentions = allowedMentions;
    complete.accept(m);
    s.mentions.resolve(m, channel);
    s.messages.put(m.id, m);
    if (m.nonce != null) {
      rememberNonce(m);
    }
    channel.messageIds.add(m.id);
    if (visibleTo == null) {
      channel.lastMessageId = m.id;
      if (channel.isThread()) {
        channel.messageCount++;
        channel.totalMessageSent++;
        addMentionedToThread(channel, m);
      }
      emitMessage("MESSAGE_CREATE", m, channel);
    }
    s.changed();
    return m;
  }

  /**
   * A mention in a thread brings the mentioned into it, as Discord does: only a mention that pings
   * ({@code allowed_mentions} decides: a suppressed mention adds nobody), only guild members who can see the parent
   * channel, and for a role mention its members. In a private thread that is not invitable only an author who could
   * add them with {@code PUT /thread-members} adds anyone: its creator or a moderator (MANAGE_THREADS); a private
   * thread's member who is neither just mentions. Each added member gets THREAD_MEMBERS_UPDATE, as for the PUT.
   */
  private void addMentionedToThread(Channel thread, Message m) {
    Channel parent = s.channels.get(thread.parentId);
    Guild g = s.guilds.get(thread.guildId);
    if (parent == null || g == null) {
      return;
    }
    if (thread.type == Channel.PRIVATE_THREAD && !thread.invitable) {
      boolean owner = thread.ownerId != null && thread.ownerId == m.authorId;
      boolean moderator = (s.permissions(m.authorId, thread) & Permissions.MANAGE_THREADS) != 0;
      if (!owner && !moderator) {
        return;
      }
    }
    List<Long> toAdd = new ArrayList<>(m.pingedUsers);
    for (long roleId : m.pingedRoles) {
      g.members.values().stream().filter(mem -> mem.roleIds.contains(roleId)).forEach(mem -> toAdd.add(mem.userId));
    }
    for (long uid : toAdd) {
      if (g.members.containsKey(uid) && s.canView(uid, parent) && !thread.memberIds.contains(uid)) {
        s.addThreadMember(thread, uid);
      }
    }
  }

  /**
   * The message {@code authorId} created in {@code channelId} with this nonce within the last
   * {@link EmulatorState#nonceWindowMillis} (on {@link EmulatorState#nonceClock}), if it still exists: what
   * {@code enforce_nonce} returns instead of creating a second message. Nonces compare by their text, so {@code 123} and {@code "123"} are the
   * same nonce.
   */
  Message messageForNonce(long channelId, long authorId, String nonce) {
    forgetExpiredNonces();
    NonceEntry e = nonces.get(new NonceKey(channelId, authorId, nonce));
    return e == null ? null : s.messages.get(e.messageId());
  }

  private void rememberNonce(Message m) {
    forgetExpiredNonces();
    NonceKey key = new NonceKey(m.channelId, m.authorId, m.nonce.asText());
    NonceEntry known = nonces.get(key);
    if (known == null || !s.messages.containsKey(known.messageId())) {
      nonces.remove(key); // re-inserted last, so the map stays in creation order
      nonces.put(key, new NonceEntry(m.id, s.nonceClock.millis()));
    }
  }

  private void forgetExpiredNonces() {
    long now = s.nonceClock.millis();
    nonces.values().removeIf(e -> now - e.atMillis() >= s.nonceWindowMillis);
  }

  /** Forgets every remembered nonce ({@link EmulatorState#reset}). */
  void forgetNonces() {
    nonces.clear();
  }

  /** After an edit: mentions re-resolved (pings are not re-sent), MESSAGE_UPDATE sent. */
  void messageEdited(Message m) {
    m.editedMillis = System.currentTimeMillis();
    Channel c = s.channels.get(m.channelId);
    if (m.visibleTo == null && c != null) {
      emitMessage("MESSAGE_UPDATE", m, c);
    }
    s.changed();
  }

  void deleteMessage(Message m) {
    s.messages.remove(m.id);
    Channel c = s.channels.get(m.channelId);
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
        s.emit("MESSAGE_DELETE", d, c.guildId, c.guildId == null ? Intents.DIRECT_MESSAGES : Intents.GUILD_MESSAGES,
            false);
      }
    }
    s.changed();
  }

  void pin(Channel c, Message m) {
    if (m.pinned) {
      return;
    }
    if (c.pins.size() >= s.maxPinsPerChannel) {
      throw new DiscordException(400, 30003, "Maximum number of pins reached (" + s.maxPinsPerChannel + ")");
    }
    m.pinned = true;
    c.pins.add(0, m.id);
    c.lastPinMillis = Math.max(System.currentTimeMillis(), c.lastPinMillis + 1);
    c.pinnedAtMillis.put(m.id, c.lastPinMillis);
    pinsUpdate(c);
    emitMessage("MESSAGE_UPDATE", m, c);
    s.changed();
  }

  void unpin(Channel c, Message m) {
    if (!m.pinned) {
      return;
    }
    m.pinned = false;
    c.pins.remove(m.id);
    c.pinnedAtMillis.remove(m.id);
    pinsUpdate(c);
    emitMessage("MESSAGE_UPDATE", m, c);
    s.changed();
  }

  private void pinsUpdate(Channel c) {
    ObjectNode d = Json.object();
    if (c.guildId != null) {
      d.put("guild_id", Long.toString(c.guildId));
    }
    d.put("channel_id", Long.toString(c.id));
    d.put("last_pin_timestamp", Json.timestamp(c.lastPinMillis));
    s.emit("CHANNEL_PINS_UPDATE", d, c.guildId, Intents.GUILDS, false);
  }

  private void emitMessage(String type, Message m, Channel c) {
    if (c.guildId != null && !s.canView(s.botUserId, c)) {
      return;
    }
    ObjectNode d = s.messageJson(m);
    if (type.equals("MESSAGE_CREATE") && m.nonce != null) {
      d.set("nonce", m.nonce); // Discord echoes the nonce in the creation event only
    }
    if (c.guildId != null) {
      d.put("guild_id", Long.toString(c.guildId));
      Guild g = s.guilds.get(c.guildId);
      Member member = g == null ? null : g.members.get(m.authorId);
      if (member != null && m.webhookId == null) {
        d.set("member", s.memberJson(g, member));
      }
    }
    boolean content = !MessageContent.exempt(s, c, m);
    s.emit(type, d, c.guildId, c.guildId == null ? Intents.DIRECT_MESSAGES : Intents.GUILD_MESSAGES, content);
  }
}
