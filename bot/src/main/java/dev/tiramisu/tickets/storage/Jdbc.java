package dev.tiramisu.tickets.storage;

import dev.tiramisu.tickets.common.StorageFailureException;
import dev.tiramisu.tickets.common.StorageUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Types;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Connection handling shared by the JDBC stores: every SQLException becomes a domain exception,
 * {@link StorageUnavailableException} when the database cannot be reached or stayed busy (see
 * {@link #isUnavailable}), {@link StorageFailureException} for anything else (a bug).
 */
final class Jdbc {
  /** SQLite's primary result code for constraint violations. */
  private static final int SQLITE_CONSTRAINT = 19;
  /** SQLite: the database file is locked by another connection (after the busy timeout). */
  private static final int SQLITE_BUSY = 5;
  /** SQLite: a table is locked by another statement on a shared cache. */
  private static final int SQLITE_LOCKED = 6;
  /** PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now. */
  private static final Set<String> PG_UNAVAILABLE = Set.of("57P01", "57P02", "57P03");

  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private final DataSource dataSource;

  Jdbc(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Runs {@code work} in auto-commit mode (one statement, or reads). */
  <T> T run(String what, Work<T> work) {
    try (Connection c = connect(what)) {
      return work.run(c);
    } catch (SQLException e) {
      throw translate(what, e);
    }
  }

  /**
   * Runs {@code work} in one transaction, rolled back if it throws. On SQLite the transaction
   * starts with {@code BEGIN IMMEDIATE} (see {@link Database}), so it waits for the write lock up
   * front instead of failing on upgrade.
   */
  <T> T transaction(String what, Work<T> work) {
    try (Connection c = connect(what)) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c, e);
        throw e;
      } finally {
        restoreAutoCommit(c);
      }
    } catch (SQLException e) {
      throw translate(what, e);
    }
  }

  /** A pooled connection; not getting one (timeout, pool closed, refused) means unavailable. */
  private Connection connect(String what) {
    try {
      return dataSource.getConnection();
    } catch (SQLException e) {
      throw new StorageUnavailableException("database error while " + what, e);
    }
  }

  /** The domain exception for a failed statement; see {@link #isUnavailable}. */
  static RuntimeException translate(String what, SQLException e) {
    if (isUnavailable(e)) {
      return new StorageUnavailableException("database error while " + what, e);
    }
    return new StorageFailureException("database error while " + what + " (SQLState "
        + e.getSQLState() + ", code " + e.getErrorCode() + ")", e);
  }

  /**
   * True for connection-class failures, which say nothing about our code and go away by
   * themselves: SQLState class 08 (connection exception, also Hikari's "not available" timeout),
   * PostgreSQL 57P01/57P02/57P03 (server shutting down or starting), SQLite SQLITE_BUSY and
   * SQLITE_LOCKED (still locked after the busy timeout). Anywhere in the cause or next-exception
   * chain. Everything else (syntax, constraints, data) is a bug.
   */
  static boolean isUnavailable(SQLException e) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    ArrayDeque<Throwable> todo = new ArrayDeque<>();
    todo.add(e);
    while (!todo.isEmpty()) {
      Throwable t = todo.poll();
      if (!seen.add(t)) {
        continue;
      }
      if (t instanceof SQLException sql) {
        if (isConnectionClass(sql)) {
          return true;
        }
        if (sql.getNextException() != null) {
          todo.add(sql.getNextException());
        }
      }
      if (t.getCause() != null) {
        todo.add(t.getCause());
      }
    }
    return false;
  }

  private static boolean isConnectionClass(SQLException e) {
    if (e instanceof SQLTransientConnectionException
        || e instanceof SQLNonTransientConnectionException) {
      return true;
    }
    String state = e.getSQLState();
    if (state != null && (state.startsWith("08") || PG_UNAVAILABLE.contains(state))) {
      return true;
    }
    if (e instanceof org.sqlite.SQLiteException) {
      int primary = e.getErrorCode() & 0xFF;
      return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
    }
    return false;
  }

  static boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState())
        || (e instanceof org.sqlite.SQLiteException && (e.getErrorCode() & 0xFF) == SQLITE_CONSTRAINT);
  }

  static void setNullableLong(PreparedStatement ps, int index, Long value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, value);
    }
  }

  static void setNullableString(PreparedStatement ps, int index, String value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, value);
    }
  }

  static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  static Boolean nullableBoolean(ResultSet rs, String column) throws SQLException {
    boolean v = rs.getBoolean(column);
    return rs.wasNull() ? null : v;
  }

  /**
   * Back to auto-commit before the connection returns to the pool. On a connection the failure
   * broke this fails too; that must not replace the failure, which says what happened (the pool
   * discards broken connections and resets auto-commit on the others).
   */
  private static void restoreAutoCommit(Connection c) {
    try {
      c.setAutoCommit(true);
    } catch (SQLException brokenConnection) {
      // see above
    }
  }

  private static void rollbackQuietly(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException rollbackFailure) {
      cause.addSuppressed(rollbackFailure);
    }
  }
}
