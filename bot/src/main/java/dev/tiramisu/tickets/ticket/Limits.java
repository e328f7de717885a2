package dev.tiramisu.tickets.ticket;

import dev.tiramisu.tickets.common.Refusal;
import dev.tiramisu.tickets.settings.GuildSettings;
import dev.tiramisu.tickets.text.MessageKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How many tickets a member may have open at once in a guild ({@code max_open_per_user}, 0 = no
 * limit) and how long they wait between two creations ({@code create_cooldown}, zero = off).
 *
 * <p>The limits apply to everyone opening a ticket for themselves, staff included: a staff member
 * who opens a ticket is a member asking for help like any other. They are checked by {@link
 * #check} inside the transaction that allocates the number and inserts the ticket, after the
 * member's row in {@code ticket_creators} is locked (see {@link TicketStore#create(long, long,
 * String, Instant, CreateGate, java.util.function.Function)}), so concurrent creates by one member
 * from any number of processes can never pass them.
 *
 * @param maxOpen the most OPEN tickets per member (tickets whose thread is still being created
 *     count: they are OPEN), or 0 for no limit
 * @param cooldown the least time between two of a member's tickets (counted from the creation of
 *     their last ticket that did not fail), or zero for none
 */
public record Limits(int maxOpen, Duration cooldown) {
  public static final Limits NONE = new Limits(0, Duration.ZERO);

  public Limits {
    Objects.requireNonNull(cooldown, "cooldown");
    if (maxOpen < 0 || cooldown.isNegative()) {
      throw new IllegalArgumentException("limits must not be negative");
    }
  }

  /** The limits of a guild (or of a ticket type, see {@link GuildSettings#forType}). */
  static Limits of(GuildSettings s) {
    return new Limits(s.maxOpenPerUser(), s.createCooldown());
  }

  /** Whether any limit is on (otherwise creates need not lock or read anything). */
  public boolean any() {
    return maxOpen > 0 || !cooldown.isZero();
  }

  /**
   * What the store reads about the member inside the create transaction.
   *
   * @param open the member's OPEN tickets in the guild
   * @param lastCreated when the member's last ticket that did not fail was created, if any
   */
  public record History(List<Ticket> open, Optional<Instant> lastCreated) {
    public History {
      open = List.copyOf(open);
      Objects.requireNonNull(lastCreated, "lastCreated");
    }
  }

  /**
   * Whether the member may open another ticket now.
   *
   * @return empty if allowed; else {@code ERROR_LIMIT_OPEN} with the link to their newest open
   *     ticket, {@code ERROR_LIMIT_OPEN_PENDING} when that ticket's thread is still being created,
   *     or {@code ERROR_LIMIT_COOLDOWN} with when they can open again (epoch seconds, for a
   *     Discord timestamp)
   */
  public Optional<Refusal> check(History h, Instant now) {
    if (maxOpen > 0 && h.open().size() >= maxOpen) {
      Ticket newest = h.open().stream().max(Comparator.comparingInt(Ticket::number)).orElseThrow();
      Optional<Ticket> withThread = h.open().stream().filter(Ticket::hasThread)
          .max(Comparator.comparingInt(Ticket::number));
      return Optional.of(withThread.isPresent()
          ? Refusal.of(MessageKey.ERROR_LIMIT_OPEN, h.open().size(), withThread.get().threadId())
          : Refusal.of(MessageKey.ERROR_LIMIT_OPEN_PENDING, h.open().size(), newest.number()));
    }
    if (!cooldown.isZero() && h.lastCreated().isPresent()) {
      Instant again = h.lastCreated().get().plus(cooldown);
      if (now.isBefore(again)) {
        long seconds = again.getEpochSecond() + (again.getNano() > 0 ? 1 : 0);
        return Optional.of(Refusal.of(MessageKey.ERROR_LIMIT_COOLDOWN, seconds));
      }
    }
    return Optional.empty();
  }
}
