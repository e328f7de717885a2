package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.settings.SettingKey;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import dev.tiramisu.tickets.ticket.Reasons;
import java.util.List;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.interactions.IntegrationType;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/**
 * The slash commands the bot registers, and their names for the router.
 *
 * <p>{@code /ticket create|close|check|button} are visible to everyone (check and button are
 * re-checked for staff by the bot, since Discord cannot restrict single subcommands). {@code
 * /setting set|get} default to Manage Server, and the bot checks it again. Setting values are one
 * string option parsed by {@code SettingsService} (so {@code default} and {@code none} work for
 * every kind); the setting name is a fixed choice list. All commands are guild-only.
 */
final class CommandCatalog {
  static final String TICKET = "ticket";
  static final String CREATE = "create";
  static final String CLOSE = "close";
  static final String CHECK = "check";
  static final String BUTTON = "button";
  static final String CLOSE_REQUEST = "closerequest";
  static final String SETTING = "setting";
  static final String SET = "set";
  static final String GET = "get";

  static final String OPT_REASON = "reason";
  static final String OPT_THREAD = "thread";
  static final String OPT_CHANNEL = "channel";
  static final String OPT_MESSAGE = "message";
  static final String OPT_NAME = "name";
  static final String OPT_VALUE = "value";
  static final String OPT_AFTER = "after";

  /** Discord's limit for a message's content. */
  static final int MAX_MESSAGE = 2000;

  private CommandCatalog() {}

  static List<CommandData> all(Messages m) {
    SubcommandData create =
        new SubcommandData(CREATE, m.format(MessageKey.COMMAND_TICKET_DESCRIPTION))
            .addOptions(reason(m, MessageKey.OPTION_REASON_DESCRIPTION));
    SubcommandData close =
        new SubcommandData(CLOSE, m.format(MessageKey.COMMAND_CLOSE_DESCRIPTION))
            .addOptions(reason(m, MessageKey.OPTION_CLOSE_REASON_DESCRIPTION));
    SubcommandData check =
        new SubcommandData(CHECK, m.format(MessageKey.COMMAND_CHECK_DESCRIPTION))
            .addOptions(
                new OptionData(OptionType.CHANNEL, OPT_THREAD,
                        m.format(MessageKey.OPTION_CHECK_THREAD_DESCRIPTION), false)
                    .setChannelTypes(ChannelType.GUILD_PRIVATE_THREAD,
                        ChannelType.GUILD_PUBLIC_THREAD, ChannelType.TEXT));
    SubcommandData button =
        new SubcommandData(BUTTON, m.format(MessageKey.COMMAND_BUTTON_DESCRIPTION))
            .addOptions(
                new OptionData(OptionType.CHANNEL, OPT_CHANNEL,
                        m.format(MessageKey.OPTION_PANEL_CHANNEL_DESCRIPTION), false)
                    .setChannelTypes(ChannelType.TEXT),
                new OptionData(OptionType.STRING, OPT_MESSAGE,
                        m.format(MessageKey.OPTION_PANEL_MESSAGE_DESCRIPTION), false)
                    .setMaxLength(MAX_MESSAGE));
    SubcommandData closeRequest =
        new SubcommandData(CLOSE_REQUEST, m.format(MessageKey.COMMAND_CLOSEREQUEST_DESCRIPTION))
            .addOptions(reason(m, MessageKey.OPTION_CLOSEREQUEST_REASON_DESCRIPTION),
                new OptionData(OptionType.STRING, OPT_AFTER,
                        m.format(MessageKey.OPTION_CLOSEREQUEST_AFTER_DESCRIPTION), false)
                    .setMaxLength(20));
    CommandData ticket =
        Commands.slash(TICKET, m.format(MessageKey.COMMAND_TICKET_GROUP_DESCRIPTION))
            .addSubcommands(create, close, check, button)
            .addSubcommands(closeRequest)
            .setContexts(InteractionContextType.GUILD)
            .setIntegrationTypes(IntegrationType.GUILD_INSTALL);

    OptionData name =
        new OptionData(OptionType.STRING, OPT_NAME,
            m.format(MessageKey.OPTION_SETTING_NAME_DESCRIPTION), true);
    OptionData optionalName =
        new OptionData(OptionType.STRING, OPT_NAME,
            m.format(MessageKey.OPTION_SETTING_NAME_DESCRIPTION), false);
    for (SettingKey k : SettingKey.values()) {
      name.addChoice(k.settingName(), k.settingName());
      optionalName.addChoice(k.settingName(), k.settingName());
    }
    CommandData setting =
        Commands.slash(SETTING, m.format(MessageKey.COMMAND_SETTING_DESCRIPTION))
            .addSubcommands(
                new SubcommandData(SET, m.format(MessageKey.COMMAND_SETTING_SET_DESCRIPTION))
                    .addOptions(name,
                        new OptionData(OptionType.STRING, OPT_VALUE,
                                m.format(MessageKey.OPTION_SETTING_VALUE_DESCRIPTION), true)
                            .setMaxLength(200)),
                new SubcommandData(GET, m.format(MessageKey.COMMAND_SETTING_GET_DESCRIPTION))
                    .addOptions(optionalName))
            .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_SERVER))
            .setContexts(InteractionContextType.GUILD)
            .setIntegrationTypes(IntegrationType.GUILD_INSTALL);
    return List.of(ticket, setting);
  }

  private static OptionData reason(Messages m, MessageKey description) {
    return new OptionData(OptionType.STRING, OPT_REASON, m.format(description), false)
        .setMaxLength(Reasons.MAX_LENGTH);
  }
}
