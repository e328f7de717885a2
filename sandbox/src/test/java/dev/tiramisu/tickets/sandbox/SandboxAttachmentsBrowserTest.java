package dev.tiramisu.tickets.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.web.Browser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The sandbox page shows files as a person would see them in Discord: a member closes a ticket, rates it from the
 * DM's buttons and adds a comment through the modal; staff open the log channel, see the transcript as a link the
 * page serves (fetched here: it holds the ticket), and run {@code /ticket stats 7}, whose chart shows inline as an
 * image that loaded. Screenshots: {@code sandbox-transcript-link}, {@code sandbox-stats}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxAttachmentsBrowserTest {
  private SandboxPage page;
  private Browser browser;

  @BeforeAll
  void start() throws IOException {
    page = SandboxPage.start(true);
    browser = page.browser;
  }

  @AfterAll
  void stop() {
    if (page != null) {
      page.close();
    }
  }

  @Test
  void transcript_link_rating_from_the_dm_and_the_stats_chart_inline() throws Exception {
    page.open("admin");
    page.setting("ticket_channel", "#tickets");
    page.setting("staff_role", "@Staff");
    page.setting("modlog_channel", "#mod-log");

    // alice opens a ticket and closes it
    page.actAs("alice");
    page.channel("general");
    page.slash("ticket create").findElement(By.cssSelector("input.option-input[data-name='reason']"))
        .sendKeys("The printer is on fire" + Keys.ENTER);
    page.message("Your ticket #1 is open");
    String ticket = "#channel-list .channel.thread[data-name='Ticket #1']";
    browser.await("alice's ticket thread", d -> browser.find(ticket).isDisplayed());
    page.go(ticket);
    page.message("The printer is on fire").findElement(By.cssSelector("button.component-button")).click();
    page.message("Close ticket #1?").findElements(By.cssSelector(".component-button")).stream()
        .filter(b -> b.getText().equals("Close")).findFirst().orElseThrow().click();
    page.message("Ticket #1 is closed.");

    // the DM: rate 4 ★, then add a comment through the modal
    page.click("#servers .dm-home");
    page.go("#channel-list .channel.dm");
    WebElement dm = page.message("was closed by");
    WebElement four = browser.await("the rating buttons", d -> dm.findElements(By.cssSelector(".component-button"))
        .stream().filter(b -> b.getText().equals("4 ★")).findFirst().orElse(null));
    four.click();
    page.message("Thank you for rating this ticket 4/5");
    WebElement comment = browser.await("the comment button", d -> browser.all("#messages .component-button").stream()
        .filter(b -> b.getText().equals("Add a comment") && b.isEnabled()).findFirst().orElse(null));
    comment.click();
    WebElement form = browser.await("the comment form",
        d -> browser.find("#modal").isDisplayed() ? browser.find("#modal") : null);
    form.findElement(By.cssSelector(".modal-input")).sendKeys("Quick and friendly");
    form.findElement(By.id("modal-submit")).click();
    browser.await("the form closed", d -> !browser.find("#modal").isDisplayed());
    page.message("Thank you, your comment was saved.");

    // staff: the log entry carries the transcript, a link the page serves
    page.actAs("moderator");
    page.click("#servers .server[title='Tiramisu Sandbox']");
    page.channel("mod-log");
    WebElement link = browser.await("the transcript link", d -> browser.all("#messages .attachment-link").stream()
        .filter(a -> a.getText().equals("transcript-1.html")).findFirst().orElse(null));
    page.message("was rated 4/5");
    browser.script("arguments[0].scrollIntoView({block: 'center'})", link);
    browser.screenshot("sandbox-transcript-link");
    HttpResponse<String> transcript = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(link.getAttribute("href"))).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(transcript.statusCode()).isEqualTo(200);
    assertThat(transcript.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).startsWith("sandbox"));
    assertThat(transcript.body()).contains("<html", "Ticket #1", "The printer is on fire");

    // staff: /ticket stats 7 shows its chart inline, loaded
    page.channel("general");
    page.slash("ticket stats").findElement(By.cssSelector("input.option-input[data-name='days']"))
        .sendKeys("7" + Keys.ENTER);
    WebElement stats = page.message("Tickets in the last 7 days");
    assertThat(stats.getText()).contains("Opened: 1", "Closed: 1", "Average rating: 4.00/5");
    WebElement chart = stats.findElement(By.cssSelector("img.attachment-image"));
    browser.await("the chart loaded", d -> ((Number) browser.script(
        "return arguments[0].complete ? arguments[0].naturalWidth : 0", chart)).longValue() > 0);
    assertThat(chart.getAttribute("alt")).isEqualTo("ticket-stats.png");
    browser.script("arguments[0].scrollIntoView({block: 'end'})", chart);
    browser.screenshot("sandbox-stats");
  }
}
