package dev.tiramisu.discordemu.model;

/** A channel permission overwrite; type 0 = role, 1 = member. */
public record Overwrite(long id, int type, long allow, long deny) {
  public static final int ROLE = 0;
  public static final int MEMBER = 1;
}
