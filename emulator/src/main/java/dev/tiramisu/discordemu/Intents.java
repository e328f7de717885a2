package dev.tiramisu.discordemu;

/** Gateway intent bits (https://discord.com/developers/docs/events/gateway#gateway-intents). */
public final class Intents {
  private Intents() {}

  public static final int GUILDS = 1;
  public static final int GUILD_MEMBERS = 1 << 1;
  public static final int GUILD_MESSAGES = 1 << 9;
  public static final int GUILD_MESSAGE_REACTIONS = 1 << 10;
  public static final int DIRECT_MESSAGES = 1 << 12;
  public static final int MESSAGE_CONTENT = 1 << 15;
}
