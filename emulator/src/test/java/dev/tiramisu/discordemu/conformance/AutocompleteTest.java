package dev.tiramisu.discordemu.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiramisu.discordemu.driver.Actor;
import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.model.Interaction;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Autocomplete (interaction type 4): while a user types into an option with {@code autocomplete}, the client sends
 * the text so far as the focused option; the bot answers with up to 25 choices (callback type 8). A real JDA bot
 * receives it as a {@link CommandAutoCompleteInteractionEvent}; the emulator keeps the choices and refuses any other
 * answer, and choices outside Discord's limits, with 50035.
 */
class AutocompleteTest extends ConformanceTest {
  private static final List<String> FRUIT = List.of("Apple", "Apricot", "Banana", "Cherry");
  private TestGuild g;
  private final List<String> seen = new CopyOnWriteArrayList<>();

  private final class FruitBot extends ListenerAdapter {
    @Override
    public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent e) {
      seen.add(e.getFullCommandName() + " " + e.getFocusedOption().getName() + "="
          + e.getFocusedOption().getValue() + " note=" + e.getOption("note", o -> o.getAsString()));
      String typed = e.getFocusedOption().getValue().toLowerCase(java.util.Locale.ROOT);
      e.replyChoices(FRUIT.stream().filter(f -> f.toLowerCase(java.util.Locale.ROOT).startsWith(typed))
          .map(f -> new Command.Choice(f, f)).toList()).queue();
    }
  }

  @BeforeEach
  void guild() {
    seen.clear();
    g = emu.guild("Fruit").textChannel("general").owner("admin").member("alice").build();
  }

  private void register(JDA jda) {
    jda.getGuildById(g.id).updateCommands().addCommands(Commands.slash("pick", "Pick a fruit").addOptions(
        new OptionData(OptionType.STRING, "fruit", "The fruit", true).setAutoComplete(true),
        new OptionData(OptionType.STRING, "note", "A note", false))).complete();
  }

  @Test
  void theBotSeesWhatIsTypedAndItsChoicesAreOffered() {
    JDA jda = jda(new FruitBot());
    register(jda);

    InteractionHandle typing = g.as("alice").autocomplete(g.channel("general"), "pick", Map.of("note", "ripe"),
        "fruit", "ap");
    assertThat(typing.awaitChoices()).containsExactly("Apple", "Apricot");
    assertThat(typing.responseType()).isEqualTo(8);
    assertThat(seen).containsExactly("pick fruit=ap note=ripe");
    synchronized (emu.state()) {
      Interaction i = emu.state().interactions.get(typing.id);
      assertThat(i.type).isEqualTo(4);
      assertThat(i.data.path("options").path(0).path("focused").asBoolean()).isTrue();
    }
    // nothing typed yet, and a required option still missing: the client asks all the same
    assertThat(g.as("alice").autocomplete(g.channel("general"), "pick", Map.of(), "fruit", "").awaitChoices())
        .containsExactlyElementsOf(FRUIT);
    assertThat(g.as("alice").autocomplete(g.channel("general"), "pick", Map.of(), "fruit", "kiwi").awaitChoices())
        .isEmpty();
  }

  @Test
  void theClientAsksOnlyForAutocompleteOptionsAndOtherAnswersAreRefused() {
    JDA jda = jda();
    register(jda);
    assertThatThrownBy(() -> g.as("alice").autocomplete(g.channel("general"), "pick", Map.of(), "note", "x"))
        .isInstanceOf(Actor.NotAllowedInClient.class).hasMessageContaining("no autocomplete");
    assertThatThrownBy(() -> g.as("alice").autocomplete(g.channel("general"), "pick", Map.of(), "colour", "x"))
        .isInstanceOf(Actor.NotAllowedInClient.class).hasMessageContaining("no option colour");

    InteractionHandle typing = g.as("alice").autocomplete(g.channel("general"), "pick", Map.of(), "fruit", "a");
    String path = callback(typing);
    assertThat(raw().send("POST", path, Map.of("type", 4, "data", Map.of("content", "hi"))).code())
        .isEqualTo(50035);
    List<Map<String, String>> many = new java.util.ArrayList<>();
    for (int n = 0; n < 26; n++) {
      many.add(Map.of("name", "f" + n, "value", "f" + n));
    }
    assertThat(raw().send("POST", path, Map.of("type", 8, "data", Map.of("choices", many))).code())
        .isEqualTo(50035);
    assertThat(raw().send("POST", path, Map.of("type", 8, "data",
        Map.of("choices", List.of(Map.of("name", "x".repeat(101), "value", "x"))))).code()).isEqualTo(50035);
    // the spec says so too: the two malformed lists were recorded as violations (taken, as they were on purpose)
    assertThat(emu.takeSpecViolations()).contains(
        "request POST /interactions/{interaction_id}/{interaction_token}/callback: /data/choices: must have at most"
            + " 25 items but found 26",
        "request POST /interactions/{interaction_id}/{interaction_token}/callback: /data/choices/0/name: must be at"
            + " most 100 characters long");
    assertThat(raw().send("POST", path, Map.of("type", 8, "data",
        Map.of("choices", List.of(Map.of("name", "Apple", "value", "apple"))))).status()).isEqualTo(204);
    assertThat(typing.awaitChoices()).containsExactly("Apple");

    // a slash command cannot be answered with choices
    InteractionHandle command = g.as("alice").slash(g.channel("general"), "pick", Map.of("fruit", "Apple"));
    assertThat(raw().send("POST", callback(command), Map.of("type", 8, "data", Map.of("choices", List.of())))
        .code()).isEqualTo(50035);
  }

  private String callback(InteractionHandle h) {
    synchronized (emu.state()) {
      return "/interactions/" + h.id + "/" + emu.state().interactions.get(h.id).token + "/callback";
    }
  }
}
