package dev.tiramisu.tickets.transcript;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The transcript's one stylesheet and its Content-Security-Policy. The policy allows exactly this
 * stylesheet (by its SHA-256 hash) and nothing else: no script, image, font, frame, form, base or
 * connection, so even markup that slipped through escaping could neither run nor load anything.
 * Embed colours are classes generated into the stylesheet (no {@code style} attributes, which the
 * hash would not allow).
 */
final class TranscriptStyles {
  /** Avatar background colours; an author's is chosen from their id. */
  static final int AVATAR_COLOURS = 8;

  private static final String BASE = String.join("",
      ":root{color-scheme:dark}",
      "*{box-sizing:border-box}",
      "html,body{margin:0;padding:0}",
      "body{background:#313338;color:#dbdee1;font:15px/1.375 \"gg sans\",\"Noto Sans\",\"Helvetica Neue\",",
      "Helvetica,Arial,sans-serif;overflow-wrap:anywhere}",
      ".summary{padding:16px 24px;background:#2b2d31;border-bottom:1px solid #1e1f22;overflow:hidden}",
      ".summary h1{margin:0 0 8px;font-size:20px;color:#f2f3f5;unicode-bidi:isolate}",
      ".summary dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:2px 16px;margin:0}",
      ".summary dt{color:#949ba4}",
      ".summary dd{margin:0;min-width:0;overflow:hidden;unicode-bidi:isolate}",
      ".utc{color:#949ba4;font-size:12px;margin:8px 0 0}",
      ".notice{margin:12px 24px;padding:8px 12px;border-left:4px solid #f0b232;background:#3c3a2e;",
      "color:#f2f3f5;border-radius:4px}",
      ".messages{display:block;padding:8px 0 24px}",
      ".msg{display:flex;gap:16px;padding:6px 24px;min-width:0;overflow:hidden}",
      ".msg:hover{background:#2e3035}",
      ".avatar{flex:0 0 40px;width:40px;height:40px;border-radius:50%;display:flex;align-items:center;",
      "justify-content:center;font-weight:600;font-size:15px;color:#fff;overflow:hidden;user-select:none}",
      ".c0{background:#5865f2}.c1{background:#3ba55c}.c2{background:#faa61a}.c3{background:#ed4245}",
      ".c4{background:#eb459e}.c5{background:#1abc9c}.c6{background:#9b59b6}.c7{background:#747f8d}",
      ".body{flex:1 1 auto;min-width:0}",
      ".meta{display:flex;flex-wrap:wrap;align-items:baseline;gap:0 8px;min-width:0}",
      ".author{font-weight:600;color:#f2f3f5;unicode-bidi:isolate;min-width:0;max-width:100%;",
      "overflow:hidden;text-overflow:ellipsis;white-space:nowrap}",
      ".tag{background:#5865f2;color:#fff;font-size:10px;font-weight:600;padding:0 4px;border-radius:3px}",
      "time{color:#949ba4;font-size:12px}",
      ".edited{color:#949ba4;font-size:11px}",
      ".reply{font-size:13px;color:#b5bac1;overflow:hidden;white-space:nowrap;text-overflow:ellipsis}",
      ".reply a{color:inherit}",
      ".reply bdi{font-weight:600;color:#f2f3f5}",
      ".content,.td,.embed,.sys-text,.snippet{unicode-bidi:isolate}",
      ".content,.td{white-space:pre-wrap;overflow:hidden}",
      ".p{margin:0}",
      "h3,h4,h5{margin:8px 0 4px;color:#f2f3f5;line-height:1.25}h3{font-size:24px}h4{font-size:20px}",
      "h5{font-size:16px}",
      ".subtext{font-size:12px;color:#949ba4}",
      "blockquote{margin:2px 0;padding:0 0 0 12px;border-left:4px solid #4e5058}",
      "pre.code{background:#2b2d31;border:1px solid #1e1f22;border-radius:4px;padding:8px;margin:4px 0;",
      "white-space:pre-wrap;overflow-wrap:anywhere;max-width:100%;",
      "font:13px/1.4 ui-monospace,Consolas,\"DejaVu Sans Mono\",monospace}",
      "code{background:#2b2d31;border-radius:3px;padding:0 2px;font-size:85%;",
      "font-family:ui-monospace,Consolas,\"DejaVu Sans Mono\",monospace}",
      "pre code{background:none;padding:0;font-size:inherit}",
      ".md-list{margin:2px 0;padding-left:24px;white-space:normal}",
      ".md-list li{white-space:pre-wrap}.lv1{margin-left:20px}.lv2{margin-left:40px}",
      "a{color:#00a8fc;text-decoration:none}a:hover{text-decoration:underline}",
      ".mention{background:rgba(88,101,242,.3);color:#c9cdfb;border-radius:3px;padding:0 2px}",
      ".emoji,.ts{background:#2b2d31;border-radius:3px;padding:0 2px}",
      ".spoiler{background:#1e1f22;color:transparent;border-radius:3px}",
      ".spoiler:hover{color:inherit;background:#3a3c42}",
      "@media print{.spoiler{color:inherit}}",
      ".embed{margin-top:4px;max-width:520px;background:#2b2d31;border-left:4px solid #1e1f22;",
      "border-radius:4px;padding:8px 12px;overflow:hidden}",
      ".embed-title{font-weight:600;color:#f2f3f5}",
      ".embed-desc,.field-value{white-space:pre-wrap;font-size:14px}",
      ".fields{display:flex;flex-wrap:wrap;gap:8px 16px;margin-top:8px}",
      ".field{flex:1 1 100%;min-width:0}.field.inline{flex:1 1 150px}",
      ".field-name{font-weight:600;font-size:14px}",
      ".embed-footer{margin-top:8px;font-size:12px;color:#b5bac1}",
      ".cv2{margin-top:4px;padding:8px 12px;border:1px solid #1e1f22;border-radius:8px;background:#2b2d31;",
      "overflow:hidden;max-width:600px}",
      ".td+.td{margin-top:8px}",
      ".attachments{list-style:none;margin:4px 0 0;padding:0}",
      ".file{display:inline-flex;flex-wrap:wrap;gap:0 8px;border:1px solid #1e1f22;background:#2b2d31;",
      "border-radius:4px;padding:6px 10px;margin:2px 0;max-width:100%;overflow:hidden}",
      ".size{color:#949ba4;font-size:12px}",
      ".unavailable{color:#949ba4;font-style:italic}",
      ".system{display:flex;gap:16px;padding:4px 24px;color:#949ba4;font-size:14px;align-items:baseline;",
      "overflow:hidden}",
      ".system .icon{flex:0 0 40px;text-align:center}",
      ".sys-text{min-width:0}",
      ".sys-name{color:#f2f3f5;font-weight:500;unicode-bidi:isolate}");

  private TranscriptStyles() {}

  /** The stylesheet, with one {@code .kN} class per embed colour in {@code colours} (0xRRGGBB). */
  static String css(List<Integer> colours) {
    StringBuilder css = new StringBuilder(BASE);
    for (int i = 0; i < colours.size(); i++) {
      css.append(".k").append(i).append("{border-left-color:#")
          .append(String.format(Locale.ROOT, "%06x", colours.get(i) & 0xffffff)).append('}');
    }
    return css.toString();
  }

  /** The policy for a page whose only stylesheet is {@code css}. */
  static String contentSecurityPolicy(String css) {
    return "default-src 'none'; style-src '" + sha256(css) + "'; img-src 'none'; font-src 'none'; "
        + "media-src 'none'; script-src 'none'; connect-src 'none'; object-src 'none'; frame-src 'none'; "
        + "child-src 'none'; worker-src 'none'; manifest-src 'none'; base-uri 'none'; form-action 'none'";
  }

  private static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
