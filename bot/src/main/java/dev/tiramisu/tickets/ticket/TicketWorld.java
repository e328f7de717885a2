package dev.tiramisu.tickets.ticket;

import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.settings.GuildSettings;
import dev.tiramisu.tickets.settings.SettingsStore;
import dev.tiramisu.tickets.text.MessageKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tickets when Discord changes under them: a thread deleted by someone closes its ticket as
 * "thread deleted"; a deleted text channel closes the tickets whose threads were in it and leaves
 * a notice the admins see on their next {@code /setting} command. Closes go through {@link
 * TicketService#closeBySystem} (exactly once; no effects on the thread, which is gone).
 */
public final class TicketWorld {
  private static final Logger log = LoggerFactory.getLogger(TicketWorld.class);

  /** Notice kind: the ticket channel (or a channel with tickets) was deleted. */
  public static final String NOTICE_CHANNEL_DELETED = "CHANNEL_DELETED";

  private final TicketService tickets;
  private final TimerStore store;
  private final SettingsStore settings;
  private final Clock clock;

  public TicketWorld(TicketService tickets, TimerStore store, SettingsStore settings,
      Clock clock) {
    this.tickets = Objects.requireNonNull(tickets, "tickets");
    this.store = Objects.requireNonNull(store, "store");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The ticket's thread was deleted on Discord: closes the ticket as "thread deleted", without
   * the effects that act on the thread.
   *
   * @return the closed ticket, or empty if the thread was no open ticket's
   */
  public Optional<ClosedTicket> threadDeleted(long guildId, long threadId, long botId) {
    Optional<Ticket> t = tickets.findByThread(threadId).filter(x -> x.guildId() == guildId);
    if (t.isEmpty() || !t.get().isOpen()) {
      return Optional.empty();
    }
    Result<ClosedTicket> closed = tickets.closeBySystem(guildId, t.get().id(), botId,
        SystemReasons.of(MessageKey.CLOSE_REASON_THREAD_DELETED), true);
    return closed.isOk() ? Optional.of(closed.value()) : Optional.empty();
  }

  /**
   * A text channel was deleted: closes the open tickets whose thread was in it ("ticket channel
   * deleted"; their threads went with it) and, if it was the ticket channel or held tickets,
   * leaves a notice for the admins' next {@code /setting} command.
   *
   * @return the tickets closed
   */
  public List<ClosedTicket> channelDeleted(long guildId, long channelId, long botId) {
    GuildSettings s = settings.load(guildId);
    boolean ticketChannel = s.ticketChannelId() != null && s.ticketChannelId() == channelId;
    List<ClosedTicket> closed = new ArrayList<>();
    for (long ticketId : store.openTicketsUnder(guildId, channelId, ticketChannel)) {
      Result<ClosedTicket> r = tickets.closeBySystem(guildId, ticketId, botId,
          SystemReasons.of(MessageKey.CLOSE_REASON_CHANNEL_DELETED), true);
      if (r.isOk()) {
        closed.add(r.value());
      }
    }
    if (ticketChannel || !closed.isEmpty()) {
      store.addNotice(guildId, NOTICE_CHANNEL_DELETED, channelId, closed.size(), now());
      log.info("guild {}: channel {} deleted; {} tickets closed, admins will be told", guildId,
          channelId, closed.size());
    }
    return closed;
  }

  /** Notices for the guild's admins, each returned once. */
  public List<TimerStore.Notice> takeNotices(long guildId) {
    return store.takeNotices(guildId);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
