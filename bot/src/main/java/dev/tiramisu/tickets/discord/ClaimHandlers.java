package dev.tiramisu.tickets.discord;

import static dev.tiramisu.tickets.discord.TicketHandlers.actor;

import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.ClaimService;
import dev.tiramisu.tickets.ticket.TargetUser;
import dev.tiramisu.tickets.ticket.Ticket;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;

/**
 * Claiming: {@code /ticket claim} and the first message's Claim button, {@code /ticket unclaim},
 * {@code /ticket transfer @staff}. The claim is saved with its effects (the first message edited
 * to show the claimer, the log line); the person is answered once it is saved. Runs on the
 * router's executor after the reply was deferred.
 */
final class ClaimHandlers {
  private final ClaimService claims;
  private final Replies replies;
  private final EffectWorker effects;
  private final TicketThreads threads;

  ClaimHandlers(ClaimService claims, Replies replies, EffectWorker effects,
      TicketThreads threads) {
    this.claims = claims;
    this.replies = replies;
    this.effects = effects;
    this.threads = threads;
  }

  void claimCommand(SlashCommandInteractionEvent e) {
    Ticket t = threads.resolve(e);
    if (t != null) {
      claim(e, e.getGuild(), t.id());
    }
  }

  void claimButton(ButtonInteractionEvent e, ComponentId.Claim id) {
    Guild guild = e.getGuild();
    if (guild == null) {
      replies.send(e, MessageKey.ERROR_NOT_IN_GUILD);
      return;
    }
    claim(e, guild, id.ticketId());
  }

  private void claim(IReplyCallback e, Guild guild, long ticketId) {
    Result<Ticket> claimed = claims.claim(guild.getIdLong(), ticketId, actor(e.getMember()));
    answer(e, guild, claimed, MessageKey.TICKET_CLAIMED_REPLY);
  }

  void unclaim(SlashCommandInteractionEvent e) {
    Ticket t = threads.resolve(e);
    if (t == null) {
      return;
    }
    Guild guild = e.getGuild();
    answer(e, guild, claims.unclaim(guild.getIdLong(), t.id(), actor(e.getMember())),
        MessageKey.TICKET_UNCLAIMED_REPLY);
  }

  void transfer(SlashCommandInteractionEvent e) {
    Ticket t = threads.resolve(e);
    if (t == null) {
      return;
    }
    Guild guild = e.getGuild();
    TargetUser to = target(e.getOption(CommandCatalog.OPT_MEMBER));
    Result<Ticket> moved = claims.transfer(guild.getIdLong(), t.id(), actor(e.getMember()), to);
    if (moved.isRefused()) {
      replies.send(e, moved.refusal());
      return;
    }
    effects.kick(t.id(), guild.getIdLong());
    replies.send(e, MessageKey.TICKET_TRANSFERRED_REPLY, moved.value().number(), to.userId());
  }

  private void answer(IReplyCallback e, Guild guild, Result<Ticket> r, MessageKey done) {
    if (r.isRefused()) {
      replies.send(e, r.refusal());
      return;
    }
    effects.kick(r.value().id(), guild.getIdLong());
    replies.send(e, done, r.value().number());
  }

  /** The user of a required user option, as a {@link TargetUser} (member or not, bot or not). */
  static TargetUser target(OptionMapping option) {
    User user = option.getAsUser();
    Member member = option.getAsMember();
    return new TargetUser(user.getIdLong(), user.isBot(), member == null ? null : actor(member));
  }
}
