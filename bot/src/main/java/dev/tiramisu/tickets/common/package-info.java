/**
 * Small types shared by every feature: {@link dev.tiramisu.tickets.common.Result} and {@link
 * dev.tiramisu.tickets.common.Refusal} for user-facing outcomes, {@link
 * dev.tiramisu.tickets.common.Actor} for who acts, and {@link
 * dev.tiramisu.tickets.common.StorageUnavailableException} for database failures. No Discord
 * types.
 */
package dev.tiramisu.tickets.common;
