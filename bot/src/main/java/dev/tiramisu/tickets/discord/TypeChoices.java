package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.common.Refusal;
import dev.tiramisu.tickets.settings.TicketType;
import dev.tiramisu.tickets.settings.TicketTypes;
import dev.tiramisu.tickets.text.DiscordText;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import java.util.List;
import net.dv8tion.jda.api.components.selections.SelectOption;
import net.dv8tion.jda.api.components.selections.StringSelectMenu;
import net.dv8tion.jda.api.entities.emoji.Emoji;

/** Which ticket type a new ticket gets, and the select that asks when several are offered. */
final class TypeChoices {
  private TypeChoices() {}

  /**
   * Which type a new ticket gets: {@code type} (null = the guild's own settings), or {@code ask}
   * (several types, none chosen: show the select), or a refusal.
   */
  record Choice(TicketType type, boolean ask, Refusal refusal) {}

  static Choice choose(List<TicketType> live, String typeName, Long typeId,
      String rawReason) {
    if (typeId != null) {
      return live.stream().filter(t -> t.id() == typeId).findFirst()
          .map(t -> new Choice(t, false, null))
          .orElseGet(() -> new Choice(null, false, Refusal.of(MessageKey.ERROR_TYPE_GONE)));
    }
    if (typeName != null && !typeName.isBlank()) {
      String key = typeName.strip().toLowerCase(java.util.Locale.ROOT);
      return live.stream().filter(t -> t.name().toLowerCase(java.util.Locale.ROOT).equals(key))
          .findFirst().map(t -> new Choice(t, false, null))
          .orElseGet(() -> new Choice(null, false, Refusal.of(MessageKey.ERROR_TYPE_UNKNOWN,
              DiscordText.escape(DiscordText.truncate(typeName.strip(), TicketType.MAX_NAME)),
              TicketTypes.names(live))));
    }
    if (live.isEmpty()) {
      return new Choice(null, false, null);
    }
    if (live.size() == 1) {
      return new Choice(live.get(0), false, null);
    }
    if (rawReason != null && !rawReason.isBlank()) {
      // The select cannot carry the reason along: ask for the type option instead of losing it.
      return new Choice(null, false,
          Refusal.of(MessageKey.ERROR_TYPE_NEEDED, TicketTypes.names(live)));
    }
    return new Choice(null, true, null);
  }

  /** The select of the guild's types (ids as values, never names). */
  static StringSelectMenu select(List<TicketType> live, Messages messages) {
    StringSelectMenu.Builder b = StringSelectMenu.create(new ComponentId.PickType().encode())
        .setPlaceholder(messages.format(MessageKey.TICKET_PICK_TYPE_PLACEHOLDER))
        .setRequiredRange(1, 1);
    for (TicketType t : live.subList(0, Math.min(live.size(), TicketType.MAX_PER_GUILD))) {
      SelectOption o = SelectOption.of(t.name(), Long.toString(t.id()));
      if (t.description() != null) {
        o = o.withDescription(t.description());
      }
      if (t.emoji() != null) {
        o = o.withEmoji(Emoji.fromFormatted(t.emoji()));
      }
      b.addOptions(o);
    }
    return b.build();
  }

}
