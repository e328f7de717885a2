package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.settings.TicketType;
import dev.tiramisu.tickets.settings.TicketTypes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.Command;

/**
 * Suggests the guild's ticket type names while a member types the {@code type} option of {@code
 * /ticket create} and {@code /tickettype edit|delete}, or the comma-separated {@code types} of
 * {@code /panel create} (the names already listed are kept and not offered again; {@code all}
 * is offered first). Names are matched case-insensitively, those starting with the typed text
 * first; at most 25 choices (Discord's limit), none longer than 100 characters.
 */
final class TypeAutocomplete {
  /** Discord's limits for autocomplete choices. */
  static final int MAX_CHOICES = 25;
  static final int MAX_CHOICE_LENGTH = 100;

  private final TicketTypes types;

  TypeAutocomplete(TicketTypes types) {
    this.types = types;
  }

  /** Answers the event (blocks on the database, then on Discord). */
  void answer(CommandAutoCompleteInteractionEvent e) {
    if (e.getGuild() == null) {
      e.replyChoices(List.of()).complete();
      return;
    }
    List<TicketType> live = types.list(e.getGuild().getIdLong());
    String typed = e.getFocusedOption().getValue();
    List<String> names = live.stream().map(TicketType::name).toList();
    List<String> values = e.getFocusedOption().getName().equals(CommandCatalog.OPT_TYPES)
        ? forList(names, typed) : matching(names, typed);
    e.replyChoices(values.stream().limit(MAX_CHOICES)
        .map(v -> new Command.Choice(v, v)).toList()).complete();
  }

  /** The names matching {@code typed}: those starting with it first, then those containing it. */
  static List<String> matching(List<String> names, String typed) {
    String key = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
    List<String> first = new ArrayList<>();
    List<String> then = new ArrayList<>();
    for (String n : names) {
      String lower = n.toLowerCase(Locale.ROOT);
      if (lower.startsWith(key)) {
        first.add(n);
      } else if (lower.contains(key)) {
        then.add(n);
      }
    }
    first.addAll(then);
    return first;
  }

  /** Completions of a comma-separated list whose last part is being typed. */
  static List<String> forList(List<String> names, String typed) {
    String raw = typed == null ? "" : typed;
    int comma = raw.lastIndexOf(',');
    String done = comma < 0 ? "" : raw.substring(0, comma + 1);
    String current = raw.substring(comma + 1);
    Set<String> listed = Arrays.stream(done.split(",")).map(s -> s.strip().toLowerCase(Locale.ROOT))
        .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    String prefix = done.isEmpty() ? "" : done.strip() + " ";
    List<String> out = new ArrayList<>();
    if (done.isEmpty() && "all".startsWith(current.strip().toLowerCase(Locale.ROOT))) {
      out.add("all");
    }
    for (String n : matching(names, current)) {
      String v = prefix + n;
      if (!listed.contains(n.toLowerCase(Locale.ROOT)) && v.length() <= MAX_CHOICE_LENGTH) {
        out.add(v);
      }
    }
    return out;
  }
}
