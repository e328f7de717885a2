package dev.tiramisu.tickets.discord;

import java.util.LinkedHashMap;
import java.util.Map;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.concrete.PrivateChannel;

/**
 * The DM channel of each user, opened once per process: a user's DM channel with the bot never
 * changes, but JDA only finds it in its cache through the user, which the bot's light cache does
 * not keep, so {@code openPrivateChannelById} would send {@code POST /users/@me/channels} on every
 * close. Kept per shard (a channel object sends through its shard), least recently used first out
 * beyond {@link #MAX} users.
 */
final class DmChannels {
  static final int MAX = 10_000;
  private final Map<Long, PrivateChannel> byUser = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, PrivateChannel> eldest) {
      return size() > MAX;
    }
  };

  /** The user's DM channel: remembered, or opened (one request) and remembered. */
  PrivateChannel open(JDA jda, long userId) {
    PrivateChannel known;
    synchronized (byUser) {
      known = byUser.get(userId);
    }
    if (known != null && known.getJDA() == jda) {
      return known;
    }
    PrivateChannel opened = jda.openPrivateChannelById(userId).complete();
    synchronized (byUser) {
      byUser.put(userId, opened);
    }
    return opened;
  }
}
