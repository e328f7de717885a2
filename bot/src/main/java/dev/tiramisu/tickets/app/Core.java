package dev.tiramisu.tickets.app;

import dev.tiramisu.tickets.config.BotConfig;
import dev.tiramisu.tickets.jobs.JobLeases;
import dev.tiramisu.tickets.settings.SettingsService;
import dev.tiramisu.tickets.storage.Database;
import dev.tiramisu.tickets.text.Messages;
import dev.tiramisu.tickets.ticket.TicketService;
import java.time.Clock;

/**
 * The Discord-free half of the bot, wired: database (migrated), services and text. {@code Main}
 * builds one with {@link #start} and hands its parts to the Discord adapter; closing it closes the
 * database pool.
 */
public final class Core implements AutoCloseable {
  private final Database database;
  private final TicketService tickets;
  private final SettingsService settings;
  private final JobLeases leases;
  private final Messages messages;
  private final dev.tiramisu.tickets.ticket.Blocklist blocklist;
  private final dev.tiramisu.tickets.ticket.TicketList ticketList;
  private final dev.tiramisu.tickets.ticket.ClaimService claims;
  private final dev.tiramisu.tickets.ticket.MemberService members;
  private final dev.tiramisu.tickets.ticket.TicketTimers timers;
  private final dev.tiramisu.tickets.ticket.TicketWorld world;
  private final dev.tiramisu.tickets.settings.TicketTypes types;
  private final dev.tiramisu.tickets.ticket.Feedback feedback;
  private final dev.tiramisu.tickets.ticket.Stats stats;
  private final dev.tiramisu.tickets.panel.Panels panels;
  private final dev.tiramisu.tickets.ticket.TicketTranscripts transcripts;

  private Core(Database database, Clock clock) {
    this.database = database;
    this.tickets = new TicketService(database.tickets(), database.settings(), clock);
    this.settings = new SettingsService(database.settings(), clock);
    this.types = new dev.tiramisu.tickets.settings.TicketTypes(database.ticketTypes(),
        database.forms(), clock);
    this.panels = new dev.tiramisu.tickets.panel.Panels(database.panels(), types, clock);
    this.leases = database.leases();
    this.messages = Messages.english();
    this.blocklist = new dev.tiramisu.tickets.ticket.Blocklist(database.blocklist(), clock);
    this.ticketList = new dev.tiramisu.tickets.ticket.TicketList(database.ticketQueries(),
        database.settings(), database.ticketTypes());
    this.claims = new dev.tiramisu.tickets.ticket.ClaimService(database.tickets(),
        database.staff(), database.settings(), clock);
    this.members = new dev.tiramisu.tickets.ticket.MemberService(database.tickets(),
        database.staff(), database.settings(), clock);
    this.timers = new dev.tiramisu.tickets.ticket.TicketTimers(tickets, database.timers(),
        database.settings(), clock);
    this.world = new dev.tiramisu.tickets.ticket.TicketWorld(tickets, database.timers(),
        database.settings(), clock);
    this.feedback = new dev.tiramisu.tickets.ticket.Feedback(database.tickets(),
        database.feedback(), database.settings(), clock);
    this.stats = new dev.tiramisu.tickets.ticket.Stats(database.stats(), database.settings(),
        clock);
    this.transcripts = new dev.tiramisu.tickets.ticket.TicketTranscripts(database.tickets(),
        database.settings(), database.transcripts(), database.effects());
  }

  /** The tickets' stored transcripts (issue 13). */
  public dev.tiramisu.tickets.ticket.TicketTranscripts transcripts() {
    return transcripts;
  }

  /** The guilds' ticket types (issue 12). */
  public dev.tiramisu.tickets.settings.TicketTypes types() {
    return types;
  }

  /** Ratings of closed tickets and first staff replies (issue 13). */
  public dev.tiramisu.tickets.ticket.Feedback feedback() {
    return feedback;
  }

  /** {@code /ticket stats} (issue 13). */
  public dev.tiramisu.tickets.ticket.Stats stats() {
    return stats;
  }

  /** The guilds' panels (issue 12). */
  public dev.tiramisu.tickets.panel.Panels panels() {
    return panels;
  }

  /** Claiming tickets (issue 11). */
  public dev.tiramisu.tickets.ticket.ClaimService claims() {
    return claims;
  }

  /** Adding and removing ticket members (issue 11). */
  public dev.tiramisu.tickets.ticket.MemberService members() {
    return members;
  }

  /**
   * Opens and migrates the configured database and builds the services.
   *
   * @throws dev.tiramisu.tickets.common.StorageUnavailableException if the database cannot be
   *     reached or migrated
   */
  public static Core start(BotConfig config, Clock clock) {
    return new Core(Database.start(config.database()), clock);
  }

  public TicketService tickets() {
    return tickets;
  }

  public SettingsService settings() {
    return settings;
  }

  public dev.tiramisu.tickets.effects.EffectStore effects() {
    return database.effects();
  }

  public JobLeases leases() {
    return leases;
  }

  /** Close confirmations shown and not yet answered. */
  public dev.tiramisu.tickets.ticket.CloseConfirmationStore closeConfirmations() {
    return database.closeConfirmations();
  }

  public dev.tiramisu.tickets.ticket.Blocklist blocklist() {
    return blocklist;
  }

  public dev.tiramisu.tickets.ticket.TicketList ticketList() {
    return ticketList;
  }

  /** Close requests, auto-close and the tickets' reactions to Discord changing under them. */
  public dev.tiramisu.tickets.ticket.TicketTimers timers() {
    return timers;
  }

  /** Tickets whose thread or channel was deleted on Discord. */
  public dev.tiramisu.tickets.ticket.TicketWorld world() {
    return world;
  }

  public Messages messages() {
    return messages;
  }

  public Database database() {
    return database;
  }

  @Override
  public void close() {
    database.close();
  }
}
