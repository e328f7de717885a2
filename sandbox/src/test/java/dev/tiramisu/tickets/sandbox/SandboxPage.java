package dev.tiramisu.tickets.sandbox;

import dev.tiramisu.discordemu.web.Browser;
import dev.tiramisu.tickets.app.Bot;
import dev.tiramisu.tickets.config.BotConfig;
import dev.tiramisu.tickets.config.DatabaseConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Objects;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The sandbox (the demo server, the real bot on a fresh SQLite database) and its web page in headless
 * Chromium, with the steps a person takes on the page: act as a user, go to a channel, use the slash
 * box, find a message. Shared by the browser tests.
 */
final class SandboxPage implements AutoCloseable {
  private final Path dir;
  final Sandbox sandbox;
  final SandboxSession session;
  final Browser browser;

  private SandboxPage(Path dir, Sandbox sandbox, SandboxSession session, Browser browser) {
    this.dir = dir;
    this.sandbox = sandbox;
    this.session = session;
    this.browser = browser;
  }

  static SandboxPage start() throws IOException {
    return start(false);
  }

  /**
   * @param messageContent whether the sandbox's application has the Message Content intent, as
   *     {@code SandboxMain} runs it (transcripts then hold members' text)
   */
  static SandboxPage start(boolean messageContent) throws IOException {
    Path dir = Files.createTempDirectory("tickets-sandbox-ui");
    Path db = dir.resolve("sandbox.db");
    BotConfig config = new BotConfig(null, DatabaseConfig.sqlite(db.toString()), null, 0, "INFO")
        .withMessageContentIntent(messageContent);
    Sandbox sandbox = Sandbox.start(0);
    SandboxSession session = null;
    try {
      session = new SandboxSession(sandbox,
          () -> Bot.start(config, sandbox.token(), sandbox.endpoint(), Clock.systemUTC()),
          () -> SandboxSession.deleteSqlite(db));
      return new SandboxPage(dir, sandbox, session, Browser.start());
    } catch (RuntimeException | Error e) {
      if (session != null) {
        session.close();
      } else {
        sandbox.close();
      }
      deleteTree(dir);
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      browser.close();
    } finally {
      try {
        session.close();
      } finally {
        deleteTree(dir);
      }
    }
  }

  void open(String user) {
    browser.driver.get(sandbox.webUi().url() + "?as=" + user);
    browser.await("live updates", d -> "live".equals(browser.find("#live").getAttribute("data-state")));
    showing(user);
  }

  /** The user's id in the "acting as" switch, once the switch lists them. */
  String idOf(String user) {
    return browser.await("the user " + user + " in the switch", d -> browser.all("#acting-as option").stream()
        .filter(o -> user.equals(o.getAttribute("data-username")))
        .map(o -> o.getAttribute("value"))
        .filter(Objects::nonNull)
        .findFirst().orElse(null));
  }

  private void showing(String user) {
    String id = idOf(user);
    browser.await("the page as " + user,
        d -> id.equals(browser.find("#channel-list").getAttribute("data-user")));
  }

  void actAs(String user) {
    new Select(browser.find("#acting-as")).selectByValue(idOf(user));
    showing(user);
  }

  /** Clicks {@code css}, found again if the page re-rendered it under the click (stale means retry). */
  void click(String css) {
    browser.await("a click on " + css, d -> {
      browser.find(css).click();
      return true;
    });
  }

  void go(String css) {
    String id = browser.await("the sidebar entry " + css,
        d -> browser.find(css).isDisplayed() ? browser.find(css).getAttribute("data-id") : null);
    click(css); // the sidebar may re-render under the click
    browser.await("the channel " + css + " shown", d -> {
      WebElement active = browser.find("#channel-list .channel.active");
      return id.equals(active.getAttribute("data-id"));
    });
  }

  void channel(String name) {
    go("#channel-list .channel[data-name='" + name + "']");
  }

  WebElement message(String text) {
    return browser.await("a message with '" + text + "'",
        d -> browser.withText("#messages .message", text).orElse(null));
  }

  WebElement input() {
    return browser.find("#composer-input");
  }

  /** Picks {@code /path} in the slash box and returns its options panel. */
  WebElement slash(String path) {
    input().clear();
    input().sendKeys("/" + path);
    String css = "#suggestions .suggestion[data-path='" + path + "']";
    browser.await("the suggestion /" + path, d -> browser.find(css).isDisplayed());
    browser.find(css).click();
    return browser.await("the options of /" + path, d -> {
      WebElement box = browser.find("#slash-options");
      return box.isDisplayed() && box.getText().contains("/" + path) ? box : null;
    });
  }

  void setting(String name, String value) {
    WebElement options = slash("setting set");
    new Select(options.findElement(By.cssSelector("select.option-input[data-name='name']")))
        .selectByValue(name);
    long before = replies(name + " is now");
    options.findElement(By.cssSelector("input.option-input[data-name='value']"))
        .sendKeys(value + Keys.ENTER);
    browser.await("the reply for " + name, d -> replies(name + " is now") > before);
  }

  long replies(String text) {
    return browser.all("#messages .message").stream().filter(m -> m.getText().contains(text)).count();
  }

  private static void deleteTree(Path root) {
    if (root == null) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
