package dev.tiramisu.tickets.transcript;

import java.util.Objects;

/** A file attached to a message: its name, its URL (linked only when http or https) and size in bytes. */
public record TranscriptAttachment(String name, String url, long size) {
  public TranscriptAttachment {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
  }
}
