package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.settings.GuildSettings;
import dev.tiramisu.tickets.settings.NameTemplate;
import dev.tiramisu.tickets.settings.SettingKey;
import dev.tiramisu.tickets.settings.SettingValue;
import dev.tiramisu.tickets.settings.SettingsService;
import dev.tiramisu.tickets.settings.TicketType;
import dev.tiramisu.tickets.settings.TicketTypes;
import dev.tiramisu.tickets.text.DiscordText;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;

/**
 * {@code /tickettype create|edit|delete|list} (Manage Server, checked again by the bot). Values
 * are parsed with the rules of the matching {@code /setting} ({@link SettingKey#parseValue}:
 * {@code default} = inherit the guild's setting) and checked against the guild as {@code
 * /setting set} checks them ({@link SettingHandlers#checkOnDiscord}), with the same messages.
 */
final class TicketTypeHandlers {
  private final TicketTypes types;
  private final SettingsService settings;
  private final SettingHandlers settingChecks;
  private final Replies replies;
  private final PanelMessages panels;

  TicketTypeHandlers(TicketTypes types, SettingsService settings, SettingHandlers settingChecks,
      Replies replies, PanelMessages panels) {
    this.panels = panels;
    this.types = types;
    this.settings = settings;
    this.settingChecks = settingChecks;
    this.replies = replies;
  }

  void create(SlashCommandInteractionEvent e) {
    Guild guild = replies.managedGuild(e);
    if (guild == null) {
      return;
    }
    List<String> warnings = new ArrayList<>();
    TicketType.Edit edit = parsed(e, guild, warnings);
    if (edit == null) {
      return;
    }
    Result<TicketType> saved = types.create(guild.getIdLong(), actor(e), edit);
    answer(e, guild, saved, MessageKey.TYPE_CREATED, warnings);
  }

  void edit(SlashCommandInteractionEvent e) {
    Guild guild = replies.managedGuild(e);
    if (guild == null) {
      return;
    }
    List<String> warnings = new ArrayList<>();
    TicketType.Edit edit = parsed(e, guild, warnings);
    if (edit == null) {
      return;
    }
    Result<TicketType> saved = types.edit(guild.getIdLong(), actor(e),
        e.getOption(CommandCatalog.OPT_TYPE, OptionMapping::getAsString), edit);
    if (saved.isOk()) {
      warnings.addAll(redrawPanels(e, guild));
    }
    answer(e, guild, saved, MessageKey.TYPE_EDITED, warnings);
  }

  void delete(SlashCommandInteractionEvent e) {
    Guild guild = replies.managedGuild(e);
    if (guild == null) {
      return;
    }
    Result<TicketType> deleted = types.delete(guild.getIdLong(), actor(e),
        e.getOption(CommandCatalog.OPT_TYPE, OptionMapping::getAsString));
    if (deleted.isRefused()) {
      replies.send(e, deleted.refusal());
      return;
    }
    List<String> lines = new ArrayList<>();
    lines.add(replies.messages(e).format(MessageKey.TYPE_DELETED,
        DiscordText.escape(deleted.value().name())));
    lines.addAll(redrawPanels(e, guild));
    replies.send(e, String.join("\n", lines));
  }

  /**
   * Redraws the guild's panels after a type changed; says how many were updated and how many
   * were not: refused by Discord (the bot's permissions), or left for the timers' next sweep.
   */
  private List<String> redrawPanels(SlashCommandInteractionEvent e, Guild guild) {
    PanelMessages.Redraws r = panels.redrawDue(guild);
    Messages messages = replies.messages(e);
    List<String> lines = new ArrayList<>();
    if (r.done() > 0) {
      lines.add(messages.format(MessageKey.PANELS_REFRESHED, r.done()));
    }
    if (r.refused() > 0) {
      lines.add(messages.format(MessageKey.PANELS_REFUSED, r.refused()));
    }
    if (r.later() > 0) {
      lines.add(messages.format(MessageKey.PANELS_NOT_REFRESHED, r.later()));
    }
    return lines;
  }

  void list(SlashCommandInteractionEvent e) {
    Messages messages = replies.messages(e);
    Guild guild = replies.managedGuild(e);
    if (guild == null) {
      return;
    }
    List<TicketType> all = types.list(guild.getIdLong());
    if (all.isEmpty()) {
      replies.send(e, MessageKey.TYPE_LIST_EMPTY);
      return;
    }
    GuildSettings s = settings.get(guild.getIdLong());
    List<String> lines = new ArrayList<>();
    lines.add(messages.format(MessageKey.TYPE_LIST_HEADER, all.size()));
    for (TicketType t : all) {
      lines.add(describe(replies.messages(e), t, s));
    }
    replies.send(e, DiscordText.truncate(String.join("\n", lines), CommandCatalog.MAX_MESSAGE));
  }

  /** One line per type: name, channel, staff, template, limits (inherited values marked). */
  private String describe(Messages messages, TicketType t, GuildSettings guildSettings) {
    GuildSettings s = guildSettings.forType(t);
    String inherit = messages.format(MessageKey.TYPE_INHERITED);
    String channel = s.ticketChannelId() == null ? messages.format(MessageKey.SETTING_VALUE_NOT_SET)
        : "<#" + s.ticketChannelId() + ">";
    String staff = s.staffRoles().isEmpty() ? messages.format(MessageKey.SETTING_VALUE_NOT_SET)
        : String.join(" ", s.staffRoles().stream().map(r -> "<@&" + r + ">").toList());
    return messages.format(MessageKey.TYPE_LIST_LINE,
        (t.emoji() == null ? "" : t.emoji() + " ") + DiscordText.escape(t.name()),
        channel + (t.channelId() == null ? inherit : ""),
        staff + (t.staffRoleIds().isEmpty() ? inherit : ""),
        DiscordText.escape(s.nameTemplate().template()) + (t.nameTemplate() == null ? inherit : ""),
        SettingsService.display(s, SettingKey.MAX_OPEN_PER_USER, messages)
            + (t.maxOpenPerUser() == null ? inherit : ""),
        SettingsService.display(s, SettingKey.CREATE_COOLDOWN, messages)
            + (t.createCooldown() == null ? inherit : ""),
        t.description() == null ? "" : DiscordText.escape(t.description()));
  }

  private void answer(SlashCommandInteractionEvent e, Guild guild, Result<TicketType> saved,
      MessageKey done, List<String> warnings) {
    Messages messages = replies.messages(e);
    if (saved.isRefused()) {
      replies.send(e, saved.refusal());
      return;
    }
    List<String> lines = new ArrayList<>();
    lines.add(messages.format(done, DiscordText.escape(saved.value().name())));
    lines.add(describe(replies.messages(e), saved.value(), settings.get(guild.getIdLong())));
    lines.addAll(warnings);
    replies.send(e, String.join("\n", lines));
  }

  /**
   * The options given, parsed and checked; absent options are null (unchanged), {@code default}
   * = inherit, {@code none} clears an emoji or description.
   */
  private TicketType.Edit parse(SlashCommandInteractionEvent e, Guild guild,
      List<String> warnings) {
    String name = e.getOption(CommandCatalog.OPT_NAME, OptionMapping::getAsString);
    Optional<String> emoji = text(e, CommandCatalog.OPT_EMOJI);
    Optional<String> description = text(e, CommandCatalog.OPT_DESCRIPTION);
    Optional<Long> channel = null;
    String rawChannel = e.getOption(CommandCatalog.OPT_TICKET_CHANNEL, OptionMapping::getAsString);
    if (rawChannel != null) {
      Result<SettingValue> v = SettingKey.TICKET_CHANNEL.parseValue(rawChannel);
      if (v.isRefused()) {
        throw bad(replies.messages(e), v.refusal());
      }
      if (v.value() instanceof SettingValue.Snowflake id) {
        String refusal = settingChecks.checkOnDiscord(replies.messages(e), guild,
            SettingKey.TICKET_CHANNEL, id.id(), rawChannel, warnings);
        if (refusal != null) {
          throw new BadValue(refusal);
        }
        channel = Optional.of(id.id());
      } else {
        channel = Optional.empty();
      }
    }
    List<Long> roles = null;
    String rawRoles = e.getOption(CommandCatalog.OPT_STAFF_ROLES, OptionMapping::getAsString);
    if (rawRoles != null) {
      LinkedHashSet<Long> ids = new LinkedHashSet<>();
      for (String token : rawRoles.replace(',', ' ').trim().split("\\s+")) {
        Result<SettingValue> v = SettingKey.STAFF_ROLE.parseValue(token);
        if (v.isRefused()) {
          throw bad(replies.messages(e), v.refusal());
        }
        if (v.value() instanceof SettingValue.Snowflake id) {
          String refusal = settingChecks.checkOnDiscord(replies.messages(e), guild,
              SettingKey.STAFF_ROLE, id.id(), token, warnings);
          if (refusal != null) {
            throw new BadValue(refusal);
          }
          ids.add(id.id());
        }
      }
      roles = List.copyOf(ids);
    }
    Optional<NameTemplate> template = null;
    String rawTemplate = e.getOption(CommandCatalog.OPT_NAME_TEMPLATE, OptionMapping::getAsString);
    if (rawTemplate != null) {
      Result<SettingValue> v = SettingKey.NAME_TEMPLATE.parseValue(rawTemplate);
      if (v.isRefused()) {
        throw bad(replies.messages(e), v.refusal());
      }
      template = v.value() instanceof SettingValue.Template t
          ? Optional.of(t.template()) : Optional.empty();
    }
    Optional<Integer> maxOpen = null;
    String rawMax = e.getOption(CommandCatalog.OPT_MAX_OPEN, OptionMapping::getAsString);
    if (rawMax != null) {
      Result<SettingValue> v = SettingKey.MAX_OPEN_PER_USER.parseValue(rawMax);
      if (v.isRefused()) {
        throw bad(replies.messages(e), v.refusal());
      }
      maxOpen = v.value() instanceof SettingValue.Count c ? Optional.of(c.n()) : Optional.empty();
    }
    Optional<Duration> cooldown = null;
    String rawCooldown = e.getOption(CommandCatalog.OPT_COOLDOWN, OptionMapping::getAsString);
    if (rawCooldown != null) {
      Result<SettingValue> v = SettingKey.CREATE_COOLDOWN.parseValue(rawCooldown);
      if (v.isRefused()) {
        throw bad(replies.messages(e), v.refusal());
      }
      cooldown = v.value() instanceof SettingValue.Span s
          ? Optional.of(s.duration()) : Optional.empty();
    }
    return new TicketType.Edit(name, emoji, description, channel, roles, template, maxOpen,
        cooldown);
  }

  /** A value the admin gave that cannot be saved, with the message saying why. */
  private static final class BadValue extends RuntimeException {
    private final String text;

    BadValue(String text) {
      super(null, null, false, false);
      this.text = text;
    }
  }

  private BadValue bad(Messages messages, dev.tiramisu.tickets.common.Refusal r) {
    return new BadValue(messages.format(r.key(), r.args()));
  }

  /** {@link #parse}, or null after answering with why not. */
  private TicketType.Edit parsed(SlashCommandInteractionEvent e, Guild guild,
      List<String> warnings) {
    try {
      return parse(e, guild, warnings);
    } catch (BadValue bad) {
      replies.send(e, bad.text);
      return null;
    }
  }

  /** A free-text option: null when absent, empty for {@code none}. */
  private static Optional<String> text(SlashCommandInteractionEvent e, String option) {
    String raw = e.getOption(option, OptionMapping::getAsString);
    if (raw == null) {
      return null;
    }
    String v = raw.strip();
    return v.equalsIgnoreCase("none") ? Optional.empty() : Optional.of(v);
  }

  private static Actor actor(SlashCommandInteractionEvent e) {
    return TicketHandlers.actor(e.getMember());
  }
}
