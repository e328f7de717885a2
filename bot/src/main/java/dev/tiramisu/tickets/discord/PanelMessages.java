package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.panel.Panel;
import dev.tiramisu.tickets.panel.Panels;
import dev.tiramisu.tickets.settings.TicketType;
import dev.tiramisu.tickets.text.DiscordText;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.attribute.ICustomId;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.container.Container;
import net.dv8tion.jda.api.components.container.ContainerChildComponent;
import net.dv8tion.jda.api.components.selections.SelectOption;
import net.dv8tion.jda.api.components.selections.StringSelectMenu;
import net.dv8tion.jda.api.components.separator.Separator;
import net.dv8tion.jda.api.components.textdisplay.TextDisplay;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.emoji.Emoji;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A panel's message on Discord: drawn as one Components V2 container (accent colour, heading,
 * description, then a button per type or, past {@value Panel#MAX_BUTTONS} types, a select menu),
 * posted once, redrawn when its types change, and finished at start when a crash interrupted its
 * posting or its redraw. Component ids carry the panel id and type ids, never names.
 */
final class PanelMessages {
  private static final Logger log = LoggerFactory.getLogger(PanelMessages.class);
  /** Most panels finished per start (a crash leaves at most a few). */
  private static final int FINISH_AT_START = 25;

  private final Panels panels;

  PanelMessages(Panels panels) {
    this.panels = panels;
  }

  /**
   * The container of {@code p} offering {@code live} (a note instead when none is left), in the
   * guild's language.
   */
  Container draw(Guild guild, Panel p, List<TicketType> live) {
    Messages messages = Locales.guild(guild);
    List<ContainerChildComponent> children = new ArrayList<>();
    children.add(TextDisplay.of("## " + DiscordText.escape(p.title())));
    if (p.description() != null) {
      children.add(TextDisplay.of(p.description()));
    }
    if (live.isEmpty()) {
      children.add(Separator.createDivider(Separator.Spacing.SMALL));
      children.add(TextDisplay.of(messages.format(MessageKey.PANEL_UNAVAILABLE)));
    } else if (p.usesButtons(live.size())) {
      List<Button> buttons = new ArrayList<>();
      for (TicketType t : live) {
        Button b = Button.primary(new ComponentId.PanelButton(p.id(), t.id()).encode(), t.name());
        buttons.add(t.emoji() == null ? b : b.withEmoji(Emoji.fromFormatted(t.emoji())));
      }
      children.add(ActionRow.of(buttons));
    } else {
      StringSelectMenu.Builder menu =
          StringSelectMenu.create(new ComponentId.PanelSelect(p.id()).encode())
              .setPlaceholder(messages.format(MessageKey.PANEL_SELECT_PLACEHOLDER))
              .setRequiredRange(1, 1);
      for (TicketType t : live.subList(0, Math.min(live.size(), Panel.MAX_TYPES))) {
        SelectOption o = SelectOption.of(t.name(), Long.toString(t.id()));
        if (t.description() != null) {
          o = o.withDescription(t.description());
        }
        if (t.emoji() != null) {
          o = o.withEmoji(Emoji.fromFormatted(t.emoji()));
        }
        menu.addOptions(o);
      }
      children.add(ActionRow.of(menu.build()));
    }
    return Container.of(children).withAccentColor(p.colour());
  }

  /**
   * Posts the panel's message unless an earlier attempt did ({@code lookFirst}: found among the
   * channel's latest messages by the panel id in its components), and records it as posted.
   *
   * @throws ErrorResponseException when Discord refuses it
   */
  Message post(TextChannel channel, Panel p, boolean lookFirst) {
    if (lookFirst) {
      Optional<Message> earlier = OwnMessages.find(channel, m -> isPanel(m, p.id()));
      if (earlier.isPresent()) {
        panels.posted(p, earlier.get().getIdLong());
        return earlier.get();
      }
    }
    Message sent = channel.sendMessage(new MessageCreateBuilder()
            .useComponentsV2()
            .setComponents(draw(channel.getGuild(), p, panels.liveTypes(p)))
            .setAllowedMentions(List.of())
            .build())
        .setNonce("panel-" + p.id())
        .complete();
    panels.posted(p, sent.getIdLong());
    return sent;
  }

  /** Whether {@code m} is panel {@code panelId}'s message (one of its components says so). */
  static boolean isPanel(Message m, long panelId) {
    return m.getComponentTree().findAll(ICustomId.class).stream()
        .map(c -> ComponentId.decode(c.getCustomId()).orElse(null))
        .anyMatch(id -> (id instanceof ComponentId.PanelButton b && b.panelId() == panelId)
            || (id instanceof ComponentId.PanelSelect s && s.panelId() == panelId));
  }

  /** What a redraw came to. */
  enum Redrawn {
    /** Drawn with the current types. */
    DONE,
    /** Not a posted panel, or its message or channel is gone (then recorded {@code GONE}). */
    NOT_POSTED,
    /**
     * Discord refused for good (a 4xx, or permissions the bot lacks): not tried again until a type
     * changes again.
     */
    REFUSED,
    /** A server error or a failed request: still due, tried again on the timers' next sweep. */
    LATER
  }

  /** Redraws a posted panel with its current types. */
  Redrawn redraw(Guild guild, Panel p) {
    if (p.state() != Panel.State.POSTED || p.messageId() == null) {
      return Redrawn.NOT_POSTED;
    }
    TextChannel channel = guild.getTextChannelById(p.channelId());
    if (channel == null) {
      panels.gone(p);
      return Redrawn.NOT_POSTED;
    }
    // read before the types: a change saved after this read leaves the panel due
    long requested = panels.redrawsRequested(p.id());
    try {
      channel.editMessageById(p.messageId(), new MessageEditBuilder()
              .useComponentsV2()
              .setComponents(draw(guild, p, panels.liveTypes(p)))
              .setAllowedMentions(List.of())
              .build())
          .complete();
      panels.redrawn(p.id(), requested);
      return Redrawn.DONE;
    } catch (ErrorResponseException e) {
      if (e.getErrorResponse() == ErrorResponse.UNKNOWN_MESSAGE
          || e.getErrorResponse() == ErrorResponse.UNKNOWN_CHANNEL) {
        panels.gone(p);
        return Redrawn.NOT_POSTED;
      }
      log.warn("guild {}: panel {} not redrawn: {}", p.guildId(), p.id(),
          TicketHandlers.describe(e));
      return e.isServerError() ? Redrawn.LATER : refused(p, requested);
    } catch (InsufficientPermissionException e) {
      log.warn("guild {}: panel {} not redrawn: the bot lacks {}", p.guildId(), p.id(),
          e.getPermission());
      return refused(p, requested);
    } catch (dev.tiramisu.tickets.common.StorageUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      log.warn("guild {}: panel {} not redrawn", p.guildId(), p.id(), e);
      return Redrawn.LATER;
    }
  }

  /** A refusal for good: no longer due, so the sweeps do not ask Discord again and again. */
  private Redrawn refused(Panel p, long requested) {
    panels.redrawn(p.id(), requested);
    return Redrawn.REFUSED;
  }

  /**
   * What {@link #redrawDue(Guild)} did: panels redrawn, refused for good by Discord, and left for
   * the timers' next sweep.
   */
  record Redraws(int done, int refused, int later) {}

  /**
   * Redraws the guild's panels due for it: after a type was edited or deleted, those offering it
   * (the change requested their redraw), and any whose earlier redraw did not reach Discord.
   */
  Redraws redrawDue(Guild guild) {
    int[] counts = new int[Redrawn.values().length];
    for (Panel p : panels.redrawsDue(guild.getIdLong())) {
      counts[redraw(guild, p).ordinal()]++;
    }
    return new Redraws(counts[Redrawn.DONE.ordinal()], counts[Redrawn.REFUSED.ordinal()],
        counts[Redrawn.LATER.ordinal()]);
  }

  /**
   * Redraws the panels due for it in the guilds {@code guildOf} finds (this process's, on the
   * shards whose timers it holds; null for the others): a redraw Discord refused earlier is tried
   * again on each timers' sweep.
   *
   * @return how many were redrawn
   */
  int redrawDue(LongFunction<Guild> guildOf) {
    int redrawn = 0;
    for (Panel p : panels.redrawsDue(null)) {
      Guild guild = guildOf.apply(p.guildId());
      if (guild != null && redraw(guild, p) == Redrawn.DONE) {
        redrawn++;
      }
    }
    return redrawn;
  }

  /**
   * Whether the guild's panel was deleted with {@code /panel delete}: a click on its message means
   * the message outlived the command (a stop in between), so the click opens nothing.
   */
  boolean removed(long guildId, long panelId) {
    return panels.find(panelId)
        .filter(p -> p.guildId() == guildId && p.state() == Panel.State.DELETED).isPresent();
  }

  /**
   * Deletes the message of a deleted panel that outlived {@code /panel delete}, by the channel's
   * route (JDA would send a message that came with an interaction to the interaction's webhook,
   * which only reaches the interaction's own messages).
   */
  void removeLeftover(Guild guild, long channelId, long messageId, long panelId) {
    TextChannel channel = guild.getTextChannelById(channelId);
    if (channel == null) {
      return;
    }
    try {
      channel.deleteMessageById(messageId).complete();
      log.info("guild {}: message of deleted panel {} removed", guild.getIdLong(), panelId);
    } catch (ErrorResponseException e) {
      if (e.getErrorResponse() != ErrorResponse.UNKNOWN_MESSAGE) {
        log.warn("guild {}: message of deleted panel {} not removed: {}", guild.getIdLong(),
            panelId, TicketHandlers.describe(e));
      }
    } catch (InsufficientPermissionException e) {
      // the member has their answer already; an admin removes the message by hand
      log.warn("guild {}: message of deleted panel {} not removed: the bot lacks {}",
          guild.getIdLong(), panelId, e.getPermission());
    }
  }

  /** Redraws the panel of a click whose type is gone (so the next member sees what is left). */
  void redrawIfStale(Guild guild, long panelId, long typeId) {
    Optional<Panel> p = panels.find(panelId).filter(x -> x.guildId() == guild.getIdLong());
    if (p.isPresent() && panels.liveTypes(p.get()).stream().noneMatch(t -> t.id() == typeId)) {
      redraw(guild, p.get());
    }
  }

  /**
   * Finishes the panels a crash left {@link Panel.State#POSTING} in this process's guilds: the
   * message is looked for first, then posted; a panel whose types are all gone, or whose channel
   * is, is dropped. Runs at start.
   */
  void finishPosting(ShardManager shards) {
    inThisProcess(panels.posting(), shards, (guild, p) -> {
      TextChannel channel = guild.getTextChannelById(p.channelId());
      try {
        if (channel == null || panels.liveTypes(p).isEmpty()) {
          panels.notPosted(p);
        } else {
          post(channel, p, true);
        }
      } catch (ErrorResponseException e) {
        log.warn("guild {}: panel {} could not be finished: {}", p.guildId(), p.id(),
            TicketHandlers.describe(e));
        if (!e.isServerError()) {
          panels.notPosted(p);
        }
      }
    });
  }

  /**
   * Redraws the panels of this process's guilds that are due for it (a crash or a Discord failure
   * came between a type's change and the redraw). Runs at start.
   */
  void finishRedraws(ShardManager shards) {
    inThisProcess(panels.redrawsDue(null), shards, this::redraw);
  }

  /**
   * Runs {@code finish} for the panels of {@code found} in this process's guilds, at most {@value
   * #FINISH_AT_START}; a failure of one is logged and the next one goes on.
   */
  private static void inThisProcess(List<Panel> found, ShardManager shards,
      java.util.function.BiConsumer<Guild, Panel> finish) {
    int done = 0;
    for (Panel p : found) {
      if (done >= FINISH_AT_START) {
        break;
      }
      Guild guild = shards.getGuildById(p.guildId());
      if (guild == null) {
        continue; // another process's shard, or the bot left
      }
      done++;
      try {
        finish.accept(guild, p);
      } catch (RuntimeException e) {
        log.warn("guild {}: panel {} could not be finished", p.guildId(), p.id(), e);
      }
    }
  }

  /** A link to a message. */
  static String link(long guildId, long channelId, long messageId) {
    return "https://discord.com/channels/" + guildId + "/" + channelId + "/" + messageId;
  }
}
