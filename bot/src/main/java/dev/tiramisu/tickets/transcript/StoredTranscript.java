package dev.tiramisu.tickets.transcript;

import java.time.Instant;
import java.util.Objects;

/**
 * A ticket's transcript as kept in the database: the HTML gzip-compressed ({@link
 * TranscriptCompression}), with what the messages about it need to say without decompressing it.
 *
 * @param htmlGz the HTML, gzip-compressed
 * @param htmlBytes the HTML's size in bytes (UTF-8): what an upload to Discord weighs
 * @param messageCount how many messages the transcript holds
 * @param contentAvailable false when the bot lacked the Message Content intent
 * @param truncated true when the thread had more messages than were read
 * @param createdAt when it was made (the close that made it)
 */
public record StoredTranscript(long ticketId, byte[] htmlGz, int htmlBytes, int messageCount,
    boolean contentAvailable, boolean truncated, Instant createdAt) {
  public StoredTranscript {
    Objects.requireNonNull(htmlGz, "htmlGz");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** The HTML back, decompressed. */
  public String html() {
    return TranscriptCompression.gunzip(htmlGz);
  }

  /** The file name it is posted under: {@code transcript-<number>.html}. */
  public static String fileName(int ticketNumber) {
    return "transcript-" + ticketNumber + ".html";
  }
}
