package dev.tiramisu.tickets.discord;

import static dev.tiramisu.tickets.discord.TicketHandlers.actor;

import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.ReopenedTicket;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketService;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;

/**
 * Reopening (staff only): {@code /ticket reopen} in the thread and the Reopen button of the
 * "closed by" message. The reopen is saved with its effects (unarchive and unlock at once, rename
 * back, the first message's buttons live again, post "reopened by", log); the person is answered
 * once it is saved. Runs on the router's executor after the reply was deferred.
 */
final class ReopenHandlers {
  private final TicketService tickets;
  private final Replies replies;
  private final EffectWorker effects;
  private final TicketThreads threads;

  ReopenHandlers(TicketService tickets, Replies replies, EffectWorker effects,
      TicketThreads threads) {
    this.tickets = tickets;
    this.replies = replies;
    this.effects = effects;
    this.threads = threads;
  }

  void reopenCommand(SlashCommandInteractionEvent e) {
    Ticket t = threads.resolve(e);
    if (t != null) {
      reopen(e, e.getGuild(), t.id());
    }
  }

  void reopenButton(ButtonInteractionEvent e, ComponentId.Reopen id) {
    Guild guild = e.getGuild();
    if (guild == null) {
      replies.send(e, MessageKey.ERROR_NOT_IN_GUILD);
      return;
    }
    reopen(e, guild, id.ticketId());
  }

  private void reopen(IReplyCallback e, Guild guild, long ticketId) {
    Result<ReopenedTicket> reopened =
        tickets.reopen(guild.getIdLong(), ticketId, actor(e.getMember()));
    if (reopened.isRefused()) {
      replies.send(e, reopened.refusal());
      return;
    }
    Ticket t = reopened.value().ticket();
    effects.kick(t.id(), guild.getIdLong());
    replies.send(e, MessageKey.TICKET_REOPENED_REPLY, t.number(), t.threadId());
  }
}
