package dev.tiramisu.discordemu.driver;

import dev.tiramisu.discordemu.model.Channel;
import java.util.List;
import java.util.Set;

/** A snapshot of a thread. */
public record ThreadView(long id, long parentId, int type, String name, long ownerId, boolean archived,
    boolean locked, boolean invitable, Set<Long> memberIds, List<Long> pins, List<Long> messageIds) {

  static ThreadView of(Channel t) {
    return new ThreadView(t.id, t.parentId, t.type, t.name, t.ownerId, t.archived, t.locked, t.invitable,
        Set.copyOf(t.memberIds), List.copyOf(t.pins), List.copyOf(t.messageIds));
  }

  public boolean isPrivate() {
    return type == Channel.PRIVATE_THREAD;
  }
}
