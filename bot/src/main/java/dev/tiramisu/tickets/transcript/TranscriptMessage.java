package dev.tiramisu.tickets.transcript;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One message of a thread, as read from Discord. {@code editedAt}, {@code replyToId} may be null;
 * {@code content} is empty (never null) when there is none or Discord withheld it (the Message
 * Content intent); {@code textDisplays} are the Components V2 text displays in order.
 */
public record TranscriptMessage(
    String id,
    TranscriptUser author,
    Instant timestamp,
    Instant editedAt,
    String content,
    String replyToId,
    List<TranscriptEmbed> embeds,
    List<String> textDisplays,
    List<TranscriptAttachment> attachments,
    SystemKind system,
    MentionNames mentions) {
  public TranscriptMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(timestamp, "timestamp");
    content = content == null ? "" : content;
    embeds = List.copyOf(Objects.requireNonNull(embeds, "embeds"));
    textDisplays = List.copyOf(Objects.requireNonNull(textDisplays, "textDisplays"));
    attachments = List.copyOf(Objects.requireNonNull(attachments, "attachments"));
    system = system == null ? SystemKind.NONE : system;
    mentions = mentions == null ? MentionNames.NONE : mentions;
  }

  /** An ordinary text message without embeds, components, attachments or mentions. */
  public static TranscriptMessage text(String id, TranscriptUser author, Instant timestamp, String content) {
    return new TranscriptMessage(id, author, timestamp, null, content, null, List.of(), List.of(), List.of(),
        SystemKind.NONE, MentionNames.NONE);
  }

  /** Whether nothing readable is left (no text, embed, text display or attachment). */
  public boolean isBlank() {
    return content.isBlank() && embeds.isEmpty() && textDisplays.isEmpty() && attachments.isEmpty();
  }
}
