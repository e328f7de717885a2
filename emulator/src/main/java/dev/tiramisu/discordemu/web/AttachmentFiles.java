package dev.tiramisu.discordemu.web;

import dev.tiramisu.discordemu.EmulatorState;
import dev.tiramisu.discordemu.model.Channel;
import dev.tiramisu.discordemu.model.Message;
import dev.tiramisu.discordemu.model.User;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A message's uploaded files for the sandbox page ({@code GET /_driver/users/{u}/messages/{m}/attachments/{i}}),
 * only to a user who can see the message: its channel visible to them (a DM: its recipient), and an ephemeral
 * message only to the user it was for, the same rule as the page's message list.
 *
 * <p>Files are bot- or user-controlled bytes served on the page's own origin, so nothing in them may run there.
 * Every answer carries {@code Content-Security-Policy: sandbox} (the browser gives the document a unique opaque
 * origin, no scripts, forms, popups or plugins) plus {@code default-src 'none'} (no network fetches at all), and
 * {@code nosniff}. Images of a few raster types keep their type so the page can show them inline; HTML (a ticket
 * transcript) is served as {@code text/html} under that policy, so a reader sees it rendered as the bot's users
 * would, with only inline styles and {@code data:} images allowed; plain text stays text; anything else (SVG
 * included, which can carry scripts) is a download ({@code application/octet-stream}, {@code attachment}).
 */
final class AttachmentFiles {
  static final String PATH = "/attachments/";
  private static final Set<String> INLINE_IMAGES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");
  private static final String CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
      + "base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

  private final EmulatorState state;

  AttachmentFiles(EmulatorState state) {
    this.state = state;
  }

  /** What the page links to for attachment {@code index} of message {@code messageId}, as {@code userId}. */
  static String url(long userId, long messageId, int index) {
    return "/_driver/users/" + userId + "/messages/" + messageId + PATH + index;
  }

  /** Whether the page may show a file of this type inline as an image. */
  static boolean isInlineImage(Message.Attachment a) {
    return INLINE_IMAGES.contains(typeOf(a));
  }

  /**
   * The file's type: the one it was uploaded with, or, when the client sent none or only
   * {@code application/octet-stream} (JDA does), the one its name's extension says, as Discord detects it.
   */
  static String typeOf(Message.Attachment a) {
    String given = a.contentType() == null ? "" : a.contentType().toLowerCase(Locale.ROOT).split(";")[0].trim();
    if (!given.isEmpty() && !given.equals("application/octet-stream")) {
      return given;
    }
    String name = a.filename() == null ? "" : a.filename().toLowerCase(Locale.ROOT);
    String ext = name.substring(name.lastIndexOf('.') + 1);
    return switch (ext) {
      case "png" -> "image/png";
      case "jpg", "jpeg" -> "image/jpeg";
      case "gif" -> "image/gif";
      case "webp" -> "image/webp";
      case "html", "htm" -> "text/html";
      case "txt", "log" -> "text/plain";
      default -> "application/octet-stream";
    };
  }

  /** One stored file as the server sends it. */
  record File(String filename, String contentType, boolean inline, byte[] data) {}

  /** The file, or a 404 for an unknown message or index, 403 for a message the user may not see. */
  File find(long userId, long messageId, int index) {
    synchronized (state) {
      User u = state.users.get(userId);
      if (u == null || u.bot) {
        throw HttpError.notFound("no user " + userId);
      }
      Message m = state.messages.get(messageId);
      if (m == null) {
        throw HttpError.notFound("no message " + messageId);
      }
      Channel c = state.channels.get(m.channelId);
      if (c == null || !state.canView(userId, c) || (m.visibleTo != null && m.visibleTo != userId)) {
        throw HttpError.forbidden("you cannot see this message");
      }
      if (index < 0 || index >= m.attachments.size()) {
        throw HttpError.notFound("message " + messageId + " has no attachment " + index);
      }
      Message.Attachment a = m.attachments.get(index);
      String type = typeOf(a);
      if (INLINE_IMAGES.contains(type)) {
        return new File(a.filename(), type, true, a.data());
      }
      if (type.equals("text/html")) {
        return new File(a.filename(), "text/html; charset=utf-8", true, a.data());
      }
      if (type.equals("text/plain")) {
        return new File(a.filename(), "text/plain; charset=utf-8", true, a.data());
      }
      return new File(a.filename(), "application/octet-stream", false, a.data());
    }
  }

  static void write(File f, Response response, Callback callback) {
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, f.contentType());
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.getHeaders().put("Referrer-Policy", "no-referrer");
    response.getHeaders().put("Content-Security-Policy", CSP);
    response.getHeaders().put("Cross-Origin-Resource-Policy", "same-origin");
    response.getHeaders().put("Content-Disposition", (f.inline() ? "inline" : "attachment")
        + "; filename*=UTF-8''" + encode(f.filename()));
    response.write(true, ByteBuffer.wrap(f.data()), callback);
  }

  /** RFC 5987 encoding of a file name: unreserved ASCII as is, every other byte percent-encoded. */
  private static String encode(String name) {
    StringBuilder sb = new StringBuilder();
    for (byte b : (name == null ? "file" : name).getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
        sb.append((char) c);
      } else {
        sb.append('%').append(String.format("%02X", c));
      }
    }
    return sb.toString();
  }
}
