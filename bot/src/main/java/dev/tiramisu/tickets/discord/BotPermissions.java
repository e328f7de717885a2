package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;

/**
 * What the bot needs in a channel, computed from JDA's cached permissions of the bot's own member
 * before any request is made, so that a user is told every missing permission at once.
 */
final class BotPermissions {
  private BotPermissions() {}

  /**
   * What opening and closing tickets in {@code ticketChannel} needs: see the channel, create
   * private threads, write in them, add members and lock them (Manage Threads), pin the first
   * message (Pin Messages or Manage Messages) and read history (the legacy creator lookup).
   */
  static List<MessageKey> missingForTickets(Member self, GuildChannel ticketChannel) {
    List<MessageKey> missing = new ArrayList<>();
    need(missing, self, ticketChannel, Permission.VIEW_CHANNEL, MessageKey.PERMISSION_VIEW_CHANNEL);
    need(missing, self, ticketChannel, Permission.CREATE_PRIVATE_THREADS,
        MessageKey.PERMISSION_CREATE_PRIVATE_THREADS);
    need(missing, self, ticketChannel, Permission.MESSAGE_SEND_IN_THREADS,
        MessageKey.PERMISSION_SEND_MESSAGES_IN_THREADS);
    need(missing, self, ticketChannel, Permission.MANAGE_THREADS,
        MessageKey.PERMISSION_MANAGE_THREADS);
    if (!self.hasPermission(ticketChannel, Permission.PIN_MESSAGES)
        && !self.hasPermission(ticketChannel, Permission.MESSAGE_MANAGE)) {
      missing.add(MessageKey.PERMISSION_PIN_MESSAGES);
    }
    need(missing, self, ticketChannel, Permission.MESSAGE_HISTORY,
        MessageKey.PERMISSION_READ_MESSAGE_HISTORY);
    return missing;
  }

  /** What posting a plain message (log line, panel) in {@code channel} needs. */
  static List<MessageKey> missingForPosting(Member self, GuildChannel channel) {
    List<MessageKey> missing = new ArrayList<>();
    need(missing, self, channel, Permission.VIEW_CHANNEL, MessageKey.PERMISSION_VIEW_CHANNEL);
    need(missing, self, channel, Permission.MESSAGE_SEND, MessageKey.PERMISSION_SEND_MESSAGES);
    return missing;
  }

  /**
   * What a panel in {@code channel} needs: posting it, and reading the channel's history (a panel
   * whose posting a crash interrupted is looked for before it is posted again).
   */
  static List<MessageKey> missingForPanels(Member self, GuildChannel channel) {
    List<MessageKey> missing = missingForPosting(self, channel);
    need(missing, self, channel, Permission.MESSAGE_HISTORY,
        MessageKey.PERMISSION_READ_MESSAGE_HISTORY);
    return missing;
  }

  /** Whether the bot may ping any role in {@code channel}, mentionable or not. */
  static boolean canMentionAllRoles(Member self, GuildChannel channel) {
    return self.hasPermission(channel, Permission.MESSAGE_MENTION_EVERYONE);
  }

  /** The permission names, joined for {@code ERROR_MISSING_PERMISSIONS}. */
  static String names(List<MessageKey> missing, Messages messages) {
    return missing.stream().map(messages::format).collect(Collectors.joining(", "));
  }

  private static void need(List<MessageKey> missing, Member self, GuildChannel channel,
      Permission permission, MessageKey name) {
    if (!self.hasPermission(channel, permission)) {
      missing.add(name);
    }
  }
}
