package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.ticket.TicketTranscripts;
import dev.tiramisu.tickets.transcript.TranscriptStore;
import java.util.Objects;

/**
 * What the adapter needs for transcripts (issue 13): where they are stored, the staff's access to
 * them, and whether the bot has the Message Content intent ({@code MESSAGE_CONTENT_INTENT}).
 */
public record Transcripts(TranscriptStore store, TicketTranscripts access,
    boolean messageContentIntent) {
  public Transcripts {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(access, "access");
  }
}
