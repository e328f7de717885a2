package dev.tiramisu.tickets.transcript;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a ticket's transcript holds: the ticket's summary and its thread's messages, oldest first.
 *
 * @param creator who opened the ticket, or null when unknown
 * @param closedAt null while the ticket is open
 * @param messageContentAvailable false when the bot lacks the Message Content intent, so members'
 *     message text was withheld by Discord (the transcript says so)
 * @param truncated true when the thread had more messages than were read (the reading limit)
 */
public record Transcript(
    long ticketNumber,
    String guildName,
    String threadName,
    TranscriptUser creator,
    Instant openedAt,
    Instant closedAt,
    boolean messageContentAvailable,
    List<TranscriptMessage> messages,
    boolean truncated) {
  public Transcript {
    Objects.requireNonNull(guildName, "guildName");
    Objects.requireNonNull(threadName, "threadName");
    Objects.requireNonNull(openedAt, "openedAt");
    messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
  }
}
