/**
 * The ticket domain: {@link dev.tiramisu.tickets.ticket.Ticket}, {@link
 * dev.tiramisu.tickets.ticket.TicketService} (open, attach, fail, resolve, close, reopen), the
 * rules ({@link dev.tiramisu.tickets.ticket.TicketRules}, {@link
 * dev.tiramisu.tickets.ticket.TicketCheck}, {@link dev.tiramisu.tickets.ticket.Reasons}) and the
 * {@link dev.tiramisu.tickets.ticket.TicketStore} port. No Discord library types.
 */
package dev.tiramisu.tickets.ticket;
