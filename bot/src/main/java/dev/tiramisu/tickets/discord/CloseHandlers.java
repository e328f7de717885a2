package dev.tiramisu.tickets.discord;

import static dev.tiramisu.tickets.discord.TicketHandlers.actor;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.effects.EffectKind;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import dev.tiramisu.tickets.ticket.ClaimService;
import dev.tiramisu.tickets.ticket.ClosedTicket;
import dev.tiramisu.tickets.ticket.Reasons;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketService;
import java.util.List;
import java.util.OptionalLong;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;

/**
 * Closing a ticket: {@code /ticket close [reason]} and the first message's Close button ask for
 * confirmation (only the person who asked can answer); Confirm closes, Cancel keeps it open. Runs
 * on the router's executor after the reply was deferred, except {@link #cancelClose}, which
 * updates the confirmation itself.
 *
 * <p>When the close is saved, its effects also remove the buttons of the ticket's first message
 * and of every confirmation of the ticket this process showed (their interactions' tokens are kept
 * with the pending confirmation), so no Close button stays live on a closed ticket. Staff closing
 * a ticket another staff member claimed are told so in the confirmation ({@code claim_notice});
 * they are not stopped.
 */
final class CloseHandlers {
  private final TicketService tickets;
  private final ClaimService claims;
  private final Replies replies;
  private final PendingCloseReasons pending;
  private final EffectWorker effects;
  private final TicketThreads threads;

  CloseHandlers(TicketService tickets, ClaimService claims, Replies replies,
      PendingCloseReasons pending, EffectWorker effects, TicketThreads threads) {
    this.tickets = tickets;
    this.claims = claims;
    this.replies = replies;
    this.pending = pending;
    this.effects = effects;
    this.threads = threads;
  }

  void closeCommand(SlashCommandInteractionEvent e) {
    Ticket ticket = threads.resolve(e);
    if (ticket == null) {
      return;
    }
    String reason = e.getOption(CommandCatalog.OPT_REASON, OptionMapping::getAsString);
    Result<?> checkedReason = Reasons.normalize(reason);
    if (checkedReason.isRefused()) {
      replies.send(e, checkedReason.refusal());
      return;
    }
    askConfirmation(e, e.getGuild(), ticket.id(), reason);
  }

  void closeButton(ButtonInteractionEvent e, ComponentId.Close id) {
    Guild guild = e.getGuild();
    if (guild == null) {
      replies.send(e, MessageKey.ERROR_NOT_IN_GUILD);
      return;
    }
    askConfirmation(e, guild, id.ticketId(), null);
  }

  private void askConfirmation(IReplyCallback e, Guild guild, long ticketId, String reason) {
    Actor actor = actor(e.getMember());
    Result<Ticket> allowed = tickets.checkClose(guild.getIdLong(), ticketId, actor);
    if (allowed.isRefused()) {
      replies.send(e, allowed.refusal());
      return;
    }
    pending.put(ticketId, actor.userId(), reason, ReplyHandle.of(e));
    Messages messages = replies.messages(e);
    String text = messages.format(MessageKey.TICKET_CLOSE_CONFIRM, allowed.value().number());
    OptionalLong claimer = claims.noticeFor(guild.getIdLong(), ticketId, actor);
    if (claimer.isPresent()) {
      text += "\n" + messages.format(MessageKey.TICKET_CLAIM_NOTICE, claimer.getAsLong());
    }
    replies.send(e, text,
        List.of(ActionRow.of(
            Button.danger(new ComponentId.ConfirmClose(ticketId, actor.userId()).encode(),
                messages.format(MessageKey.BUTTON_CLOSE_CONFIRM)),
            Button.secondary(new ComponentId.CancelClose(ticketId, actor.userId()).encode(),
                messages.format(MessageKey.BUTTON_CANCEL)))));
  }

  void cancelClose(ButtonInteractionEvent e, ComponentId.CancelClose id) {
    if (e.getUser().getIdLong() != id.requesterId()) {
      replies.send(e, MessageKey.ERROR_NOT_YOUR_CONFIRMATION);
      return;
    }
    pending.forget(id.ticketId(), id.requesterId());
    e.editMessage(replies.messages(e).format(MessageKey.TICKET_CLOSE_CANCELLED))
        .setComponents()
        .setAllowedMentions(List.of())
        .complete();
  }

  void confirmClose(ButtonInteractionEvent e, ComponentId.ConfirmClose id) {
    Guild guild = e.getGuild();
    if (guild == null) {
      replies.send(e, MessageKey.ERROR_NOT_IN_GUILD);
      return;
    }
    if (e.getUser().getIdLong() != id.requesterId()) {
      replies.send(e, MessageKey.ERROR_NOT_YOUR_CONFIRMATION);
      return;
    }
    String reason = pending.reason(id.ticketId(), id.requesterId());
    Result<ClosedTicket> closed = tickets.close(guild.getIdLong(), id.ticketId(),
        actor(e.getMember()), reason, ReplyHandle.of(e), pending.tokens(id.ticketId()));
    if (closed.isRefused()) {
      replies.send(e, closed.refusal());
      return;
    }
    pending.forgetTicket(id.ticketId());
    // Saved with its effects: post, buttons off, transcript, rename+lock+archive, first answer,
    // DM, log, whole answer.
    Ticket t = closed.value().ticket();
    effects.kick(t.id(), guild.getIdLong());
    // waits for the first answer (closed, DM and log on their way), not the whole outcome
    TicketHandlers.answerWhenDone(effects, replies, e, t, EffectKind.REPLY_CLOSING,
        MessageKey.TICKET_CLOSE_PENDING);
  }
}
