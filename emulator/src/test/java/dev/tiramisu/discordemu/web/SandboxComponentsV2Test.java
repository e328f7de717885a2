package dev.tiramisu.discordemu.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.model.Interaction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Components V2 and Label modals on the sandbox page, in headless Chromium against a real JDA bot: a card with an
 * accent-coloured container, a section whose accessory is a button, a separator and a string select is shown with
 * its text escaped; choosing an option reaches the bot; the button opens a modal of Labels (a text input, a string
 * select with a description) whose submission arrives at the emulator in Discord's shape.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxComponentsV2Test {
  private Emulator emu;
  private SandboxTestBot bot;
  private TestGuild g;
  private WebUi web;
  private Browser browser;

  @BeforeAll
  void start() {
    emu = Emulator.start();
    emu.setBaseInteractionResponseDeadline(java.time.Duration.ofSeconds(30));
    try {
      browser = Browser.start();
      bot = SandboxTestBot.start(emu);
    } catch (RuntimeException | Error e) {
      stop();
      throw e;
    }
    g = bot.guild;
    web = emu.enableWebUi();
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (bot != null) {
      bot.close();
    }
    emu.close();
  }

  private WebElement message(String text) {
    return browser.await("a message with '" + text + "'",
        d -> browser.withText("#messages .message", text).orElse(null));
  }

  @Test
  void aComponentsV2CardItsSelectAndALabelModalWork() {
    browser.driver.get(web.url() + "?as=alice");
    browser.await("live updates connected", d -> "live".equals(browser.find("#live").getAttribute("data-state")));
    browser.await("#general shown", d -> "general".equals(browser.find("#channel-title .title-name").getText()));
    WebElement input = browser.find("#composer-input");
    input.sendKeys("/card");
    browser.await("the suggestion /card", d -> browser.find("#suggestions .suggestion[data-path='card']").isDisplayed());
    input.sendKeys(Keys.ENTER); // picks /card
    browser.await("the /card panel", d -> browser.find("#slash-options").getText().contains("/card"));
    input.sendKeys(Keys.ENTER); // runs it

    WebElement card = message("Ticket types");
    WebElement container = card.findElement(By.cssSelector(".components .container"));
    assertThat(container.getCssValue("border-left-color")).isEqualTo("rgba(230, 126, 34, 1)"); // 0xE67E22
    assertThat(container.findElement(By.cssSelector(".text-display strong")).getText()).isEqualTo("Pick");
    assertThat(container.findElements(By.cssSelector(".text-display b"))).as("text stays text").isEmpty();
    assertThat(container.getText()).contains("<b>not html</b>");
    assertThat(container.findElement(By.cssSelector(".section .section-texts")).getText())
        .isEqualTo("Or open a typed ticket");
    assertThat(container.findElements(By.cssSelector(".section .section-accessory button[data-custom-id='typed-form']")))
        .hasSize(1);
    assertThat(container.findElement(By.cssSelector(".separator")).getAttribute("class")).contains("spacing-large");
    assertThat(card.findElement(By.cssSelector(".components > .text-display")).getText()).contains("sandbox card");

    new Select(container.findElement(By.cssSelector("select[data-custom-id='ticket-type']"))).selectByValue("report");
    assertThat(message("You chose report").getAttribute("class")).contains("ephemeral");

    message("Ticket types").findElement(By.cssSelector("button[data-custom-id='typed-form']")).click();
    WebElement dialog = browser.await("the modal", d -> browser.find("#modal").isDisplayed() ? browser.find("#modal") : null);
    assertThat(dialog.findElement(By.id("modal-title")).getText()).isEqualTo("Typed ticket");
    assertThat(dialog.findElements(By.cssSelector(".modal-label"))).extracting(WebElement::getText)
        .containsExactly("SUBJECT *", "CATEGORY *");
    assertThat(dialog.findElement(By.cssSelector(".modal-description")).getText()).isEqualTo("Pick one");
    dialog.findElement(By.cssSelector("input[data-custom-id='subject']")).sendKeys("Printer on fire");
    // a required select left alone is refused as the client would, and the modal stays open
    dialog.findElement(By.id("modal-submit")).click();
    browser.await("the refusal", d -> browser.find("#modal-error").isDisplayed());
    assertThat(browser.find("#modal-error").getText()).contains("category is required");
    new Select(dialog.findElement(By.cssSelector("select[data-custom-id='category']"))).selectByValue("report");
    browser.screenshot("sandbox-components-v2-modal");
    dialog.findElement(By.id("modal-submit")).click();
    browser.await("the modal closed", d -> !browser.find("#modal").isDisplayed());
    assertThat(message("Typed: subject=Printer on fire, category=[report]").getText()).contains("Only you can see this");
    browser.screenshot("sandbox-components-v2");

    JsonNode data;
    synchronized (emu.state()) {
      data = emu.state().interactions.values().stream().filter(i -> i.type == Interaction.MODAL_SUBMIT)
          .filter(i -> i.data.path("custom_id").asText().equals("typed")).findFirst().orElseThrow().data.deepCopy();
    }
    assertThat(data.path("custom_id").asText()).isEqualTo("typed");
    JsonNode subject = data.path("components").path(0);
    assertThat(subject.path("type").asInt()).isEqualTo(18);
    assertThat(subject.path("component").path("custom_id").asText()).isEqualTo("subject");
    assertThat(subject.path("component").path("value").asText()).isEqualTo("Printer on fire");
    JsonNode category = data.path("components").path(1).path("component");
    assertThat(category.path("type").asInt()).isEqualTo(3);
    assertThat(category.path("values")).extracting(JsonNode::asText).containsExactly("report");
  }
}
