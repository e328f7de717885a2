package dev.tiramisu.tickets.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DiscordMarkdownTest {
  private final DiscordMarkdown md = new DiscordMarkdown(
      new MentionNames(Map.of("1", "Alice <3"), Map.of("2", "Staff"), Map.of("3", "general")),
      Map.of("9", "Known Author"));

  private String p(String inner) {
    return "<div class=\"p\">" + inner + "</div>";
  }

  @Test
  void plainTextIsEscapedAndEntitiesAreNotDecoded() {
    assertThat(md.render("a < b & c > \"d\" 'e'"))
        .isEqualTo(p("a &lt; b &amp; c &gt; &#34;d&#34; &#39;e&#39;"));
    assertThat(md.render("&lt;script&gt;")).isEqualTo(p("&amp;lt;script&amp;gt;"));
  }

  @Test
  void emphasis() {
    assertThat(md.render("**b** *i* __u__ ~~s~~ ||sp|| _j_"))
        .isEqualTo(p("<strong>b</strong> <em>i</em> <u>u</u> <s>s</s> <span class=\"spoiler\">sp</span> <em>j</em>"));
    assertThat(md.render("***both***")).isEqualTo(p("<strong><em>both</em></strong>"));
    assertThat(md.render("**bold __under__**")).isEqualTo(p("<strong>bold <u>under</u></strong>"));
  }

  @Test
  void unmatchedAndIntrawordDelimitersStayAsWritten() {
    assertThat(md.render("snake_case_name")).isEqualTo(p("snake_case_name"));
    assertThat(md.render("2 * 3 * 4")).isEqualTo(p("2 * 3 * 4"));
    assertThat(md.render("**open")).isEqualTo(p("**open"));
    assertThat(md.render("||")).isEqualTo(p("||"));
  }

  @Test
  void backslashEscapes() {
    assertThat(md.render("\\*not italic\\*")).isEqualTo(p("*not italic*"));
    assertThat(md.render("\\<@1>")).isEqualTo(p("&lt;@1&gt;"));
  }

  @Test
  void inlineCodeAndCodeBlocksAreLiteral() {
    assertThat(md.render("`<b>**x**</b>`")).isEqualTo(p("<code>&lt;b&gt;**x**&lt;/b&gt;</code>"));
    assertThat(md.render("``a`b``")).isEqualTo(p("<code>a`b</code>"));
    assertThat(md.render("before\n```js\n<script>alert(1)</script>\n```\nafter"))
        .isEqualTo(p("before") + "<pre class=\"code\"><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>"
            + p("after"));
    assertThat(md.render("```unclosed <i>")).isEqualTo(p("```unclosed &lt;i&gt;"));
  }

  @Test
  void blocks() {
    assertThat(md.render("# Big\n## Mid\n### Small\n-# tiny"))
        .isEqualTo("<h3>Big</h3><h4>Mid</h4><h5>Small</h5><div class=\"subtext\">tiny</div>");
    assertThat(md.render("#nospace")).isEqualTo(p("#nospace"));
    assertThat(md.render("> quoted **b**\n> more\nafter"))
        .isEqualTo("<blockquote>" + p("quoted <strong>b</strong>\nmore") + "</blockquote>" + p("after"));
    assertThat(md.render(">>> all\nof it")).isEqualTo("<blockquote>" + p("all\nof it") + "</blockquote>");
    assertThat(md.render("- one\n  - nested\n* two\n1. first\n2. second"))
        .isEqualTo("<ul class=\"md-list\"><li class=\"lv0\">one</li><li class=\"lv1\">nested</li>"
            + "<li class=\"lv0\">two</li></ul><ol class=\"md-list\" start=\"1\"><li class=\"lv0\">first</li>"
            + "<li class=\"lv0\">second</li></ol>");
  }

  @Test
  void linksOnlyWithSafeSchemes() {
    String rel = "\" rel=\"noopener noreferrer nofollow\">";
    assertThat(md.render("[site **x**](https://example.com/a?b=1&c=2)"))
        .isEqualTo(p("<a href=\"https://example.com/a?b=1&amp;c=2" + rel + "site <strong>x</strong></a>"));
    assertThat(md.render("[x](<https://example.com>)")).isEqualTo(p("<a href=\"https://example.com" + rel + "x</a>"));
    assertThat(md.render("see https://example.com/path.")).isEqualTo(
        p("see <a href=\"https://example.com/path" + rel + "https://example.com/path</a>."));
    assertThat(md.render("<https://example.com>")).isEqualTo(p("<a href=\"https://example.com" + rel
        + "https://example.com</a>"));
    for (String bad : new String[] {"javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>",
        "vbscript:msgbox", "//evil.example", "/relative", "https:evil", "java\tscript:x", "file:///etc/passwd"}) {
      assertThat(md.render("[click](" + bad + ")")).as(bad).doesNotContain("<a ").doesNotContain("href");
    }
    // a link inside a link's text is not a second link: the first "](" closes it
    org.jsoup.nodes.Document nested = org.jsoup.Jsoup.parseBodyFragment(
        md.render("[nested [link](https://a.example)](https://b.example)"));
    assertThat(nested.select("a a")).isEmpty();
    assertThat(nested.select("a")).allSatisfy(a -> assertThat(a.attr("href")).startsWith("https://"));
  }

  @Test
  void mentionsEmojiTimestampsAndCommands() {
    assertThat(md.render("<@1> <@!1> <@&2> <#3> <@9> <@404> <#405>"))
        .isEqualTo(p("<span class=\"mention\">@Alice &lt;3</span> <span class=\"mention\">@Alice &lt;3</span> "
            + "<span class=\"mention\">@Staff</span> <span class=\"mention\">#general</span> "
            + "<span class=\"mention\">@Known Author</span> <span class=\"mention\">@404</span> "
            + "<span class=\"mention\">#405</span>"));
    assertThat(md.render("<:blob:123> <a:dance:456>"))
        .isEqualTo(p("<span class=\"emoji\">:blob:</span> <span class=\"emoji\">:dance:</span>"));
    assertThat(md.render("<t:0:F> <t:86400:d> <t:99999999999999>")).isEqualTo(
        p("<span class=\"ts\">1970-01-01 00:00 UTC</span> <span class=\"ts\">1970-01-02</span> "
            + "&lt;t:99999999999999&gt;"));
    assertThat(md.render("</ticket create:123>")).isEqualTo(p("<span class=\"mention\">/ticket create</span>"));
  }

  @Test
  void controlCharactersAndBrokenSurrogatesAreCleaned() {
    assertThat(md.render("a\u0000b\u0007c\r\nd\u009be")).isEqualTo(p("abc\nde"));
    assertThat(md.render("x\ud800y")).isEqualTo(p("x\ufffdy"));
    assertThat(md.render("ok \ud83d\ude00")).isEqualTo(p("ok \ud83d\ude00"));
  }

  @Test
  void hostileShapesStayBoundedAndEscaped() {
    String stars = "*".repeat(4000);
    assertThat(md.render(stars)).doesNotContain("<script").startsWith("<div class=\"p\">");
    String brackets = "[".repeat(3000) + "](javascript:x)";
    assertThat(md.render(brackets)).doesNotContain("<a ");
    String nested = "**__~~||*".repeat(300) + "x" + "*||~~__**".repeat(300);
    String out = md.render(nested);
    assertThat(out).contains("x");
    int deepest = org.jsoup.Jsoup.parseBodyFragment(out).body().select("*").stream()
        .mapToInt(e -> e.parents().size()).max().orElseThrow();
    assertThat(deepest).isLessThanOrEqualTo(DiscordMarkdown.MAX_DEPTH + 4); // html, body, div.p + the levels
    String longText = "a".repeat(20_000);
    assertThat(md.render(longText)).hasSizeLessThan(DiscordMarkdown.MAX_TEXT + 100).endsWith("\u2026</div>");
  }
}
