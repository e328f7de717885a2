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
import net.dv8tion.jda.api.interactions.commands.build.SubcommandGroupData;

/**
 * The slash commands the bot registers, and their names for the router.
 *
 * <p>{@code /ticket create|close|check|button} are visible to everyone (check and button are
 * re-checked for staff by the bot, since Discord cannot restrict single subcommands). {@code
 * /setting set|get} default to Manage Server, and the bot checks it again. Setting values are one
 * string option parsed by {@code SettingsService} (so {@code default} and {@code none} work for
 * every kind); the setting name is a fixed choice list. All commands are guild-only. Names are
 * English in every language; descriptions carry their translations ({@link CommandLocalizations}).
 */
final class CommandCatalog {
  static final String TICKET = "ticket";
  static final String CREATE = "create";
  static final String CLOSE = "close";
  static final String CHECK = "check";
  static final String BUTTON = "button";
  static final String LIST = "list";
  static final String BLOCKLIST = "blocklist";
  static final String OPT_USER = "user";
  static final String OPT_STATE = "state";
  static final String OPT_TARGET = "target";
  // staff workflow (issue 11)
  static final String CLAIM = "claim";
  static final String UNCLAIM = "unclaim";
  static final String TRANSFER = "transfer";
  static final String ADD = "add";
  static final String REMOVE = "remove";
  static final String REOPEN = "reopen";
  static final String OPT_MEMBER = "member";
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
  // ticket types (issue 12)
  static final String TICKETTYPE = "tickettype";
  static final String EDIT = "edit";
  static final String DELETE = "delete";
  static final String OPT_TYPE = "type";
  static final String OPT_EMOJI = "emoji";
  static final String OPT_DESCRIPTION = "description";
  static final String OPT_TICKET_CHANNEL = "ticket_channel";
  static final String OPT_STAFF_ROLES = "staff_roles";
  static final String OPT_NAME_TEMPLATE = "name_template";
  static final String OPT_MAX_OPEN = "max_open_per_user";
  static final String OPT_COOLDOWN = "create_cooldown";
  // transcripts (issue 13)
  static final String TRANSCRIPT = "transcript";
  static final String OPT_NUMBER = "number";
  // feedback and statistics (issue 13)
  static final String STATS = "stats";
  static final String OPT_DAYS = "days";
  // ticket type forms (issue 12): /tickettype question add|remove|list
  static final String QUESTION = "question";
  static final String OPT_LABEL = "label";
  static final String OPT_STYLE = "style";
  static final String OPT_REQUIRED = "required";
  static final String OPT_MIN = "min";
  static final String OPT_MAX = "max";
  static final String OPT_PLACEHOLDER = "placeholder";
  static final String OPT_OPTIONS = "options";
  static final String OPT_MULTIPLE = "multiple";
  static final String OPT_POSITION = "position";

  // panels (issue 12)
  static final String PANEL = "panel";
  static final String OPT_TYPES = "types";
  static final String OPT_TITLE = "title";
  static final String OPT_COLOUR = "colour";
  static final String OPT_ID = "id";

  /** Discord's limit for a message's content. */
  static final int MAX_MESSAGE = 2000;

  private CommandCatalog() {}

  static List<CommandData> all(Messages m) {
    SubcommandData create =
        new SubcommandData(CREATE, m.format(MessageKey.COMMAND_TICKET_DESCRIPTION))
            .addOptions(reason(m, MessageKey.OPTION_REASON_DESCRIPTION),
                new OptionData(OptionType.STRING, OPT_TYPE,
                    m.format(MessageKey.OPTION_TICKET_TYPE_DESCRIPTION), false)
                    .setMaxLength(100).setAutoComplete(true));
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
            .addSubcommands(create, close, check, button, list(m))
            .addSubcommands(staffWorkflow(m))
            .addSubcommands(closeRequest)
            .addSubcommands(new SubcommandData(TRANSCRIPT,
                m.format(MessageKey.COMMAND_TRANSCRIPT_DESCRIPTION))
                .addOptions(new OptionData(OptionType.INTEGER, OPT_NUMBER,
                    m.format(MessageKey.OPTION_TRANSCRIPT_NUMBER_DESCRIPTION), true)
                    .setMinValue(1)))
            .addSubcommands(stats(m))
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
    return CommandLocalizations.apply(
        List.of(ticket, setting, blocklist(m), ticketType(m), panel(m)), m);
  }

  /** {@code /tickettype create|edit|delete|list} (Manage Server). */
  private static CommandData ticketType(Messages m) {
    OptionData type = new OptionData(OptionType.STRING, OPT_TYPE,
        m.format(MessageKey.OPTION_TYPE_NAME_DESCRIPTION), true).setMaxLength(100)
        .setAutoComplete(true);
    return Commands.slash(TICKETTYPE, m.format(MessageKey.COMMAND_TICKETTYPE_DESCRIPTION))
        .addSubcommands(
            new SubcommandData(CREATE, m.format(MessageKey.COMMAND_TICKETTYPE_CREATE_DESCRIPTION))
                .addOptions(typeName(m, true))
                .addOptions(typeValues(m)),
            new SubcommandData(EDIT, m.format(MessageKey.COMMAND_TICKETTYPE_EDIT_DESCRIPTION))
                .addOptions(type, typeName(m, false))
                .addOptions(typeValues(m)),
            new SubcommandData(DELETE, m.format(MessageKey.COMMAND_TICKETTYPE_DELETE_DESCRIPTION))
                .addOptions(type),
            new SubcommandData(LIST, m.format(MessageKey.COMMAND_TICKETTYPE_LIST_DESCRIPTION)))
        .addSubcommandGroups(questions(m))
        .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_SERVER))
        .setContexts(InteractionContextType.GUILD)
        .setIntegrationTypes(IntegrationType.GUILD_INSTALL);
  }

  /**
   * {@code /tickettype question add|remove|list}. Lengths are checked by the bot (with its own
   * messages), so the options allow more than the limits they are checked against.
   */
  private static SubcommandGroupData questions(Messages m) {
    OptionData type = new OptionData(OptionType.STRING, OPT_TYPE,
        m.format(MessageKey.OPTION_TYPE_NAME_DESCRIPTION), true).setMaxLength(100);
    OptionData style = new OptionData(OptionType.STRING, OPT_STYLE,
        m.format(MessageKey.OPTION_QUESTION_STYLE_DESCRIPTION), false)
        .addChoice(m.format(MessageKey.OPTION_QUESTION_STYLE_SHORT), "short")
        .addChoice(m.format(MessageKey.OPTION_QUESTION_STYLE_PARAGRAPH), "paragraph")
        .addChoice(m.format(MessageKey.OPTION_QUESTION_STYLE_SELECT), "select");
    return new SubcommandGroupData(QUESTION,
        m.format(MessageKey.COMMAND_TICKETTYPE_QUESTION_DESCRIPTION))
        .addSubcommands(
            new SubcommandData(ADD, m.format(MessageKey.COMMAND_TICKETTYPE_QUESTION_ADD_DESCRIPTION))
                .addOptions(type,
                    new OptionData(OptionType.STRING, OPT_LABEL,
                        m.format(MessageKey.OPTION_QUESTION_LABEL_DESCRIPTION), true)
                        .setMaxLength(100),
                    style,
                    new OptionData(OptionType.BOOLEAN, OPT_REQUIRED,
                        m.format(MessageKey.OPTION_QUESTION_REQUIRED_DESCRIPTION), false),
                    new OptionData(OptionType.INTEGER, OPT_MIN,
                        m.format(MessageKey.OPTION_QUESTION_MIN_DESCRIPTION), false),
                    new OptionData(OptionType.INTEGER, OPT_MAX,
                        m.format(MessageKey.OPTION_QUESTION_MAX_DESCRIPTION), false),
                    new OptionData(OptionType.STRING, OPT_PLACEHOLDER,
                        m.format(MessageKey.OPTION_QUESTION_PLACEHOLDER_DESCRIPTION), false)
                        .setMaxLength(200),
                    new OptionData(OptionType.STRING, OPT_OPTIONS,
                        m.format(MessageKey.OPTION_QUESTION_OPTIONS_DESCRIPTION), false)
                        .setMaxLength(4000),
                    new OptionData(OptionType.BOOLEAN, OPT_MULTIPLE,
                        m.format(MessageKey.OPTION_QUESTION_MULTIPLE_DESCRIPTION), false)),
            new SubcommandData(REMOVE,
                m.format(MessageKey.COMMAND_TICKETTYPE_QUESTION_REMOVE_DESCRIPTION))
                .addOptions(type, new OptionData(OptionType.INTEGER, OPT_POSITION,
                    m.format(MessageKey.OPTION_QUESTION_POSITION_DESCRIPTION), true)),
            new SubcommandData(LIST,
                m.format(MessageKey.COMMAND_TICKETTYPE_QUESTION_LIST_DESCRIPTION))
                .addOptions(type));
  }

  /** {@code /panel create|list|delete} (Manage Server). */
  private static CommandData panel(Messages m) {
    SubcommandData create = new SubcommandData(CREATE,
        m.format(MessageKey.COMMAND_PANEL_CREATE_DESCRIPTION))
        .addOptions(
            new OptionData(OptionType.STRING, OPT_TYPES,
                m.format(MessageKey.OPTION_PANEL_TYPES_DESCRIPTION), true)
                .setMaxLength(1000).setAutoComplete(true),
            new OptionData(OptionType.STRING, OPT_TITLE,
                m.format(MessageKey.OPTION_PANEL_TITLE_DESCRIPTION), false)
                .setMaxLength(dev.tiramisu.tickets.panel.Panel.MAX_TITLE),
            new OptionData(OptionType.STRING, OPT_DESCRIPTION,
                m.format(MessageKey.OPTION_PANEL_TEXT_DESCRIPTION), false)
                .setMaxLength(dev.tiramisu.tickets.panel.Panel.MAX_DESCRIPTION),
            new OptionData(OptionType.STRING, OPT_COLOUR,
                m.format(MessageKey.OPTION_PANEL_COLOUR_DESCRIPTION), false).setMaxLength(20),
            new OptionData(OptionType.CHANNEL, OPT_CHANNEL,
                m.format(MessageKey.OPTION_PANEL_CHANNEL_DESCRIPTION), false)
                .setChannelTypes(ChannelType.TEXT));
    return Commands.slash(PANEL, m.format(MessageKey.COMMAND_PANEL_DESCRIPTION))
        .addSubcommands(create,
            new SubcommandData(LIST, m.format(MessageKey.COMMAND_PANEL_LIST_DESCRIPTION)),
            new SubcommandData(DELETE, m.format(MessageKey.COMMAND_PANEL_DELETE_DESCRIPTION))
                .addOptions(new OptionData(OptionType.INTEGER, OPT_ID,
                    m.format(MessageKey.OPTION_PANEL_ID_DESCRIPTION), true).setMinValue(1)))
        .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_SERVER))
        .setContexts(InteractionContextType.GUILD)
        .setIntegrationTypes(IntegrationType.GUILD_INSTALL);
  }

  private static OptionData typeName(Messages m, boolean required) {
    return new OptionData(OptionType.STRING, OPT_NAME,
        m.format(MessageKey.OPTION_TYPE_NEW_NAME_DESCRIPTION), required).setMaxLength(100);
  }

  /** The values of a type; all optional, {@code default} = the guild's setting. */
  private static List<OptionData> typeValues(Messages m) {
    return List.of(
        new OptionData(OptionType.STRING, OPT_TICKET_CHANNEL,
            m.format(MessageKey.OPTION_TYPE_CHANNEL_DESCRIPTION), false).setMaxLength(100),
        new OptionData(OptionType.STRING, OPT_STAFF_ROLES,
            m.format(MessageKey.OPTION_TYPE_STAFF_ROLES_DESCRIPTION), false).setMaxLength(200),
        new OptionData(OptionType.STRING, OPT_EMOJI,
            m.format(MessageKey.OPTION_TYPE_EMOJI_DESCRIPTION), false).setMaxLength(100),
        new OptionData(OptionType.STRING, OPT_DESCRIPTION,
            m.format(MessageKey.OPTION_TYPE_DESCRIPTION_DESCRIPTION), false).setMaxLength(200),
        new OptionData(OptionType.STRING, OPT_NAME_TEMPLATE,
            m.format(MessageKey.OPTION_TYPE_TEMPLATE_DESCRIPTION), false).setMaxLength(200),
        new OptionData(OptionType.STRING, OPT_MAX_OPEN,
            m.format(MessageKey.OPTION_TYPE_MAX_OPEN_DESCRIPTION), false).setMaxLength(20),
        new OptionData(OptionType.STRING, OPT_COOLDOWN,
            m.format(MessageKey.OPTION_TYPE_COOLDOWN_DESCRIPTION), false).setMaxLength(20));
  }

  /** {@code /ticket stats [days]} (staff, checked by the bot). */
  private static SubcommandData stats(Messages m) {
    return new SubcommandData(STATS, m.format(MessageKey.COMMAND_STATS_DESCRIPTION))
        .addOptions(new OptionData(OptionType.INTEGER, OPT_DAYS,
            m.format(MessageKey.OPTION_STATS_DAYS_DESCRIPTION), false)
            .setRequiredRange(dev.tiramisu.tickets.ticket.Stats.MIN_DAYS,
                dev.tiramisu.tickets.ticket.Stats.MAX_DAYS));
  }

  /** {@code /ticket list [user] [state]} (staff, checked by the bot). */
  private static SubcommandData list(Messages m) {
    OptionData state = new OptionData(OptionType.STRING, OPT_STATE,
        m.format(MessageKey.OPTION_LIST_STATE_DESCRIPTION), false)
        .addChoice(m.format(MessageKey.TICKET_STATE_OPEN), "open")
        .addChoice(m.format(MessageKey.TICKET_STATE_CLOSED), "closed")
        .addChoice(m.format(MessageKey.TICKET_STATE_FAILED), "failed")
        .addChoice(m.format(MessageKey.TICKET_STATE_ALL), "all");
    return new SubcommandData(LIST, m.format(MessageKey.COMMAND_LIST_DESCRIPTION))
        .addOptions(new OptionData(OptionType.USER, OPT_USER,
            m.format(MessageKey.OPTION_LIST_USER_DESCRIPTION), false), state);
  }

  /** {@code /blocklist add|remove <user or role>}, {@code /blocklist list} (Manage Server). */
  private static CommandData blocklist(Messages m) {
    OptionData target = new OptionData(OptionType.MENTIONABLE, OPT_TARGET,
        m.format(MessageKey.OPTION_BLOCKLIST_TARGET_DESCRIPTION), true);
    return Commands.slash(BLOCKLIST, m.format(MessageKey.COMMAND_BLOCKLIST_DESCRIPTION))
        .addSubcommands(
            new SubcommandData(ADD, m.format(MessageKey.COMMAND_BLOCKLIST_ADD_DESCRIPTION))
                .addOptions(target),
            new SubcommandData(REMOVE, m.format(MessageKey.COMMAND_BLOCKLIST_REMOVE_DESCRIPTION))
                .addOptions(target),
            new SubcommandData(LIST, m.format(MessageKey.COMMAND_BLOCKLIST_LIST_DESCRIPTION)))
        .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_SERVER))
        .setContexts(InteractionContextType.GUILD)
        .setIntegrationTypes(IntegrationType.GUILD_INSTALL);
  }

  /** {@code /ticket claim|unclaim|transfer|add|remove|reopen} (issue 11). */
  private static List<SubcommandData> staffWorkflow(Messages m) {
    return List.of(
        new SubcommandData(CLAIM, m.format(MessageKey.COMMAND_CLAIM_DESCRIPTION)),
        new SubcommandData(UNCLAIM, m.format(MessageKey.COMMAND_UNCLAIM_DESCRIPTION)),
        new SubcommandData(TRANSFER, m.format(MessageKey.COMMAND_TRANSFER_DESCRIPTION))
            .addOptions(new OptionData(OptionType.USER, OPT_MEMBER,
                m.format(MessageKey.OPTION_TRANSFER_MEMBER_DESCRIPTION), true)),
        new SubcommandData(ADD, m.format(MessageKey.COMMAND_ADD_DESCRIPTION))
            .addOptions(new OptionData(OptionType.USER, OPT_MEMBER,
                m.format(MessageKey.OPTION_ADD_MEMBER_DESCRIPTION), true)),
        new SubcommandData(REMOVE, m.format(MessageKey.COMMAND_REMOVE_DESCRIPTION))
            .addOptions(new OptionData(OptionType.USER, OPT_MEMBER,
                m.format(MessageKey.OPTION_REMOVE_MEMBER_DESCRIPTION), true)),
        new SubcommandData(REOPEN, m.format(MessageKey.COMMAND_REOPEN_DESCRIPTION)));
  }

  private static OptionData reason(Messages m, MessageKey description) {
    return new OptionData(OptionType.STRING, OPT_REASON, m.format(description), false)
        .setMaxLength(Reasons.MAX_LENGTH);
  }
}
