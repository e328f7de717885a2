package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.common.StorageUnavailableException;
import dev.tiramisu.tickets.ticket.ClosedTicket;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketService;
import dev.tiramisu.tickets.ticket.TicketTimers;
import dev.tiramisu.tickets.ticket.TicketWorld;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.events.RawGatewayEvent;
import net.dv8tion.jda.api.events.channel.ChannelDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to tickets without a command: a message in a ticket's thread (MESSAGE_CREATE, the
 * GUILD_MESSAGES intent, no Message Content needed: only the author and the channel are read)
 * is activity for auto-close and, from the creator, cancels a close request's deadline; a deleted
 * thread (THREAD_DELETE, read raw, since JDA drops the event for a thread it has not cached, e.g.
 * an archived one after a restart) closes its ticket as "thread deleted"; a deleted text channel
 * closes the tickets whose threads were in it and leaves a notice for the admins. Work runs on
 * the handler executor, never on JDA's event thread; logs carry ids only.
 */
final class WorldEvents extends ListenerAdapter {
  private static final Logger log = LoggerFactory.getLogger(WorldEvents.class);

  private final TicketService tickets;
  private final TicketTimers timers;
  private final TicketWorld world;
  private final EffectWorker effects;
  private final Executor executor;
  private final dev.tiramisu.tickets.ticket.Feedback feedback;

  WorldEvents(TicketService tickets, TicketTimers timers, TicketWorld world,
      EffectWorker effects, Executor executor, dev.tiramisu.tickets.ticket.Feedback feedback) {
    this.feedback = feedback;
    this.tickets = tickets;
    this.timers = timers;
    this.world = world;
    this.effects = effects;
    this.executor = executor;
  }

  @Override
  public void onMessageReceived(MessageReceivedEvent e) {
    if (!e.isFromGuild() || !e.getChannelType().isThread()
        || e.getAuthor().getIdLong() == e.getJDA().getSelfUser().getIdLong()
        || e.getMessage().getType().isSystem()) {
      return;
    }
    long guildId = e.getGuild().getIdLong();
    long threadId = e.getChannel().getIdLong();
    long authorId = e.getAuthor().getIdLong();
    // issue 13: who wrote, for the first staff reply (from the event: no extra request; bots,
    // webhooks and members the event does not carry are not staff replies)
    Actor author = e.getAuthor().isBot() || e.isWebhookMessage() || e.getMember() == null
        ? null : TicketHandlers.actor(e.getMember());
    run("message in thread " + threadId,
        () -> messageInThread(guildId, threadId, authorId, author));
  }

  private void messageInThread(long guildId, long threadId, long authorId, Actor author) {
    Optional<Ticket> t = tickets.findByThread(threadId)
        .filter(x -> x.guildId() == guildId && x.isOpen());
    if (t.isEmpty()) {
      return;
    }
    Ticket ticket = t.get();
    if (author != null) {
      feedback.messageInTicket(ticket, author);
    }
    timers.activity(ticket.id(), guildId);
    if (authorId == ticket.creatorId()) {
      timers.creatorWrote(ticket.id(), guildId)
          .ifPresent(r -> effects.kick(ticket.id(), guildId));
    }
  }

  @Override
  public void onRawGateway(RawGatewayEvent e) {
    if (!"THREAD_DELETE".equals(e.getType())) {
      return;
    }
    var d = e.getPayload();
    if (!d.hasKey("guild_id") || !d.hasKey("id")) {
      return;
    }
    long guildId = d.getUnsignedLong("guild_id");
    long threadId = d.getUnsignedLong("id");
    long botId = e.getJDA().getSelfUser().getIdLong();
    run("thread " + threadId + " deleted", () -> world.threadDeleted(guildId, threadId, botId)
        .ifPresent(c -> closed(c, "its thread was deleted")));
  }

  @Override
  public void onChannelDelete(ChannelDeleteEvent e) {
    if (!e.isFromGuild() || e.getChannelType() != ChannelType.TEXT) {
      return;
    }
    long guildId = e.getGuild().getIdLong();
    long channelId = e.getChannel().getIdLong();
    long botId = e.getJDA().getSelfUser().getIdLong();
    run("channel " + channelId + " deleted", () -> {
      List<ClosedTicket> closed = world.channelDeleted(guildId, channelId, botId);
      closed.forEach(c -> closed(c, "its channel was deleted"));
    });
  }

  private void closed(ClosedTicket c, String why) {
    Ticket t = c.ticket();
    log.info("guild {}: ticket #{} (id {}) closed: {}", t.guildId(), t.number(), t.id(), why);
    effects.kick(t.id(), t.guildId());
  }

  private void run(String what, Runnable work) {
    try {
      executor.execute(() -> {
        try {
          work.run();
        } catch (StorageUnavailableException ex) {
          log.warn("{}: database unavailable, not recorded: {}", what, ex.getMessage());
        } catch (RuntimeException ex) {
          log.error("{}: failed", what, ex);
        }
      });
    } catch (RejectedExecutionException stopping) {
      log.info("shutting down: {} ignored", what);
    }
  }
}
