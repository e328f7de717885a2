package dev.tiramisu.discordemu.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A message. Guarded by the state's lock. */
public final class Message {
  public static final int FLAG_EPHEMERAL = 1 << 6;
  public static final int FLAG_HAS_THREAD = 1 << 5;
  public static final int FLAG_COMPONENTS_V2 = 1 << 15;

  public final long id;
  public final long channelId;
  public final Long guildId;
  public final long authorId;
  public String content = "";
  public ArrayNode embeds;
  public ArrayNode components;
  public final List<Attachment> attachments = new ArrayList<>();
  public int flags;
  public int type;
  public boolean pinned;
  public boolean tts;
  public final long timestampMillis;
  public Long editedMillis;
  /** The application id when the message was sent through an interaction webhook. */
  public Long webhookId;
  /** For an ephemeral message: the only user who can see it. */
  public Long visibleTo;
  /** The interaction this message answers, if any. */
  public Long interactionId;
  /** The thread started from this message, if any (Discord allows one). */
  public Long threadId;
  public ObjectNode messageReference;
  public ObjectNode allowedMentions;
  /**
   * The nonce it was created with (a string or an integer, as sent), or null. Echoed in the creation response and
   * MESSAGE_CREATE only.
   */
  public com.fasterxml.jackson.databind.JsonNode nonce;

  /** Users mentioned in the content (rendered as mentions). */
  public final Set<Long> mentionedUsers = new LinkedHashSet<>();
  /** Roles mentioned in the content. */
  public final Set<Long> mentionedRoles = new LinkedHashSet<>();
  public boolean mentionsEveryone;
  /** Who was actually notified, after allowed_mentions and permissions were applied. */
  public final Set<Long> pingedUsers = new LinkedHashSet<>();
  public final Set<Long> pingedRoles = new LinkedHashSet<>();
  public boolean pingedEveryone;

  public Message(long id, long channelId, Long guildId, long authorId, long timestampMillis) {
    this.id = id;
    this.channelId = channelId;
    this.guildId = guildId;
    this.authorId = authorId;
    this.timestampMillis = timestampMillis;
  }

  public boolean isEphemeral() {
    return (flags & FLAG_EPHEMERAL) != 0;
  }

  /** An uploaded file. */
  public record Attachment(long id, String filename, String contentType, byte[] data, String description) {}
}
