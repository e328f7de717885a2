package dev.tiramisu.tickets.config;

import java.util.Objects;

/**
 * Where tickets are stored.
 *
 * @param url a {@code jdbc:sqlite:} file URL or a {@code jdbc:postgresql://} URL
 * @param user PostgreSQL user, or null (ignored for SQLite)
 * @param password PostgreSQL password, or null (ignored for SQLite); never printed
 * @param poolSize maximum number of pooled connections
 */
public record DatabaseConfig(String url, String user, String password, int poolSize) {
  public static final String SQLITE_PREFIX = "jdbc:sqlite:";
  public static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";
  public static final String DEFAULT_URL = "jdbc:sqlite:data/tickets.db";
  public static final int DEFAULT_POOL_SIZE = 5;

  public DatabaseConfig {
    Objects.requireNonNull(url, "url");
    if (!url.startsWith(SQLITE_PREFIX) && !url.startsWith(POSTGRESQL_PREFIX)) {
      throw new IllegalArgumentException("not a SQLite or PostgreSQL JDBC URL");
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be positive");
    }
  }

  /** A SQLite database in {@code file} with the default pool size. */
  public static DatabaseConfig sqlite(String file) {
    return new DatabaseConfig(SQLITE_PREFIX + file, null, null, DEFAULT_POOL_SIZE);
  }

  public boolean isSqlite() {
    return url.startsWith(SQLITE_PREFIX);
  }

  /** The URL up to its parameters, which may carry credentials. */
  public String safeUrl() {
    int q = url.indexOf('?');
    String base = q < 0 ? url : url.substring(0, q);
    int at = base.indexOf('@');
    return at < 0 ? base : POSTGRESQL_PREFIX + "//***" + base.substring(at);
  }

  @Override
  public String toString() {
    return "DatabaseConfig[url="
        + safeUrl()
        + ", user="
        + user
        + ", password="
        + (password == null ? "none" : "***")
        + ", poolSize="
        + poolSize
        + "]";
  }
}
