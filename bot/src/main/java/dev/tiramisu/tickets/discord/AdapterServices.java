package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.effects.EffectStore;
import dev.tiramisu.tickets.jobs.JobLeases;
import dev.tiramisu.tickets.panel.Panels;
import dev.tiramisu.tickets.settings.SettingsService;
import dev.tiramisu.tickets.settings.TicketTypes;
import dev.tiramisu.tickets.text.Messages;
import dev.tiramisu.tickets.ticket.Blocklist;
import dev.tiramisu.tickets.ticket.ClaimService;
import dev.tiramisu.tickets.ticket.Feedback;
import dev.tiramisu.tickets.ticket.MemberService;
import dev.tiramisu.tickets.ticket.Stats;
import dev.tiramisu.tickets.ticket.TicketList;
import dev.tiramisu.tickets.ticket.TicketService;
import dev.tiramisu.tickets.ticket.TicketTimers;
import dev.tiramisu.tickets.ticket.TicketWorld;
import java.time.Clock;
import java.util.Objects;

/**
 * What the Discord adapter uses of the core: its services, the message bundles and the clock,
 * in one value instead of twenty parameters.
 *
 * @param leases the job leases shared by all processes on the database
 * @param confirmations the close confirmations shown, shared by all processes on the database
 */
public record AdapterServices(TicketService tickets, SettingsService settings, Messages messages,
    JobLeases leases, EffectStore effects, Blocklist blocklist, TicketList ticketList,
    ClaimService claims, MemberService members, TicketTimers timers, TicketWorld world,
    TicketTypes types, Panels panels, Transcripts transcripts, Feedback feedback, Stats stats,
    dev.tiramisu.tickets.ticket.CloseConfirmationStore confirmations, Clock clock) {
  public AdapterServices {
    Objects.requireNonNull(tickets, "tickets");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(messages, "messages");
    Objects.requireNonNull(leases, "leases");
    Objects.requireNonNull(effects, "effects");
    Objects.requireNonNull(blocklist, "blocklist");
    Objects.requireNonNull(ticketList, "ticketList");
    Objects.requireNonNull(claims, "claims");
    Objects.requireNonNull(members, "members");
    Objects.requireNonNull(timers, "timers");
    Objects.requireNonNull(world, "world");
    Objects.requireNonNull(types, "types");
    Objects.requireNonNull(panels, "panels");
    Objects.requireNonNull(transcripts, "transcripts");
    Objects.requireNonNull(feedback, "feedback");
    Objects.requireNonNull(stats, "stats");
    Objects.requireNonNull(confirmations, "confirmations");
    Objects.requireNonNull(clock, "clock");
  }
}
