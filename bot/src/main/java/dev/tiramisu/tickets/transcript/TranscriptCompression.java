package dev.tiramisu.tickets.transcript;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Gzip for storing a transcript's HTML ({@code byte[]} in the database). */
public final class TranscriptCompression {
  /** The most a stored transcript may expand to (guards against a corrupt or hostile blob). */
  public static final int MAX_HTML_BYTES = 64 * 1024 * 1024;

  private TranscriptCompression() {}

  /** The HTML as UTF-8, gzip-compressed. */
  public static byte[] gzip(String html) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(html.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // not on a byte array
    }
    return bytes.toByteArray();
  }

  /**
   * The HTML back from {@link #gzip}.
   *
   * @throws IllegalArgumentException when the bytes are not gzip or expand past {@link #MAX_HTML_BYTES}
   */
  public static String gunzip(byte[] compressed) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) > 0) {
        if (out.size() + n > MAX_HTML_BYTES) {
          throw new IllegalArgumentException("transcript expands past " + MAX_HTML_BYTES + " bytes");
        }
        out.write(buffer, 0, n);
      }
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a gzip-compressed transcript", e);
    }
  }
}
