package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.text.DiscordText;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import dev.tiramisu.tickets.ticket.Ticket;
import java.util.List;
import java.util.function.Function;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * The messages the bot posts about a ticket, rendered the same way on every attempt (so a retry
 * can recognise a message an earlier attempt already posted). Every message sets allowed
 * mentions; user text is escaped and, if the whole would pass 2000 characters, shortened.
 * Everyone in the guild reads them, so they are written in the guild's preferred language ({@link
 * #in(Guild)}).
 */
final class TicketTexts {
  private final Messages messages;
  private final java.util.function.LongFunction<java.util.Optional<
      dev.tiramisu.tickets.settings.TicketType>> typeOfTicket;

  TicketTexts(Messages messages) {
    this(messages, id -> java.util.Optional.empty());
  }

  /** @param typeOfTicket the type a ticket was opened with (its name is shown) */
  TicketTexts(Messages messages, java.util.function.LongFunction<java.util.Optional<
      dev.tiramisu.tickets.settings.TicketType>> typeOfTicket) {
    this.messages = messages;
    this.typeOfTicket = typeOfTicket;
  }

  /** The staff roles an open or edit effect names (see {@code TicketService.staffPayload}). */
  static List<Long> staffRoles(dev.tiramisu.tickets.effects.Payload p) {
    java.util.Optional<String> all = p.get(dev.tiramisu.tickets.ticket.TicketService.STAFF_ROLES);
    if (all.isPresent()) {
      return java.util.Arrays.stream(all.get().split(",")).map(Long::parseLong).toList();
    }
    java.util.OptionalLong one = p.getLong(dev.tiramisu.tickets.ticket.TicketService.STAFF_ROLE);
    return one.isPresent() ? List.of(one.getAsLong()) : List.of();
  }

  Messages messages() {
    return messages;
  }

  /** These texts in {@code messages}' language. */
  TicketTexts in(Messages messages) {
    return messages == this.messages ? this : new TicketTexts(messages, typeOfTicket);
  }

  /** These texts in the guild's preferred language (see {@link Locales#guild}). */
  TicketTexts in(net.dv8tion.jda.api.entities.Guild guild) {
    return in(Locales.guild(guild));
  }

  /**
   * The first message: mentions the creator (first, for the legacy creator lookup) and the staff
   * role. Allowed mentions name exactly those two, so the reason can never ping anyone; pinging
   * the staff role is what brings its members into the private thread. Carries Close and Claim.
   */
  MessageCreateData firstMessage(Ticket t, List<Long> staffRoleIds) {
    long creatorId = t.creatorId();
    MessageCreateBuilder b = new MessageCreateBuilder()
        .setContent(firstContent(t, staffRoleIds, null))
        .setAllowedMentions(List.of())
        .mentionUsers(creatorId)
        .setComponents(firstButtons(t, null));
    if (!staffRoleIds.isEmpty()) {
      b.mentionRoles(staffRoleIds.stream().map(String::valueOf).toList());
    }
    return b.build();
  }

  /**
   * The first message as the ticket stands now: the claimer shown under it, Close and Claim while
   * open (Claim disabled once claimed), no buttons once closed. An edit pings nobody.
   */
  MessageEditData firstMessageEdit(Ticket t, List<Long> staffRoleIds, Long claimerId) {
    return new MessageEditBuilder()
        .setContent(firstContent(t, staffRoleIds, claimerId))
        .setAllowedMentions(List.of())
        .setComponents(t.isOpen() ? List.of(firstButtons(t, claimerId)) : List.of())
        .build();
  }

  private String firstContent(Ticket t, List<Long> staffRoleIds, Long claimerId) {
    long creatorId = t.creatorId();
    String claim = claimerId == null ? ""
        : "\n" + messages.format(MessageKey.TICKET_CLAIMED_LINE, claimerId);
    java.util.Optional<dev.tiramisu.tickets.settings.TicketType> type = typeOfTicket.apply(t.id());
    String typeLine = type.isEmpty() || type.get().isDefault() ? "" : messages.format(MessageKey.TICKET_TYPE_LINE,
        type.get().emoji() == null ? "" : type.get().emoji() + " ",
        DiscordText.escape(type.get().name())) + "\n";
    String roles = String.join(" ", staffRoleIds.stream().map(id -> "<@&" + id + ">").toList());
    return fitReason(t.reason(), reason -> typeLine + (staffRoleIds.isEmpty()
        ? messages.format(MessageKey.TICKET_OPENED_MESSAGE_NO_STAFF, creatorId, reason)
        : staffRoleIds.size() == 1
            ? messages.format(MessageKey.TICKET_OPENED_MESSAGE, creatorId, staffRoleIds.get(0),
                reason)
            : messages.format(MessageKey.TICKET_OPENED_MESSAGE_ROLES, creatorId, roles, reason))
        + claim);
  }

  private ActionRow firstButtons(Ticket t, Long claimerId) {
    Button claim = Button.primary(new ComponentId.Claim(t.id()).encode(),
        messages.format(claimerId == null ? MessageKey.BUTTON_CLAIM : MessageKey.BUTTON_CLAIMED));
    return ActionRow.of(
        Button.danger(closeButtonId(t), messages.format(MessageKey.BUTTON_CLOSE_TICKET)),
        claimerId == null ? claim : claim.asDisabled());
  }

  /** The custom id of the first message's Close button: how a retry recognises that message. */
  static String closeButtonId(Ticket t) {
    return new ComponentId.Close(t.id()).encode();
  }

  String closedPost(Ticket t, long closerId) {
    return fitReason(t.closeReason(),
        r -> messages.format(MessageKey.TICKET_CLOSED_MESSAGE, closerId, r));
  }

  /** The "closed by" post with its Reopen button (staff only, checked by the bot). */
  MessageCreateData closedPostMessage(Ticket t, String content) {
    return new MessageCreateBuilder().setContent(content).setAllowedMentions(List.of())
        .setComponents(ActionRow.of(Button.secondary(new ComponentId.Reopen(t.id()).encode(),
            messages.format(MessageKey.BUTTON_REOPEN))))
        .build();
  }

  String closedDm(Ticket t, String guildName, long closerId) {
    String threadUrl = "https://discord.com/channels/" + t.guildId() + "/" + t.threadId();
    return fitReason(t.closeReason(), r -> messages.format(MessageKey.TICKET_CLOSED_DM,
        t.number(), DiscordText.escape(guildName), closerId, r, threadUrl));
  }

  String closedLog(Ticket t, long closerId) {
    return fitReason(t.closeReason(), r -> messages.format(MessageKey.TICKET_CLOSED_LOG,
        t.number(), t.creatorId(), closerId, r, t.threadId()));
  }

  /**
   * Renders a message around a user's reason: escaped, with the user, role and channel mentions
   * it contains kept as mentions (every message built here lists its allowed mentions, so they
   * ping nobody), and shortened if the whole would exceed Discord's 2000 characters (the stored
   * reason stays complete).
   */
  String fitReason(String reason, Function<String, String> render) {
    String shown = reason == null
        ? messages.format(MessageKey.TICKET_NO_REASON)
        : DiscordText.escapeKeepingMentions(reason);
    int room = CommandCatalog.MAX_MESSAGE - render.apply("").length();
    if (shown.length() > room) {
      shown = DiscordText.truncate(shown, Math.max(1, room));
    }
    return render.apply(shown);
  }

  static MessageCreateData plain(String content) {
    return new MessageCreateBuilder().setContent(content).setAllowedMentions(List.of()).build();
  }
}
