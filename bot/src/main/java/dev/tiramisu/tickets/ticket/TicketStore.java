package dev.tiramisu.tickets.ticket;

import dev.tiramisu.tickets.common.Refusal;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.effects.NewEffect;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Persistence of tickets and per-guild ticket counters. Every method is atomic on its own; the
 * state-changing ones are conditional and report whether this call changed anything, so callers
 * racing each other (two staff pressing "close", two processes) see exactly one winner.
 * Implementations throw {@link dev.tiramisu.tickets.common.StorageUnavailableException} on database
 * failure, after rolling back.
 */
public interface TicketStore {

  /**
   * Allocates the guild's next number and inserts an OPEN ticket with it, in one transaction.
   * Numbers start at 1 per guild and have no gaps (failed creations keep their number as FAILED
   * rows).
   */
  default Ticket create(long guildId, long creatorId, String reason, Instant createdAt) {
    return create(guildId, creatorId, reason, createdAt, t -> List.of());
  }

  /**
   * Like {@link #create(long, long, String, Instant)}, and records the Discord effects {@code
   * effects} derives from the new ticket in the same transaction.
   */
  default Ticket create(long guildId, long creatorId, String reason, Instant createdAt,
      Function<Ticket, List<NewEffect>> effects) {
    return create(guildId, creatorId, reason, createdAt, null, null, effects).value();
  }

  /**
   * Decides, inside the create transaction and after the member's row in {@code ticket_creators}
   * is locked, whether the member may open another ticket (see {@link Limits}).
   */
  @FunctionalInterface
  interface CreateGate {
    /** Empty to go on, else why not. */
    Optional<Refusal> check(Limits.History history);
  }

  /**
   * Like {@link #create(long, long, String, Instant, Function)}, with the member's limits checked
   * atomically: with a {@code gate}, the member's row in {@code ticket_creators} is upserted
   * first (which locks it until the transaction ends, so one member's creates are serialised
   * across processes), then their OPEN tickets and last creation are read and handed to the gate;
   * a refusal ends the transaction without allocating a number.
   *
   * @param userName the member's name the thread is named with ({@code {user}} in the name
   *     template), kept for renames at close and reopen; null if the template does not use it
   * @param gate null to check nothing (no lock, no reads)
   * @return the new ticket, or the gate's refusal
   */
  default Result<Ticket> create(long guildId, long creatorId, String reason, Instant createdAt,
      String userName, CreateGate gate, Function<Ticket, List<NewEffect>> effects) {
    return create(guildId, creatorId, reason, createdAt, userName, gate, effects, null);
  }

  /**
   * As above, for a ticket of a {@link dev.tiramisu.tickets.settings.TicketType} ({@code typeId},
   * or null for a ticket opened by the guild's own settings), stored with the ticket.
   */
  default Result<Ticket> create(long guildId, long creatorId, String reason, Instant createdAt,
      String userName, CreateGate gate, Function<Ticket, List<NewEffect>> effects, Long typeId) {
    return create(guildId, creatorId, reason, createdAt, userName, gate, effects, typeId,
        List.of());
  }

  /**
   * As above, with the answers to the type's form saved with the ticket in the same transaction
   * ({@code ticket_answers}, V11).
   */
  default Result<Ticket> create(long guildId, long creatorId, String reason, Instant createdAt,
      String userName, CreateGate gate, Function<Ticket, List<NewEffect>> effects, Long typeId,
      List<dev.tiramisu.tickets.settings.FormAnswer> answers) {
    return create(guildId, creatorId, reason, createdAt, userName, gate, effects, typeId, answers,
        null);
  }

  /**
   * As above, recording the Discord interaction that opens the ticket ({@code opened_by}, V15):
   * one interaction opens at most one ticket, even when it is delivered twice (two processes
   * running one shard during a hand-over) and each delivery saves before acknowledging.
   *
   * @param openedBy the interaction's id, or null
   * @throws AlreadyOpenedException if a ticket was already opened by {@code openedBy} (nothing is
   *     saved)
   */
  Result<Ticket> create(long guildId, long creatorId, String reason, Instant createdAt,
      String userName, CreateGate gate, Function<Ticket, List<NewEffect>> effects, Long typeId,
      List<dev.tiramisu.tickets.settings.FormAnswer> answers, Long openedBy);

  /** An interaction that already opened a ticket tried to open another: a second delivery. */
  final class AlreadyOpenedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AlreadyOpenedException(long interactionId) {
      super("interaction " + interactionId + " already opened a ticket", null, false, false);
    }
  }

  /** The member's name recorded for the ticket's thread name ({@code {user}}), if any. */
  Optional<String> userName(long ticketId);

  Optional<Ticket> findById(long ticketId);

  Optional<Ticket> findByThread(long threadId);

  Optional<Ticket> findByNumber(long guildId, int number);

  /** The guild's last allocated number, or empty if it never opened a ticket. */
  OptionalInt lastNumber(long guildId);

  /**
   * Records the Discord thread of an OPEN ticket that has none yet.
   *
   * @param firstMessageId the bot's first message in the thread, or null if unknown
   * @return false if the ticket is missing, not OPEN, already has a thread, or the thread already
   *     belongs to another ticket
   */
  boolean attachThread(long ticketId, long threadId, Long firstMessageId);

  /**
   * Marks an OPEN ticket without a thread as FAILED; its number stays taken.
   *
   * @param why an internal description (not user text), at most 500 characters are kept
   * @return whether this call changed the ticket
   */
  boolean markFailed(long ticketId, String why, Instant at);

  /**
   * Closes the ticket if it is OPEN ({@code UPDATE ... WHERE state = 'OPEN'}).
   *
   * @return true only for the one call that closed it
   */
  default boolean closeIfOpen(long ticketId, long closedById, String reason, Instant at) {
    return closeIfOpen(ticketId, closedById, reason, at, List.of());
  }

  /**
   * Closes the ticket if it is OPEN and, in the same transaction, records {@code effects} (only
   * when this call closed it).
   *
   * @return true only for the one call that closed it
   */
  boolean closeIfOpen(long ticketId, long closedById, String reason, Instant at,
      List<NewEffect> effects);

  /**
   * Records the bot's first message in the ticket's thread, if none is recorded yet.
   *
   * @return whether this call recorded it
   */
  boolean setFirstMessage(long ticketId, long messageId);

  /**
   * Reopens the ticket if it is CLOSED, clearing the close fields.
   *
   * @return true only for the one call that reopened it
   */
  default boolean reopenIfClosed(long ticketId) {
    return reopenIfClosed(ticketId, Instant.now(), List.of());
  }

  /**
   * Reopens the ticket if it is CLOSED, clearing the close fields, and records {@code effects}
   * in the same transaction (only when it reopened it).
   *
   * @return true only for the one call that reopened it
   */
  boolean reopenIfClosed(long ticketId, Instant at, List<NewEffect> effects);

  /**
   * Raises the guild's counter to at least {@code atLeast} (never lowers it), e.g. to continue the
   * numbering of an older bot so new tickets do not repeat its numbers.
   *
   * @return the guild's last number afterwards
   */
  int raiseCounter(long guildId, int atLeast);

  /**
   * Stores an existing thread made before tickets were stored (or by an older version) as an OPEN
   * ticket with the given number. Does not touch the counter.
   *
   * @return the new ticket, or empty if the number or thread is already taken
   */
  Optional<Ticket> adopt(long guildId, int number, long creatorId, long threadId, Instant at);

  /**
   * OPEN tickets that never got a thread and were created before {@code createdBefore}, and have
   * no recorded effects (tickets saved by versions before durable effects: the process probably
   * stopped between saving and Discord answering; newer tickets are finished by their effects).
   * Oldest first.
   */
  List<Ticket> findUnattached(Instant createdBefore, int limit);

  /** The guild's OPEN tickets created by {@code creatorId}, oldest first. */
  List<Ticket> findOpenByCreator(long guildId, long creatorId);
}
