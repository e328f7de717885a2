package dev.tiramisu.tickets.transcript;

import java.util.Optional;

/**
 * Persistence of tickets' transcripts ({@code ticket_transcripts}, V13): one per ticket, the
 * latest close's.
 */
public interface TranscriptStore {
  /** Saves {@code t}, replacing the ticket's earlier transcript (a retry, or a later close). */
  void save(StoredTranscript t);

  /** The ticket's transcript, if one was made. */
  Optional<StoredTranscript> find(long ticketId);
}
