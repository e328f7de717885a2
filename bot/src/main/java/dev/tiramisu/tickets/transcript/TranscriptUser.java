package dev.tiramisu.tickets.transcript;

import java.util.Objects;

/** An author or ticket creator as the transcript shows them: id, display name, whether a bot. */
public record TranscriptUser(String id, String name, boolean bot) {
  public TranscriptUser {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }
}
