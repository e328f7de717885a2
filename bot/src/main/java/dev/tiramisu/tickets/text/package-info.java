/**
 * User-facing text: the {@link dev.tiramisu.tickets.text.MessageKey} catalogue, the {@link
 * dev.tiramisu.tickets.text.Messages} bundle reader and {@link
 * dev.tiramisu.tickets.text.DiscordText} escaping helpers. No Discord library types.
 */
package dev.tiramisu.tickets.text;
