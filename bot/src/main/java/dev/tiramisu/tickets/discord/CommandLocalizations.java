package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.localization.LocalizationFunction;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * Discord's {@code description_localizations} for the slash commands: every description, option
 * description and choice name in each {@link Messages#SHIPPED} language other than English, for
 * every Discord locale of that language ({@code de} for German). Command and option names stay
 * English, so {@code /ticket create} is the same command in every language and the docs apply.
 *
 * <p>The texts come from the same bundles as everything else: {@link CommandCatalog} builds the
 * commands with the English texts, and this function finds the {@link MessageKey} behind each
 * English text (among the command, option and ticket-state keys) and answers its translations.
 * JDA asks with keys such as {@code ticket.create.options.reason.description}.
 */
final class CommandLocalizations implements LocalizationFunction {
  /** The keys whose texts appear in command data. */
  private static final List<String> PREFIXES = List.of("COMMAND_", "OPTION_", "TICKET_STATE_");

  private final Map<String, MessageKey> keyByPath = new HashMap<>();

  private CommandLocalizations(CommandData command, Messages english) {
    DataObject data = command.toData();
    walk(data, key(data.getString("name")), byEnglishText(english));
  }

  /**
   * The keys that can appear in command data, by their English text. Two keys with the same
   * English text keep the first (CommandLocalizationsTest checks none of them is translated
   * differently).
   */
  static Map<String, MessageKey> byEnglishText(Messages english) {
    Map<String, MessageKey> byText = new HashMap<>();
    for (MessageKey k : MessageKey.values()) {
      if (k.params().isEmpty() && PREFIXES.stream().anyMatch(p -> k.name().startsWith(p))) {
        byText.putIfAbsent(english.format(k), k);
      }
    }
    return byText;
  }

  /** Adds the translations to {@code commands} (slash commands; others are left as they are). */
  static List<CommandData> apply(List<CommandData> commands, Messages english) {
    for (CommandData c : commands) {
      if (c instanceof SlashCommandData slash) {
        slash.setLocalizationFunction(new CommandLocalizations(slash, english));
      }
    }
    return commands;
  }

  private void walk(DataObject o, String path, Map<String, MessageKey> byText) {
    o.opt("description").map(Object::toString).map(byText::get)
        .ifPresent(k -> keyByPath.put(path + ".description", k));
    if (o.hasKey("options")) {
      DataArray options = o.getArray("options");
      for (int i = 0; i < options.length(); i++) {
        DataObject option = options.getObject(i);
        int type = option.getInt("type");
        // Subcommands (1) and groups (2) extend the path directly, options under "options".
        String child = type == 1 || type == 2
            ? path + "." + key(option.getString("name"))
            : path + ".options." + key(option.getString("name"));
        walk(option, child, byText);
      }
    }
    if (o.hasKey("choices")) {
      DataArray choices = o.getArray("choices");
      for (int i = 0; i < choices.length(); i++) {
        String choice = choices.getObject(i).getString("name");
        MessageKey k = byText.get(choice);
        if (k != null) {
          keyByPath.put(path + ".choices." + key(choice) + ".name", k);
        }
      }
    }
  }

  /** JDA's form of a name inside a localization key. */
  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT).replace(' ', '_');
  }

  @Override
  public Map<DiscordLocale, String> apply(String localizationKey) {
    MessageKey k = keyByPath.get(localizationKey);
    if (k == null) {
      return Map.of();
    }
    Map<DiscordLocale, String> out = new EnumMap<>(DiscordLocale.class);
    for (DiscordLocale d : DiscordLocale.values()) {
      if (d == DiscordLocale.UNKNOWN) {
        continue;
      }
      Messages m = Locales.of(d);
      if (!m.isEnglish()) {
        out.put(d, m.format(k));
      }
    }
    return out;
  }
}
