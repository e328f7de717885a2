package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.CreatorFallback;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketService;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;

/**
 * The ticket of the thread an interaction was used in: the commands that act on "this ticket"
 * ({@code /ticket close|claim|unclaim|transfer|add|remove|reopen}) share it.
 */
final class TicketThreads {
  private static final Pattern USER_MENTION = Pattern.compile("<@!?(\\d{1,20})>");
  /** How many messages after a thread's creation the legacy creator lookup reads. */
  private static final int FALLBACK_HISTORY = 10;

  private final TicketService tickets;
  private final Replies replies;

  TicketThreads(TicketService tickets, Replies replies) {
    this.tickets = tickets;
    this.replies = replies;
  }

  /** The ticket of the interaction's thread, or null after answering why there is none. */
  Ticket resolve(IReplyCallback e) {
    Guild guild = e.getGuild();
    if (guild == null) {
      replies.send(e, MessageKey.ERROR_NOT_IN_GUILD);
      return null;
    }
    if (!e.getChannelType().isThread()) {
      replies.send(e, MessageKey.ERROR_NOT_A_TICKET);
      return null;
    }
    ThreadChannel thread = (ThreadChannel) e.getChannel();
    Result<Ticket> ticket =
        tickets.resolve(guild.getIdLong(), TicketHandlers.info(thread), fallback(thread));
    if (ticket.isRefused()) {
      replies.send(e, ticket.refusal());
      return null;
    }
    return ticket.value();
  }

  /**
   * The original bot's {@code get_ticket_creator}: the first user mentioned in the bot's first
   * message after the thread's creation (read with history {@code after} the thread's id, which is
   * its creation time).
   */
  static CreatorFallback fallback(ThreadChannel thread) {
    return info -> {
      if (info.id() != thread.getIdLong()) {
        return OptionalLong.empty();
      }
      long self = thread.getJDA().getSelfUser().getIdLong();
      List<Message> history =
          thread.getHistoryAfter(thread.getIdLong(), FALLBACK_HISTORY).complete()
              .getRetrievedHistory();
      Message first = null;
      for (Message m : history) { // newest first
        if (m.getAuthor().getIdLong() == self) {
          first = m;
        }
      }
      if (first == null) {
        return OptionalLong.empty();
      }
      Matcher mention = USER_MENTION.matcher(OwnMessages.visibleText(first));
      while (mention.find()) {
        long id = Long.parseLong(mention.group(1));
        if (id != self) {
          return OptionalLong.of(id);
        }
      }
      return OptionalLong.empty();
    };
  }
}
