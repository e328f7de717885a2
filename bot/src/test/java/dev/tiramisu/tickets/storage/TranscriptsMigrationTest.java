package dev.tiramisu.tickets.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.tickets.config.DatabaseConfig;
import dev.tiramisu.tickets.settings.GuildSettings;
import dev.tiramisu.tickets.settings.SettingKey;
import dev.tiramisu.tickets.settings.SettingValue;
import dev.tiramisu.tickets.transcript.StoredTranscript;
import dev.tiramisu.tickets.transcript.TranscriptCompression;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V13 (issue 13) on a database left by V10: {@code ticket_transcripts} stores a gzip blob (BLOB on
 * SQLite, BYTEA on PostgreSQL) byte for byte, a second save of a ticket replaces the first (the
 * effect's retry and a later close), and {@code transcript_dm} is a new setting defaulting to on
 * for existing guilds. SQLite and PostgreSQL.
 */
class TranscriptsMigrationTest {
  private static final long GUILD = 2001;

  @Test
  void sqlite(@TempDir Path dir) throws Exception {
    MigrationFixture.sqlite(dir, TranscriptsMigrationTest::migrateFromV10);
  }

  @Test
  void postgresql() throws Exception {
    MigrationFixture.postgresql(TranscriptsMigrationTest::migrateFromV10);
  }

  private static void migrateFromV10(DataSource ds, Database.Dialect dialect,
      DatabaseConfig config) throws Exception {
    MigrationFixture.migrateTo(ds, dialect, "10");
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO guild_settings (guild_id, ticket_channel_id, updated_at)"
          + " VALUES (" + GUILD + ", 11, 5)");
      s.executeUpdate("INSERT INTO tickets (guild_id, number, creator_id, state, thread_id,"
          + " created_at) VALUES (" + GUILD + ", 1, 7, 'OPEN', 500, 6)");
    }

    try (Database db = Database.start(config)) {
      assertThat(db.settings().load(GUILD).transcriptDm())
          .as("an existing guild DMs the transcript").isTrue();
      db.settings().put(GUILD, SettingKey.TRANSCRIPT_DM, new SettingValue.Flag(false),
          Instant.ofEpochMilli(7));
      assertThat(db.settings().load(GUILD).transcriptDm()).isFalse();
      assertThat(GuildSettings.defaults(GUILD).transcriptDm()).isTrue();

      long ticketId = db.tickets().findByThread(500).orElseThrow().id();
      assertThat(db.transcripts().find(ticketId)).isEmpty();
      String html = "<!DOCTYPE html><p>\u00e9t\u00e9 \u2728 <b>bold</b>\u0000</p>";
      byte[] gz = TranscriptCompression.gzip(html);
      db.transcripts().save(new StoredTranscript(ticketId, gz, 42, 3, false, true,
          Instant.ofEpochMilli(1_000)));
      StoredTranscript first = db.transcripts().find(ticketId).orElseThrow();
      assertThat(first.htmlGz()).isEqualTo(gz);
      assertThat(first.html()).isEqualTo(html);
      assertThat(first.htmlBytes()).isEqualTo(42);
      assertThat(first.messageCount()).isEqualTo(3);
      assertThat(first.contentAvailable()).isFalse();
      assertThat(first.truncated()).isTrue();
      assertThat(first.createdAt()).isEqualTo(Instant.ofEpochMilli(1_000));

      byte[] again = TranscriptCompression.gzip("second");
      db.transcripts().save(new StoredTranscript(ticketId, again, 6, 9, true, false,
          Instant.ofEpochMilli(2_000)));
      StoredTranscript second = db.transcripts().find(ticketId).orElseThrow();
      assertThat(second.html()).isEqualTo("second");
      assertThat(second.messageCount()).isEqualTo(9);
      assertThat(second.contentAvailable()).isTrue();
      assertThat(second.createdAt()).isEqualTo(Instant.ofEpochMilli(2_000));
      try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
          var rs = s.executeQuery("SELECT count(*) FROM ticket_transcripts")) {
        rs.next();
        assertThat(rs.getLong(1)).as("one row per ticket").isEqualTo(1);
      }
    }
  }
}
