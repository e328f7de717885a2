package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.panel.Panel;
import dev.tiramisu.tickets.panel.Panels;
import dev.tiramisu.tickets.settings.TicketType;
import dev.tiramisu.tickets.text.DiscordText;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.requests.ErrorResponse;

/**
 * {@code /panel create|list|delete} (Manage Server, checked again by the bot). Runs on the
 * router's executor after the reply was deferred. A panel is saved first (state {@code POSTING}),
 * then posted, then recorded as posted; see {@link PanelMessages} for what a crash in between
 * leaves and how the next start finishes it.
 */
final class PanelHandlers {
  private final Panels panels;
  private final PanelMessages drawn;
  private final Replies replies;

  PanelHandlers(Panels panels, PanelMessages drawn, Replies replies) {
    this.panels = panels;
    this.drawn = drawn;
    this.replies = replies;
  }

  void create(SlashCommandInteractionEvent e) {
    Guild guild = replies.managedGuild(e);
    if (guild == null) {
      return;
    }
    OptionMapping option = e.getOption(CommandCatalog.OPT_CHANNEL);
    long targetId = option == null ? e.getChannelIdLong() : option.getAsLong();
    TextChannel target = guild.getTextChannelById(targetId);
    if (target == null) {
      replies.send(e, MessageKey.ERROR_PANEL_CHANNEL_TYPE);
      return;
    }
    List<MessageKey> missing = BotPermissions.missingForPanels(guild.getSelfMember(), target);
    if (!missing.isEmpty()) {
      replies.send(e, MessageKey.ERROR_MISSING_PERMISSIONS, targetId,
          BotPermissions.names(missing, replies.messages(e)));
      return;
    }
    String title = e.getOption(CommandCatalog.OPT_TITLE, OptionMapping::getAsString);
    Result<Panel> saved = panels.create(guild.getIdLong(), actor(e), new Panels.Request(targetId,
        e.getOption(CommandCatalog.OPT_TYPES, OptionMapping::getAsString),
        title == null ? Locales.guild(guild).format(MessageKey.PANEL_DEFAULT_TITLE) : title,
        e.getOption(CommandCatalog.OPT_DESCRIPTION, OptionMapping::getAsString),
        e.getOption(CommandCatalog.OPT_COLOUR, OptionMapping::getAsString)));
    if (saved.isRefused()) {
      replies.send(e, saved.refusal());
      return;
    }
    Panel p = saved.value();
    Message posted;
    try {
      posted = drawn.post(target, p, false);
    } catch (ErrorResponseException refused) {
      if (refused.isServerError()) {
        // Discord may have taken it: look before posting again. If this fails too, the panel
        // stays POSTING and the next start finishes it.
        posted = drawn.post(target, p, true);
      } else {
        panels.notPosted(p);
        replies.send(e, MessageKey.ERROR_PANEL_POST_FAILED, targetId,
            TicketHandlers.describe(refused));
        return;
      }
    }
    replies.send(e, MessageKey.PANEL_CREATED, p.id(),
        PanelMessages.link(guild.getIdLong(), targetId, posted.getIdLong()));
  }

  void list(SlashCommandInteractionEvent e) {
    Guild guild = replies.managedGuild(e);
    if (guild == null) {
      return;
    }
    Result<List<Panel>> all = panels.list(guild.getIdLong(), actor(e));
    if (all.isRefused()) {
      replies.send(e, all.refusal());
      return;
    }
    if (all.value().isEmpty()) {
      replies.send(e, MessageKey.PANEL_LIST_EMPTY);
      return;
    }
    Messages messages = replies.messages(e);
    List<String> lines = new ArrayList<>();
    lines.add(messages.format(MessageKey.PANEL_LIST_HEADER, all.value().size()));
    for (Panel p : all.value()) {
      List<TicketType> live = panels.liveTypes(p);
      String types = live.isEmpty() ? "-" : live.stream()
          .map(t -> (t.emoji() == null ? "" : t.emoji() + " ") + DiscordText.escape(t.name()))
          .collect(Collectors.joining(", "));
      lines.add(messages.format(MessageKey.PANEL_LIST_LINE, p.id(),
          DiscordText.escape(p.title()), p.channelId(),
          p.messageId() == null ? "" : PanelMessages.link(guild.getIdLong(), p.channelId(),
              p.messageId()),
          types, messages.format(state(p.state()))));
    }
    replies.send(e, DiscordText.truncate(String.join("\n", lines), CommandCatalog.MAX_MESSAGE));
  }

  void delete(SlashCommandInteractionEvent e) {
    Guild guild = replies.managedGuild(e);
    if (guild == null) {
      return;
    }
    long id = e.getOption(CommandCatalog.OPT_ID, 0L, OptionMapping::getAsLong);
    Result<Panel> deleted = panels.delete(guild.getIdLong(), actor(e), id);
    if (deleted.isRefused()) {
      replies.send(e, deleted.refusal());
      return;
    }
    Panel p = deleted.value();
    TextChannel channel = guild.getTextChannelById(p.channelId());
    if (p.messageId() != null && channel != null) {
      try {
        channel.deleteMessageById(p.messageId()).complete();
      } catch (ErrorResponseException ex) {
        if (ex.getErrorResponse() != ErrorResponse.UNKNOWN_MESSAGE) {
          replies.send(e, MessageKey.PANEL_DELETE_MESSAGE_FAILED, p.id(),
              PanelMessages.link(guild.getIdLong(), p.channelId(), p.messageId()),
              TicketHandlers.describe(ex));
          return;
        }
      }
    }
    replies.send(e, MessageKey.PANEL_DELETED, p.id());
  }

  private static MessageKey state(Panel.State s) {
    return switch (s) {
      case POSTING -> MessageKey.PANEL_STATE_POSTING;
      case POSTED -> MessageKey.PANEL_STATE_POSTED;
      case GONE, DELETED -> MessageKey.PANEL_STATE_GONE;
    };
  }

  private static Actor actor(SlashCommandInteractionEvent e) {
    return TicketHandlers.actor(e.getMember());
  }
}
