package dev.tiramisu.tickets.bench;

import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.Permissions;
import dev.tiramisu.discordemu.driver.GuildBuilder;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.model.Channel;
import java.util.ArrayList;
import java.util.List;

/**
 * The guilds {@link MemoryStartupBench} serves: many alike, each laid out like a small community
 * server, so the bot's cache holds what it would hold on Discord.
 *
 * <ul>
 *   <li>12 roles (Admin with ADMINISTRATOR, Moderator, Staff, Helper, Member, Verified, VIP,
 *       Booster, Events, Announcements, Muted, Bots) besides {@code @everyone} and the bot's own
 *       managed role: 14 in all;
 *   <li>14 channels: 3 categories (Info, Community, Voice), 8 text channels (rules,
 *       announcements, general, off-topic, memes, bot-commands, tickets, mod-log) and 3 voice
 *       channels (Lounge, Gaming, Music), each under its category;
 *   <li>12 permission overwrites: {@code @everyone} may not write in the Info category, rules and
 *       announcements; Muted may not write in general, off-topic, memes, bot-commands and tickets
 *       nor speak in Lounge; mod-log is hidden from {@code @everyone} and shown to Staff and the
 *       bot;
 *   <li>3 members besides the bot: the owner {@code admin} (Admin), {@code moderator} (Staff) and
 *       {@code alice} (Member). With the bot's intents (no GUILD_MEMBERS) Discord sends only a few
 *       members in GUILD_CREATE, and the bot caches none but itself.
 * </ul>
 */
final class ScaleWorld {
  static final List<String> ROLES = List.of("Admin", "Moderator", "Staff", "Helper", "Member",
      "Verified", "VIP", "Booster", "Events", "Announcements", "Muted", "Bots");
  static final int CHANNELS = 14;
  static final int OVERWRITES = 12;
  private static final long WRITE = Permissions.SEND_MESSAGES;
  private static final long SPEAK = 1L << 21;

  private ScaleWorld() {}

  /** Builds guild {@code i} (named {@code scale i}) with the bot in it. */
  static TestGuild guild(Emulator emu, int i) {
    GuildBuilder b = emu.guild("scale " + i);
    for (String role : ROLES) {
      b.role(role, role.equals("Admin") ? Permissions.ADMINISTRATOR : 0);
    }
    b.channel("Info", Channel.GUILD_CATEGORY, null)
        .channel("rules", Channel.GUILD_TEXT, "Info")
        .channel("announcements", Channel.GUILD_TEXT, "Info")
        .channel("Community", Channel.GUILD_CATEGORY, null)
        .channel("general", Channel.GUILD_TEXT, "Community")
        .channel("off-topic", Channel.GUILD_TEXT, "Community")
        .channel("memes", Channel.GUILD_TEXT, "Community")
        .channel("bot-commands", Channel.GUILD_TEXT, "Community")
        .channel("tickets", Channel.GUILD_TEXT, "Community")
        .channel("mod-log", Channel.GUILD_TEXT, "Community")
        .channel("Voice", Channel.GUILD_CATEGORY, null)
        .channel("Lounge", Channel.GUILD_VOICE, "Voice")
        .channel("Gaming", Channel.GUILD_VOICE, "Voice")
        .channel("Music", Channel.GUILD_VOICE, "Voice");
    b.overwrite("Info", "@everyone", 0, WRITE)
        .overwrite("rules", "@everyone", 0, WRITE)
        .overwrite("announcements", "@everyone", 0, WRITE);
    for (String muted : List.of("general", "off-topic", "memes", "bot-commands", "tickets")) {
      b.overwrite(muted, "Muted", 0, WRITE);
    }
    b.overwrite("Lounge", "Muted", 0, SPEAK)
        .overwrite("mod-log", "@everyone", 0, Permissions.VIEW_CHANNEL)
        .overwrite("mod-log", "Staff", Permissions.VIEW_CHANNEL, 0)
        .overwrite("mod-log", "@bot", Permissions.VIEW_CHANNEL | WRITE, 0);
    return b.owner("admin")
        .member("admin", "Admin")
        .member("moderator", "Staff")
        .member("alice", "Member")
        .botPermissions(Permissions.TICKET_BOT)
        .build();
  }

  /** Guilds {@code 1..n}. */
  static List<TestGuild> guilds(Emulator emu, int n) {
    List<TestGuild> out = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      out.add(guild(emu, i));
    }
    return out;
  }
}
