package dev.tiramisu.discordemu.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its chromedriver, for the sandbox page's tests. Nothing is downloaded: the
 * browser is {@code /usr/bin/chromium} and the driver {@code /usr/bin/chromedriver} (override with
 * {@code -Dtickets.test.chromium=} and {@code -Dtickets.test.chromedriver=}). When either is missing the test fails
 * and says how to install them; {@code -Dtickets.test.browser=off} turns the browser tests off explicitly (they are
 * then reported as skipped). Screenshots go to {@code target/screenshots/} (or {@code -Dtickets.screenshots.dir}) unless {@code -Dtickets.test.screenshots=off}.
 */
public final class Browser implements AutoCloseable {
  public static final String SWITCH = "tickets.test.browser";

  public final WebDriver driver;
  private final Path profile;

  private Browser(WebDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  public static Browser start() {
    if ("off".equalsIgnoreCase(System.getProperty(SWITCH, ""))) {
      Assumptions.abort("browser tests turned off with -D" + SWITCH + "=off");
    }
    Path chromium = Path.of(System.getProperty("tickets.test.chromium", "/usr/bin/chromium"));
    Path chromedriver = Path.of(System.getProperty("tickets.test.chromedriver", "/usr/bin/chromedriver"));
    if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
      throw new IllegalStateException("The sandbox page's browser tests need Debian's Chromium and chromedriver ("
          + chromium + ", " + chromedriver + "), which are missing. Install them with "
          + "'apt-get install -y chromium chromium-driver' (.ci/run does when they are missing), "
          + "or turn these tests off explicitly with -D" + SWITCH + "=off.");
    }
    Path profile;
    try {
      profile = Files.createTempDirectory("sandbox-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1400,900", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(chromedriver.toFile())
        .usingAnyFreePort()
        .build();
    try {
      return new Browser(new ChromeDriver(service, options), profile);
    } catch (RuntimeException e) {
      deleteTree(profile);
      throw e;
    }
  }

  /**
   * An explicit wait: re-checks the condition until it holds (a non-null, non-false value; default 30 s). While the
   * page is still rendering, an element that is missing ({@code NoSuchElementException}), re-rendered
   * ({@code StaleElementReferenceException}) or an attribute not set yet (a {@code NullPointerException} in the
   * condition, e.g. {@code getAttribute(...).equals(...)}) means "not yet", not a failure; the last such exception
   * is the cause of the timeout's error.
   */
  public <T> T await(String what, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, Duration.ofSeconds(30))
        .withMessage(what)
        .ignoring(StaleElementReferenceException.class)
        .ignoring(NoSuchElementException.class)
        .ignoring(NullPointerException.class)
        .until(condition);
  }

  public WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  public List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** The first element matching {@code css} whose visible text contains {@code text}, if any. */
  public Optional<WebElement> withText(String css, String text) {
    return all(css).stream().filter(e -> e.getText().contains(text)).findFirst();
  }

  public Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /** Saves a PNG of the page to the screenshot folder (see {@link #screenshotDir()}), overwriting the last run's. */
  public void screenshot(String name) {
    if ("off".equalsIgnoreCase(System.getProperty("tickets.test.screenshots", ""))) {
      return;
    }
    Path dir = screenshotDir();
    try {
      Files.createDirectories(dir);
      Path shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(shot, dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
      Files.deleteIfExists(shot);
    } catch (IOException e) {
      throw new UncheckedIOException("could not save screenshot " + name, e);
    }
  }

  /**
   * {@code -Dtickets.screenshots.dir}, else {@code target/screenshots} of the module under test, so a test run
   * leaves the tracked files alone. README's pictures are refreshed with
   * {@code mvn verify -Dtickets.screenshots.dir=$PWD/docs/screenshots}.
   */
  private static Path screenshotDir() {
    String configured = System.getProperty("tickets.screenshots.dir");
    if (configured != null) {
      return Path.of(configured);
    }
    return Path.of("target", "screenshots").toAbsolutePath();
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteTree(profile);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temp profile is harmless
    }
  }
}
