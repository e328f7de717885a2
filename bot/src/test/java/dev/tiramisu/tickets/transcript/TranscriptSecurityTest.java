package dev.tiramisu.tickets.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The hostile corpus through the renderer, read back by an HTML5 parser: nothing but the renderer's own tags and
 * attributes, no dangerous link, and the text shown as it was written.
 */
class TranscriptSecurityTest {
  private final TranscriptRenderer renderer = new TranscriptRenderer(TestLabels.ENGLISH);

  /** The element id of the corpus message that starts with {@code prefix} (ids count up from 5000). */
  private static String at(String prefix) {
    for (int i = 0; i < HostileCorpus.MESSAGES.size(); i++) {
      if (HostileCorpus.MESSAGES.get(i).startsWith(prefix)) {
        return "m-" + (5000 + i);
      }
    }
    throw new AssertionError("no corpus entry starts with " + prefix);
  }

  @Test
  void theCorpusRendersAsInertText() {
    Transcript t = TranscriptFixtures.hostile();
    String html = renderer.render(t);
    Document doc = TranscriptHtmlChecks.assertSafe(html);
    assertThat(doc.title()).isEqualTo("Transcript of ticket #13 \u00b7 <script>document.title='PWNED'</script> Guild");
    assertThat(doc.select("article.msg, div.system")).hasSize(t.messages().size());
    for (TranscriptMessage m : t.messages()) {
      Element e = doc.getElementById("m-" + m.id());
      assertThat(e).as("message %s", m.id()).isNotNull();
      if (m.system() == SystemKind.NONE) {
        assertThat(e.selectFirst(".author").text()).isEqualTo(Html.clean(m.author().name()));
      }
    }
    // markup in text is text: the very characters the sender typed are on the page
    assertThat(doc.getElementById(at("<script>document.title")).selectFirst(".content").text())
        .isEqualTo("<script>document.title='PWNED';window.name='PWNED'</script>");
    assertThat(doc.getElementById(at("<img src=x onerror=\"document")).selectFirst(".content").text())
        .isEqualTo("<img src=x onerror=\"document.title='PWNED'\">");
    assertThat(doc.getElementById(at("&lt;script&gt;")).selectFirst(".content").text())
        .isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt; &#60;script&#62; &amp;amp; &#x3C;img&#x3E;");
    assertThat(doc.getElementById(at("nul\u0000byte")).selectFirst(".content").text())
        .isEqualTo("nulbyte bell escape[31m del c1 lone\ufffdsurrogate");
    // dangerous masked links are shown as written, without a link
    Element links = doc.getElementById(at("[click me]")).selectFirst(".content");
    assertThat(links.select("a")).isEmpty();
    assertThat(links.text()).contains("[click me](javascript:alert(document.domain))");
    // a quote cannot leave the href: the masked link is refused, the bare URL before the quote is linked alone
    assertThat(doc.getElementById(at("[looks fine]")).select("a")).singleElement()
        .satisfies(a -> assertThat(a.attributes().asList()).extracting(org.jsoup.nodes.Attribute::html)
            .containsExactly("href=\"https://example.com\"", "rel=\"noopener noreferrer nofollow\""));
    // attachments with unsafe URLs are names only; the safe one is a link
    Element files = doc.select("ul.attachments").last();
    assertThat(files.select("a")).singleElement().satisfies(a -> {
      assertThat(a.text()).isEqualTo("ok.txt");
      assertThat(a.attr("href")).isEqualTo("https://cdn.example/attachments/ok.txt");
    });
    assertThat(files.select("li")).hasSize(16);
    // embeds with a javascript: url keep their title as text
    // (URLs written in a title are still links, as on Discord; the title's own javascript: link is not)
    assertThat(doc.select(".embed-title")).hasSize(12);
    assertThat(doc.select(".embed-title a")).noneMatch(a -> a.attr("href").contains("alert"));
    // mentions resolved to hostile names are text too
    assertThat(doc.getElementById(at("<@1> <@&2>")).selectFirst(".content").text())
        .startsWith("@<script>alert(1)</script> @\"><img src=x onerror=alert(1)> #</style><script>alert(1)</script>");
    // the system line with a hostile new name and a hostile added member
    assertThat(doc.select("div.system").get(0).text()).contains("changed the thread name: </style><script>");
    assertThat(doc.select("div.system").get(1).text()).contains("added <svg onload=alert(1)> to the thread.");
    // the raw text never shows up unescaped in the file
    assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("<svg")
        .doesNotContain("<iframe").doesNotContain("onerror=\"").doesNotContainIgnoringCase("href=\"javascript")
        .doesNotContain("\u0000");
    assertThat(html.indexOf("</style>")).isEqualTo(html.lastIndexOf("</style>"));
  }

  @Test
  void everyCorpusEntryAloneInEveryPlace() {
    for (String text : HostileCorpus.MESSAGES) {
      TranscriptUser u = new TranscriptUser("1", text, false);
      Transcript t = new Transcript(1, text, text, u, TranscriptFixtures.T0, null, false, java.util.List.of(
          new TranscriptMessage("2", u, TranscriptFixtures.T0, TranscriptFixtures.T0, text, "2",
              java.util.List.of(new TranscriptEmbed(text, text, text, 1, java.util.List.of(
                  new TranscriptEmbed.Field(text, text, false)), text)), java.util.List.of(text),
              java.util.List.of(new TranscriptAttachment(text, text, 3)), SystemKind.NONE, MentionNames.NONE)),
          false);
      TranscriptHtmlChecks.assertSafe(renderer.render(t));
    }
  }
}
