/**
 * The {@code migrate} command: copies a SQLite database into PostgreSQL in one transaction
 * ({@link dev.tiramisu.tickets.migrate.MigrateCommand#run}). See {@code docs/migrate.md}.
 */
package dev.tiramisu.tickets.migrate;
