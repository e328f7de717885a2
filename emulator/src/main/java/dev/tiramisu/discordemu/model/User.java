package dev.tiramisu.discordemu.model;

/** A Discord user. Mutable; guarded by the state's lock. */
public final class User {
  public final long id;
  public String username;
  public String globalName;
  public final boolean bot;
  /** When true, the user does not accept DMs: sending to their DM channel fails with 50007. */
  public boolean dmsClosed;
  public Long dmChannelId;
  /** The language of the user's Discord client, sent as {@code locale} in their interactions. */
  public String locale = "en-US";

  public User(long id, String username, boolean bot) {
    this.id = id;
    this.username = username;
    this.globalName = username;
    this.bot = bot;
  }
}
