package dev.tiramisu.tickets.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Transcripts in headless Chromium with JavaScript enabled: the hostile corpus runs no script, makes no request,
 * and leaves the layout intact; the ordinary ticket is photographed for the README.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class TranscriptBrowserTest {
  private TranscriptBrowser browser;

  @BeforeAll
  void start() {
    browser = TranscriptBrowser.start();
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void theHostileCorpusRunsNothingLoadsNothingAndKeepsItsLayout() {
    Transcript t = TranscriptFixtures.hostile();
    assertInertAndIntact(browser, "transcript-hostile", new TranscriptRenderer(TestLabels.ENGLISH).render(t), t);
  }

  @Test
  void anOrdinaryTicket() {
    Transcript t = TranscriptFixtures.ordinary(true);
    assertInertAndIntact(browser, "transcript", new TranscriptRenderer(TestLabels.ENGLISH).render(t), t);
  }

  /**
   * Opens {@code html} and checks: the canaries saw no dialog and no CSP violation (nothing even tried to run or
   * load), no script element or event-handler attribute exists, {@code window.name} is untouched and the title
   * is the transcript's; the proxy and the performance log saw exactly one request (the page); the page's own
   * stylesheet applied (its CSP hash matched); every message is on the page with its author, nothing is wider
   * than the window; a screenshot is saved as {@code name}.png.
   */
  public static void assertInertAndIntact(TranscriptBrowser browser, String name, String html, Transcript t) {
    browser.networkRequests(); // forget what earlier pages did
    browser.console();
    int before = browser.requests().size();
    String url = browser.publish(name + ".html", html);
    browser.driver.get(url);
    Object ready = browser.script("return document.readyState");
    assertThat(ready).isEqualTo("complete");

    @SuppressWarnings("unchecked")
    Map<String, Object> canaries = (Map<String, Object>) browser.script("return window.__tt");
    assertThat(canaries).as("the canary script was installed").isNotNull();
    assertThat(canaries.get("alerts")).as("dialogs opened by the page").isEqualTo(0L);
    assertThat((List<?>) canaries.get("violations")).as("CSP violations (something tried to run or load)").isEmpty();
    assertThat(browser.script("return document.scripts.length")).isEqualTo(0L);
    assertThat(browser.script("return [...document.querySelectorAll('*')].flatMap(e => [...e.attributes])"
        + ".filter(a => a.name.startsWith('on')).length")).as("event-handler attributes").isEqualTo(0L);
    assertThat(browser.script("return window.name")).isEqualTo("");
    String title = org.jsoup.Jsoup.parse(html).title();
    assertThat(browser.driver.getTitle()).isEqualTo(title);

    // Chromium's own background traffic (sign-in, component and safe-browsing services at Google's hosts) is
    // not the page's: none of the page's URLs is there, and the performance log below is the page's alone
    assertThat(browser.requests().subList(before, browser.requests().size()).stream()
        .filter(r -> !TranscriptBrowser.isChromiumService(r)).toList()).as("requests through the proxy")
        .containsExactly("GET " + url + " HTTP/1.1");
    assertThat(browser.networkRequests()).as("requests in Chromium's performance log").containsExactly(url);
    assertThat(browser.script("return performance.getEntriesByType('resource').length")).isEqualTo(0L);
    assertThat(browser.console()).as("console messages").noneMatch(m -> m.contains("Content Security Policy"));

    assertThat(browser.script("return getComputedStyle(document.body).backgroundColor"))
        .as("the page's stylesheet applied (its hash is in the CSP)").isEqualTo("rgb(49, 51, 56)");
    assertThat(browser.script("return document.querySelectorAll('article.msg, div.system').length"))
        .isEqualTo((long) t.messages().size());
    for (TranscriptMessage m : t.messages()) {
      String id = "m-" + m.id();
      if (m.system() == SystemKind.NONE) {
        assertThat(browser.script("const e = document.getElementById('" + id + "');"
            + "return e && e.querySelector('.author').textContent")).as("author of %s", id)
            .isEqualTo(Html.clean(m.author().name()));
      }
      assertThat(browser.script("const r = document.getElementById('" + id + "').getBoundingClientRect();"
          + "return r.height > 0 && r.left >= 0 && r.right <= window.innerWidth")).as("%s laid out", id)
          .isEqualTo(true);
    }
    assertThat(browser.script("return document.documentElement.scrollWidth <= window.innerWidth"))
        .as("no horizontal overflow").isEqualTo(true);
    browser.screenshot(name);
  }
}
