/**
 * Typed, immutable start-up configuration ({@link dev.tiramisu.tickets.config.BotConfig}) read
 * from the environment and arguments; invalid values fail fast with a one-line {@link
 * dev.tiramisu.tickets.config.ConfigException}.
 */
package dev.tiramisu.tickets.config;
