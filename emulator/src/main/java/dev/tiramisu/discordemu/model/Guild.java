package dev.tiramisu.discordemu.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A guild. Mutable; guarded by the state's lock. */
public final class Guild {
  public final long id;
  public String name;
  public long ownerId;
  /** The community's language ({@code preferred_locale}, sent as {@code guild_locale} in interactions). */
  public String preferredLocale = "en-US";
  public final Map<Long, Role> roles = new LinkedHashMap<>();
  public final Map<Long, Member> members = new LinkedHashMap<>();
  /** Guild channels (not threads), in creation order. */
  public final List<Long> channelIds = new ArrayList<>();
  /** Threads of this guild, in creation order (active and archived). */
  public final List<Long> threadIds = new ArrayList<>();

  public Guild(long id, String name, long ownerId) {
    this.id = id;
    this.name = name;
    this.ownerId = ownerId;
  }

  public Role everyone() {
    return roles.get(id);
  }
}
