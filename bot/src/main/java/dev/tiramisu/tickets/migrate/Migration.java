package dev.tiramisu.tickets.migrate;

import dev.tiramisu.tickets.config.DatabaseConfig;
import dev.tiramisu.tickets.storage.Database;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.sqlite.SQLiteConfig;

/**
 * One run of the {@code migrate} command.
 *
 * <ol>
 *   <li>Open the SQLite source read-only, in one read transaction (a consistent snapshot), and read
 *       its schema version from Flyway's history.
 *   <li>Connect to PostgreSQL and let Flyway bring the target's schema to that same version.
 *   <li>In one transaction on the target: lock the tables, refuse if any has rows (unless {@code
 *       --force}: then {@code TRUNCATE} them), copy every table in foreign-key order in batches,
 *       compare every table's row count with the source, restart each identity/serial sequence
 *       after the highest copied id ({@code ALTER SEQUENCE ... RESTART}, which unlike {@code
 *       setval} is undone by a rollback), {@code ANALYZE} the tables for the planner, then
 *       commit.
 * </ol>
 *
 * Any failure rolls the transaction back: the target keeps exactly the rows it had.
 */
final class Migration {
  static final String HISTORY = "flyway_schema_history";
  private static final int BATCH = 1_000;
  private static final String LOCK_TIMEOUT = "10s";

  /** What a run copied. */
  record Result(String source, String target, MigrationVersion version, Map<String, Long> rows) {
    String summary() {
      String tables = rows.entrySet().stream()
          .map(e -> e.getKey() + " " + e.getValue())
          .collect(Collectors.joining(", "));
      return "copied " + rows.size() + " tables (" + tables + " rows) from " + source + " to "
          + target + " at schema version " + version + "; row counts verified";
    }
  }

  /** A column and how its values cross from SQLite to PostgreSQL. */
  private record Column(String name, Kind kind, boolean identity) {}

  /** A table to copy, its columns in source order. */
  private record Table(String name, List<Column> columns) {}

  private enum Kind {
    BIGINT("an integer", Types.BIGINT),
    INTEGER("a 32-bit integer", Types.INTEGER),
    BOOLEAN("0 or 1", Types.BOOLEAN),
    TEXT("text", Types.VARCHAR),
    DOUBLE("a number", Types.DOUBLE),
    NUMERIC("a number", Types.NUMERIC),
    BYTES("a blob", Types.BINARY);

    final String expected;
    final int sqlType;

    Kind(String expected, int sqlType) {
      this.expected = expected;
      this.sqlType = sqlType;
    }

    static Kind of(String postgresType) {
      switch (postgresType) {
        case "bigint":
          return BIGINT;
        case "integer":
        case "smallint":
          return INTEGER;
        case "boolean":
          return BOOLEAN;
        case "character varying":
        case "character":
        case "text":
          return TEXT;
        case "double precision":
        case "real":
          return DOUBLE;
        case "numeric":
          return NUMERIC;
        case "bytea":
          return BYTES;
        default:
          return null;
      }
    }
  }

  private final MigrateCommand.Options options;
  private final PrintStream progress;
  private final String safeFrom;
  private final String safeTo;

  Migration(MigrateCommand.Options options, PrintStream progress) {
    this.options = options;
    this.progress = progress;
    this.safeFrom = stripParameters(options.from());
    this.safeTo = options.safeTo();
  }

  Result run() throws MigrationException {
    Path file = sourceFile(options.from());
    if (!Files.isRegularFile(file)) {
      throw new MigrationException("the source " + file + " does not exist or is not a file;"
          + " nothing was copied");
    }
    try (Connection source = step("opening the source " + safeFrom, this::openSource)) {
      source.setAutoCommit(false); // one read transaction: every table from the same snapshot
      MigrationVersion version = step("reading the source's schema version",
          () -> sourceVersion(source));
      List<Table> tables;
      try (Connection target = step("connecting to the target " + safeTo, this::openTarget)) {
        migrateTargetSchema(version);
        tables = step("comparing the source's and the target's tables",
            () -> plan(source, target));
        target.setAutoCommit(false);
        Map<String, Long> rows;
        try {
          rows = copy(source, target, tables);
          step("committing", () -> {
            target.commit();
            return null;
          });
        } catch (MigrationException | RuntimeException e) {
          rollback(target, e);
          if (e instanceof MigrationException m && !m.saysWhatHappened()) {
            throw new MigrationException(
                m.getMessage() + "; rolled back, the target is unchanged", m.getCause(), true);
          }
          throw e;
        }
        return new Result(safeFrom, safeTo, version, rows);
      }
    } catch (SQLException e) {
      throw new MigrationException("closing a connection: " + describe(e), e);
    }
  }

  // --- source ---

  private Connection openSource() throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(5_000);
    return config.createConnection(options.from());
  }

  private static MigrationVersion sourceVersion(Connection source)
      throws SQLException, MigrationException {
    if (!sourceTables(source).contains(HISTORY)) {
      throw new MigrationException(
          "the source is not a Tiramisu Tickets database (it has no " + HISTORY + " table);"
              + " nothing was copied");
    }
    MigrationVersion newest = null;
    try (Statement s = source.createStatement();
        ResultSet rs = s.executeQuery("SELECT version FROM " + HISTORY
            + " WHERE success = 1 AND version IS NOT NULL")) {
      while (rs.next()) {
        MigrationVersion v = MigrationVersion.fromVersion(rs.getString(1));
        if (newest == null || v.compareTo(newest) > 0) {
          newest = v;
        }
      }
    }
    if (newest == null) {
      throw new MigrationException("the source has no applied schema migration;"
          + " nothing was copied");
    }
    return newest;
  }

  private static Set<String> sourceTables(Connection source) throws SQLException {
    Set<String> names = new TreeSet<>();
    try (Statement s = source.createStatement();
        ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'"
            + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  // --- target ---

  private Connection openTarget() throws SQLException {
    Properties props = new Properties();
    if (options.toUser() != null) {
      props.setProperty("user", options.toUser());
    }
    if (options.toPassword() != null) {
      props.setProperty("password", options.toPassword());
    }
    props.setProperty("reWriteBatchedInserts", "true");
    props.setProperty("connectTimeout", "10");
    props.setProperty("ApplicationName", "tickets-migrate");
    return new org.postgresql.Driver().connect(options.to(), props);
  }

  /** Brings the target's schema to the source's version with this build's migrations. */
  private void migrateTargetSchema(MigrationVersion version) throws MigrationException {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(options.to());
    if (options.toUser() != null) {
      ds.setUser(options.toUser());
    }
    if (options.toPassword() != null) {
      ds.setPassword(options.toPassword());
    }
    try {
      Flyway flyway = Database.flyway(ds, Database.Dialect.POSTGRESQL).load();
      MigrationVersion known = null;
      for (MigrationInfo m : flyway.info().all()) {
        if (m.getVersion() != null && (known == null || m.getVersion().compareTo(known) > 0)) {
          known = m.getVersion();
        }
      }
      if (known == null || version.compareTo(known) > 0) {
        throw new MigrationException("the source is at schema version " + version
            + " but this build only knows up to " + known
            + "; use the bot version that wrote it; nothing was copied");
      }
      Flyway upToSource = Database.flyway(ds, Database.Dialect.POSTGRESQL).target(version).load();
      upToSource.migrate();
      MigrationInfo current = upToSource.info().current();
      MigrationVersion targetVersion = current == null ? null : current.getVersion();
      if (!version.equals(targetVersion)) {
        throw new MigrationException("the target is at schema version " + targetVersion
            + " but the source at " + version + "; start this version of the bot once on the"
            + " SQLite file (it upgrades it), then migrate again; nothing was copied");
      }
      progress.println("target schema at version " + version + " (same as the source)");
    } catch (FlywayException e) {
      throw new MigrationException("migrating the target's schema: " + describeFlyway(e)
          + "; nothing was copied", e);
    }
  }

  /** The source's tables in copy order, each checked against the target's. */
  private List<Table> plan(Connection source, Connection target)
      throws SQLException, MigrationException {
    Set<String> names = sourceTables(source);
    names.remove(HISTORY);
    Map<String, Set<String>> parents = new TreeMap<>();
    List<Table> tables = new ArrayList<>();
    for (String name : names) {
      List<String> sourceColumns = new ArrayList<>();
      Set<String> references = new TreeSet<>();
      try (Statement s = source.createStatement()) {
        try (ResultSet rs = s.executeQuery("PRAGMA table_info(" + quote(name) + ")")) {
          while (rs.next()) {
            sourceColumns.add(rs.getString("name"));
          }
        }
        try (ResultSet rs = s.executeQuery("PRAGMA foreign_key_list(" + quote(name) + ")")) {
          while (rs.next()) {
            references.add(rs.getString("table"));
          }
        }
      }
      references.remove(name);
      parents.put(name, references);
      Map<String, Column> targetColumns = targetColumns(target, name);
      if (targetColumns.isEmpty()) {
        throw new MigrationException("the target has no table " + name + "; nothing was copied");
      }
      Set<String> onlySource = new LinkedHashSet<>(sourceColumns);
      onlySource.removeAll(targetColumns.keySet());
      Set<String> onlyTarget = new LinkedHashSet<>(targetColumns.keySet());
      sourceColumns.forEach(onlyTarget::remove);
      if (!onlySource.isEmpty() || !onlyTarget.isEmpty()) {
        throw new MigrationException("table " + name + " differs: "
            + (onlySource.isEmpty() ? "" : "only the source has " + onlySource)
            + (!onlySource.isEmpty() && !onlyTarget.isEmpty() ? ", " : "")
            + (onlyTarget.isEmpty() ? "" : "only the target has " + onlyTarget)
            + "; nothing was copied");
      }
      List<Column> columns = new ArrayList<>();
      for (String c : sourceColumns) {
        columns.add(targetColumns.get(c));
      }
      tables.add(new Table(name, columns));
    }
    for (String extra : targetTables(target)) {
      if (!names.contains(extra)) {
        progress.println("note: the target's table " + extra + " is not in the source;"
            + " left as it is");
      }
    }
    return inForeignKeyOrder(tables, parents);
  }

  private static Map<String, Column> targetColumns(Connection target, String table)
      throws SQLException, MigrationException {
    Map<String, Column> columns = new LinkedHashMap<>();
    try (PreparedStatement ps = target.prepareStatement(
        "SELECT column_name, data_type, is_identity, column_default"
            + " FROM information_schema.columns"
            + " WHERE table_schema = current_schema() AND table_name = ?"
            + " ORDER BY ordinal_position")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String name = rs.getString(1);
          String type = rs.getString(2);
          Kind kind = Kind.of(type);
          if (kind == null) {
            throw new MigrationException("table " + table + " column " + name + " has type "
                + type + ", which migrate cannot copy; nothing was copied");
          }
          boolean identity = "YES".equals(rs.getString(3));
          columns.put(name, new Column(name, kind, identity));
        }
      }
    }
    return columns;
  }

  private static Set<String> targetTables(Connection target) throws SQLException {
    Set<String> names = new TreeSet<>();
    try (Statement s = target.createStatement();
        ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables"
            + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    names.remove(HISTORY);
    return names;
  }

  /** Parents before children (by name among equals); a cycle keeps the remaining by name. */
  private static List<Table> inForeignKeyOrder(List<Table> tables, Map<String, Set<String>> parents) {
    List<Table> ordered = new ArrayList<>();
    Set<String> placed = new LinkedHashSet<>();
    List<Table> left = new ArrayList<>(tables);
    while (!left.isEmpty()) {
      Table next = left.stream()
          .filter(t -> placed.containsAll(parents.get(t.name()).stream()
              .filter(p -> parents.containsKey(p)).collect(Collectors.toSet())))
          .findFirst()
          .orElse(left.get(0));
      left.remove(next);
      placed.add(next.name());
      ordered.add(next);
    }
    return ordered;
  }

  // --- the copy transaction ---

  private Map<String, Long> copy(Connection source, Connection target, List<Table> tables)
      throws MigrationException {
    String all = tables.stream().map(t -> quote(t.name())).collect(Collectors.joining(", "));
    step("locking the target's tables", () -> {
      try (Statement s = target.createStatement()) {
        s.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
        s.execute("SET CONSTRAINTS ALL DEFERRED");
        s.execute("LOCK TABLE " + all + " IN EXCLUSIVE MODE");
      }
      return null;
    });

    Map<String, Long> existing = new LinkedHashMap<>();
    for (Table t : tables) {
      long n = step("counting the target's rows in " + t.name(), () -> count(target, t.name()));
      if (n > 0) {
        existing.put(t.name(), n);
      }
    }
    if (!existing.isEmpty()) {
      String what = existing.entrySet().stream()
          .map(e -> e.getKey() + ": " + e.getValue() + (e.getValue() == 1 ? " row" : " rows"))
          .collect(Collectors.joining(", "));
      if (!options.force()) {
        throw new MigrationException("the target already has data (" + what + "), left"
            + " unchanged; rerun with --force to replace it (--force empties the target's tables"
            + " with TRUNCATE inside the same transaction as the copy, so if the copy fails they"
            + " keep their rows)", null, true);
      }
      step("emptying the target's tables", () -> {
        try (Statement s = target.createStatement()) {
          s.execute("TRUNCATE " + all);
        }
        return null;
      });
      progress.println("--force: emptied the target's tables (" + what + ")");
    }

    int labelWidth = tables.stream().mapToInt(t -> t.name().length()).max().orElse(0);
    Map<String, Long> rows = new LinkedHashMap<>();
    for (Table t : tables) {
      long expected = step("counting the source's rows in " + t.name(),
          () -> count(source, t.name()));
      ProgressBar bar = new ProgressBar(progress, t.name(), labelWidth, expected);
      bar.update(0);
      copyTable(source, target, t, bar);
      rows.put(t.name(), expected);
    }

    for (Table t : tables) {
      long copied = step("counting the target's rows in " + t.name(),
          () -> count(target, t.name()));
      long expected = rows.get(t.name());
      if (copied != expected) {
        throw new MigrationException("table " + t.name() + " has " + expected
            + " rows in the source but " + copied + " in the target after the copy");
      }
    }
    for (Table t : tables) {
      for (Column c : t.columns()) {
        step("restarting the sequence of " + t.name() + "." + c.name(),
            () -> restartSequence(target, t.name(), c.name()));
      }
    }
    // Statistics for the planner now, not when autovacuum gets round to it: without them it may
    // pick a partial index (e.g. unattached tickets) over the primary key for the bot's updates.
    step("analysing the copied tables", () -> {
      try (Statement s = target.createStatement()) {
        s.execute("ANALYZE " + all);
      }
      return null;
    });
    return rows;
  }

  private void copyTable(Connection source, Connection target, Table table, ProgressBar bar)
      throws MigrationException {
    List<Column> columns = table.columns();
    String names = columns.stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
    boolean identity = columns.stream().anyMatch(Column::identity);
    String insert = "INSERT INTO " + quote(table.name()) + " (" + names + ")"
        + (identity ? " OVERRIDING SYSTEM VALUE" : "")
        + " VALUES (" + "?, ".repeat(columns.size() - 1) + "?)";
    long row = 0;
    long batchStart = 1;
    try (Statement select = source.createStatement();
        ResultSet rs = select.executeQuery("SELECT " + names + " FROM " + quote(table.name()));
        PreparedStatement ps = target.prepareStatement(insert)) {
      while (rs.next()) {
        row++;
        for (int i = 0; i < columns.size(); i++) {
          bind(table, columns.get(i), row, rs.getObject(i + 1), ps, i + 1);
        }
        ps.addBatch();
        if (row - batchStart + 1 == BATCH) {
          flush(ps, table, batchStart, row);
          batchStart = row + 1;
          bar.update(row);
        }
      }
      if (row >= batchStart) {
        flush(ps, table, batchStart, row);
      }
      bar.update(row);
    } catch (SQLException e) {
      throw new MigrationException("copying table " + table.name() + " (row " + row + "): "
          + describe(e), e);
    }
  }

  private static void flush(PreparedStatement ps, Table table, long from, long to)
      throws MigrationException {
    try {
      ps.executeBatch();
    } catch (SQLException e) {
      throw new MigrationException("copying table " + table.name() + " (rows " + from + "-" + to
          + "): " + describe(e), e);
    }
  }

  /** Binds one SQLite value to its PostgreSQL column, strictly: a misfit fails the migration. */
  private static void bind(Table table, Column column, long row, Object value,
      PreparedStatement ps, int index) throws SQLException, MigrationException {
    if (value == null) {
      ps.setNull(index, column.kind().sqlType);
      return;
    }
    boolean integral = value instanceof Integer || value instanceof Long;
    switch (column.kind()) {
      case BIGINT:
        if (integral) {
          ps.setLong(index, ((Number) value).longValue());
          return;
        }
        break;
      case INTEGER:
        if (integral && ((Number) value).longValue() == ((Number) value).intValue()) {
          ps.setInt(index, ((Number) value).intValue());
          return;
        }
        break;
      case BOOLEAN:
        if (integral && (((Number) value).longValue() & ~1L) == 0) {
          ps.setBoolean(index, ((Number) value).longValue() == 1);
          return;
        }
        break;
      case TEXT:
        if (value instanceof String s) {
          ps.setString(index, s);
          return;
        }
        break;
      case DOUBLE:
        if (value instanceof Number n) {
          ps.setDouble(index, n.doubleValue());
          return;
        }
        break;
      case NUMERIC:
        if (value instanceof Number || value instanceof String) {
          try {
            ps.setBigDecimal(index, new BigDecimal(value.toString()));
            return;
          } catch (NumberFormatException e) {
            break;
          }
        }
        break;
      case BYTES:
        if (value instanceof byte[] b) {
          ps.setBytes(index, b);
          return;
        }
        break;
      default:
        break;
    }
    // the value itself may be user text: name its kind, never its content
    throw new MigrationException("table " + table.name() + ", row " + row + ", column "
        + column.name() + ": expected " + column.kind().expected + " but the source holds "
        + sqliteKind(value));
  }

  private static String sqliteKind(Object value) {
    if (value instanceof Integer || value instanceof Long) {
      return "an integer";
    }
    if (value instanceof Number) {
      return "a real number";
    }
    if (value instanceof String) {
      return "text";
    }
    if (value instanceof byte[]) {
      return "a blob";
    }
    return value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }

  private static long count(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + quote(table))) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Restarts the sequence behind an identity or serial column after the highest copied value, so
   * the next generated id does not collide. {@code ALTER SEQUENCE ... RESTART} is transactional
   * (a rollback restores the sequence), unlike {@code setval}.
   */
  private static Void restartSequence(Connection target, String table, String column)
      throws SQLException {
    String sequence;
    try (PreparedStatement ps = target.prepareStatement("SELECT pg_get_serial_sequence(?, ?)")) {
      ps.setString(1, quote(table));
      ps.setString(2, column);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        sequence = rs.getString(1);
      }
    }
    if (sequence == null) {
      return null;
    }
    long max;
    try (Statement s = target.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT COALESCE(MAX(" + quote(column) + "), 0) FROM " + quote(table))) {
      rs.next();
      max = rs.getLong(1);
    }
    try (Statement s = target.createStatement()) {
      // sequence is already quoted where needed by pg_get_serial_sequence
      s.execute("ALTER SEQUENCE " + sequence + " RESTART WITH " + (max + 1));
    }
    return null;
  }

  // --- helpers ---

  @FunctionalInterface
  private interface SqlStep<T> {
    T run() throws SQLException, MigrationException;
  }

  /** Runs one step, turning a driver error into a one-line message that names the step. */
  private static <T> T step(String what, SqlStep<T> step) throws MigrationException {
    try {
      return step.run();
    } catch (SQLException e) {
      throw new MigrationException(what + ": " + describe(e) + hint(e), e);
    }
  }

  private static String hint(SQLException e) {
    return "55P03".equals(e.getSQLState())
        ? " (another session holds the target's tables; stop the bot on the target first)"
        : "";
  }

  private static void rollback(Connection target, Exception cause) {
    try {
      target.rollback();
    } catch (SQLException e) {
      // the server rolls back a transaction whose connection is gone
      cause.addSuppressed(e);
    }
  }

  /**
   * One line about a driver error: the server's message and SQLSTATE when there is one, never
   * the statement or the row (a batch error's own message quotes the values, i.e. user text).
   */
  static String describe(SQLException e) {
    SQLException deepest = e;
    while (deepest.getNextException() != null && deepest.getNextException() != deepest) {
      deepest = deepest.getNextException();
    }
    if (deepest instanceof PSQLException p && p.getServerErrorMessage() != null) {
      ServerErrorMessage m = p.getServerErrorMessage();
      return m.getMessage() + " (SQLSTATE " + m.getSQLState() + ")";
    }
    String message = deepest.getMessage() == null ? deepest.getClass().getSimpleName()
        : MigrateCommand.oneLine(deepest.getMessage());
    return message;
  }

  private static String describeFlyway(FlywayException e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
      if (cause instanceof SQLException sql) {
        return MigrateCommand.oneLine(e.getMessage()) + ": " + describe(sql);
      }
    }
    return MigrateCommand.oneLine(e.getMessage());
  }

  /** A double-quoted identifier, the same in SQLite and PostgreSQL. */
  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  static Path sourceFile(String url) {
    String file = url.substring(DatabaseConfig.SQLITE_PREFIX.length());
    int query = file.indexOf('?');
    if (query >= 0) {
      file = file.substring(0, query);
    }
    if (file.startsWith("file:")) {
      file = file.substring("file:".length());
    }
    return Path.of(file);
  }

  private static String stripParameters(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }
}
