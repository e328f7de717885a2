package dev.tiramisu.tickets.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.tickets.config.DatabaseConfig;
import dev.tiramisu.tickets.settings.NameTemplate;
import dev.tiramisu.tickets.settings.SettingKey;
import dev.tiramisu.tickets.settings.SettingValue;
import dev.tiramisu.tickets.storage.Database;
import dev.tiramisu.tickets.storage.PostgresTestDatabase;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.effects.EffectKind;
import dev.tiramisu.tickets.effects.NewEffect;
import dev.tiramisu.tickets.effects.Payload;
import dev.tiramisu.tickets.ticket.TicketStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * {@link MigrateCommand} from real SQLite files into a real PostgreSQL database (one per class,
 * emptied before each test).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MigrateCommandTest {
  private static final long GUILD_A = 900_000_000_000_000_001L;
  private static final long GUILD_B = 900_000_000_000_000_002L;
  private static final long GUILD_BULK = 900_000_000_000_000_003L;
  private static final long USER = 800_000_000_000_000_001L;
  private static final long STAFF = 800_000_000_000_000_002L;
  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");
  /** More than one insert batch, so a failure in the last batch comes after committed batches. */
  private static final int BULK = 1_500;

  private PostgresTestDatabase pg;

  @BeforeAll
  void createTarget() throws SQLException {
    pg = PostgresTestDatabase.create();
  }

  @AfterAll
  void dropTarget() throws SQLException {
    if (pg != null) {
      pg.close();
    }
  }

  @BeforeEach
  void emptyTarget() throws SQLException {
    try (Connection c = pg.connect(); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA public CASCADE");
      s.execute("CREATE SCHEMA public");
    }
  }

  // --- a full copy ---

  @Test
  void copies_every_table_with_equal_counts_and_content(@TempDir Path dir) throws Exception {
    String source = source(dir, "tickets.db", this::fill);

    Run run = migrate("--from", source, "--to", pg.url(), "--to-user", PostgresTestDatabase.USER);

    assertThat(run.code).as(run.err).isEqualTo(MigrateCommand.OK);
    Map<String, List<List<Object>>> expected = contents(sqlite(source), sourceTables(source));
    assertThat(expected.keySet())
        .containsExactly("close_confirmations", "close_requests", "guild_notices", "guild_settings", "job_leases",
            "panel_types", "panels", "ticket_activity", "ticket_answers", "ticket_blocklist",
            "ticket_claims", "ticket_counters", "ticket_creators", "ticket_effects",
            "ticket_names", "ticket_ratings", "ticket_transcripts", "ticket_type_questions",
            "ticket_types", "tickets");
    assertThat(targetTables()).containsExactlyElementsOf(expected.keySet());
    try (Connection target = pg.connect()) {
      Map<String, List<List<Object>>> copied = contents(target, expected.keySet());
      for (String table : expected.keySet()) {
        assertThat(copied.get(table)).as(table).hasSameSizeAs(expected.get(table))
            .isEqualTo(expected.get(table));
      }
    }
    assertThat(expected.get("tickets")).hasSize(290 + BULK);
    try (Connection target = pg.connect(); Statement s = target.createStatement();
        ResultSet rs = s.executeQuery("SELECT reltuples FROM pg_class WHERE relname = 'tickets'")) {
      rs.next();
      assertThat(rs.getLong(1)).as("analysed: the planner knows the table's size")
          .isEqualTo(290 + BULK);
    }
    assertThat(run.out).startsWith("copied 20 tables (close_confirmations 1, guild_notices 1,"
        + " guild_settings 2,"
        + " job_leases 1, panels 0, ticket_blocklist 0, ticket_counters 3, ticket_creators 0,"
        + " ticket_types 0, panel_types 0, ticket_type_questions 0, tickets "
        + (290 + BULK) + ", close_requests 1, ticket_activity 1, ticket_answers 0,"
        + " ticket_claims 63, ticket_effects 40, ticket_names 0, ticket_ratings 25,"
        + " ticket_transcripts 2 rows) from "
        + source + " to " + pg.url() + " at schema version 17; row counts verified");
    assertThat(run.err.lines())
        .contains("target schema at version 17 (same as the source)")
        .contains("ticket_claims          [##########] 63/63")
        .contains("tickets                [----------] 0/1790")
        .contains("tickets                [#####-----] 1000/1790")
        .contains("tickets                [##########] 1790/1790")
        .contains("job_leases             [##########] 1/1");
    assertThat(run.err).doesNotContain("\r").doesNotContain("\u001b");
  }

  @Test
  void numbering_and_ids_continue_on_the_target_after_the_copy(@TempDir Path dir)
      throws Exception {
    String source = source(dir, "tickets.db", this::fill);
    long maxId;
    try (Connection c = sqlite(source); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT max(id) FROM tickets")) {
      rs.next();
      maxId = rs.getLong(1);
    }

    assertThat(migrate("--from", source, "--to", pg.url(), "--to-user", PostgresTestDatabase.USER)
        .code).isEqualTo(MigrateCommand.OK);

    // the bot starts on the target (Flyway validates the schema) and carries on
    try (Database target = Database.start(pg.config(2))) {
      TicketStore tickets = target.tickets();
      Ticket a = tickets.create(GUILD_A, USER, "after the move", T0);
      Ticket b = tickets.create(GUILD_B, USER, null, T0);
      Ticket bulk = tickets.create(GUILD_BULK, USER, null, T0);
      Ticket fresh = tickets.create(GUILD_A + 100, USER, null, T0);

      assertThat(a.number()).isEqualTo(251);
      assertThat(b.number()).isEqualTo(41);
      assertThat(bulk.number()).isEqualTo(BULK + 1);
      assertThat(fresh.number()).isEqualTo(1);
      assertThat(a.id()).isEqualTo(maxId + 1);
      assertThat(List.of(b.id(), bulk.id(), fresh.id())).containsExactly(
          maxId + 2, maxId + 3, maxId + 4);
      assertThat(tickets.findByNumber(GUILD_A, 250)).isPresent();
      assertThat(target.settings().load(GUILD_A).requireReason()).isTrue();
      assertThat(target.leases().tryClaim("sweep", "someone-else", T0, Duration.ofMinutes(1)))
          .as("the copied lease still holds").isFalse();
    }
  }

  @Test
  void an_older_source_is_copied_into_a_target_at_the_same_version(@TempDir Path dir)
      throws Exception {
    // a database written by a bot that only had V1 and V2
    String source = DatabaseConfig.SQLITE_PREFIX + dir.resolve("old.db");
    SQLiteDataSource old = new SQLiteDataSource();
    old.setUrl(source);
    Database.flyway(old, Database.Dialect.SQLITE).target("2").load().migrate();
    try (Connection c = old.getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO ticket_counters VALUES (" + GUILD_A + ", 2)");
      s.execute("INSERT INTO tickets (guild_id, number, creator_id, state, created_at) VALUES"
          + " (" + GUILD_A + ", 1, " + USER + ", 'OPEN', 1), (" + GUILD_A + ", 2, " + USER
          + ", 'OPEN', 2)");
      s.execute("INSERT INTO guild_settings (guild_id, require_reason, updated_at)"
          + " VALUES (" + GUILD_A + ", 0, 3)");
    }

    Run run = migrate("--from", source, "--to", pg.url(), "--to-user", PostgresTestDatabase.USER);

    assertThat(run.code).as(run.err).isEqualTo(MigrateCommand.OK);
    assertThat(run.out).contains("copied 3 tables").contains("at schema version 2");
    assertThat(targetTables()).containsExactly("guild_settings", "ticket_counters", "tickets");
    try (Database target = Database.start(pg.config(2))) { // the bot upgrades it to the latest version
      assertThat(target.tickets().create(GUILD_A, USER, null, T0).number()).isEqualTo(3);
      assertThat(target.settings().load(GUILD_A).requireReason()).isFalse();
      assertThat(target.leases().tryClaim("sweep", "a", T0, Duration.ofMinutes(1))).isTrue();
    }
  }

  // --- a target that already has data ---

  @Test
  void a_non_empty_target_is_refused_unless_forced(@TempDir Path dir) throws Exception {
    String first = source(dir, "first.db", this::fill);
    String second = source(dir, "second.db", db -> {
      db.tickets().create(GUILD_B, STAFF, "only this one", T0);
      db.settings().put(GUILD_B, SettingKey.STAFF_ROLE, new SettingValue.Snowflake(42L), T0);
    });
    assertThat(migrate("--from", first, "--to", pg.url(), "--to-user", PostgresTestDatabase.USER)
        .code).isEqualTo(MigrateCommand.OK);
    Snapshot before = snapshot();

    Run refused =
        migrate("--from", second, "--to", pg.url(), "--to-user", PostgresTestDatabase.USER);

    assertThat(refused.code).isEqualTo(MigrateCommand.FAILED);
    assertThat(refused.out).isEmpty();
    assertThat(failureLine(refused)).startsWith("migrate failed: the target already has data"
            + " (close_confirmations: 1 row, guild_notices: 1 row, guild_settings: 2 rows,"
            + " job_leases: 1 row,"
            + " ticket_counters: 3 rows, tickets: " + (290 + BULK) + " rows, close_requests: 1 row,"
            + " ticket_activity: 1 row, ticket_claims: 63 rows, ticket_effects: 40 rows,"
            + " ticket_ratings: 25 rows, ticket_transcripts: 2 rows), left"
            + " unchanged; rerun with --force"
            + " to replace it"
            + " (--force empties the target's tables with TRUNCATE inside the same transaction");
    assertThat(snapshot()).isEqualTo(before);

    Run forced = migrate("--from", second, "--to", pg.url(), "--to-user",
        PostgresTestDatabase.USER, "--force");

    assertThat(forced.code).as(forced.err).isEqualTo(MigrateCommand.OK);
    assertThat(forced.err).contains("--force: emptied the target's tables"
        + " (close_confirmations: 1 row, guild_notices: 1 row, guild_settings: 2 rows");
    try (Connection target = pg.connect()) {
      assertThat(contents(target, sourceTables(second)))
          .isEqualTo(contents(sqlite(second), sourceTables(second)));
    }
    try (Database target = Database.start(pg.config(2))) {
      assertThat(target.tickets().lastNumber(GUILD_A)).isEmpty();
      assertThat(target.tickets().create(GUILD_B, USER, null, T0).number()).isEqualTo(2);
    }
  }

  // --- failures leave the target as it was ---

  @Test
  void a_failure_in_the_middle_of_the_copy_leaves_the_target_exactly_as_before(@TempDir Path dir)
      throws Exception {
    String first = source(dir, "first.db", db -> {
      db.tickets().create(GUILD_B, USER, "already there", T0);
      db.leases().tryClaim("sweep", "old-host", T0, Duration.ofMinutes(5));
    });
    // SQLite does not enforce VARCHAR lengths; PostgreSQL does. The bad row is in the last batch
    // of the last table, so three tables and a batch of tickets are in before it fails.
    String bad = source(dir, "bad.db", db -> {
      fill(db);
      execute(db, "INSERT INTO tickets (guild_id, number, creator_id, reason, state, created_at)"
          + " VALUES (" + GUILD_BULK + ", " + (BULK + 1) + ", " + USER + ", '"
          + "x".repeat(1001) + "', 'OPEN', 1)");
    });
    assertThat(migrate("--from", first, "--to", pg.url(), "--to-user", PostgresTestDatabase.USER)
        .code).isEqualTo(MigrateCommand.OK);
    Snapshot before = snapshot();

    Run run = migrate("--from", bad, "--to", pg.url(), "--to-user", PostgresTestDatabase.USER,
        "--force");

    assertThat(run.code).isEqualTo(MigrateCommand.FAILED);
    assertThat(run.out).isEmpty();
    assertThat(run.err.lines()).contains("ticket_counters        [##########] 3/3")
        .contains("tickets                [#####-----] 1000/1791");
    assertThat(failureLine(run)).isEqualTo("migrate failed: copying table tickets (rows 1001-1791):"
        + " value too long for type character varying(1000) (SQLSTATE 22001); rolled back, the"
        + " target is unchanged");
    assertThat(run.err).doesNotContain("xxxxxxxxxx"); // no row content in messages
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void a_value_of_the_wrong_type_fails_cleanly_without_quoting_it(@TempDir Path dir)
      throws Exception {
    String bad = source(dir, "bad.db", db -> {
      db.tickets().create(GUILD_A, USER, "fine", T0);
      execute(db, "UPDATE tickets SET thread_id = 'secret words' WHERE number = 1");
    });
    migrateSchemaOnly();
    Snapshot before = snapshot();

    Run run = migrate("--from", bad, "--to", pg.url(), "--to-user", PostgresTestDatabase.USER);

    assertThat(run.code).isEqualTo(MigrateCommand.FAILED);
    assertThat(failureLine(run)).isEqualTo("migrate failed: table tickets, row 1, column thread_id:"
        + " expected an integer but the source holds text; rolled back, the target is unchanged");
    assertThat(run.err).doesNotContain("secret");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void an_incompatible_target_table_is_refused_before_anything_is_copied(@TempDir Path dir)
      throws Exception {
    String source = source(dir, "tickets.db", this::fill);
    migrateSchemaOnly();
    try (Connection c = pg.connect(); Statement s = c.createStatement()) {
      s.execute("ALTER TABLE guild_settings ADD COLUMN colour INTEGER");
    }
    Snapshot before = snapshot();

    Run run = migrate("--from", source, "--to", pg.url(), "--to-user", PostgresTestDatabase.USER,
        "--force");

    assertThat(run.code).isEqualTo(MigrateCommand.FAILED);
    assertThat(failureLine(run)).isEqualTo("migrate failed: table guild_settings differs: only"
        + " the target has [colour]; nothing was copied");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void a_target_that_does_not_answer_fails_in_one_line_without_the_password(@TempDir Path dir)
      throws Exception {
    String source = source(dir, "tickets.db", db -> db.tickets().create(GUILD_A, USER, null, T0));

    Run run = migrate(List.of("--from", source, "--to",
        "jdbc:postgresql://127.0.0.1:1/tickets?password=url-secret", "--to-user", "bot"),
        Map.of("DATABASE_PASSWORD", "env-secret"));

    assertThat(run.code).isEqualTo(MigrateCommand.FAILED);
    assertThat(failureLine(run)).startsWith("migrate failed: connecting to the target"
        + " jdbc:postgresql://127.0.0.1:1/tickets: Connection to 127.0.0.1:1 refused");
    assertThat(run.err).doesNotContain("secret");
  }

  @Test
  void a_source_that_is_missing_or_not_a_tickets_database_is_refused(@TempDir Path dir)
      throws Exception {
    Path missing = dir.resolve("missing.db");
    Run none = migrate("--from", "jdbc:sqlite:" + missing, "--to", pg.url());
    assertThat(none.code).isEqualTo(MigrateCommand.FAILED);
    assertThat(failureLine(none)).isEqualTo("migrate failed: the source " + missing
        + " does not exist or is not a file; nothing was copied");

    String other = DatabaseConfig.SQLITE_PREFIX + dir.resolve("other.db");
    try (Connection c = DriverManager.getConnection(other); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)");
    }
    Run foreign = migrate("--from", other, "--to", pg.url());
    assertThat(foreign.code).isEqualTo(MigrateCommand.FAILED);
    assertThat(failureLine(foreign)).isEqualTo("migrate failed: the source is not a Tiramisu"
        + " Tickets database (it has no flyway_schema_history table); nothing was copied");
    assertThat(targetTables()).isEmpty();
  }

  // --- arguments ---

  @Test
  void wrong_arguments_are_usage_errors_that_touch_nothing() throws Exception {
    assertThat(migrate("--to", pg.url()).err).startsWith("migrate: --from is required (usage:");
    assertThat(migrate("--from", "jdbc:sqlite:x.db").err).startsWith("migrate: --to is required");
    assertThat(migrate("--from", "data/tickets.db", "--to", pg.url()).err)
        .startsWith("migrate: --from must be a SQLite file URL");
    assertThat(migrate("--from", "jdbc:sqlite:x.db", "--to", "jdbc:mysql://h/db").err)
        .startsWith("migrate: --to must be a PostgreSQL URL");
    assertThat(migrate("--from", "jdbc:sqlite:x.db", "--to", pg.url(), "--frce").err)
        .startsWith("migrate: unknown argument \"--frce\"");
    assertThat(migrate("--from").err).startsWith("migrate: --from needs a value");
    for (Run run : List.of(migrate("--to", pg.url()), migrate("--bogus"))) {
      assertThat(run.code).isEqualTo(MigrateCommand.USAGE);
      assertThat(run.err.lines()).hasSize(1);
    }
    Run help = migrate("--help");
    assertThat(help.code).isEqualTo(MigrateCommand.OK);
    assertThat(help.out).startsWith(MigrateCommand.USAGE_TEXT).contains("--force");
    assertThat(targetTables()).isEmpty();
  }

  @Test
  void both_argument_forms_and_the_environment_are_understood() {
    MigrateCommand.Options o = MigrateCommand.parse(
        List.of("--from=jdbc:sqlite:a.db", "--to", "jdbc:postgresql://h/db", "--force"),
        Map.of("DATABASE_USER", "bot", "DATABASE_PASSWORD", "pw"));

    assertThat(o).isEqualTo(
        new MigrateCommand.Options("jdbc:sqlite:a.db", "jdbc:postgresql://h/db", "bot", "pw", true));
    assertThat(o.toString()).doesNotContain("pw").contains("toPassword=***");
    assertThat(MigrateCommand.parse(List.of("--from", "jdbc:sqlite:a.db", "--to",
        "jdbc:postgresql://h/db", "--to-user", "admin", "--to-password=x"),
        Map.of("DATABASE_USER", "bot", "DATABASE_PASSWORD", "pw")))
        .isEqualTo(new MigrateCommand.Options(
            "jdbc:sqlite:a.db", "jdbc:postgresql://h/db", "admin", "x", false));
  }

  // --- helpers ---

  /** A source: a SQLite database made by the bot's own storage, filled by {@code fill}. */
  private static String source(Path dir, String file, Consumer<Database> fill) {
    DatabaseConfig config = DatabaseConfig.sqlite(dir.resolve(file).toString());
    try (Database db = Database.start(config)) {
      fill.accept(db);
    }
    return config.url();
  }

  /**
   * Three guilds: A with 250 tickets in every state, B with 40, and a bulk guild with {@link
   * #BULK} rows written directly; settings for two guilds; one job lease.
   */
  private void fill(Database db) {
    TicketStore tickets = db.tickets();
    for (int i = 1; i <= 250; i++) {
      String reason = i % 3 == 0 ? null : "reason " + i + " ✨ \"quoted\" 'single' \\ back";
      Ticket t = tickets.create(GUILD_A, USER + i % 7, reason, T0.plusSeconds(i));
      if (i % 5 != 0) {
        tickets.attachThread(t.id(), 100_000L + i, i % 2 == 0 ? 200_000L + i : null);
      }
      if (i % 4 == 0 && i % 5 != 0) {
        tickets.closeIfOpen(t.id(), STAFF, i % 8 == 0 ? null : "done " + i, T0.plusSeconds(i + 1));
      }
      if (i % 25 == 0) {
        tickets.markFailed(t.id(), "HTTP 403", T0.plusSeconds(i + 2));
      }
      if (i % 3 == 1) { // claims of open tickets (issue 11)
        db.staff().claim(t.id(), STAFF + i, T0.plusSeconds(i + 3), List.of());
      }
      if (i % 8 == 0 && i % 5 != 0) { // ratings of closed tickets (issue 13)
        db.feedback().firstStaffReply(t.id(), T0.plusSeconds(i).plusMillis(500));
        db.feedback().rate(t.id(), i % 5 + 1, USER + i % 7, T0.plusSeconds(i + 4), List.of());
        if (i % 16 == 0) {
          db.feedback().comment(t.id(), USER + i % 7, "merci ✨ 'x' \\ " + i,
              T0.plusSeconds(i + 5), List.of());
        }
      }
    }
    for (int i = 1; i <= 40; i++) {
      tickets.create(GUILD_B, USER, "b" + i, T0, t -> List.of(NewEffect.of(
          EffectKind.CREATE_THREAD, Payload.empty().with("channel", 1).with("name", "Ticket #"
              + t.number() + " ✨"))));
    }
    execute(db, "INSERT INTO ticket_counters VALUES (" + GUILD_BULK + ", " + BULK + ")");
    execute(db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + BULK
        + ") INSERT INTO tickets (guild_id, number, creator_id, reason, state, created_at)"
        + " SELECT " + GUILD_BULK + ", i, " + USER + ", 'bulk ' || i, 'OPEN', i FROM n");
    db.settings().put(GUILD_A, SettingKey.TICKET_CHANNEL, new SettingValue.Snowflake(1234L), T0);
    db.settings().put(GUILD_A, SettingKey.REQUIRE_REASON, new SettingValue.Flag(true), T0);
    db.settings().put(GUILD_A, SettingKey.NAME_TEMPLATE,
        new SettingValue.Template(NameTemplate.of("Help {number}")), T0);
    db.settings().put(GUILD_B, SettingKey.CREATOR_CAN_CLOSE, new SettingValue.Flag(false), T0);
    db.leases().tryClaim("sweep", "host-a", T0, Duration.ofDays(365_000));
    // timers (V9): a close request, an activity row, a notice
    long first = tickets.findByNumber(GUILD_A, 1).orElseThrow().id();
    // a close confirmation shown (V16): its reason, token and flag come across
    db.closeConfirmations().shown(first, STAFF, "typed ✨ 'x'", "en|token", T0.plusSeconds(840),
        T0);
    db.timers().requestClose(first, GUILD_A, STAFF, "done? ✨", T0.plusSeconds(3600), T0,
        (id, replaced) -> List.of());
    db.timers().recordActivity(first, GUILD_A, T0.plusSeconds(5));
    db.timers().addNotice(GUILD_A, "CHANNEL_DELETED", 1234L, 2, T0);
    // transcripts (V13): gzip blobs
    for (int n : new int[] {4, 12}) {
      long id = tickets.findByNumber(GUILD_A, n).orElseThrow().id();
      db.transcripts().save(new dev.tiramisu.tickets.transcript.StoredTranscript(id,
          dev.tiramisu.tickets.transcript.TranscriptCompression.gzip("<p>ticket " + n + " ✨</p>"),
          20, n, n == 4, false, T0.plusSeconds(n)));
    }
  }

  private static void execute(Database db, String sql) {
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The target with this build's schema and no rows, as the bot leaves a new database. */
  private void migrateSchemaOnly() {
    Database.start(pg.config(1)).close();
  }

  private record Run(int code, String out, String err) {}

  private Run migrate(String... args) {
    return migrate(List.of(args), Map.of());
  }

  private static Run migrate(List<String> args, Map<String, String> env) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = MigrateCommand.run(args, env, o, e);
    }
    return new Run(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  /** The single failure line a failed run printed. */
  private static String failureLine(Run run) {
    List<String> failures = run.err.lines().filter(l -> l.startsWith("migrate")).toList();
    assertThat(failures).as(run.err).hasSize(1);
    return failures.get(0);
  }

  private static Connection sqlite(String url) throws SQLException {
    return DriverManager.getConnection(url);
  }

  private static List<String> sourceTables(String url) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = sqlite(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'"
            + " AND name NOT LIKE 'sqlite%' AND name <> 'flyway_schema_history' ORDER BY name")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  private List<String> targetTables() throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = pg.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables"
            + " WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history'"
            + " ORDER BY table_name")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  /**
   * Every row of every table, with SQLite's and PostgreSQL's representations made comparable
   * (integers as Long, booleans as 0/1), sorted by the first column (the primary key).
   */
  private static Map<String, List<List<Object>>> contents(Connection c,
      java.util.Collection<String> tables) throws SQLException {
    Map<String, List<List<Object>>> all = new TreeMap<>();
    try (c) {
      for (String table : tables) {
        all.put(table, rows(c, "SELECT * FROM " + table));
      }
    }
    return all;
  }

  private static List<List<Object>> rows(Connection c, String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.add(normalise(rs.getObject(i)));
        }
        rows.add(row);
      }
    }
    rows.sort(Comparator.comparing(r -> String.valueOf(r.get(0))));
    return rows;
  }

  private static Object normalise(Object v) {
    if (v instanceof byte[] bytes) {
      return java.util.HexFormat.of().formatHex(bytes);
    }
    if (v instanceof Boolean b) {
      return b ? 1L : 0L;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Long) {
      return ((Number) v).longValue();
    }
    return v;
  }

  /** Everything about the target a migration could change: rows of every table and sequences. */
  private record Snapshot(Map<String, List<List<Object>>> tables, List<List<Object>> sequences) {}

  private Snapshot snapshot() throws SQLException {
    List<String> names = new ArrayList<>(targetTables());
    names.add("flyway_schema_history");
    List<List<Object>> sequences;
    try (Connection c = pg.connect()) {
      sequences = rows(c, "SELECT sequencename, last_value FROM pg_sequences");
    }
    return new Snapshot(contents(pg.connect(), names), sequences);
  }
}
