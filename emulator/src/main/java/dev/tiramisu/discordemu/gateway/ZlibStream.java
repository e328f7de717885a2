package dev.tiramisu.discordemu.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

/** zlib-stream transport compression: one deflater for the connection, each message ends with a sync flush. */
final class ZlibStream {
  private final Deflater deflater = new Deflater();

  /** The next frame: {@code text} deflated, ending with a sync flush (00 00 ff ff). */
  synchronized ByteBuffer deflate(String text) {
    byte[] input = text.getBytes(StandardCharsets.UTF_8);
    deflater.setInput(input);
    byte[] buf = new byte[Math.max(256, input.length + 64)];
    ByteArrayOutputStream out = new ByteArrayOutputStream(input.length / 2 + 64);
    int n;
    do {
      n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
      out.write(buf, 0, n);
    } while (n == buf.length);
    return ByteBuffer.wrap(out.toByteArray());
  }

  /** Frees the deflater when the connection closes. */
  synchronized void end() {
    deflater.end();
  }
}
