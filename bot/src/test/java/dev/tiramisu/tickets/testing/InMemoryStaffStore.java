package dev.tiramisu.tickets.testing;

import dev.tiramisu.tickets.effects.NewEffect;
import dev.tiramisu.tickets.ticket.Claim;
import dev.tiramisu.tickets.ticket.StaffStore;
import dev.tiramisu.tickets.ticket.Ticket;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link StaffStore} in memory over an {@link InMemoryTicketStore} (its tickets and effects),
 * for domain tests. Passes the same contract as the JDBC store ({@code StaffStoreContract}).
 */
public final class InMemoryStaffStore implements StaffStore {
  private final InMemoryTicketStore tickets;
  private final Map<Long, Claim> claims = new HashMap<>();

  public InMemoryStaffStore(InMemoryTicketStore tickets) {
    this.tickets = tickets;
  }

  @Override
  public Optional<Claim> claimOf(long ticketId) {
    synchronized (tickets) {
      return Optional.ofNullable(claims.get(ticketId));
    }
  }

  @Override
  public boolean claim(long ticketId, long userId, Instant at, List<NewEffect> effects) {
    synchronized (tickets) {
      Optional<Ticket> t = tickets.findById(ticketId);
      if (t.isEmpty() || !t.get().isOpen() || claims.containsKey(ticketId)) {
        return false;
      }
      claims.put(ticketId, new Claim(ticketId, userId, at));
      tickets.effects().insert(ticketId, t.get().guildId(), effects, at);
      return true;
    }
  }

  @Override
  public boolean release(long ticketId, long claimerId, Instant at, List<NewEffect> effects) {
    synchronized (tickets) {
      Claim c = claims.get(ticketId);
      if (c == null || c.claimerId() != claimerId) {
        return false;
      }
      claims.remove(ticketId);
      record(ticketId, at, effects);
      return true;
    }
  }

  @Override
  public boolean transfer(long ticketId, long fromId, long toId, Instant at,
      List<NewEffect> effects) {
    synchronized (tickets) {
      Claim c = claims.get(ticketId);
      if (c == null || c.claimerId() != fromId) {
        return false;
      }
      claims.put(ticketId, new Claim(ticketId, toId, at));
      record(ticketId, at, effects);
      return true;
    }
  }

  @Override
  public void record(long ticketId, Instant at, List<NewEffect> effects) {
    synchronized (tickets) {
      Ticket t = tickets.findById(ticketId).orElseThrow();
      tickets.effects().insert(ticketId, t.guildId(), effects, at);
    }
  }
}
