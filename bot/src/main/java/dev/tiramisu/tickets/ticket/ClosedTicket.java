package dev.tiramisu.tickets.ticket;

import dev.tiramisu.tickets.settings.GuildSettings;
import java.util.OptionalLong;

/**
 * A ticket this call closed (nobody else will get one for the same close). The adapter now posts
 * {@code TICKET_CLOSED_MESSAGE}, renames the thread to {@code closedThreadName}, locks and archives
 * it, DMs {@code ticket.creatorId()} and logs to {@code logChannelId} if present.
 */
public record ClosedTicket(
    Ticket ticket, GuildSettings settings, String closedThreadName, OptionalLong logChannelId) {}
