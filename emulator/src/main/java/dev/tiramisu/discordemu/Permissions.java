package dev.tiramisu.discordemu;

import java.util.ArrayList;
import java.util.List;

/** Discord permission bits (https://discord.com/developers/docs/topics/permissions). */
public final class Permissions {
  private Permissions() {}

  public static final long CREATE_INSTANT_INVITE = 1L;
  public static final long KICK_MEMBERS = 1L << 1;
  public static final long BAN_MEMBERS = 1L << 2;
  public static final long ADMINISTRATOR = 1L << 3;
  public static final long MANAGE_CHANNELS = 1L << 4;
  public static final long MANAGE_GUILD = 1L << 5;
  public static final long ADD_REACTIONS = 1L << 6;
  public static final long VIEW_AUDIT_LOG = 1L << 7;
  public static final long VIEW_CHANNEL = 1L << 10;
  public static final long SEND_MESSAGES = 1L << 11;
  public static final long SEND_TTS_MESSAGES = 1L << 12;
  public static final long MANAGE_MESSAGES = 1L << 13;
  public static final long EMBED_LINKS = 1L << 14;
  public static final long ATTACH_FILES = 1L << 15;
  public static final long READ_MESSAGE_HISTORY = 1L << 16;
  public static final long MENTION_EVERYONE = 1L << 17;
  public static final long USE_EXTERNAL_EMOJIS = 1L << 18;
  public static final long CHANGE_NICKNAME = 1L << 26;
  public static final long MANAGE_NICKNAMES = 1L << 27;
  public static final long MANAGE_ROLES = 1L << 28;
  public static final long MANAGE_WEBHOOKS = 1L << 29;
  public static final long USE_APPLICATION_COMMANDS = 1L << 31;
  public static final long MANAGE_THREADS = 1L << 34;
  public static final long CREATE_PUBLIC_THREADS = 1L << 35;
  public static final long CREATE_PRIVATE_THREADS = 1L << 36;
  public static final long SEND_MESSAGES_IN_THREADS = 1L << 38;
  public static final long PIN_MESSAGES = 1L << 51;

  /** Every permission bit Discord defines today (bits 0..51). */
  public static final long ALL = (1L << 52) - 1;

  /** What @everyone gets in a new guild, as Discord's default (roughly: view, send, history, threads). */
  public static final long EVERYONE_DEFAULT =
      CREATE_INSTANT_INVITE | ADD_REACTIONS | VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | ATTACH_FILES
          | READ_MESSAGE_HISTORY | USE_EXTERNAL_EMOJIS | CHANGE_NICKNAME | USE_APPLICATION_COMMANDS
          | CREATE_PUBLIC_THREADS | CREATE_PRIVATE_THREADS | SEND_MESSAGES_IN_THREADS;

  /**
   * What a ticket bot's invite asks for: view, send, embed, history, manage threads, create private
   * threads, send in threads, pin messages, manage messages.
   */
  public static final long TICKET_BOT =
      VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | ATTACH_FILES | READ_MESSAGE_HISTORY | MANAGE_MESSAGES
          | MANAGE_THREADS | CREATE_PRIVATE_THREADS | SEND_MESSAGES_IN_THREADS | PIN_MESSAGES;

  private static final String[] NAMES = new String[52];

  static {
    NAMES[0] = "CREATE_INSTANT_INVITE";
    NAMES[1] = "KICK_MEMBERS";
    NAMES[2] = "BAN_MEMBERS";
    NAMES[3] = "ADMINISTRATOR";
    NAMES[4] = "MANAGE_CHANNELS";
    NAMES[5] = "MANAGE_GUILD";
    NAMES[6] = "ADD_REACTIONS";
    NAMES[7] = "VIEW_AUDIT_LOG";
    NAMES[10] = "VIEW_CHANNEL";
    NAMES[11] = "SEND_MESSAGES";
    NAMES[12] = "SEND_TTS_MESSAGES";
    NAMES[13] = "MANAGE_MESSAGES";
    NAMES[14] = "EMBED_LINKS";
    NAMES[15] = "ATTACH_FILES";
    NAMES[16] = "READ_MESSAGE_HISTORY";
    NAMES[17] = "MENTION_EVERYONE";
    NAMES[18] = "USE_EXTERNAL_EMOJIS";
    NAMES[26] = "CHANGE_NICKNAME";
    NAMES[27] = "MANAGE_NICKNAMES";
    NAMES[28] = "MANAGE_ROLES";
    NAMES[29] = "MANAGE_WEBHOOKS";
    NAMES[31] = "USE_APPLICATION_COMMANDS";
    NAMES[34] = "MANAGE_THREADS";
    NAMES[35] = "CREATE_PUBLIC_THREADS";
    NAMES[36] = "CREATE_PRIVATE_THREADS";
    NAMES[38] = "SEND_MESSAGES_IN_THREADS";
    NAMES[51] = "PIN_MESSAGES";
  }

  /** Names of the bits set in {@code bits}, for error messages. */
  public static List<String> names(long bits) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < 52; i++) {
      if ((bits & (1L << i)) != 0) {
        out.add(NAMES[i] != null ? NAMES[i] : "BIT_" + i);
      }
    }
    return out;
  }
}
