package dev.tiramisu.tickets.discord;

import static dev.tiramisu.tickets.discord.TicketHandlers.actor;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import dev.tiramisu.tickets.ticket.ClaimService;
import dev.tiramisu.tickets.ticket.MemberService;
import dev.tiramisu.tickets.ticket.TargetUser;
import dev.tiramisu.tickets.ticket.Ticket;
import java.util.OptionalLong;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;

/**
 * {@code /ticket add @user} and {@code /ticket remove @user}: whether the user is in the thread
 * is asked of Discord (not JDA's cache, which the bot's intents do not keep), then the change is
 * saved with its effects (the thread membership, a post in the thread, a log line). Runs on the
 * router's executor after the reply was deferred.
 */
final class MemberHandlers {
  private final MemberService members;
  private final ClaimService claims;
  private final Replies replies;
  private final EffectWorker effects;
  private final TicketThreads threads;

  MemberHandlers(MemberService members, ClaimService claims, Replies replies,
      EffectWorker effects, TicketThreads threads) {
    this.members = members;
    this.claims = claims;
    this.replies = replies;
    this.effects = effects;
    this.threads = threads;
  }

  void add(SlashCommandInteractionEvent e) {
    change(e, true);
  }

  void remove(SlashCommandInteractionEvent e) {
    change(e, false);
  }

  private void change(SlashCommandInteractionEvent e, boolean add) {
    Messages messages = replies.messages(e);
    Ticket t = threads.resolve(e);
    if (t == null) {
      return;
    }
    Guild guild = e.getGuild();
    Actor actor = actor(e.getMember());
    Result<Ticket> allowed = add ? members.checkAdd(guild.getIdLong(), t.id(), actor)
        : members.checkRemove(guild.getIdLong(), t.id(), actor);
    if (allowed.isRefused()) {
      replies.send(e, allowed.refusal());
      return;
    }
    TargetUser target = ClaimHandlers.target(e.getOption(CommandCatalog.OPT_MEMBER));
    boolean inThread = target.inGuild() && !target.bot()
        && inThread((ThreadChannel) e.getChannel(), target.userId());
    Result<Ticket> done = add
        ? members.add(guild.getIdLong(), t.id(), actor, target, inThread)
        : members.remove(guild.getIdLong(), t.id(), actor, target, inThread);
    if (done.isRefused()) {
      replies.send(e, done.refusal());
      return;
    }
    effects.kick(t.id(), guild.getIdLong());
    String text = messages.format(add ? MessageKey.TICKET_MEMBER_ADDED_REPLY
        : MessageKey.TICKET_MEMBER_REMOVED_REPLY, target.userId(), t.number());
    OptionalLong claimer = claims.noticeFor(guild.getIdLong(), t.id(), actor);
    if (claimer.isPresent()) {
      text += "\n" + messages.format(MessageKey.TICKET_CLAIM_NOTICE, claimer.getAsLong());
    }
    replies.send(e, text);
  }

  /** Whether Discord lists the user as a member of the thread. */
  private static boolean inThread(ThreadChannel thread, long userId) {
    try {
      thread.retrieveThreadMemberById(userId).useCache(false).complete();
      return true;
    } catch (ErrorResponseException e) {
      if (e.getErrorResponse() == ErrorResponse.UNKNOWN_MEMBER) {
        return false;
      }
      throw e;
    }
  }
}
