package dev.tiramisu.tickets.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.config.DatabaseConfig;
import dev.tiramisu.tickets.settings.FormAnswer;
import dev.tiramisu.tickets.settings.FormQuestion;
import dev.tiramisu.tickets.settings.FormStore;
import dev.tiramisu.tickets.settings.TicketType;
import dev.tiramisu.tickets.ticket.Ticket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V11 on a database left by V10 (issue 12, forms): the type and its ticket stay as they were,
 * with no questions and no answers; questions are then added in order (at most the given number,
 * positions never reused after a removal) and answers are saved with a new ticket in the
 * transaction that creates it, as snapshots. SQLite and PostgreSQL.
 */
class TypeFormsMigrationTest {
  private static final long GUILD = 2001;

  @Test
  void sqlite(@TempDir Path dir) throws Exception {
    MigrationFixture.sqlite(dir, TypeFormsMigrationTest::migrateFromV10);
  }

  @Test
  void postgresql() throws Exception {
    MigrationFixture.postgresql(TypeFormsMigrationTest::migrateFromV10);
  }

  private static void migrateFromV10(DataSource ds, Database.Dialect dialect,
      DatabaseConfig config) throws Exception {
    MigrationFixture.migrateTo(ds, dialect, "10");
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO guild_settings (guild_id, ticket_channel_id, updated_at)"
          + " VALUES (" + GUILD + ", 11, 5)");
      s.executeUpdate("INSERT INTO ticket_types (guild_id, name, name_key, is_default,"
          + " created_at, updated_at) VALUES (" + GUILD + ", 'Report', 'report', FALSE, 5, 5)");
      s.executeUpdate("INSERT INTO tickets (guild_id, number, creator_id, state, thread_id,"
          + " created_at, type_id) SELECT " + GUILD + ", 1, 7, 'OPEN', 500, 6, id"
          + " FROM ticket_types WHERE name_key = 'report'");
      s.executeUpdate("INSERT INTO ticket_counters (guild_id, last_number) VALUES (" + GUILD
          + ", 1)");
    }

    try (Database db = Database.start(config)) {
      TicketType type = db.ticketTypes().list(GUILD).get(0);
      long oldTicket = db.tickets().findByThread(500).orElseThrow().id();
      assertThat(db.ticketTypes().typeOfTicket(oldTicket)).contains(type);
      FormStore forms = db.forms();
      assertThat(forms.questions(type.id())).isEmpty();
      assertThat(forms.answers(oldTicket)).isEmpty();

      Instant at = Instant.ofEpochMilli(1_000);
      FormQuestion text = new FormQuestion(0, type.id(), 0, "What happened?",
          FormQuestion.Style.PARAGRAPH, true, 1, 500, "Tell us", List.of());
      FormQuestion select = new FormQuestion(0, type.id(), 0, "Where?",
          FormQuestion.Style.SELECT, false, 1, 2, null, List.of("Chat", "Voice", "Game"));
      FormQuestion first = forms.add(text, 2, at).orElseThrow();
      FormQuestion second = forms.add(select, 2, at).orElseThrow();
      assertThat(forms.add(text, 2, at)).as("full at 2").isEmpty();
      assertThat(forms.questions(type.id())).containsExactly(first, second);
      assertThat(second.options()).containsExactly("Chat", "Voice", "Game");
      assertThat(second.multiple()).isTrue();
      assertThat(forms.questionsOfGuild(GUILD)).containsOnlyKeys(type.id());
      assertThat(forms.remove(first.id())).isTrue();
      FormQuestion third = forms.add(text, 2, at).orElseThrow();
      assertThat(third.position()).as("positions only grow").isGreaterThan(second.position());
      assertThat(forms.questions(type.id())).containsExactly(second, third);

      List<FormAnswer> answers = List.of(new FormAnswer(1, "Where?", "Chat, Game"),
          new FormAnswer(2, "What happened?", "spam\n<@1> @everyone"));
      Result<Ticket> created = db.tickets().create(GUILD, 8, null, at, null, null,
          t -> List.of(), type.id(), answers);
      assertThat(forms.answers(created.value().id())).isEqualTo(answers);
      assertThat(forms.answers(oldTicket)).isEmpty();

      // Answers are snapshots: removing the questions changes nothing saved.
      forms.remove(second.id());
      forms.remove(third.id());
      assertThat(forms.questions(type.id())).isEmpty();
      assertThat(forms.answers(created.value().id())).isEqualTo(answers);
    }
  }
}
