package dev.tiramisu.discordemu.model;

/** A guild role. The @everyone role has the guild's id. Mutable; guarded by the state's lock. */
public final class Role {
  public final long id;
  public String name;
  public long permissions;
  public int position;
  public int color;
  public boolean hoist;
  public boolean mentionable;
  public boolean managed;

  public Role(long id, String name, long permissions, int position) {
    this.id = id;
    this.name = name;
    this.permissions = permissions;
    this.position = position;
  }
}
