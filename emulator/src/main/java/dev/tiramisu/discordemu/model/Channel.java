package dev.tiramisu.discordemu.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A channel of any kind: guild text, voice, category, DM, public or private thread. Guarded by the state's lock. */
public final class Channel {
  public static final int GUILD_TEXT = 0;
  public static final int DM = 1;
  public static final int GUILD_VOICE = 2;
  public static final int GUILD_CATEGORY = 4;
  public static final int PUBLIC_THREAD = 11;
  public static final int PRIVATE_THREAD = 12;

  public final long id;
  public final int type;
  public final Long guildId;
  public String name;
  public Long parentId;
  public int position;
  public String topic;
  public final List<Overwrite> overwrites = new ArrayList<>();
  public Long lastMessageId;
  /** Message ids in creation order. */
  public final List<Long> messageIds = new ArrayList<>();
  /** Pinned message ids, most recently pinned first. */
  public final List<Long> pins = new ArrayList<>();
  /** When each pinned message was pinned (epoch millis, strictly increasing within the channel). */
  public final Map<Long, Long> pinnedAtMillis = new HashMap<>();
  public long lastPinMillis;

  // threads
  public Long ownerId;
  public boolean archived;
  public boolean locked;
  public boolean invitable = true;
  public int autoArchiveDuration = 10080;
  public long archiveTimestampMillis;
  public long createTimestampMillis;
  public final Set<Long> memberIds = new LinkedHashSet<>();
  public int messageCount;
  public int totalMessageSent;

  // DMs
  public Long recipientId;

  public Channel(long id, int type, Long guildId, String name) {
    this.id = id;
    this.type = type;
    this.guildId = guildId;
    this.name = name;
  }

  public boolean isThread() {
    return type == PUBLIC_THREAD || type == PRIVATE_THREAD;
  }
}
