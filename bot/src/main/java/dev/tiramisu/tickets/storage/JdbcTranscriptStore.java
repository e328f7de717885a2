package dev.tiramisu.tickets.storage;

import dev.tiramisu.tickets.transcript.StoredTranscript;
import dev.tiramisu.tickets.transcript.TranscriptStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** {@link TranscriptStore} on SQLite or PostgreSQL ({@code ticket_transcripts}, V13). */
final class JdbcTranscriptStore implements TranscriptStore {
  private final Jdbc jdbc;

  JdbcTranscriptStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void save(StoredTranscript t) {
    jdbc.run("saving a transcript", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO ticket_transcripts (ticket_id, html_gz, html_bytes, message_count,"
              + " content_available, truncated, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
              + " ON CONFLICT (ticket_id) DO UPDATE SET html_gz = excluded.html_gz,"
              + " html_bytes = excluded.html_bytes, message_count = excluded.message_count,"
              + " content_available = excluded.content_available,"
              + " truncated = excluded.truncated, created_at = excluded.created_at")) {
        ps.setLong(1, t.ticketId());
        ps.setBytes(2, t.htmlGz());
        ps.setInt(3, t.htmlBytes());
        ps.setInt(4, t.messageCount());
        ps.setBoolean(5, t.contentAvailable());
        ps.setBoolean(6, t.truncated());
        ps.setLong(7, t.createdAt().toEpochMilli());
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public Optional<StoredTranscript> find(long ticketId) {
    return jdbc.run("reading a transcript", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT html_gz, html_bytes, message_count, content_available, truncated, created_at"
              + " FROM ticket_transcripts WHERE ticket_id = ?")) {
        ps.setLong(1, ticketId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          return Optional.of(new StoredTranscript(ticketId, rs.getBytes(1), rs.getInt(2),
              rs.getInt(3), rs.getBoolean(4), rs.getBoolean(5),
              Instant.ofEpochMilli(rs.getLong(6))));
        }
      }
    });
  }
}
