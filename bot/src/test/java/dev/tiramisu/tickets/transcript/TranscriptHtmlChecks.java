package dev.tiramisu.tickets.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Parses a transcript as an HTML5 browser would (jsoup) and checks it against an allowlist: only the
 * renderer's tags and attributes, every link an http(s) URL (or an anchor in the page) with a safe {@code
 * rel}, one stylesheet whose hash the Content-Security-Policy names, and that policy first in the head.
 */
public final class TranscriptHtmlChecks {
  private static final Set<String> TAGS = Set.of("html", "head", "body", "meta", "title", "style", "header", "h1",
      "dl", "dt", "dd", "p", "main", "article", "div", "span", "bdi", "time", "a", "strong", "em", "u", "s", "code",
      "pre", "blockquote", "h3", "h4", "h5", "ul", "ol", "li");
  private static final Map<String, Set<String>> ATTRIBUTES = Map.of(
      "html", Set.of("lang"),
      "meta", Set.of("charset", "http-equiv", "content", "name"),
      "a", Set.of("href", "rel"),
      "time", Set.of("datetime"),
      "ol", Set.of("class", "start"),
      "ul", Set.of("class", "aria-label"),
      "span", Set.of("class", "title", "aria-hidden"),
      "article", Set.of("class", "id", "data-id", "data-author-id"),
      "div", Set.of("class", "id", "data-id", "aria-hidden"));
  private static final Set<String> COMMON = Set.of("class");

  private TranscriptHtmlChecks() {}

  /** The parsed document, after every check passed. */
  public static Document assertSafe(String html) {
    Document doc = Jsoup.parse(html);
    assertThat(html).startsWith("<!DOCTYPE html>");
    Element head = doc.head();
    assertThat(head.child(0).attr("charset")).isEqualTo("utf-8");
    Element csp = head.child(1);
    assertThat(csp.attr("http-equiv")).isEqualTo("Content-Security-Policy");
    String policy = csp.attr("content");
    assertThat(policy).startsWith("default-src 'none'; style-src 'sha256-").contains("script-src 'none'")
        .contains("img-src 'none'").contains("base-uri 'none'").contains("form-action 'none'")
        .doesNotContain("unsafe");
    assertThat(doc.select("style")).hasSize(1);
    Element style = doc.selectFirst("style");
    assertThat(style.parent()).isEqualTo(head);
    assertThat(policy).contains("'" + sha256(style.data()) + "'");
    assertThat(doc.select("meta")).hasSize(4);
    assertThat(doc.select("script, img, iframe, object, embed, link, base, form, input, svg, math, video, "
        + "audio, source, frame, frameset, template, textarea, button, table")).isEmpty();
    NodeTraversor.traverse((NodeVisitor) (node, depth) -> check(node), doc);
    return doc;
  }

  private static void check(Node node) {
    if (node instanceof Comment) {
      throw new AssertionError("a comment in the transcript: " + node);
    }
    if (!(node instanceof Element e) || e == e.ownerDocument() || e.tagName().equals("#root")) {
      return;
    }
    assertThat(TAGS).as("tag <%s> allowed", e.tagName()).contains(e.tagName());
    for (Attribute a : e.attributes()) {
      Set<String> allowed = ATTRIBUTES.getOrDefault(e.tagName(), COMMON);
      assertThat(allowed.contains(a.getKey()) || COMMON.contains(a.getKey()))
          .as("attribute %s on <%s>", a.getKey(), e.tagName()).isTrue();
      assertThat(a.getKey()).doesNotStartWith("on");
    }
    if (e.tagName().equals("a")) {
      String href = e.attr("href");
      assertThat(href.startsWith("https://") || href.startsWith("http://") || href.matches("#m-\\d+"))
          .as("link %s", href).isTrue();
      assertThat(href).doesNotContain("\"").doesNotContain(" ").doesNotContainIgnoringCase("javascript:");
      if (!href.startsWith("#")) {
        assertThat(e.attr("rel")).isEqualTo("noopener noreferrer nofollow");
      }
    }
  }

  static String sha256(String text) {
    try {
      return "sha256-" + Base64.getEncoder().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
