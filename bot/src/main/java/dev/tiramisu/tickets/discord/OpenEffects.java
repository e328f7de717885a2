package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.effects.Effect;
import dev.tiramisu.tickets.effects.EffectKind;
import dev.tiramisu.tickets.effects.EffectState;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketService;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;

/**
 * The Discord effects of opening a ticket: create the private thread, post the first message
 * (its ping adds the creator), make sure of the creator (a PUT only if the first message failed),
 * pin the first message. Each is safe to repeat after a crash (see docs/core.md): the thread and
 * the first message are looked up before an attempt that may repeat an earlier one; the PUTs are
 * idempotent.
 */
final class OpenEffects {
  private final TicketService tickets;
  private final TicketTexts texts;
  private final ThreadLookup threads;

  OpenEffects(TicketService tickets, TicketTexts texts, ThreadLookup threads) {
    this.tickets = tickets;
    this.texts = texts;
    this.threads = threads;
  }

  EffectResult createThread(Effect e, Ticket t, Guild guild) {
    if (t.hasThread()) {
      return EffectResult.done("thread " + t.threadId() + " already recorded");
    }
    if (!t.isOpen()) {
      return EffectResult.failed("ticket is " + t.state());
    }
    long channelId = e.payload().requireLong(TicketService.CHANNEL);
    String name = e.payload().require(TicketService.NAME);
    TextChannel parent = guild.getTextChannelById(channelId);
    if (parent == null) {
      return EffectResult.failed("ticket_channel " + channelId + " unavailable");
    }
    List<MessageKey> missing = BotPermissions.missingForTickets(guild.getSelfMember(), parent);
    if (!missing.isEmpty()) {
      return EffectResult.failed("missing permissions " + missing);
    }
    if (e.attempts() > 1) {
      // An earlier attempt may have created the thread and died before recording it.
      Optional<ThreadChannel> earlier = threads.activeNamed(guild, channelId, name).stream()
          .filter(th -> tickets.findByThread(th.getIdLong()).isEmpty())
          .findFirst();
      if (earlier.isPresent()) {
        return attach(t, earlier.get(), "found thread %d from an earlier attempt");
      }
    }
    ThreadChannel thread = parent.createThreadChannel(name, true).setInvitable(false).complete();
    return attach(t, thread, "thread %d");
  }

  private EffectResult attach(Ticket t, ThreadChannel thread, String what) {
    if (tickets.attachThread(t.id(), thread.getIdLong(), null)) {
      return EffectResult.done(String.format(what, thread.getIdLong()));
    }
    return EffectResult.failed("thread " + thread.getIdLong() + " not recorded: ticket changed");
  }

  /** The outcome of an ADD_CREATOR settled by the first message's ping. */
  static final String ADDED_BY_MENTION = "added by the first message's mention";

  /**
   * Why {@code e} is already done without a request, or null: an ADD_CREATOR recorded after a
   * first message that was posted (it pings the creator, and the bot, the thread's creator with
   * Manage Threads, adds whom it pings to a private thread). A first message that failed, or one
   * still to come (chains recorded before this order), leaves the PUT to {@link #addCreator}.
   */
  static String doneWithoutRequest(Effect e, List<Effect> chain) {
    if (e.kind() != EffectKind.ADD_CREATOR) {
      return null;
    }
    return firstMessagePosted(e, chain) ? ADDED_BY_MENTION : null;
  }

  /** Whether the first message recorded before {@code e} in its chain was posted. */
  static boolean firstMessagePosted(Effect e, List<Effect> chain) {
    Effect first = null;
    for (Effect x : chain) {
      if (x.id() < e.id() && x.kind() == EffectKind.FIRST_MESSAGE) {
        first = x;
      }
    }
    return first != null && first.state() == EffectState.DONE;
  }

  EffectResult addCreator(Effect e, Ticket t, Guild guild) {
    ThreadChannel thread = threads.find(guild, t);
    if (thread == null) {
      return EffectResult.failed("thread " + t.threadId() + " not found");
    }
    thread.addThreadMemberById(t.creatorId()).complete();
    return EffectResult.done("member added");
  }

  EffectResult firstMessage(Effect e, Ticket t, Guild guild) {
    if (t.firstMessageId() != null) {
      return EffectResult.done("first message " + t.firstMessageId() + " already recorded");
    }
    ThreadChannel thread = threads.find(guild, t);
    if (thread == null) {
      return EffectResult.failed("thread " + t.threadId() + " not found");
    }
    String button = TicketTexts.closeButtonId(t);
    Optional<Message> earlier = e.attempts() > 1
        ? OwnMessages.find(thread, m -> OwnMessages.hasButton(m, button))
        : Optional.empty();
    long id = earlier.isPresent()
        ? earlier.get().getIdLong()
        : thread.sendMessage(texts.in(guild).firstMessage(t, TicketTexts.staffRoles(e.payload())))
            .setNonce(e.nonce()).complete().getIdLong();
    tickets.setFirstMessage(t.id(), id);
    return EffectResult.done((earlier.isPresent() ? "found message " : "message ") + id);
  }

  EffectResult pinFirst(Effect e, Ticket t, Guild guild) {
    if (t.firstMessageId() == null) {
      return EffectResult.failed("no first message to pin");
    }
    ThreadChannel thread = threads.find(guild, t);
    if (thread == null) {
      return EffectResult.failed("thread " + t.threadId() + " not found");
    }
    thread.pinMessageById(t.firstMessageId()).complete();
    return EffectResult.done("pinned");
  }
}
