package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.effects.Effect;
import dev.tiramisu.tickets.effects.EffectKind;
import dev.tiramisu.tickets.effects.EffectState;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.CloseRequest;
import dev.tiramisu.tickets.ticket.ThreadInfo;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketService;
import dev.tiramisu.tickets.ticket.TicketTimers;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;

/**
 * {@code /ticket closerequest [reason] [after]} (staff) and the request's Accept / Keep open
 * buttons (the ticket's creator only; anyone else gets an ephemeral refusal). Runs on the
 * router's executor after the reply was deferred; the rules are {@link TicketTimers}'.
 */
final class CloseRequestHandlers {
  /** How long the command waits for the request's post before answering "still in progress". */
  static final Duration POST_WAIT = Duration.ofSeconds(5);

  private final TicketService tickets;
  private final TicketTimers timers;
  private final Replies replies;
  private final EffectWorker effects;

  CloseRequestHandlers(TicketService tickets, TicketTimers timers, Replies replies,
      EffectWorker effects) {
    this.tickets = tickets;
    this.timers = timers;
    this.replies = replies;
    this.effects = effects;
  }

  void request(SlashCommandInteractionEvent e) {
    Guild guild = e.getGuild();
    if (guild == null) {
      replies.send(e, MessageKey.ERROR_NOT_IN_GUILD);
      return;
    }
    if (!e.getChannelType().isThread()) {
      replies.send(e, MessageKey.ERROR_NOT_A_TICKET);
      return;
    }
    ThreadChannel thread = e.getChannel().asThreadChannel();
    ThreadInfo info = new ThreadInfo(thread.getIdLong(), thread.getParentChannel().getIdLong(),
        thread.getName(), thread.getType() == ChannelType.GUILD_PRIVATE_THREAD);
    Result<Ticket> ticket =
        tickets.resolve(guild.getIdLong(), info, unknown -> OptionalLong.empty());
    if (ticket.isRefused()) {
      replies.send(e, ticket.refusal());
      return;
    }
    Result<CloseRequest> saved = timers.requestClose(guild.getIdLong(), ticket.value().id(),
        TicketHandlers.actor(e.getMember()),
        e.getOption(CommandCatalog.OPT_REASON, OptionMapping::getAsString),
        e.getOption(CommandCatalog.OPT_AFTER, OptionMapping::getAsString));
    if (saved.isRefused()) {
      replies.send(e, saved.refusal());
      return;
    }
    CloseRequest r = saved.value();
    Ticket t = ticket.value();
    effects.kick(t.id(), guild.getIdLong());
    Optional<Effect> posted = effects.awaitSettled(t.id(), EffectKind.CLOSE_REQUEST_POST,
        POST_WAIT);
    EffectState state = posted.map(Effect::state).orElse(EffectState.PENDING);
    if (state == EffectState.PENDING) {
      replies.send(e, MessageKey.CLOSE_REQUEST_POST_PENDING);
    } else if (state == EffectState.FAILED) {
      replies.send(e, MessageKey.CLOSE_REQUEST_POST_FAILED);
    } else if (r.hasDeadline()) {
      replies.send(e, MessageKey.CLOSE_REQUEST_SENT_DUE, t.creatorId(),
          r.dueAt().getEpochSecond());
    } else {
      replies.send(e, MessageKey.CLOSE_REQUEST_SENT, t.creatorId());
    }
  }

  void accept(ButtonInteractionEvent e, ComponentId.CloseRequestAccept id) {
    answer(e, id.requestId(), true);
  }

  void keepOpen(ButtonInteractionEvent e, ComponentId.CloseRequestKeep id) {
    answer(e, id.requestId(), false);
  }

  private void answer(ButtonInteractionEvent e, long requestId, boolean accept) {
    Guild guild = e.getGuild();
    if (guild == null) {
      replies.send(e, MessageKey.ERROR_NOT_IN_GUILD);
      return;
    }
    Result<TicketTimers.Answer> answered =
        timers.answer(guild.getIdLong(), requestId, e.getUser().getIdLong(), accept);
    if (answered.isRefused()) {
      replies.send(e, answered.refusal());
      return;
    }
    TicketTimers.Answer a = answered.value();
    effects.kick(a.request().ticketId(), guild.getIdLong());
    if (accept) {
      int number = a.closed().map(c -> c.ticket().number())
          .orElseGet(() -> tickets.find(a.request().ticketId()).map(Ticket::number).orElse(0));
      replies.send(e, MessageKey.TICKET_CLOSED_REPLY, number);
    } else {
      replies.send(e, MessageKey.TICKET_CLOSE_CANCELLED);
    }
  }
}
