package dev.tiramisu.discordemu.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiramisu.discordemu.driver.Actor;
import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.container.Container;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.section.Section;
import net.dv8tion.jda.api.components.selections.StringSelectMenu;
import net.dv8tion.jda.api.components.separator.Separator;
import net.dv8tion.jda.api.components.textdisplay.TextDisplay;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.StringSelectInteractionEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import net.dv8tion.jda.api.modals.Modal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real JDA bot sends a Components V2 card (a container with a section whose accessory is a button, a separator
 * and a string select); users click the button inside the section, choose in the select inside the container, and
 * submit the Label-based modal the button opens (a text input and two string selects, one optional); JDA reads what
 * Discord would send. The driver refuses what the Discord client would not let a user submit.
 */
class ComponentsV2InteractionsTest extends ConformanceTest {
  private TestGuild g;
  private final List<String> seen = new CopyOnWriteArrayList<>();

  private final class CardBot extends ListenerAdapter {
    @Override
    public void onButtonInteraction(ButtonInteractionEvent e) {
      e.replyModal(Modal.create("ticket-form", "Open a ticket")
          .addComponents(
              Label.of("Subject", TextInput.create("subject", TextInputStyle.SHORT).setMaxLength(20).build()),
              Label.of("Category", "What is it about?", StringSelectMenu.create("category")
                  .addOption("Billing", "billing").addOption("Report a player", "report").addOption("Other", "other")
                  .setMaxValues(2).build()),
              Label.of("Urgency", StringSelectMenu.create("urgency").addOption("Low", "low").addOption("High", "high")
                  .setRequired(false).build()))
          .build()).queue();
    }

    @Override
    public void onStringSelectInteraction(StringSelectInteractionEvent e) {
      seen.add("select " + e.getComponentId() + " " + e.getValues());
      e.reply("priority " + e.getValues().get(0)).setEphemeral(true).queue();
    }

    @Override
    public void onModalInteraction(ModalInteractionEvent e) {
      ModalMapping urgency = e.getValue("urgency");
      seen.add("modal " + e.getModalId() + " subject=" + e.getValue("subject").getAsString()
          + " category=" + e.getValue("category").getAsStringList()
          + " urgency=" + (urgency == null ? "absent" : urgency.getAsStringList()));
      e.reply("ticket opened").setEphemeral(true).queue();
    }
  }

  @BeforeEach
  void guild() {
    seen.clear();
    g = emu.guild("Cards").textChannel("tickets").owner("admin").member("alice").member("bob").build();
  }

  private Message card(JDA jda) {
    return jda.getTextChannelById(g.channel("tickets")).sendMessageComponents(Container.of(
            TextDisplay.of("## Support"),
            Section.of(Button.primary("open", "Open a ticket"), TextDisplay.of("Need help? Press the button.")),
            Separator.createDivider(Separator.Spacing.SMALL),
            ActionRow.of(StringSelectMenu.create("priority").addOption("Low", "low").addOption("High", "high")
                .build()))
        .withAccentColor(0x5865F2))
        .useComponentsV2().complete();
  }

  @Test
  void aButtonInASectionAndASelectInAContainerReachJda() {
    JDA jda = jda(new CardBot());
    Message sent = card(jda);
    MessageView card = g.message(sent.getIdLong()).orElseThrow();
    assertThat(card.componentsV2()).isTrue();
    assertThat(card.text()).isEqualTo("## Support\nNeed help? Press the button.");

    InteractionHandle chose = g.as("alice").select(card.id(), "priority", "high");
    assertThat(chose.awaitReply().content()).isEqualTo("priority high");
    assertThat(seen).containsExactly("select priority [high]");
    assertThatThrownBy(() -> g.as("alice").select(card.id(), "priority", "low", "high"))
        .isInstanceOf(Actor.NotAllowedInClient.class).hasMessageContaining("1..1");

    InteractionHandle opened = g.as("bob").click(card.id(), "Open a ticket");
    assertThat(opened.responseType()).isEqualTo(9);
    InteractionHandle submitted = g.as("bob").submitModal(opened,
        Map.of("subject", "Refund", "category", List.of("billing", "other")));
    assertThat(submitted.awaitReply().content()).isEqualTo("ticket opened");
    assertThat(seen).last().isEqualTo("modal ticket-form subject=Refund category=[billing, other] urgency=[]");

    // what the emulator sent JDA, in Discord's documented shape
    JsonNode data;
    synchronized (emu.state()) {
      data = emu.state().interactions.get(submitted.id).data.deepCopy();
    }
    JsonNode subject = data.path("components").path(0);
    assertThat(subject.path("type").asInt()).isEqualTo(18);
    assertThat(subject.path("id").asInt()).isPositive();
    assertThat(subject.path("component").path("type").asInt()).isEqualTo(4);
    assertThat(subject.path("component").path("value").asText()).isEqualTo("Refund");
    JsonNode category = data.path("components").path(1).path("component");
    assertThat(category.path("type").asInt()).isEqualTo(3);
    assertThat(category.path("custom_id").asText()).isEqualTo("category");
    assertThat(category.path("values")).extracting(JsonNode::asText).containsExactly("billing", "other");
    assertThat(data.path("components").path(2).path("component").path("values")).isEmpty();
  }

  @Test
  void theDriverRefusesWhatTheClientWouldNotSubmit() {
    JDA jda = jda(new CardBot());
    MessageView card = g.message(card(jda).getIdLong()).orElseThrow();
    InteractionHandle opened = g.as("alice").click(card.id(), "open");
    opened.awaitModal();
    Actor alice = g.as("alice");
    assertThatThrownBy(() -> alice.submitModal(opened, Map.of("subject", "Refund")))
        .isInstanceOf(Actor.NotAllowedInClient.class).hasMessageContaining("category is required");
    assertThatThrownBy(() -> alice.submitModal(opened, Map.of("subject", "Refund", "category", "gold")))
        .isInstanceOf(Actor.NotAllowedInClient.class).hasMessageContaining("not an option");
    assertThatThrownBy(() -> alice.submitModal(opened,
        Map.of("subject", "Refund", "category", List.of("billing", "report", "other"))))
        .isInstanceOf(Actor.NotAllowedInClient.class).hasMessageContaining("1..2");
    assertThatThrownBy(() -> alice.submitModal(opened, Map.of("subject", "x".repeat(21), "category", "billing")))
        .isInstanceOf(Actor.NotAllowedInClient.class).hasMessageContaining("0..20");
    assertThatThrownBy(() -> alice.submitModal(opened, Map.of("subject", "two\nlines", "category", "billing")))
        .isInstanceOf(Actor.NotAllowedInClient.class).hasMessageContaining("no line breaks");
    assertThatThrownBy(() -> alice.submitModal(opened, Map.of("subject", "Refund", "category", "billing",
        "priority", "high"))).isInstanceOf(Actor.NotAllowedInClient.class).hasMessageContaining("no input priority");
    assertThatThrownBy(() -> g.as("bob").submitModal(opened, Map.of("subject", "Refund", "category", "billing")))
        .isInstanceOf(Actor.NotAllowedInClient.class).hasMessageContaining("shown to user");
    assertThat(seen).isEmpty();

    InteractionHandle ok = alice.submitModal(opened, Map.of("subject", "Refund", "category", "billing",
        "urgency", List.of("high")));
    assertThat(ok.awaitReply().content()).isEqualTo("ticket opened");
    assertThat(seen).containsExactly("modal ticket-form subject=Refund category=[billing] urgency=[high]");
  }

  @Test
  void jdaSeesTheFieldErrorOfAnEditAndAppliesTheSameLimits() {
    JDA jda = jda(new CardBot());
    Message sent = card(jda);
    assertThatThrownBy(() -> sent.editMessage("plain text now").complete())
        .isInstanceOfSatisfying(ErrorResponseException.class, e -> assertThat(e.getSchemaErrors())
            .singleElement().satisfies(se -> {
              assertThat(se.getLocation()).isEqualTo("content");
              assertThat(se.getErrors()).singleElement().satisfies(c -> assertThat(c.getCode())
                  .isEqualTo("MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2"));
            }));
    var tickets = jda.getTextChannelById(g.channel("tickets"));
    List<TextDisplay> many = new java.util.ArrayList<>();
    for (int i = 0; i < 41; i++) {
      many.add(TextDisplay.of("line " + i));
    }
    // JDA applies the same 40-component limit before sending
    assertThatThrownBy(() -> tickets.sendMessageComponents(many).useComponentsV2().complete())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("40 total components");
    // and the 4000 characters of text displays: the emulator's limits are JDA's (raw requests: ComponentsV2RulesTest)
    assertThatThrownBy(() -> tickets.sendMessageComponents(TextDisplay.of("a".repeat(2000)),
            Container.of(TextDisplay.of("b".repeat(2001)))).useComponentsV2().complete())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("4000 total characters");
    assertThat(g.messages("tickets")).hasSize(1);
  }
}
