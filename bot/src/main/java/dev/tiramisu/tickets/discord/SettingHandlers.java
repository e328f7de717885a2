package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.settings.GuildSettings;
import dev.tiramisu.tickets.settings.SettingChange;
import dev.tiramisu.tickets.settings.SettingKey;
import dev.tiramisu.tickets.settings.SettingValue;
import dev.tiramisu.tickets.settings.SettingsService;
import dev.tiramisu.tickets.text.DiscordText;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;

/**
 * {@code /setting set} and {@code /setting get}. Discord hides the command from members without
 * Manage Server; the bot checks it again, since command permissions can be changed per server.
 *
 * <p>Values are parsed by {@link SettingsService#parse}; the adapter then checks what only Discord
 * knows: a channel id must name a text channel of this server, a role id a role of this server
 * (not {@code @everyone}). For {@code ticket_channel} and the log channels the bot's missing
 * permissions are named as a warning and the setting is saved anyway, so an admin can set up the
 * channel and fix its permissions in either order (opening a ticket names them again).
 */
final class SettingHandlers {
  private final SettingsService settings;
  private final Replies replies;
  private final dev.tiramisu.tickets.ticket.TicketWorld world;
  private final boolean messageContentIntent;

  /** @param messageContentIntent whether the bot has the Message Content intent (transcripts) */
  SettingHandlers(SettingsService settings, Replies replies,
      dev.tiramisu.tickets.ticket.TicketWorld world, boolean messageContentIntent) {
    this.settings = settings;
    this.replies = replies;
    this.world = world;
    this.messageContentIntent = messageContentIntent;
  }

  /**
   * What the admins must hear about since their last {@code /setting} command (e.g. the ticket
   * channel was deleted), each shown once, before the command's own answer.
   */
  private List<String> notices(Messages messages, Guild guild) {
    List<String> lines = new ArrayList<>();
    for (var n : world.takeNotices(guild.getIdLong())) {
      if (dev.tiramisu.tickets.ticket.TicketWorld.NOTICE_CHANNEL_DELETED.equals(n.kind())) {
        lines.add(messages.format(MessageKey.NOTICE_CHANNEL_DELETED,
            n.channelId() == null ? 0L : n.channelId(), n.count(),
            n.createdAt().getEpochSecond()));
      }
    }
    return lines;
  }

  void set(SlashCommandInteractionEvent e) {
    Messages messages = replies.messages(e);
    Guild guild = replies.managedGuild(e);
    if (guild == null) {
      return;
    }
    Actor actor = TicketHandlers.actor(e.getMember());
    String name = e.getOption(CommandCatalog.OPT_NAME, OptionMapping::getAsString);
    String value = e.getOption(CommandCatalog.OPT_VALUE, OptionMapping::getAsString);
    Result<SettingChange> parsed = settings.parse(name, value);
    if (parsed.isRefused()) {
      replies.send(e, parsed.refusal());
      return;
    }
    SettingChange change = parsed.value();
    List<String> warnings = new ArrayList<>();
    if (change.value() instanceof SettingValue.Snowflake id) {
      String refusal = checkOnDiscord(replies.messages(e), guild, change.key(), id.id(), value,
          warnings);
      if (refusal != null) {
        replies.send(e, refusal);
        return;
      }
    }
    Result<GuildSettings> saved = settings.apply(guild.getIdLong(), actor, change);
    if (saved.isRefused()) {
      replies.send(e, saved.refusal());
      return;
    }
    String shown = SettingsService.display(saved.value(), change.key(), messages);
    List<String> lines = new ArrayList<>();
    lines.addAll(notices(replies.messages(e), guild));
    lines.add(messages.format(change.isReset() ? MessageKey.SETTING_RESET : MessageKey.SETTING_SAVED,
        change.key().settingName(), shown));
    lines.addAll(warnings);
    warnWithoutStaffRole(replies.messages(e), change.key(), saved.value(), lines);
    if (change.key() == SettingKey.TRANSCRIPT_CHANNEL && !change.isReset()
        && !messageContentIntent) {
      lines.add(replies.messages(e).format(MessageKey.SETTING_TRANSCRIPT_NO_INTENT));
    }
    replies.send(e, String.join("\n", lines));
  }

  /**
   * Checks a channel or role id against the guild.
   *
   * @return a refusal text, or null if the value may be saved (warnings are added to {@code
   *     warnings})
   */
  String checkOnDiscord(Messages messages, Guild guild, SettingKey key, long id, String raw,
      List<String> warnings) {
    String echo = DiscordText.escape(DiscordText.truncate(raw.strip(), 100));
    if (key.kind() == SettingKey.Kind.ROLE) {
      Role role = guild.getRoleById(id);
      if (role == null || role.isPublicRole()) {
        return messages.format(MessageKey.ERROR_SETTING_INVALID_ROLE, key.settingName(), echo);
      }
      if (role.isManaged()) {
        return messages.format(MessageKey.ERROR_SETTING_MANAGED_ROLE, key.settingName(), id);
      }
      TextChannel ticketChannel = ticketChannel(guild);
      boolean canPing = role.isMentionable()
          || (ticketChannel != null
              && BotPermissions.canMentionAllRoles(guild.getSelfMember(), ticketChannel));
      if (!canPing) {
        warnings.add(messages.format(MessageKey.SETTING_STAFF_ROLE_NOT_PINGABLE, id));
      }
      return null;
    }
    GuildChannel channel = guild.getGuildChannelById(id);
    if (channel == null) {
      return messages.format(MessageKey.ERROR_SETTING_INVALID_CHANNEL, key.settingName(), echo);
    }
    if (!(channel instanceof TextChannel)) {
      return messages.format(MessageKey.ERROR_SETTING_CHANNEL_TYPE, key.settingName());
    }
    List<MessageKey> missing = key == SettingKey.TICKET_CHANNEL
        ? BotPermissions.missingForTickets(guild.getSelfMember(), channel)
        : BotPermissions.missingForPosting(guild.getSelfMember(), channel);
    if (!missing.isEmpty()) {
      warnings.add(messages.format(MessageKey.ERROR_MISSING_PERMISSIONS, id,
          BotPermissions.names(missing, messages)));
    }
    if ((key == SettingKey.MODLOG_CHANNEL || key == SettingKey.TRANSCRIPT_CHANNEL)
        && guild.getPublicRole().hasPermission(channel, Permission.VIEW_CHANNEL)) {
      warnings.add(messages.format(MessageKey.SETTING_LOG_CHANNEL_PUBLIC, id));
    }
    return null;
  }

  /**
   * Tickets are on but no {@code staff_role} is set, so new tickets notify nobody: said after
   * changing either of the two settings.
   */
  private void warnWithoutStaffRole(Messages messages, SettingKey key, GuildSettings saved,
      List<String> lines) {
    if ((key == SettingKey.TICKET_CHANNEL || key == SettingKey.STAFF_ROLE)
        && saved.ticketsEnabled() && saved.staffRoleId() == null) {
      lines.add(messages.format(MessageKey.SETTING_NO_STAFF_ROLE));
    }
  }

  private TextChannel ticketChannel(Guild guild) {
    Long id = settings.get(guild.getIdLong()).ticketChannelId();
    return id == null ? null : guild.getTextChannelById(id);
  }

  void get(SlashCommandInteractionEvent e) {
    Messages messages = replies.messages(e);
    Guild guild = replies.managedGuild(e);
    if (guild == null) {
      return;
    }
    String name = e.getOption(CommandCatalog.OPT_NAME, OptionMapping::getAsString);
    List<SettingKey> keys;
    if (name == null) {
      keys = List.of(SettingKey.values());
    } else {
      Result<SettingKey> key = SettingKey.parse(name);
      if (key.isRefused()) {
        replies.send(e, key.refusal());
        return;
      }
      keys = List.of(key.value());
    }
    GuildSettings s = settings.get(guild.getIdLong());
    List<String> lines = new ArrayList<>(notices(replies.messages(e), guild));
    if (keys.size() > 1) {
      lines.add(messages.format(MessageKey.SETTING_LIST_HEADER));
    }
    for (SettingKey k : keys) {
      lines.add(messages.format(MessageKey.SETTING_LINE, k.settingName(),
          SettingsService.display(s, k, messages), messages.format(k.description())));
    }
    replies.send(e, String.join("\n", lines));
  }
}
