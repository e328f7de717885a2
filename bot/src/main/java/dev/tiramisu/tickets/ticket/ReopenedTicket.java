package dev.tiramisu.tickets.ticket;

import dev.tiramisu.tickets.settings.GuildSettings;
import java.util.OptionalLong;

/**
 * A ticket this call reopened. The adapter unarchives and unlocks the thread, renames it to {@code
 * threadName}, posts {@code TICKET_REOPENED_MESSAGE} and logs to {@code logChannelId} if present.
 */
public record ReopenedTicket(
    Ticket ticket, GuildSettings settings, String threadName, OptionalLong logChannelId) {}
