package dev.tiramisu.tickets.discord;

import static dev.tiramisu.tickets.discord.TicketHandlers.actor;
import static dev.tiramisu.tickets.discord.TicketHandlers.info;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.effects.Effect;
import dev.tiramisu.tickets.settings.GuildSettings;
import dev.tiramisu.tickets.settings.TicketTypes;
import dev.tiramisu.tickets.ticket.TicketList;
import dev.tiramisu.tickets.effects.EffectState;
import dev.tiramisu.tickets.settings.SettingsService;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketCheck;
import dev.tiramisu.tickets.ticket.TicketService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;

/**
 * The staff-only ticket commands: {@code /ticket check} (the original {@code is_ticket} verdict,
 * and what the bot still has to do or could not do on Discord for the ticket) and {@code /ticket
 * button} (the panel). Runs on the router's executor after the reply was deferred.
 */
final class StaffHandlers {
  private final TicketService tickets;
  private final SettingsService settings;
  private final Replies replies;
  private final EffectWorker effects;
  private final TicketTypes types;

  StaffHandlers(TicketService tickets, SettingsService settings, Replies replies,
      EffectWorker effects, TicketTypes types) {
    this.types = types;
    this.tickets = tickets;
    this.settings = settings;
    this.replies = replies;
    this.effects = effects;
  }

  // ------------------------------------------------------------------- check

  /**
   * The guild of a staff-only command, or null after telling a non-staff member (or a DM) why
   * not. Staff are the guild's staff, or staff of one of its ticket types (their own roles).
   */
  private Guild staffGuild(SlashCommandInteractionEvent e) {
    Guild guild = e.getGuild();
    if (guild == null) {
      replies.send(e, MessageKey.ERROR_NOT_IN_GUILD);
      return null;
    }
    Actor a = actor(e.getMember());
    GuildSettings s = settings.get(guild.getIdLong());
    if (!s.isStaff(a) && TicketList.staffTypes(s, types.list(guild.getIdLong()), a).isEmpty()) {
      replies.send(e, MessageKey.ERROR_STAFF_ONLY);
      return null;
    }
    return guild;
  }

  /**
   * Whether {@code actor} is staff for the thread: the guild's staff, or staff of the type of the
   * ticket the thread holds.
   */
  private boolean staffFor(Guild guild, Actor actor, ThreadChannel thread) {
    GuildSettings s = settings.get(guild.getIdLong());
    if (s.isStaff(actor)) {
      return true;
    }
    if (thread == null) {
      return false;
    }
    return tickets.findByThread(thread.getIdLong())
        .filter(t -> t.guildId() == guild.getIdLong())
        .flatMap(t -> types.ofTicket(t.id()))
        .filter(t -> !t.staffRoleIds().isEmpty())
        .map(t -> s.forType(t).isStaff(actor))
        .orElse(false);
  }

  void check(SlashCommandInteractionEvent e) {
    Messages messages = replies.messages(e);
    Guild guild = staffGuild(e);
    if (guild == null) {
      return;
    }
    OptionMapping option = e.getOption(CommandCatalog.OPT_THREAD);
    long targetId = option == null ? e.getChannelIdLong() : option.getAsLong();
    ThreadChannel thread = guild.getThreadChannelById(targetId);
    if (thread == null && option != null && option.getChannelType().isThread()) {
      thread = option.getAsChannel().asThreadChannel();
    } else if (thread == null && option == null && e.getChannelType().isThread()) {
      thread = e.getChannel().asThreadChannel();
    }
    if (!staffFor(guild, actor(e.getMember()), thread)) {
      // staff of a type only: about tickets of their types only
      replies.send(e, MessageKey.ERROR_STAFF_ONLY);
      return;
    }
    if (thread == null) {
      replies.send(e, MessageKey.TICKET_CHECK_NOT_TICKET, targetId,
          messages.format(MessageKey.CHECK_WHY_NOT_A_THREAD));
      return;
    }
    TicketCheck.Verdict v = tickets.isTicket(guild.getIdLong(), info(thread));
    String verdict = v.isTicket()
        ? messages.format(MessageKey.TICKET_CHECK_IS_TICKET, thread.getIdLong(), v.number())
        : messages.format(MessageKey.TICKET_CHECK_NOT_TICKET, thread.getIdLong(),
            messages.format(why(v.notTicket())));
    Optional<Ticket> row = tickets.findByThread(thread.getIdLong())
        .filter(t -> t.guildId() == guild.getIdLong());
    replies.send(e, row.isEmpty() ? verdict
        : verdict + "\n" + effectsSummary(replies.messages(e), effects.effectsOf(row.get().id())));
  }

  /** What the bot still has to do, or could not do, on Discord for a ticket. */
  private String effectsSummary(Messages messages, List<Effect> chain) {
    List<String> pendingSteps = new ArrayList<>();
    List<String> failedSteps = new ArrayList<>();
    for (Effect x : chain) {
      String item = messages.format(MessageKey.TICKET_CHECK_EFFECT_ITEM,
          messages.format(MessageKey.valueOf("EFFECT_" + x.kind().name())), x.attempts());
      if (x.isPending()) {
        pendingSteps.add(item);
      } else if (x.state() == EffectState.FAILED) {
        failedSteps.add(item);
      }
    }
    List<String> lines = new ArrayList<>();
    if (!pendingSteps.isEmpty()) {
      lines.add(messages.format(MessageKey.TICKET_CHECK_EFFECTS_PENDING,
          String.join(", ", pendingSteps)));
    }
    if (!failedSteps.isEmpty()) {
      lines.add(messages.format(MessageKey.TICKET_CHECK_EFFECTS_FAILED,
          String.join(", ", failedSteps)));
    }
    if (lines.isEmpty()) {
      lines.add(messages.format(MessageKey.TICKET_CHECK_EFFECTS_DONE));
    }
    return String.join("\n", lines);
  }

  private static MessageKey why(TicketCheck.NotTicket n) {
    switch (n) {
      case TICKET_CHANNEL_NOT_SET:
        return MessageKey.CHECK_WHY_TICKET_CHANNEL_NOT_SET;
      case NOT_COUNTING:
        return MessageKey.CHECK_WHY_NOT_COUNTING;
      case NOT_PRIVATE:
        return MessageKey.CHECK_WHY_NOT_PRIVATE;
      case WRONG_PARENT:
        return MessageKey.CHECK_WHY_WRONG_PARENT;
      case NAME_MISMATCH:
        return MessageKey.CHECK_WHY_NAME_MISMATCH;
      case NUMBER_TOO_HIGH:
        return MessageKey.CHECK_WHY_NUMBER_TOO_HIGH;
      default:
        throw new AssertionError(n);
    }
  }

  // ------------------------------------------------------------------- panel

  void panel(SlashCommandInteractionEvent e) {
    Messages messages = replies.messages(e);
    Guild guild = staffGuild(e);
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
    List<MessageKey> missing = BotPermissions.missingForPosting(guild.getSelfMember(), target);
    if (!missing.isEmpty()) {
      replies.send(e, MessageKey.ERROR_MISSING_PERMISSIONS, targetId,
          BotPermissions.names(missing, messages));
      return;
    }
    String text = e.getOption(CommandCatalog.OPT_MESSAGE, OptionMapping::getAsString);
    // The panel is for every member: in the server's language, not the poster's.
    Messages everyone = Locales.guild(guild);
    target.sendMessage(new MessageCreateBuilder()
            .setContent(text == null || text.isBlank()
                ? everyone.format(MessageKey.PANEL_MESSAGE) : text)
            .setAllowedMentions(List.of())
            .setComponents(ActionRow.of(Button.primary(new ComponentId.OpenTicket().encode(),
                everyone.format(MessageKey.BUTTON_OPEN_TICKET))))
            .build())
        .complete();
    replies.send(e, MessageKey.PANEL_POSTED, targetId);
  }
}
