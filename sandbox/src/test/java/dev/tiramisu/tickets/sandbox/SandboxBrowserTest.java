package dev.tiramisu.tickets.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.web.Browser;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The sandbox as a person uses it: the real bot against the demo server, driven only through the
 * web page in headless Chromium. The admin sets the bot up with {@code /setting set}; a member opens
 * a ticket with a reason through the slash box, another through the panel button and its form;
 * staff see both private threads, the other member does not; the creator closes theirs with
 * confirmation; the DM and the log entry appear; Reset starts over.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxBrowserTest {
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

  private void open(String user) {
    page.open(user);
  }

  private void actAs(String user) {
    page.actAs(user);
  }

  private void go(String css) {
    page.go(css);
  }

  private void channel(String name) {
    page.channel(name);
  }

  private WebElement message(String text) {
    return page.message(text);
  }

  private WebElement input() {
    return page.input();
  }

  private WebElement slash(String path) {
    return page.slash(path);
  }

  private void setting(String name, String value) {
    page.setting(name, value);
  }

  // ------------------------------------------------------------------ the story

  @Test
  void a_ticket_from_the_slash_box_and_one_from_the_panel_seen_by_staff_closed_by_its_creator() {
    // the admin sets the bot up, as in a server that has just invited it
    open("admin");
    setting("ticket_channel", "#tickets");
    setting("staff_role", "@Staff");
    setting("modlog_channel", "#mod-log");
    setting("require_reason", "true");
    channel("tickets");
    slash("ticket button");
    browser.find("#slash-run").click();
    WebElement panel = message("Need to talk to the staff privately?");
    assertThat(panel.findElement(By.cssSelector(".component-button")).getText()).isEqualTo("Create ticket");

    // alice: the slash box, with a reason
    actAs("alice");
    channel("general");
    slash("ticket create").findElement(By.cssSelector("input.option-input[data-name='reason']"))
        .sendKeys("The printer is on fire" + Keys.ENTER);
    WebElement opened = message("Your ticket #1 is open");
    assertThat(opened.getText()).contains("Only you can see this");
    String ticket1 = "#channel-list .channel.thread[data-name='Ticket #1']";
    browser.await("alice's ticket thread", d -> browser.find(ticket1).isDisplayed());

    // bob: the panel button, and the form asking for a reason
    actAs("bob");
    channel("tickets");
    message("Need to talk to the staff privately?").findElement(By.cssSelector(".component-button")).click();
    WebElement form = browser.await("the reason form",
        d -> browser.find("#modal").isDisplayed() ? browser.find("#modal") : null);
    assertThat(form.findElement(By.id("modal-title")).getText()).isEqualTo("Open a ticket");
    form.findElement(By.cssSelector(".modal-input")).sendKeys("Cannot log in");
    form.findElement(By.id("modal-submit")).click();
    browser.await("the form closed", d -> !browser.find("#modal").isDisplayed());
    message("Your ticket #2 is open");
    String ticket2 = "#channel-list .channel.thread[data-name='Ticket #2']";
    browser.await("bob's ticket thread", d -> browser.find(ticket2).isDisplayed());
    assertThat(browser.all(ticket1)).as("bob does not see alice's ticket").isEmpty();

    // staff see both private threads
    actAs("moderator");
    browser.await("both tickets for staff",
        d -> browser.find(ticket1).isDisplayed() && browser.find(ticket2).isDisplayed());
    go(ticket1);
    WebElement first = message("The printer is on fire");
    assertThat(first.getAttribute("class")).contains("pinned");
    assertThat(first.getText()).contains("@alice");
    browser.screenshot("sandbox-ticket-staff-view");

    // alice closes her ticket, with confirmation
    actAs("alice");
    browser.await("alice sees only her ticket", d -> browser.find(ticket1).isDisplayed());
    assertThat(browser.all(ticket2)).as("alice does not see bob's ticket").isEmpty();
    go(ticket1);
    message("The printer is on fire").findElement(By.cssSelector("button.component-button")).click();
    WebElement confirm = message("Close ticket #1?");
    assertThat(confirm.getText()).contains("Only you can see this");
    List<String> labels = confirm.findElements(By.cssSelector(".component-button")).stream()
        .map(WebElement::getText).toList();
    assertThat(labels).containsExactly("Close", "Cancel");
    confirm.findElements(By.cssSelector(".component-button")).stream()
        .filter(b -> b.getText().equals("Close")).findFirst().orElseThrow().click();
    message("Ticket #1 is closed.");
    String closed = "#channel-list .channel.thread[data-name='[Closed] Ticket #1']";
    browser.await("the thread renamed and archived", d -> browser.find(closed).isDisplayed());

    // the DM and the log entry
    page.click("#servers .dm-home");
    go("#channel-list .channel.dm");
    WebElement dm = message("Your ticket #1 on Tiramisu Sandbox was closed by @alice");
    assertThat(dm.findElement(By.cssSelector(".content strong")).getText()).isEqualTo("Tiramisu Sandbox");
    actAs("moderator");
    page.click("#servers .server[title='Tiramisu Sandbox']");
    channel("mod-log");
    message("Ticket #1 opened by @alice was closed by @alice");
    browser.screenshot("sandbox-ticket-log");
  }

  @Test
  void reset_starts_over_with_an_empty_sandbox() {
    open("admin");
    setting("ticket_channel", "#tickets");
    browser.find("#reset").click();
    browser.driver.switchTo().alert().accept();
    browser.await("the demo server seeded again",
        d -> browser.withText("#messages .message", "is now").isEmpty()
            && browser.all("#channel-list .channel.thread").isEmpty()
            && !browser.all("#channel-list .channel[data-name='general']").isEmpty());
    // the new bot registered its commands again and the settings are empty
    channel("general");
    slash("ticket create");
    input().sendKeys(Keys.ENTER);
    message("Tickets are not enabled on this server yet");
  }
}
