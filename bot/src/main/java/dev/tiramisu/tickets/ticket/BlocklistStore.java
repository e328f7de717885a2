package dev.tiramisu.tickets.ticket;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Persistence of the users and roles that may not open tickets in a guild (table {@code
 * ticket_blocklist}, V7). Every method is atomic; database failures are thrown as {@link
 * dev.tiramisu.tickets.common.StorageUnavailableException}.
 */
public interface BlocklistStore {

  /** What an entry blocks: one user, or every member with a role. */
  enum Kind {
    USER,
    ROLE
  }

  /** One blocked user or role, who added it and when. */
  record Entry(long guildId, Kind kind, long targetId, long addedBy, Instant addedAt) {
    public Entry {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(addedAt, "addedAt");
    }
  }

  /** @return false if the user or role was already listed (the entry is left as it was) */
  boolean add(Entry entry);

  /** @return false if it was not listed */
  boolean remove(long guildId, Kind kind, long targetId);

  /** The guild's entries, oldest first. */
  List<Entry> list(long guildId);

  /** Whether the user, or one of the roles, is listed in the guild. */
  boolean blocks(long guildId, long userId, Set<Long> roleIds);
}
