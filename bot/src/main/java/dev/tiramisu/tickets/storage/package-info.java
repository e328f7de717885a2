/**
 * JDBC implementations of the stores on SQLite or PostgreSQL, the HikariCP pool and Flyway
 * migrations ({@link dev.tiramisu.tickets.storage.Database}). The only way in is {@link
 * dev.tiramisu.tickets.storage.Database#start}; the store classes are package-private.
 */
package dev.tiramisu.tickets.storage;
