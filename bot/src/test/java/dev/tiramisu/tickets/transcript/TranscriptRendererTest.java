package dev.tiramisu.tickets.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class TranscriptRendererTest {
  private final TranscriptRenderer renderer = new TranscriptRenderer(TestLabels.ENGLISH);

  @Test
  void anOrdinaryTicketShowsEveryMessageWithItsParts() {
    Document doc = TranscriptHtmlChecks.assertSafe(renderer.render(TranscriptFixtures.ordinary(true)));
    assertThat(doc.title()).isEqualTo("Transcript of ticket #7 \u00b7 Support Server");
    assertThat(doc.selectFirst("html").attr("lang")).isEqualTo("en");
    Element header = doc.selectFirst("header.summary");
    assertThat(header.selectFirst("h1").text()).isEqualTo("Transcript of ticket #7");
    assertThat(header.text()).contains("Server Support Server", "Thread Ticket #7", "Opened by alice",
        "Opened 2025-03-04 10:15:30 UTC", "Closed 2025-03-04 10:18:50 UTC", "Messages 7", "All times are UTC.");
    assertThat(doc.select("p.notice")).isEmpty();

    assertThat(doc.select("article.msg")).hasSize(5);
    assertThat(doc.select(".system")).hasSize(2);
    Element first = doc.getElementById("m-1001");
    assertThat(first.selectFirst(".author").text()).isEqualTo("Tiramisu Tickets");
    assertThat(first.selectFirst(".tag").text()).isEqualTo("BOT");
    assertThat(first.selectFirst(".avatar").text()).isEqualTo("TT");
    assertThat(first.selectFirst("time").attr("datetime")).isEqualTo("2025-03-04T10:15:30Z");
    assertThat(first.selectFirst(".content").text()).isEqualTo("@alice opened a ticket. @Staff will help.");

    assertThat(doc.getElementById("m-1002").selectFirst(".sys-text").text()).isEqualTo("Tiramisu Tickets pinned a message.");
    Element alice = doc.getElementById("m-1003");
    assertThat(alice.selectFirst(".avatar").text()).isEqualTo("A");
    assertThat(alice.selectFirst(".content strong").text()).isEqualTo("printer");
    assertThat(alice.selectFirst(".edited").text()).isEqualTo("(edited)");
    assertThat(alice.selectFirst(".edited").attr("title")).isEqualTo("2025-03-04 10:17:00 UTC");
    Element file = alice.selectFirst(".attachments a");
    assertThat(file.text()).isEqualTo("photo.png");
    assertThat(file.attr("href")).isEqualTo("https://cdn.example/attachments/1/photo.png");
    assertThat(alice.selectFirst(".size").text()).isEqualTo("2.0 KB");

    Element reply = doc.getElementById("m-1004").selectFirst(".reply");
    assertThat(reply.text()).isEqualTo("\u21b3 Replying to alice: My **printer** is on fire");
    assertThat(reply.selectFirst("a").attr("href")).isEqualTo("#m-1003");

    Element embed = doc.getElementById("m-1005").selectFirst(".embed");
    assertThat(embed.selectFirst(".embed-title a").attr("href")).isEqualTo("https://example.com/t/1");
    assertThat(embed.selectFirst(".embed-desc").text()).isEqualTo("Opened by @alice");
    assertThat(embed.selectFirst(".field.inline").text()).isEqualTo("Reason printer");
    assertThat(embed.selectFirst(".embed-footer").text()).isEqualTo("ticket #7");
    assertThat(embed.className()).isEqualTo("embed k0");
    assertThat(doc.selectFirst("style").data()).contains(".k0{border-left-color:#5865f2}");
    Element cv2 = doc.getElementById("m-1005").selectFirst(".cv2");
    assertThat(cv2.selectFirst("h4").text()).isEqualTo("Status");
    assertThat(cv2.selectFirst("strong").text()).isEqualTo("alice");
    assertThat(doc.getElementById("m-1006").selectFirst(".sys-text").text()).isEqualTo("moderator added bob to the thread.");
  }

  @Test
  void withoutTheMessageContentIntentTheTranscriptSaysSo() {
    Document doc = TranscriptHtmlChecks.assertSafe(renderer.render(TranscriptFixtures.ordinary(false)));
    assertThat(doc.selectFirst("p.notice.intent").text()).isEqualTo(TestLabels.ENGLISH.contentUnavailable());
    // alice's message still shows its attachment; the moderator's is blank and says why
    assertThat(doc.getElementById("m-1003").select(".unavailable")).isEmpty();
    assertThat(doc.getElementById("m-1004").selectFirst(".unavailable").text())
        .isEqualTo("(message text not available)");
    assertThat(doc.getElementById("m-1001").selectFirst(".content").text()).contains("opened a ticket");
  }

  @Test
  void aReplyToAMessageNotInTheTranscriptSaysSo() {
    Transcript t = new Transcript(1, "G", "T", null, TranscriptFixtures.T0, null, true, List.of(
        new TranscriptMessage("5", TranscriptFixtures.ALICE, TranscriptFixtures.T0, null, "hi", "4", List.of(),
            List.of(), List.of(), SystemKind.NONE, MentionNames.NONE)), false);
    Document doc = TranscriptHtmlChecks.assertSafe(renderer.render(t));
    assertThat(doc.selectFirst(".reply").text()).isEqualTo("\u21b3 Original message not available");
    assertThat(doc.selectFirst("header").text()).doesNotContain("Closed").doesNotContain("Opened by");
  }

  @Test
  void labelsAreMessageFormatPatternsAndArgumentsAreNeverParsed() {
    TranscriptLabels quoted = new TranscriptLabels("de-DE", "Ticket''s #{0}", "S", "T", "O", "Op", "C", "M", "U",
        "N", "X", "Antwort an {0}", "R", "E", "B", "A", "{0} hat eine Nachricht angeheftet.", "{0} + {1}",
        "{0} - {1}", "{0}: {1}", "{0} / {1}", "{0}?", "{0} mehr");
    TranscriptUser weird = new TranscriptUser("9", "{1} '{0}' <b>", false);
    Transcript t = new Transcript(3, "G", "T", weird, TranscriptFixtures.T0, null, true, List.of(
        new TranscriptMessage("1", weird, TranscriptFixtures.T0, null, "", null, List.of(), List.of(), List.of(),
            SystemKind.PINNED, MentionNames.NONE)), false);
    Document doc = TranscriptHtmlChecks.assertSafe(new TranscriptRenderer(quoted).render(t));
    assertThat(doc.selectFirst("h1").text()).isEqualTo("Ticket's #3");
    assertThat(doc.selectFirst("html").attr("lang")).isEqualTo("de-DE");
    assertThat(doc.selectFirst(".system .sys-text").text()).isEqualTo("{1} '{0}' <b> hat eine Nachricht angeheftet.");
    assertThatThrownBy(() -> new TranscriptLabels("en\"><script>", "", "", "", "", "", "", "", "", "", "", "", "",
        "", "", "", "", "", "", "", "", "", "")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void initials() {
    assertThat(TranscriptRenderer.initials("alice")).isEqualTo("A");
    assertThat(TranscriptRenderer.initials("Tiramisu Tickets")).isEqualTo("TT");
    assertThat(TranscriptRenderer.initials("mary-jane watson")).isEqualTo("MJ");
    assertThat(TranscriptRenderer.initials("\ud835\udc00bc de")).isEqualTo("\ud835\udc00D");
    assertThat(TranscriptRenderer.initials("!!!")).isEqualTo("?");
    assertThat(TranscriptRenderer.initials("\u00e9lise")).isEqualTo("\u00c9");
  }

  @Test
  void tenThousandMessagesFitAndTheOutputIsBounded() {
    List<TranscriptMessage> ms = new ArrayList<>();
    for (int i = 0; i < TranscriptSource.MAX_MESSAGES; i++) {
      ms.add(TranscriptMessage.text(Integer.toString(100_000 + i), i % 2 == 0 ? TranscriptFixtures.ALICE
          : TranscriptFixtures.MOD, TranscriptFixtures.T0.plusSeconds(i), "message number " + i));
    }
    Transcript t = new Transcript(1, "G", "T", null, TranscriptFixtures.T0, null, true, ms, true);
    String html = renderer.render(t);
    assertThat(html.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(TranscriptRenderer.DEFAULT_MAX_BYTES);
    Document doc = TranscriptHtmlChecks.assertSafe(html);
    assertThat(doc.select("article.msg")).hasSize(10_000);
    assertThat(doc.selectFirst("p.truncated").text()).isEqualTo("1+ later messages are not included.");
    assertThat(doc.selectFirst("header").text()).contains("Messages 10000+");

    // a small budget: whole messages until it is spent, then the notice counts the rest
    List<TranscriptMessage> big = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      big.add(TranscriptMessage.text(Integer.toString(i + 1), TranscriptFixtures.ALICE, TranscriptFixtures.T0,
          "<".repeat(4000)));
    }
    int budget = 256 * 1024;
    String small = new TranscriptRenderer(TestLabels.ENGLISH, budget).render(
        new Transcript(1, "G", "T", null, TranscriptFixtures.T0, null, true, big, false));
    assertThat(small.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(budget);
    Document cut = TranscriptHtmlChecks.assertSafe(small);
    int shown = cut.select("article.msg").size();
    assertThat(shown).isBetween(5, 99);
    assertThat(cut.selectFirst("p.truncated").text()).isEqualTo((100 - shown) + " later messages are not included.");
  }

  @Test
  void gzipRoundTripAndGarbage() {
    String html = renderer.render(TranscriptFixtures.ordinary(true));
    byte[] packed = TranscriptCompression.gzip(html);
    assertThat(packed.length).isLessThan(html.length() / 2);
    assertThat(TranscriptCompression.gunzip(packed)).isEqualTo(html);
    assertThatThrownBy(() -> TranscriptCompression.gunzip("not gzip".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] bomb = TranscriptCompression.gzip("a".repeat(TranscriptCompression.MAX_HTML_BYTES + 1));
    assertThatThrownBy(() -> TranscriptCompression.gunzip(bomb)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expands past");
  }
}
