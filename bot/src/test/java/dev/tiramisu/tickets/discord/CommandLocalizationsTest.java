package dev.tiramisu.tickets.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.Test;

/**
 * The registered command data (as JDA sends it to Discord) has a German description for every
 * description and a German name for every choice, and no English name is translated.
 */
class CommandLocalizationsTest {
  private final Messages english = Messages.of(Locale.ENGLISH);
  private final Messages german = Messages.of(Locale.GERMAN);

  @Test
  void every_description_and_choice_is_translated_and_names_stay_english() {
    List<String> missing = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (CommandData c : CommandCatalog.all(english)) {
      check(c.toData(), c.getName(), missing, names);
    }
    assertThat(missing).as("texts without a German localization").isEmpty();
    assertThat(names).as("names with a localization").isEmpty();
  }

  private void check(DataObject o, String path, List<String> missing, List<String> names) {
    String de = o.optObject("description_localizations")
        .flatMap(l -> l.opt("de")).map(Object::toString).orElse(null);
    if (de == null) {
      missing.add(path + ": " + o.getString("description"));
    } else if (!o.getString("description").equals(de)) {
      assertThat(de).as(path).isNotBlank().hasSizeLessThanOrEqualTo(100);
    }
    if (o.optObject("name_localizations").map(l -> !l.keys().isEmpty()).orElse(false)) {
      names.add(path);
    }
    DataArray options = o.optArray("options").orElse(DataArray.empty());
    for (int i = 0; i < options.length(); i++) {
      DataObject option = options.getObject(i);
      check(option, path + " " + option.getString("name"), missing, names);
    }
    DataArray choices = o.optArray("choices").orElse(DataArray.empty());
    for (int i = 0; i < choices.length(); i++) {
      DataObject choice = choices.getObject(i);
      boolean fixed = choice.getString("name").equals(choice.getString("value"))
          && !choice.getString("name").matches("open|closed|failed|all");
      boolean translated = choice.optObject("name_localizations")
          .map(l -> l.hasKey("de")).orElse(false);
      if (!fixed && !translated) {
        missing.add(path + " choice " + choice.getString("name"));
      }
    }
  }

  @Test
  void keys_sharing_an_english_text_share_their_translation() {
    // CommandLocalizations finds a key by its English text: two keys with one English text must
    // not need different translations.
    Map<String, MessageKey> byText = new HashMap<>();
    for (MessageKey k : MessageKey.values()) {
      if (!isCommandText(k) || !k.params().isEmpty()) {
        continue;
      }
      MessageKey first = byText.putIfAbsent(english.format(k), k);
      if (first != null) {
        assertThat(german.format(k)).as(k + " reads like " + first + " in English")
            .isEqualTo(german.format(first));
      }
    }
    assertThat(CommandLocalizations.byEnglishText(english)).hasSameSizeAs(byText);
  }

  private static boolean isCommandText(MessageKey k) {
    return k.name().startsWith("COMMAND_") || k.name().startsWith("OPTION_")
        || k.name().startsWith("TICKET_STATE_");
  }
}
