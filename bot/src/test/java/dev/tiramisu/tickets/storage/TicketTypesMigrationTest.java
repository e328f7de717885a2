package dev.tiramisu.tickets.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.tickets.config.DatabaseConfig;
import dev.tiramisu.tickets.settings.GuildSettings;
import dev.tiramisu.tickets.settings.TicketType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V10 on a database left by V9 (issue 12): a guild configured with one ticket channel gets one
 * default type that inherits everything, its tickets become tickets of that type, and its staff
 * and channel stay what they were; a guild never configured gets no type. SQLite and PostgreSQL.
 */
class TicketTypesMigrationTest {
  private static final long CONFIGURED = 1001;
  private static final long UNCONFIGURED = 1002;

  @Test
  void sqlite(@TempDir Path dir) throws Exception {
    MigrationFixture.sqlite(dir, TicketTypesMigrationTest::migrateFromV9);
  }

  @Test
  void postgresql() throws Exception {
    MigrationFixture.postgresql(TicketTypesMigrationTest::migrateFromV9);
  }

  private static void migrateFromV9(DataSource ds, Database.Dialect dialect, DatabaseConfig config)
      throws Exception {
    MigrationFixture.migrateTo(ds, dialect, "9");
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO guild_settings (guild_id, ticket_channel_id, staff_role_id,"
          + " name_template, max_open_per_user, updated_at)"
          + " VALUES (" + CONFIGURED + ", 11, 22, 'Help #{number}', 2, 5)");
      s.executeUpdate("INSERT INTO guild_settings (guild_id, modlog_channel_id, updated_at)"
          + " VALUES (" + UNCONFIGURED + ", 33, 5)");
      s.executeUpdate("INSERT INTO tickets (guild_id, number, creator_id, state, thread_id,"
          + " created_at) VALUES (" + CONFIGURED + ", 1, 7, 'OPEN', 500, 6)");
    }

    try (Database db = Database.start(config)) {
      List<TicketType> types = db.ticketTypes().list(CONFIGURED);
      assertThat(types).hasSize(1);
      TicketType t = types.get(0);
      assertThat(t.name()).isEqualTo("Ticket");
      assertThat(t.isDefault()).isTrue();
      assertThat(t.channelId()).as("inherits").isNull();
      assertThat(t.staffRoleIds()).isEmpty();
      assertThat(t.nameTemplate()).isNull();
      assertThat(t.maxOpenPerUser()).isNull();
      assertThat(db.ticketTypes().list(UNCONFIGURED)).isEmpty();

      long ticketId = db.tickets().findByThread(500).orElseThrow().id();
      assertThat(db.ticketTypes().typeOfTicket(ticketId)).contains(t);
      GuildSettings before = db.settings().load(CONFIGURED);
      GuildSettings forTicket = db.settings().forTicket(CONFIGURED, ticketId);
      assertThat(forTicket.ticketChannelId()).isEqualTo(11L);
      assertThat(forTicket.staffRoles()).containsExactly(22L);
      assertThat(forTicket.nameTemplate()).isEqualTo(before.nameTemplate());
      assertThat(forTicket.maxOpenPerUser()).isEqualTo(2);
      assertThat(forTicket).isEqualTo(before.forType(t));
    }
  }
}
