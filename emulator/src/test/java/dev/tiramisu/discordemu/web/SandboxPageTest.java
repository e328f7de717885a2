package dev.tiramisu.discordemu.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.driver.TestGuild;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The sandbox page in real headless Chromium, against the emulator and a real JDA bot: the slash box offers the
 * registered commands and runs them, an ephemeral reply is shown only to its user, buttons, selects and a modal
 * work, private threads are listed only for those who can see them, and changes arrive live without a reload.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxPageTest {
  private Emulator emu;
  private SandboxTestBot bot;
  private TestGuild g;
  private WebUi web;
  private Browser browser;

  @BeforeAll
  void start() {
    emu = Emulator.start();
    // slow, loaded machines: only a test about Discord's 3 s deadline should see it
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

  /** Opens the page as a user, in #general, once live updates are connected. */
  private void open(String user) {
    browser.driver.get(web.url() + "?as=" + user);
    showing(user);
    browser.await("live updates connected", d -> "live".equals(browser.find("#live").getAttribute("data-state")));
    browser.await("#general shown", d -> "general".equals(browser.find("#channel-title .title-name").getText()));
  }

  private void showing(String user) {
    String id = Long.toString(g.user(user));
    browser.await("the sidebar of " + user, d -> id.equals(browser.find("#channel-list").getAttribute("data-user")));
  }

  private void actAs(String user) {
    new Select(browser.find("#acting-as")).selectByValue(Long.toString(g.user(user)));
    showing(user);
  }

  private WebElement message(String text) {
    return browser.await("a message with '" + text + "'",
        d -> browser.withText("#messages .message", text).orElse(null));
  }

  private WebElement input() {
    return browser.find("#composer-input");
  }

  /** Types a command into the slash box, picks the suggestion for {@code path}, and returns the options panel. */
  private WebElement slash(String typed, String path) {
    input().clear();
    input().sendKeys(typed);
    browser.await("the suggestion /" + path,
        d -> browser.find("#suggestions .suggestion[data-path='" + path + "']").isDisplayed());
    browser.find("#suggestions .suggestion[data-path='" + path + "']").click();
    return browser.await("the options of /" + path, d -> {
      WebElement box = browser.find("#slash-options");
      return box.isDisplayed() && box.getText().contains("/" + path) ? box : null;
    });
  }

  @Test
  void slashBoxOffersTheCommandsAndAnEphemeralReplyIsShownOnlyToItsUser() {
    open("alice");
    input().sendKeys("/");
    browser.await("suggestions", d -> browser.find("#suggestions").isDisplayed());
    assertThat(browser.all("#suggestions .suggestion")).extracting(e -> e.getAttribute("data-path"))
        .contains("ping", "panel", "thread", "greet")
        .doesNotContain("staff"); // hidden from members by default_member_permissions
    browser.screenshot("sandbox-slash-command");
    input().sendKeys("pi");
    browser.await("only /ping left", d -> browser.all("#suggestions .suggestion").size() == 1);
    input().sendKeys(Keys.ENTER); // picks /ping
    browser.await("the /ping panel", d -> browser.find("#slash-options").getText().contains("/ping"));
    input().sendKeys(Keys.ENTER); // runs it

    WebElement pong = message("pong for");
    assertThat(pong.getAttribute("class")).contains("ephemeral");
    assertThat(pong.findElement(By.cssSelector(".ephemeral-note")).getText()).contains("Only you can see this");
    assertThat(pong.findElement(By.cssSelector(".content .mention")).getText()).isEqualTo("@alice");
    assertThat(pong.findElement(By.cssSelector(".content em")).getText()).isEqualTo("only");
    assertThat(pong.findElement(By.cssSelector(".interaction-line")).getText()).contains("alice used /ping");

    actAs("bob");
    input().sendKeys("bob checks in" + Keys.ENTER);
    message("bob checks in");
    assertThat(browser.find("#messages").getText()).doesNotContain("pong for");
  }

  @Test
  void buttonsTheSelectMenuAndAModalWork() {
    open("alice");
    slash("/pan", "panel");
    input().sendKeys(Keys.ENTER);
    WebElement panel = message("Support panel");
    assertThat(panel.findElement(By.cssSelector(".embed-title")).getText()).isEqualTo("Support panel");
    assertThat(panel.findElement(By.cssSelector(".embed-field-name")).getText()).isEqualTo("Hours");
    assertThat(panel.findElement(By.cssSelector(".embed-description code")).getText()).isEqualTo("code");
    assertThat(panel.findElement(By.cssSelector(".embed-description u")).getText()).isEqualTo("underline");
    assertThat(panel.findElement(By.cssSelector(".embed-description s")).getText()).isEqualTo("strike");
    assertThat(panel.findElements(By.cssSelector(".embed-description .spoiler"))).hasSize(1);
    assertThat(panel.findElement(By.cssSelector("button[data-custom-id='never']")).isEnabled()).isFalse();

    panel.findElement(By.cssSelector("button[data-custom-id='hi']")).click();
    WebElement hi = message("Hi @alice!");
    assertThat(hi.findElement(By.cssSelector(".content strong")).getText()).isEqualTo("Hi");
    assertThat(hi.getAttribute("class")).doesNotContain("ephemeral");

    new Select(message("Support panel").findElement(By.cssSelector("select[data-custom-id='flavour']")))
        .selectByValue("chocolate");
    assertThat(message("You chose chocolate").getAttribute("class")).contains("ephemeral");

    message("Support panel").findElement(By.cssSelector("button[data-custom-id='form']")).click();
    WebElement dialog = browser.await("the modal", d -> browser.find("#modal").isDisplayed() ? browser.find("#modal") : null);
    assertThat(dialog.findElement(By.id("modal-title")).getText()).isEqualTo("Feedback");
    assertThat(dialog.findElement(By.cssSelector(".modal-label")).getText()).contains("YOUR FEEDBACK");
    WebElement text = dialog.findElement(By.cssSelector("textarea[data-custom-id='text']"));
    text.sendKeys("The sandbox is great");
    browser.screenshot("sandbox-modal");
    dialog.findElement(By.id("modal-submit")).click();
    browser.await("the modal closed", d -> !browser.find("#modal").isDisplayed());
    assertThat(message("Thanks: The sandbox is great").getText()).contains("Only you can see this");
    browser.screenshot("sandbox-panel");
  }

  @Test
  void typedOptionsArePickedFromTheGuild() {
    open("alice");
    WebElement options = slash("/greet", "greet");
    WebElement who = options.findElement(By.cssSelector("select.option-input[data-name='who']"));
    new Select(who).selectByValue(Long.toString(g.user("bob")));
    browser.find("#slash-run").click();
    WebElement hello = message("Hello @bob!");
    assertThat(hello.findElement(By.cssSelector(".mention")).getText()).isEqualTo("@bob");
  }

  @Test
  void privateThreadsAreListedOnlyForThoseWhoCanSeeThem() {
    open("alice");
    WebElement options = slash("/thread", "thread");
    options.findElement(By.cssSelector("input.option-input[data-name='name']")).sendKeys("alice-secret" + Keys.ENTER);
    String row = "#channel-list .channel.thread[data-name='alice-secret']";
    browser.await("the private thread under #general", d -> browser.find(row).isDisplayed());
    browser.await("the thread marked private", d -> "true".equals(browser.find(row).getAttribute("data-private")));
    browser.find(row).click();
    browser.await("the thread shown",
        d -> "alice-secret".equals(browser.find("#channel-title .title-name").getText()));
    message("Welcome @alice");
    browser.screenshot("sandbox-private-thread");

    actAs("mod"); // Staff: Manage Threads
    browser.await("mod sees the thread", d -> browser.find(row).isDisplayed());

    actAs("bob");
    browser.await("bob's channels", d -> !browser.all("#channel-list .channel[data-name='general']").isEmpty());
    assertThat(browser.all(row)).isEmpty();
    assertThat(browser.find("#channel-title .title-name").getText()).isEqualTo("general");
  }

  @Test
  void changesArriveLiveWithoutAReloadAndTextStaysText() {
    open("alice");
    browser.script("window.sandboxMarker = 'same page';");
    emu.as(g.user("bob")).post(g.channel("general"),
        "**live** from bob for <@" + g.user("alice") + "> ||psst|| <img src=x onerror=alert(1)> > not a quote");
    WebElement live = message("live from bob");
    assertThat(browser.script("return window.sandboxMarker;")).isEqualTo("same page");
    assertThat(live.findElement(By.cssSelector(".content strong")).getText()).isEqualTo("live");
    assertThat(live.findElement(By.cssSelector(".content .mention")).getText()).isEqualTo("@alice");
    assertThat(live.findElements(By.cssSelector(".content .spoiler"))).hasSize(1);
    assertThat(live.findElements(By.cssSelector("img"))).isEmpty();
    assertThat(live.findElement(By.cssSelector(".content")).getText()).contains("<img src=x onerror=alert(1)>");
  }

  @Test
  void directMessagesFromTheBotAreShownInTheDmView() {
    open("bob");
    slash("/dm", "dm");
    input().sendKeys(Keys.ENTER);
    message("Check your DMs");
    browser.find("#servers .dm-home").click();
    String dm = "#channel-list .channel.dm";
    browser.await("the DM with the bot", d -> browser.find(dm).isDisplayed());
    assertThat(browser.find(dm).getText()).contains("Tiramisu Tickets");
    browser.find(dm).click();
    WebElement direct = message("A direct message for @bob");
    assertThat(direct.findElement(By.cssSelector(".content strong")).getText()).isEqualTo("direct");
    assertThat(browser.find("#channel-title").getText()).contains("Tiramisu Tickets");
  }
}
