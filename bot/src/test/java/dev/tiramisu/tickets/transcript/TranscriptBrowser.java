package dev.tiramisu.tickets.transcript;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Debian's headless Chromium (JavaScript on) for transcripts, watching everything the page does. Every request
 * the browser makes, to any host and scheme, goes through one local proxy that records it ({@code
 * --proxy-server} with loopback not bypassed; HTTPS arrives as CONNECT), which is also the server of the pages
 * under test. Before any page script could run, a DevTools-injected script (not subject to the page's CSP)
 * counts {@code alert}/{@code confirm}/{@code prompt} calls and Content-Security-Policy violations. Same
 * switches as the sandbox's browser tests: {@code -Dtickets.test.browser=off} skips, screenshots go to {@code
 * -Dtickets.screenshots.dir} or {@code target/screenshots}.
 */
public final class TranscriptBrowser implements AutoCloseable {
  private static final String CANARIES = String.join("\n",
      "window.__tt = {alerts: 0, violations: []};",
      "for (const f of ['alert', 'confirm', 'prompt', 'print', 'open']) {",
      "  window[f] = function () { window.__tt.alerts++; return null; };",
      "}",
      "document.addEventListener('securitypolicyviolation',",
      "  e => window.__tt.violations.push(e.violatedDirective + ' ' + e.blockedURI), true);");

  public final ChromeDriver driver;
  private final Path profile;
  private final ServerSocket server;
  private final Map<String, byte[]> pages = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  private TranscriptBrowser(ChromeDriver driver, Path profile, ServerSocket server) {
    this.driver = driver;
    this.profile = profile;
    this.server = server;
  }

  public static TranscriptBrowser start() {
    if ("off".equalsIgnoreCase(System.getProperty("tickets.test.browser", ""))) {
      Assumptions.abort("browser tests turned off with -Dtickets.test.browser=off");
    }
    Path chromium = Path.of(System.getProperty("tickets.test.chromium", "/usr/bin/chromium"));
    Path chromedriver = Path.of(System.getProperty("tickets.test.chromedriver", "/usr/bin/chromedriver"));
    if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
      throw new IllegalStateException("The transcript browser tests need Debian's Chromium and chromedriver ("
          + chromium + ", " + chromedriver + "): 'apt-get install -y chromium chromium-driver', or turn them off "
          + "with -Dtickets.test.browser=off.");
    }
    ServerSocket server = null;
    Path profile = null;
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      profile = Files.createTempDirectory("transcript-chromium-");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(chromium.toFile());
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
          "--disable-extensions", "--disable-default-apps", "--no-default-browser-check", "--no-pings",
          "--window-size=1200,900", "--user-data-dir=" + profile,
          "--proxy-server=http://127.0.0.1:" + server.getLocalPort(), "--proxy-bypass-list=<-loopback>");
      options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL", LogType.PERFORMANCE, "ALL"));
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
      TranscriptBrowser b = new TranscriptBrowser(new ChromeDriver(service, options), profile, server);
      b.serve();
      b.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", CANARIES));
      return b;
    } catch (IOException | RuntimeException e) {
      try {
        if (server != null) {
          server.close();
        }
      } catch (IOException ignored) {
        // closing after a failed start
      }
      if (profile != null) {
        deleteTree(profile);
      }
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  /** The URL at which {@code html} is served (through the recording proxy). */
  public String publish(String name, String html) {
    pages.put("/" + name, html.getBytes(StandardCharsets.UTF_8));
    return "http://127.0.0.1:" + server.getLocalPort() + "/" + name;
  }

  /** Every request line the proxy received, in order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** A request line of Chromium's own services (CONNECT to a Google host), which no transcript names. */
  public static boolean isChromiumService(String requestLine) {
    return requestLine.matches("CONNECT ([a-z0-9-]+\\.)*(google\\.com|googleapis\\.com|gstatic\\.com|gvt1\\.com"
        + "|gvt2\\.com):443 HTTP/1\\.[01]");
  }

  public Object script(String js) {
    return ((JavascriptExecutor) driver).executeScript(js);
  }

  /** The performance log's {@code Network.requestWillBeSent} URLs since the last call. */
  public List<String> networkRequests() {
    return driver.manage().logs().get(LogType.PERFORMANCE).getAll().stream().map(LogEntry::getMessage)
        .filter(m -> m.contains("\"Network.requestWillBeSent\""))
        .map(m -> m.replaceAll("(?s).*\"request\":\\{.*?\"url\":\"([^\"]*)\".*", "$1")).toList();
  }

  /** The console's entries since the last call. */
  public List<String> console() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString).toList();
  }

  public void screenshot(String name) {
    if ("off".equalsIgnoreCase(System.getProperty("tickets.test.screenshots", ""))) {
      return;
    }
    String configured = System.getProperty("tickets.screenshots.dir");
    Path dir = configured != null ? Path.of(configured) : Path.of("target", "screenshots").toAbsolutePath();
    try {
      Files.createDirectories(dir);
      Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(shot, dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
      Files.deleteIfExists(shot);
    } catch (IOException e) {
      throw new UncheckedIOException("could not save screenshot " + name, e);
    }
  }

  private void serve() {
    Thread t = new Thread(() -> {
      while (!server.isClosed()) {
        try (Socket s = server.accept()) {
          answer(s);
        } catch (IOException e) {
          // the server was closed, or a client went away
        }
      }
    }, "transcript-proxy");
    t.setDaemon(true);
    t.start();
  }

  private void answer(Socket s) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
    String line = in.readLine();
    if (line == null) {
      return;
    }
    requests.add(line);
    for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
      // headers are not needed
    }
    String[] parts = line.split(" ");
    String target = parts.length > 1 ? parts[1] : "";
    String path = target.replaceFirst("^http://127\\.0\\.0\\.1:" + server.getLocalPort(), "");
    byte[] page = parts[0].equals("GET") ? pages.get(path) : null;
    OutputStream out = s.getOutputStream();
    if (page == null) {
      out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.ISO_8859_1));
    } else {
      out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + page.length
          + "\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(page);
    }
    out.flush();
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try {
        server.close();
      } catch (IOException ignored) {
        // nothing left to do
      }
      deleteTree(profile);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temp profile is harmless
    }
  }
}
