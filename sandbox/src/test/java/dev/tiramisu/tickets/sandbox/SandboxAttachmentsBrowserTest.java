package dev.tiramisu.tickets.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.web.Browser;
import dev.tiramisu.tickets.app.Bot;
import dev.tiramisu.tickets.config.BotConfig;
import dev.tiramisu.tickets.config.DatabaseConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The sandbox page shows files as a person would see them in Discord: a member closes a ticket, rates it from the
 * DM's buttons and adds a comment through the modal; staff open the log channel, see the transcript as a link the
 * page serves (fetched here: it holds the ticket), and run {@code /ticket stats 7}, whose chart shows inline as an
 * image that loaded. Screenshots: {@code sandbox-transcript-link}, {@code sandbox-stats}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxAttachmentsBrowserTest {
  private Path dir;
  private Sandbox sandbox;
  private SandboxSession session;
  private Browser browser;

  @BeforeAll
  void start() throws IOException {
    dir = Files.createTempDirectory("tickets-sandbox-files");
    Path db = dir.resolve("sandbox.db");
    // as SandboxMain runs it: the sandbox's application has the Message Content intent
    BotConfig config = new BotConfig(null, DatabaseConfig.sqlite(db.toString()), null, 0, "INFO")
        .withMessageContentIntent(true);
    sandbox = Sandbox.start(0);
    try {
      session = new SandboxSession(sandbox,
          () -> Bot.start(config, sandbox.token(), sandbox.endpoint(), Clock.systemUTC()),
          () -> SandboxSession.deleteSqlite(db));
      browser = Browser.start();
    } catch (RuntimeException | Error e) {
      stop();
      throw e;
    }
  }

  @AfterAll
  void stop() {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (session != null) {
        session.close();
      } else {
        sandbox.close();
      }
      deleteTree(dir);
    }
  }

  @Test
  void transcript_link_rating_from_the_dm_and_the_stats_chart_inline() throws Exception {
    open("admin");
    setting("ticket_channel", "#tickets");
    setting("staff_role", "@Staff");
    setting("modlog_channel", "#mod-log");

    // alice opens a ticket and closes it
    actAs("alice");
    channel("general");
    slash("ticket create").findElement(By.cssSelector("input.option-input[data-name='reason']"))
        .sendKeys("The printer is on fire" + Keys.ENTER);
    message("Your ticket #1 is open");
    String ticket = "#channel-list .channel.thread[data-name='Ticket #1']";
    browser.await("alice's ticket thread", d -> browser.find(ticket).isDisplayed());
    go(ticket);
    message("The printer is on fire").findElement(By.cssSelector("button.component-button")).click();
    message("Close ticket #1?").findElements(By.cssSelector(".component-button")).stream()
        .filter(b -> b.getText().equals("Close")).findFirst().orElseThrow().click();
    message("Ticket #1 is closed.");

    // the DM: rate 4 ★, then add a comment through the modal
    browser.find("#servers .dm-home").click();
    go("#channel-list .channel.dm");
    WebElement dm = message("was closed by");
    WebElement four = browser.await("the rating buttons", d -> dm.findElements(By.cssSelector(".component-button"))
        .stream().filter(b -> b.getText().equals("4 ★")).findFirst().orElse(null));
    four.click();
    message("Thank you for rating this ticket 4/5");
    WebElement comment = browser.await("the comment button", d -> browser.all("#messages .component-button").stream()
        .filter(b -> b.getText().equals("Add a comment") && b.isEnabled()).findFirst().orElse(null));
    comment.click();
    WebElement form = browser.await("the comment form",
        d -> browser.find("#modal").isDisplayed() ? browser.find("#modal") : null);
    form.findElement(By.cssSelector(".modal-input")).sendKeys("Quick and friendly");
    form.findElement(By.id("modal-submit")).click();
    browser.await("the form closed", d -> !browser.find("#modal").isDisplayed());
    message("Thank you, your comment was saved.");

    // staff: the log entry carries the transcript, a link the page serves
    actAs("moderator");
    browser.find("#servers .server[title='Tiramisu Sandbox']").click();
    channel("mod-log");
    WebElement link = browser.await("the transcript link", d -> browser.all("#messages .attachment-link").stream()
        .filter(a -> a.getText().equals("transcript-1.html")).findFirst().orElse(null));
    message("was rated 4/5");
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
    channel("general");
    slash("ticket stats").findElement(By.cssSelector("input.option-input[data-name='days']"))
        .sendKeys("7" + Keys.ENTER);
    WebElement stats = message("Tickets in the last 7 days");
    assertThat(stats.getText()).contains("Opened: 1", "Closed: 1", "Average rating: 4.00/5");
    WebElement chart = stats.findElement(By.cssSelector("img.attachment-image"));
    browser.await("the chart loaded", d -> ((Number) browser.script(
        "return arguments[0].complete ? arguments[0].naturalWidth : 0", chart)).longValue() > 0);
    assertThat(chart.getAttribute("alt")).isEqualTo("ticket-stats.png");
    browser.script("arguments[0].scrollIntoView({block: 'end'})", chart);
    browser.screenshot("sandbox-stats");
  }

  // ------------------------------------------------------------------ page helpers (as in SandboxBrowserTest)

  private void open(String user) {
    browser.driver.get(sandbox.webUi().url() + "?as=" + user);
    browser.await("live updates", d -> "live".equals(browser.find("#live").getAttribute("data-state")));
    showing(user);
  }

  private String idOf(String user) {
    return browser.await("the user " + user + " in the switch", d -> browser.all("#acting-as option").stream()
        .filter(o -> user.equals(o.getAttribute("data-username")))
        .map(o -> o.getAttribute("value"))
        .filter(java.util.Objects::nonNull)
        .findFirst().orElse(null));
  }

  private void showing(String user) {
    String id = idOf(user);
    browser.await("the page as " + user,
        d -> id.equals(browser.find("#channel-list").getAttribute("data-user")));
  }

  private void actAs(String user) {
    new Select(browser.find("#acting-as")).selectByValue(idOf(user));
    showing(user);
  }

  private void go(String css) {
    String id = browser.await("the sidebar entry " + css,
        d -> browser.find(css).isDisplayed() ? browser.find(css).getAttribute("data-id") : null);
    browser.await("a click on " + css, d -> { // the sidebar may re-render under the click: stale means retry
      browser.find(css).click();
      return true;
    });
    browser.await("the channel " + css + " shown",
        d -> id.equals(browser.find("#channel-list .channel.active").getAttribute("data-id")));
  }

  private void channel(String name) {
    go("#channel-list .channel[data-name='" + name + "']");
  }

  private WebElement message(String text) {
    return browser.await("a message with '" + text + "'",
        d -> browser.withText("#messages .message", text).orElse(null));
  }

  private WebElement slash(String path) {
    WebElement input = browser.find("#composer-input");
    input.clear();
    input.sendKeys("/" + path);
    String css = "#suggestions .suggestion[data-path='" + path + "']";
    browser.await("the suggestion /" + path, d -> browser.find(css).isDisplayed());
    browser.find(css).click();
    return browser.await("the options of /" + path, d -> {
      WebElement box = browser.find("#slash-options");
      return box.isDisplayed() && box.getText().contains("/" + path) ? box : null;
    });
  }

  private void setting(String name, String value) {
    WebElement options = slash("setting set");
    new Select(options.findElement(By.cssSelector("select.option-input[data-name='name']"))).selectByValue(name);
    long before = replies(name + " is now");
    options.findElement(By.cssSelector("input.option-input[data-name='value']")).sendKeys(value + Keys.ENTER);
    browser.await("the reply for " + name, d -> replies(name + " is now") > before);
  }

  private long replies(String text) {
    return browser.all("#messages .message").stream().filter(m -> m.getText().contains(text)).count();
  }

  private static void deleteTree(Path root) {
    if (root == null) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
