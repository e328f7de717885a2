package dev.tiramisu.tickets.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.driver.ThreadView;
import dev.tiramisu.discordemu.web.Browser;
import dev.tiramisu.tickets.settings.FormAnswer;
import dev.tiramisu.tickets.ticket.Ticket;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 12 in the sandbox page: the admin offers six ticket types, so {@code /panel create types:all}
 * (typed in the page's slash box) posts a panel with a select menu; alice, in the browser, picks
 * "Report a player" in it, fills the type's form (a paragraph and a select question) and submits;
 * the page shows her new private thread whose Components V2 first message carries the answers, and
 * the bot's database holds the same answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxTypedTicketBrowserTest {
  private SandboxPage page;
  private Browser browser;

  @BeforeAll
  void start() throws IOException {
    page = SandboxPage.start();
    browser = page.browser;
  }

  @AfterAll
  void stop() {
    if (page != null) {
      page.close();
    }
  }

  /**
   * A command as the admin through the driver: the set-up the README's story types by hand (its
   * commands and values), and four more types so that the panel is a select.
   */
  private String admin(String path, Object... kv) {
    Map<String, Object> options = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      options.put((String) kv[i], kv[i + 1]);
    }
    TestGuild g = page.sandbox.guild();
    return g.as("admin").slash(g.channel("general"), path, options).awaitReply().text();
  }

  private void type(String name, String emoji, String description) {
    TestGuild g = page.sandbox.guild();
    assertThat(admin("tickettype create", "name", name, "emoji", emoji, "description", description,
        "ticket_channel", "<#" + g.channel("tickets") + ">",
        "staff_roles", "<@&" + g.role("Staff") + ">"))
        .startsWith("Ticket type **" + name + "** created.");
  }

  /**
   * The types use emoji that Debian's headless Chromium, which has no emoji font, still draws (with
   * DejaVu Sans) in the README's screenshots.
   */
  @Test
  void alice_opens_a_typed_ticket_through_the_select_panel_and_its_form() {
    TestGuild g = page.sandbox.guild();
    admin("setting set", "name", "ticket_channel", "value", "<#" + g.channel("tickets") + ">");
    admin("setting set", "name", "staff_role", "value", "<@&" + g.role("Staff") + ">");
    type("Billing", "✉️", "Payments and refunds");
    type("Report a player", "⚠️", "Cheating, harassment, spam");
    type("Appeal", "⚖️", "Appeal a ban or a mute");
    type("Bug report", "⚙️", "Something does not work");
    type("Partnership", "☎️", "Work with us");
    type("Other", "✏️", "Anything else");
    assertThat(admin("tickettype question add", "type", "Billing", "label", "Order number",
        "placeholder", "From your receipt")).contains("Order number");
    assertThat(admin("tickettype question add", "type", "Report a player", "label", "What happened?",
        "style", "paragraph")).contains("What happened?");
    assertThat(admin("tickettype question add", "type", "Report a player", "label", "Where?",
        "style", "select", "options", "Chat;Voice;Game")).contains("Where?");

    // the admin posts the panel in #tickets through the page's slash box
    page.open("admin");
    page.channel("tickets");
    WebElement options = page.slash("panel create");
    options.findElement(By.cssSelector("input.option-input[data-name='types']")).sendKeys("all");
    options.findElement(By.cssSelector("input.option-input[data-name='title']")).sendKeys("How can we help?");
    browser.find("#slash-run").click();
    page.message("is posted");
    WebElement panel = page.message("How can we help?");
    assertThat(panel.findElements(By.cssSelector(".container"))).as("a Components V2 card").isNotEmpty();
    assertThat(panel.findElements(By.cssSelector("button.component-button"))).as("no buttons").isEmpty();

    // alice picks "Report a player" in the panel's select
    page.actAs("alice");
    page.channel("tickets");
    WebElement select = page.message("How can we help?").findElement(By.cssSelector("select.component-select"));
    List<String> choices = new Select(select).getOptions().stream().map(WebElement::getText).toList();
    assertThat(choices).hasSizeGreaterThanOrEqualTo(7) // the placeholder and six types
        .anySatisfy(c -> assertThat(c).startsWith("⚠️ Report a player").contains("Cheating, harassment, spam"))
        .anySatisfy(c -> assertThat(c).startsWith("✉️ Billing"));
    WebElement report = new Select(select).getOptions().stream()
        .filter(o -> o.getText().contains("Report a player")).findFirst().orElseThrow();
    new Select(select).selectByValue(report.getAttribute("value"));

    // the form: a paragraph and a select, in Label components
    WebElement form = browser.await("the form",
        d -> browser.find("#modal").isDisplayed() ? browser.find("#modal") : null);
    assertThat(form.findElement(By.id("modal-title")).getText()).isEqualTo("New ticket: Report a player");
    List<WebElement> fields = form.findElements(By.cssSelector(".modal-field"));
    // the server requires a reason (the default), so it comes first; the page shows labels in capitals
    assertThat(fields).extracting(f -> f.findElement(By.cssSelector(".modal-label")).getAttribute("textContent"))
        .containsExactly("Why are you opening this ticket? *", "What happened? *", "Where? *");
    fields.get(0).findElement(By.cssSelector(".modal-input")).sendKeys("A cheater in my last match");
    fields.get(1).findElement(By.cssSelector("textarea.modal-input"))
        .sendKeys("He spammed links in the chat for an hour");
    new Select(fields.get(2).findElement(By.cssSelector("select.modal-select"))).selectByVisibleText("Voice");
    browser.screenshot("sandbox-typed-form");
    form.findElement(By.id("modal-submit")).click();
    browser.await("the form closed", d -> !browser.find("#modal").isDisplayed());
    assertThat(page.message("Your ticket #1 is open").getText()).contains("Only you can see this");

    // her private thread in #tickets, the answers in its first message
    String thread = "#channel-list .channel.thread[data-name='Ticket #1']";
    page.go(thread);
    WebElement first = page.message("What happened?");
    assertThat(first.getText())
        .contains("⚠️ Report a player · ticket #1")
        .contains("A cheater in my last match")
        .contains("He spammed links in the chat for an hour")
        .contains("Where?").contains("Voice")
        .contains("@alice");
    assertThat(first.getAttribute("class")).contains("pinned");
    assertThat(first.findElements(By.cssSelector(".container"))).isNotEmpty();
    assertThat(first.findElements(By.cssSelector("button.component-button")).stream()
        .map(WebElement::getText).toList()).containsExactly("Close ticket", "Claim");
    browser.screenshot("sandbox-typed-ticket");

    // the emulator and the bot's database agree
    long threadId = Long.parseLong(browser.find(thread).getAttribute("data-id"));
    ThreadView view = g.threads().stream().filter(t -> t.id() == threadId).findFirst().orElseThrow();
    assertThat(view.parentId()).isEqualTo(g.channel("tickets"));
    assertThat(view.memberIds()).contains(g.user("alice")).doesNotContain(g.user("bob"));
    MessageView firstView = g.messages(threadId).get(0);
    assertThat(firstView.componentsV2()).isTrue();
    assertThat(firstView.pingedEveryone()).isFalse();
    var bot = page.session.bot();
    Ticket ticket = bot.core().database().tickets().findByThread(threadId).orElseThrow();
    assertThat(bot.effects().awaitIdle(ticket.id(), Duration.ofSeconds(30))).isTrue();
    assertThat(ticket.creatorId()).isEqualTo(g.user("alice"));
    assertThat(ticket.reason()).isEqualTo("A cheater in my last match");
    assertThat(bot.core().types().forms().answers(ticket.id())).containsExactly(
        new FormAnswer(1, "What happened?", "He spammed links in the chat for an hour"),
        new FormAnswer(2, "Where?", "Voice"));
    assertThat(page.sandbox.emulator().specViolations()).isEmpty();
  }
}
