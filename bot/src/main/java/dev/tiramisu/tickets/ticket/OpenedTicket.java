package dev.tiramisu.tickets.ticket;

import dev.tiramisu.tickets.settings.GuildSettings;

/**
 * A saved ticket whose Discord thread the adapter must now create: a private thread named {@code
 * threadName} in {@code settings.ticketChannelId()}, whose first message ({@code
 * TICKET_OPENED_MESSAGE}) mentions the creator and {@code settings.staffRoleId()}. Then call
 * {@link TicketService#attachThread}, or {@link TicketService#markFailed} if Discord refuses.
 */
public record OpenedTicket(Ticket ticket, GuildSettings settings, String threadName) {}
