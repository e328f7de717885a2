package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketList;
import dev.tiramisu.tickets.ticket.TicketQueries;
import dev.tiramisu.tickets.ticket.TicketState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;

/**
 * {@code /ticket list [user] [state]} (staff): the guild's tickets newest first, {@value
 * TicketList#PAGE_SIZE} per page, as an ephemeral answer with Previous/Next buttons. The buttons'
 * ids carry the page and the filter ({@link ComponentId.ListPage}), so they keep working after a
 * restart; each page is checked for staff again (any staff member may turn pages). A page
 * button edits the list in place (the router acknowledges it with a deferred update).
 */
final class ListHandlers {
  private final TicketList list;
  private final Replies replies;

  ListHandlers(TicketList list, Replies replies) {
    this.list = list;
    this.replies = replies;
  }

  /** The command; the reply is deferred. */
  void command(SlashCommandInteractionEvent e) {
    Guild guild = e.getGuild();
    if (guild == null) {
      replies.send(e, MessageKey.ERROR_NOT_IN_GUILD);
      return;
    }
    User user = e.getOption(CommandCatalog.OPT_USER, OptionMapping::getAsUser);
    String state = e.getOption(CommandCatalog.OPT_STATE, "all", OptionMapping::getAsString);
    if (!ComponentId.LIST_STATES.contains(state)) {
      state = "all"; // the option is a fixed choice list; an old client may send something else
    }
    show(e, guild, new ComponentId.ListPage(1, user == null ? 0 : user.getIdLong(), state));
  }

  /** A Previous/Next button; the message is being updated (deferred). */
  void page(ButtonInteractionEvent e, ComponentId.ListPage id) {
    Guild guild = e.getGuild();
    if (guild == null) {
      replies.send(e, MessageKey.ERROR_NOT_IN_GUILD);
      return;
    }
    show(e, guild, id);
  }

  private void show(IReplyCallback e, Guild guild, ComponentId.ListPage id) {
    TicketQueries.Filter filter = new TicketQueries.Filter(guild.getIdLong(),
        id.creatorId() == 0 ? null : id.creatorId(),
        id.state().equals("all") ? null : TicketState.valueOf(id.state().toUpperCase(Locale.ROOT)));
    Result<TicketList.Page> page = list.page(TicketHandlers.actor(e.getMember()), filter,
        id.page());
    if (page.isRefused()) {
      replies.send(e, page.refusal());
      return;
    }
    TicketList.Page p = page.value();
    replies.send(e, render(replies.messages(e), p), buttons(replies.messages(e), p, id));
  }

  String render(Messages messages, TicketList.Page p) {
    List<String> lines = new ArrayList<>();
    lines.add(p.filter().creatorId() == null
        ? messages.format(MessageKey.TICKET_LIST_HEADER, p.total(), p.page(), p.pages())
        : messages.format(MessageKey.TICKET_LIST_HEADER_USER, p.total(), p.filter().creatorId(),
            p.page(), p.pages()));
    if (p.tickets().isEmpty()) {
      lines.add(messages.format(MessageKey.TICKET_LIST_EMPTY));
    }
    for (Ticket t : p.tickets()) {
      String where = t.threadId() == null
          ? messages.format(MessageKey.TICKET_LIST_NO_THREAD)
          : messages.format(MessageKey.TICKET_LIST_THREAD, t.threadId());
      lines.add(messages.format(MessageKey.TICKET_LIST_LINE, t.number(),
          stateText(messages, t.state()), t.creatorId(), where, t.createdAt().getEpochSecond()));
    }
    return String.join("\n", lines);
  }

  private String stateText(Messages messages, TicketState s) {
    return messages.format(switch (s) {
      case OPEN -> MessageKey.TICKET_STATE_OPEN;
      case CLOSED -> MessageKey.TICKET_STATE_CLOSED;
      case FAILED -> MessageKey.TICKET_STATE_FAILED;
    });
  }

  private List<ActionRow> buttons(Messages messages, TicketList.Page p, ComponentId.ListPage id) {
    List<Button> row = new ArrayList<>();
    if (p.hasPrevious()) {
      row.add(Button.secondary(
          new ComponentId.ListPage(p.page() - 1, id.creatorId(), id.state()).encode(),
          messages.format(MessageKey.BUTTON_PREVIOUS)));
    }
    if (p.hasNext()) {
      row.add(Button.secondary(
          new ComponentId.ListPage(p.page() + 1, id.creatorId(), id.state()).encode(),
          messages.format(MessageKey.BUTTON_NEXT)));
    }
    return row.isEmpty() ? List.of() : List.of(ActionRow.of(row));
  }
}
