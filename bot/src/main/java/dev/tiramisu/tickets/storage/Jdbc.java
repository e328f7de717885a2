package dev.tiramisu.tickets.storage;

import dev.tiramisu.tickets.common.StorageUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import javax.sql.DataSource;

/** Connection handling shared by the JDBC stores: every SQLException becomes a domain exception. */
final class Jdbc {
  /** SQLite's primary result code for constraint violations. */
  private static final int SQLITE_CONSTRAINT = 19;

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
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new StorageUnavailableException("database error while " + what, e);
    }
  }

  /**
   * Runs {@code work} in one transaction, rolled back if it throws. On SQLite the transaction
   * starts with {@code BEGIN IMMEDIATE} (see {@link Database}), so it waits for the write lock up
   * front instead of failing on upgrade.
   */
  <T> T transaction(String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c, e);
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StorageUnavailableException("database error while " + what, e);
    }
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

  private static void rollbackQuietly(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException rollbackFailure) {
      cause.addSuppressed(rollbackFailure);
    }
  }
}
