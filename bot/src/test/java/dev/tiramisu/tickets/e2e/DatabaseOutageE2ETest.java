package dev.tiramisu.tickets.e2e;

import static dev.tiramisu.tickets.e2e.BotHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.tickets.storage.PostgresTestDatabase;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.Ticket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The bot on PostgreSQL loses its database while running: members get the clear ephemeral
 * "database unavailable" answer within Discord's 3 seconds, and once the database is back the bot
 * works again by itself, without a restart.
 *
 * <p>The outage is made from an admin connection: {@code ALTER DATABASE ... ALLOW_CONNECTIONS
 * false} (new connections are refused) and {@code pg_terminate_backend} of the database's sessions
 * (the pool's connections die), as when PostgreSQL restarts or fails over.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageE2ETest {
  /** Bounds the wait for the pool to reconnect; each attempt waits at most its pool timeout. */
  private static final int MAX_RECONNECT_ATTEMPTS = 20;

  private PostgresTestDatabase pg;
  private BotHarness h;

  @BeforeAll
  void start() throws SQLException {
    pg = PostgresTestDatabase.create();
    h = new BotHarness(pg.config(2));
  }

  @AfterAll
  void stop() throws SQLException {
    try {
      if (h != null) {
        h.close();
      }
    } finally {
      if (pg != null) {
        pg.close();
      }
    }
  }

  @Test
  void members_are_told_the_database_is_unavailable_and_the_bot_recovers_by_itself()
      throws SQLException {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket before = h.open(g, "alice", "works before the outage");
    assertThat(before.number()).isEqualTo(1);

    cutDatabase();
    MessageView withReason;
    MessageView withoutReason;
    try {
      // with a reason: deferred at once, the open then fails; without one: the settings read
      // that decides about the reason form fails or runs out of its budget, so the bot defers
      InteractionHandle a = g.as("alice").slash(g.channel("general"), "ticket create",
          Map.of("reason", "during the outage"));
      InteractionHandle b = g.as("bob").slash(g.channel("general"), "ticket create");
      a.awaitAck(); // fails if Discord's 3 s passed without a response
      b.awaitAck();
      withReason = a.awaitReply();
      withoutReason = b.awaitReply();
    } finally {
      restoreDatabase();
    }

    String unavailable = text(MessageKey.ERROR_DATABASE_UNAVAILABLE);
    assertThat(withReason.text()).isEqualTo(unavailable);
    assertThat(withoutReason.text()).isEqualTo(unavailable);
    assertThat(withReason.ephemeral()).isTrue();
    assertThat(withoutReason.ephemeral()).isTrue();
    assertThat(withReason.visibleTo()).isEqualTo(g.user("alice"));
    assertThat(g.threads()).as("no thread was made for the failed attempts").hasSize(1);

    awaitPoolReconnected(h.bot().core().database().dataSource());

    MessageView after = g.as("bob").slash(g.channel("general"), "ticket create",
        Map.of("reason", "after the outage")).awaitReply();

    assertThat(after.text()).startsWith("Your ticket #2 is open")
        .as("the failed attempts took no number");
    assertThat(g.thread("Ticket #2")).isPresent();
    assertThat(h.emu.specViolations()).isEmpty();
  }

  /**
   * Without a reason, whether to show the reason form depends on the guild's settings. When the
   * database does not answer in time, the bot still acknowledges within Discord's 3 seconds (a
   * deferred reply without the form) and asks for the reason in its answer instead.
   */
  @Test
  void a_database_too_slow_for_the_reason_form_still_gets_the_create_acknowledged_in_time()
      throws SQLException {
    TestGuild g = h.guild();
    h.enableTickets(g); // require_reason is on by default
    InteractionHandle create;
    try (Connection locker = pg.connect(); Statement s = locker.createStatement()) {
      locker.setAutoCommit(false);
      // every read of the settings now waits for this transaction
      s.execute("LOCK TABLE guild_settings IN ACCESS EXCLUSIVE MODE");
      create = g.as("alice").slash(g.channel("general"), "ticket create");
      assertThat(create.responseType()).as("deferred (the form needs the settings)").isEqualTo(5);
      locker.rollback();
    }

    MessageView reply = create.awaitReply();

    assertThat(reply.text()).isEqualTo(text(MessageKey.ERROR_REASON_REQUIRED));
    assertThat(g.threads()).isEmpty();
    // with the database answering, the same command shows the form again
    g.as("alice").slash(g.channel("general"), "ticket create").awaitModal();
    assertThat(h.emu.specViolations()).isEmpty();
  }

  /**
   * A click on a deleted panel's leftover message while the database is too slow for the
   * acknowledgement's reads: deferred in time, then told the panel was removed, and nothing opened.
   */
  @Test
  void a_deleted_panels_click_while_the_database_is_slow_is_deferred_then_refused()
      throws SQLException {
    TestGuild g = h.guild();
    h.enableTickets(g);
    g.as("admin").slash(g.channel("general"), "tickettype create", Map.of("name", "Billing"))
        .awaitReply();
    String posted = g.as("admin").slash(g.channel("general"), "panel create",
        Map.of("types", "Billing")).awaitReply().text();
    long messageId = Long.parseLong(posted.replaceAll("(?s).*/(\\d+)$", "$1"));
    var admin = new dev.tiramisu.tickets.common.Actor(g.user("admin"), java.util.Set.of(), true,
        true);
    long panelId = h.bot().core().panels().list(g.id, admin).value().get(0).id();
    assertThat(h.bot().core().panels().delete(g.id, admin, panelId).isOk()).isTrue();
    InteractionHandle click;
    try (Connection locker = pg.connect(); Statement s = locker.createStatement()) {
      locker.setAutoCommit(false);
      s.execute("LOCK TABLE guild_settings IN ACCESS EXCLUSIVE MODE");
      click = g.as("alice").click(messageId, "Billing");
      assertThat(click.responseType()).as("deferred").isEqualTo(5);
      locker.rollback();
    }

    assertThat(click.awaitReply().text()).isEqualTo(text(MessageKey.ERROR_PANEL_REMOVED));
    h.emu.await("the leftover message deleted", () -> g.message(messageId).isEmpty());
    assertThat(g.threads()).isEmpty();
  }

  /** Refuses new connections to the test database and kills the open ones (the bot's pool). */
  private void cutDatabase() throws SQLException {
    pg.admin("ALTER DATABASE " + pg.name() + " ALLOW_CONNECTIONS false");
    pg.admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
        + pg.name() + "'");
  }

  private void restoreDatabase() throws SQLException {
    pg.admin("ALTER DATABASE " + pg.name() + " ALLOW_CONNECTIONS true");
  }

  /**
   * Waits until the bot's own pool hands out a working connection again. The pool reconnects in
   * the background by itself (backing off up to 5 s between attempts while the database was
   * gone); this only waits for it, with a bounded number of attempts and no sleeping: each attempt
   * blocks at most the pool's connection timeout.
   */
  private static void awaitPoolReconnected(DataSource pool) {
    SQLException last = null;
    for (int attempt = 0; attempt < MAX_RECONNECT_ATTEMPTS; attempt++) {
      // a query (not isValid): a failing query makes the pool drop a dead connection
      try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
        s.execute("SELECT 1");
        return;
      } catch (SQLException e) {
        last = e;
      }
    }
    throw new AssertionError("the bot's pool did not reconnect", last);
  }
}
