package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.text.DiscordText;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.settings.FormAnswer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import net.dv8tion.jda.api.components.container.Container;
import net.dv8tion.jda.api.components.container.ContainerChildComponent;
import net.dv8tion.jda.api.components.separator.Separator;
import net.dv8tion.jda.api.components.textdisplay.TextDisplay;
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
  private final LongFunction<List<FormAnswer>> answersOf;

  /** Discord's limit for the text of all text displays of one message together. */
  static final int MAX_DISPLAY_TEXT = 4000;

  TicketTexts(Messages messages) {
    this(messages, id -> java.util.Optional.empty(), id -> List.of());
  }

  /**
   * @param typeOfTicket the type a ticket was opened with (its name is shown)
   * @param answersOf the answers saved with a ticket (shown under the reason)
   */
  TicketTexts(Messages messages, java.util.function.LongFunction<java.util.Optional<
      dev.tiramisu.tickets.settings.TicketType>> typeOfTicket,
      LongFunction<List<FormAnswer>> answersOf) {
    this.messages = messages;
    this.typeOfTicket = typeOfTicket;
    this.answersOf = answersOf;
  }

  /** The staff roles an open or edit effect names (see {@code TicketEffects.staffPayload}). */
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
    return messages == this.messages ? this : new TicketTexts(messages, typeOfTicket, answersOf);
  }

  /** These texts in the guild's preferred language (see {@link Locales#guild}). */
  TicketTexts in(net.dv8tion.jda.api.entities.Guild guild) {
    return in(Locales.guild(guild));
  }

  /**
   * The first message, a Components V2 message: one container with a heading (the type and the
   * number), the creator and the staff roles mentioned with the reason, the answers to the type's
   * form, the claimer, and the Close and Claim buttons. Allowed mentions name exactly the creator
   * and the staff roles, so the reason and the answers can never ping anyone; pinging the staff
   * roles is what brings their members into the private thread.
   */
  MessageCreateData firstMessage(Ticket t, List<Long> staffRoleIds) {
    MessageCreateBuilder b = new MessageCreateBuilder()
        .useComponentsV2()
        .setComponents(firstContainer(t, staffRoleIds, null))
        .setAllowedMentions(List.of())
        .mentionUsers(t.creatorId());
    if (!staffRoleIds.isEmpty()) {
      b.mentionRoles(staffRoleIds.stream().map(String::valueOf).toList());
    }
    return b.build();
  }

  /**
   * The first message as the ticket stands now: the claimer shown in it, Close and Claim while
   * open (Claim disabled once claimed), no buttons once closed. An edit pings nobody. A first
   * message posted before Components V2 (plain content) becomes one: the edit clears its content.
   */
  MessageEditData firstMessageEdit(Ticket t, List<Long> staffRoleIds, Long claimerId) {
    return new MessageEditBuilder()
        .useComponentsV2()
        .setContent(null)
        .setComponents(firstContainer(t, staffRoleIds, claimerId))
        .setAllowedMentions(List.of())
        .build();
  }

  private Container firstContainer(Ticket t, List<Long> staffRoleIds, Long claimerId) {
    java.util.Optional<dev.tiramisu.tickets.settings.TicketType> type = typeOfTicket.apply(t.id());
    String heading = type.isEmpty() || type.get().isDefault()
        ? messages.format(MessageKey.TICKET_FIRST_HEADING_PLAIN, t.number())
        : messages.format(MessageKey.TICKET_FIRST_HEADING,
            type.get().emoji() == null ? "" : type.get().emoji() + " ",
            DiscordText.escape(type.get().name()), t.number());
    String opened = openedText(t, staffRoleIds);
    // Room for the claimer line is kept whether or not the ticket is claimed, so claiming never
    // shortens the answers.
    String claimLine = messages.format(MessageKey.TICKET_CLAIMED_LINE,
        claimerId == null ? Long.MAX_VALUE : claimerId);
    List<ContainerChildComponent> parts = new ArrayList<>();
    parts.add(TextDisplay.of(heading));
    parts.add(TextDisplay.of(opened));
    String answers = answersText(answersOf.apply(t.id()),
        MAX_DISPLAY_TEXT - heading.length() - opened.length() - claimLine.length());
    if (!answers.isEmpty()) {
      parts.add(TextDisplay.of(answers));
    }
    if (claimerId != null) {
      parts.add(TextDisplay.of(claimLine));
    }
    if (t.isOpen()) {
      parts.add(Separator.createDivider(Separator.Spacing.SMALL));
      parts.add(firstButtons(t, claimerId));
    }
    return Container.of(parts);
  }

  private String openedText(Ticket t, List<Long> staffRoleIds) {
    long creatorId = t.creatorId();
    String roles = String.join(" ", staffRoleIds.stream().map(id -> "<@&" + id + ">").toList());
    return fitReason(t.reason(), reason -> staffRoleIds.isEmpty()
        ? messages.format(MessageKey.TICKET_OPENED_MESSAGE_NO_STAFF, creatorId, reason)
        : staffRoleIds.size() == 1
            ? messages.format(MessageKey.TICKET_OPENED_MESSAGE, creatorId, staffRoleIds.get(0),
                reason)
            : messages.format(MessageKey.TICKET_OPENED_MESSAGE_ROLES, creatorId, roles, reason));
  }

  /**
   * The answers, each escaped (no markdown, no mention) and, if all of them would not fit in
   * {@code room} characters, the longest ones shortened evenly, with a note saying so.
   */
  String answersText(List<FormAnswer> answers, int room) {
    if (answers.isEmpty()) {
      return "";
    }
    List<String> labels = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    int fixed = 0;
    for (FormAnswer a : answers) {
      String label = DiscordText.escape(a.label());
      labels.add(label);
      texts.add(DiscordText.escape(a.answer()));
      fixed += messages.format(MessageKey.TICKET_FORM_ANSWER, label, "").length() + 2;
    }
    int total = fixed + texts.stream().mapToInt(String::length).sum();
    boolean cut = total > room;
    if (cut) {
      String note = messages.format(MessageKey.TICKET_FORM_SHORTENED);
      int left = Math.max(answers.size(), room - fixed - note.length() - 2);
      // Fair shares: the short answers keep their length, the rest share what is left.
      Integer[] order = new Integer[texts.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> texts.get(i).length()));
      int remaining = order.length;
      for (int i : order) {
        int share = Math.max(1, left / remaining);
        String text = texts.get(i);
        if (text.length() > share) {
          text = DiscordText.truncate(text, share);
        }
        texts.set(i, text);
        left -= text.length();
        remaining--;
      }
    }
    List<String> blocks = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      blocks.add(messages.format(MessageKey.TICKET_FORM_ANSWER, labels.get(i), texts.get(i)));
    }
    if (cut) {
      blocks.add(messages.format(MessageKey.TICKET_FORM_SHORTENED));
    }
    return String.join("\n\n", blocks);
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
    return closedDm(t, guildName, closerId, "");
  }

  /** The DM, with {@code suffix} (lines about the transcript) kept within the length limit. */
  String closedDm(Ticket t, String guildName, long closerId, String suffix) {
    String threadUrl = "https://discord.com/channels/" + t.guildId() + "/" + t.threadId();
    return fitReason(t.closeReason(), r -> messages.format(MessageKey.TICKET_CLOSED_DM,
        t.number(), DiscordText.escape(guildName), closerId, r, threadUrl) + suffix);
  }

  String closedLog(Ticket t, long closerId) {
    return closedLog(t, closerId, "");
  }

  /** The log line, with {@code suffix} (further lines) kept within the length limit. */
  String closedLog(Ticket t, long closerId, String suffix) {
    return fitReason(t.closeReason(), r -> messages.format(MessageKey.TICKET_CLOSED_LOG,
        t.number(), t.creatorId(), closerId, r, t.threadId()) + suffix);
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
        : dev.tiramisu.tickets.ticket.SystemReasons.keyOf(reason).map(messages::format)
            .orElseGet(() -> DiscordText.escapeKeepingMentions(reason));
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
