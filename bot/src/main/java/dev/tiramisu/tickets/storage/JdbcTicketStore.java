package dev.tiramisu.tickets.storage;

import dev.tiramisu.tickets.common.Refusal;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.effects.NewEffect;
import dev.tiramisu.tickets.ticket.Limits;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketState;
import dev.tiramisu.tickets.ticket.TicketStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/** {@link TicketStore} on SQLite or PostgreSQL; the SQL is the same for both. */
final class JdbcTicketStore implements TicketStore {
  static final String COLUMNS =
      "id, guild_id, number, creator_id, reason, state, thread_id, first_message_id, created_at,"
          + " closed_at, closed_by, close_reason, failure_reason";

  /**
   * One statement allocates a number: the first ticket of a guild inserts the counter at 1, every
   * later one increments it. The row lock (PostgreSQL) or the write lock (SQLite) serialises
   * concurrent allocations; the number is only consumed if the surrounding transaction commits.
   */
  private static final String ALLOCATE =
      "INSERT INTO ticket_counters (guild_id, last_number) VALUES (?, 1)"
          + " ON CONFLICT (guild_id) DO UPDATE SET last_number = ticket_counters.last_number + 1"
          + " RETURNING last_number";

  private static final String INSERT =
      "INSERT INTO tickets (guild_id, number, creator_id, reason, state, created_at, type_id,"
          + " opened_by) VALUES (?, ?, ?, ?, 'OPEN', ?, ?, ?) RETURNING id";

  /**
   * Records the thread of a ticket still waiting for one. The guard is the predicate of the
   * partial index {@code tickets_unattached}, which is keyed by id so that the planner, whether or
   * not it has statistics, looks the ticket up instead of walking that index (see V4).
   */
  static final String ATTACH =
      "UPDATE tickets SET thread_id = ?, first_message_id = ?"
          + " WHERE id = ? AND state = 'OPEN' AND thread_id IS NULL";

  /** Marks a ticket still waiting for its thread FAILED; same guard as {@link #ATTACH}. */
  static final String MARK_FAILED =
      "UPDATE tickets SET state = 'FAILED', failure_reason = ?, closed_at = ?"
          + " WHERE id = ? AND state = 'OPEN' AND thread_id IS NULL";

  private final Jdbc jdbc;

  JdbcTicketStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Locks the member's row in {@code ticket_creators} until the transaction ends (inserted on
   * their first create). {@code DO UPDATE} rather than {@code DO NOTHING}: only an update takes
   * the row lock on PostgreSQL, and a create waiting for it reads, once it gets it, what the
   * member's previous create committed (READ COMMITTED takes a new snapshot per statement).
   */
  private static final String LOCK_CREATOR =
      "INSERT INTO ticket_creators (guild_id, creator_id, created_count) VALUES (?, ?, 0)"
          + " ON CONFLICT (guild_id, creator_id)"
          + " DO UPDATE SET created_count = ticket_creators.created_count";

  private static final String LAST_CREATED =
      "SELECT MAX(created_at) FROM tickets"
          + " WHERE guild_id = ? AND creator_id = ? AND state IN ('OPEN', 'CLOSED')";

  @Override
  public Result<Ticket> create(long guildId, long creatorId, String reason, Instant createdAt,
      String userName, CreateGate gate, Function<Ticket, List<NewEffect>> effects, Long typeId,
      List<dev.tiramisu.tickets.settings.FormAnswer> answers, Long openedBy) {
    try {
      return insert(guildId, creatorId, reason, createdAt, userName, gate, effects, typeId,
          answers, openedBy);
    } catch (RuntimeException e) {
      if (openedBy != null && e.getCause() instanceof java.sql.SQLException sql
          && Jdbc.isUniqueViolation(sql) && String.valueOf(sql.getMessage()).contains("opened_by")) {
        // the other delivery committed between our check and our insert
        throw new AlreadyOpenedException(openedBy);
      }
      throw e;
    }
  }

  private Result<Ticket> insert(long guildId, long creatorId, String reason, Instant createdAt,
      String userName, CreateGate gate, Function<Ticket, List<NewEffect>> effects, Long typeId,
      List<dev.tiramisu.tickets.settings.FormAnswer> answers, Long openedBy) {
    return jdbc.transaction(
        "opening a ticket",
        c -> {
          // The other delivery of the same interaction is found before the limits are checked:
          // after the member's row lock (with limits), which waits for that delivery's commit,
          // so that its ticket does not make this one a refusal ("you already have a ticket")
          // that would race its answer. Without limits, a race on PostgreSQL ends in the unique
          // index (see create).
          if (gate != null) {
            Limits.History history = lockAndReadCreator(c, guildId, creatorId);
            refuseIfOpenedBy(c, openedBy);
            Optional<Refusal> refused = gate.check(history);
            if (refused.isPresent()) {
              return Result.<Ticket>refused(refused.get());
            }
          } else {
            refuseIfOpenedBy(c, openedBy);
          }
          int number;
          try (PreparedStatement ps = c.prepareStatement(ALLOCATE)) {
            ps.setLong(1, guildId);
            number = singleLong(ps).intValue();
          }
          long id;
          try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setLong(1, guildId);
            ps.setInt(2, number);
            ps.setLong(3, creatorId);
            Jdbc.setNullableString(ps, 4, reason);
            ps.setLong(5, createdAt.toEpochMilli());
            Jdbc.setNullableLong(ps, 6, typeId);
            Jdbc.setNullableLong(ps, 7, openedBy);
            id = singleLong(ps);
          }
          if (gate != null) {
            try (PreparedStatement ps = c.prepareStatement(
                "UPDATE ticket_creators SET created_count = created_count + 1"
                    + " WHERE guild_id = ? AND creator_id = ?")) {
              ps.setLong(1, guildId);
              ps.setLong(2, creatorId);
              ps.executeUpdate();
            }
          }
          if (userName != null) {
            try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO ticket_names (ticket_id, user_name) VALUES (?, ?)")) {
              ps.setLong(1, id);
              ps.setString(2, userName);
              ps.executeUpdate();
            }
          }
          JdbcFormStore.insertAnswers(c, id, answers);
          Ticket t = new Ticket(id, guildId, number, creatorId, reason, TicketState.OPEN, null,
              null, createdAt, null, null, null, null);
          JdbcEffectStore.insert(c, id, guildId, effects.apply(t), createdAt);
          return Result.ok(t);
        });
  }

  /** Throws {@link AlreadyOpenedException} if interaction {@code openedBy} opened a ticket. */
  private static void refuseIfOpenedBy(Connection c, Long openedBy) throws SQLException {
    if (openedBy == null) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT id FROM tickets WHERE opened_by = ?")) {
      ps.setLong(1, openedBy);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          throw new AlreadyOpenedException(openedBy);
        }
      }
    }
  }

  private static Limits.History lockAndReadCreator(Connection c, long guildId, long creatorId)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(LOCK_CREATOR)) {
      ps.setLong(1, guildId);
      ps.setLong(2, creatorId);
      ps.executeUpdate();
    }
    List<Ticket> open;
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM tickets"
        + " WHERE guild_id = ? AND creator_id = ? AND state = 'OPEN' ORDER BY number")) {
      ps.setLong(1, guildId);
      ps.setLong(2, creatorId);
      open = all(ps);
    }
    Optional<Instant> last;
    try (PreparedStatement ps = c.prepareStatement(LAST_CREATED)) {
      ps.setLong(1, guildId);
      ps.setLong(2, creatorId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long at = rs.getLong(1);
        last = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(at));
      }
    }
    return new Limits.History(open, last);
  }

  @Override
  public Optional<String> userName(long ticketId) {
    return jdbc.run(
        "reading a ticket's user name",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT user_name FROM ticket_names WHERE ticket_id = ?")) {
            ps.setLong(1, ticketId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public Optional<Ticket> findById(long ticketId) {
    return findOne("reading a ticket", "id = ?", ticketId);
  }

  @Override
  public Optional<Ticket> findByThread(long threadId) {
    return findOne("reading a ticket by thread", "thread_id = ?", threadId);
  }

  @Override
  public Optional<Ticket> findByNumber(long guildId, int number) {
    return jdbc.run(
        "reading a ticket by number",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT " + COLUMNS + " FROM tickets WHERE guild_id = ? AND number = ?")) {
            ps.setLong(1, guildId);
            ps.setInt(2, number);
            return first(ps);
          }
        });
  }

  @Override
  public OptionalInt lastNumber(long guildId) {
    return jdbc.run(
        "reading a ticket counter",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT last_number FROM ticket_counters WHERE guild_id = ?")) {
            ps.setLong(1, guildId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
            }
          }
        });
  }

  @Override
  public boolean attachThread(long ticketId, long threadId, Long firstMessageId) {
    return jdbc.run(
        "attaching a thread",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(ATTACH)) {
            ps.setLong(1, threadId);
            Jdbc.setNullableLong(ps, 2, firstMessageId);
            ps.setLong(3, ticketId);
            return ps.executeUpdate() == 1;
          } catch (SQLException e) {
            if (Jdbc.isUniqueViolation(e)) {
              return false; // the thread already belongs to another ticket
            }
            throw e;
          }
        });
  }

  @Override
  public boolean markFailed(long ticketId, String why, Instant at) {
    return update(
        "marking a ticket failed",
        MARK_FAILED,
        ps -> {
          Jdbc.setNullableString(ps, 1, why);
          ps.setLong(2, at.toEpochMilli());
          ps.setLong(3, ticketId);
        });
  }

  @Override
  public boolean closeIfOpen(long ticketId, long closedById, String reason, Instant at,
      List<NewEffect> effects) {
    return transition("closing a ticket",
        "UPDATE tickets SET state = 'CLOSED', closed_at = ?, closed_by = ?, close_reason = ?"
            + " WHERE id = ? AND state = 'OPEN' RETURNING guild_id",
        ps -> {
          ps.setLong(1, at.toEpochMilli());
          ps.setLong(2, closedById);
          Jdbc.setNullableString(ps, 3, reason);
          ps.setLong(4, ticketId);
        }, ticketId, at, effects);
  }

  @Override
  public boolean setFirstMessage(long ticketId, long messageId) {
    return update(
        "recording a first message",
        "UPDATE tickets SET first_message_id = ? WHERE id = ? AND first_message_id IS NULL",
        ps -> {
          ps.setLong(1, messageId);
          ps.setLong(2, ticketId);
        });
  }

  @Override
  public boolean reopenIfClosed(long ticketId, Instant at, List<NewEffect> effects) {
    return transition("reopening a ticket",
        "UPDATE tickets SET state = 'OPEN', closed_at = NULL, closed_by = NULL,"
            + " close_reason = NULL WHERE id = ? AND state = 'CLOSED' RETURNING guild_id",
        ps -> ps.setLong(1, ticketId), ticketId, at, effects);
  }

  @Override
  public int raiseCounter(long guildId, int atLeast) {
    if (atLeast < 1) {
      throw new IllegalArgumentException("ticket numbers start at 1, got " + atLeast);
    }
    return jdbc.run(
        "raising a ticket counter",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO ticket_counters (guild_id, last_number) VALUES (?, ?)"
                      + " ON CONFLICT (guild_id) DO UPDATE SET last_number = CASE"
                      + " WHEN excluded.last_number > ticket_counters.last_number"
                      + " THEN excluded.last_number ELSE ticket_counters.last_number END"
                      + " RETURNING last_number")) {
            ps.setLong(1, guildId);
            ps.setInt(2, atLeast);
            return singleLong(ps).intValue();
          }
        });
  }

  @Override
  public Optional<Ticket> adopt(
      long guildId, int number, long creatorId, long threadId, Instant at) {
    return jdbc.run(
        "adopting a ticket thread",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO tickets (guild_id, number, creator_id, state, thread_id, created_at)"
                      + " VALUES (?, ?, ?, 'OPEN', ?, ?) ON CONFLICT DO NOTHING RETURNING id")) {
            ps.setLong(1, guildId);
            ps.setInt(2, number);
            ps.setLong(3, creatorId);
            ps.setLong(4, threadId);
            ps.setLong(5, at.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              return Optional.of(new Ticket(rs.getLong(1), guildId, number, creatorId, null,
                  TicketState.OPEN, threadId, null, at, null, null, null, null));
            }
          }
        });
  }

  @Override
  public List<Ticket> findUnattached(Instant createdBefore, int limit) {
    return jdbc.run(
        "listing unattached tickets",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT " + COLUMNS + " FROM tickets"
                      + " WHERE thread_id IS NULL AND state = 'OPEN' AND created_at < ?"
                      + " AND NOT EXISTS (SELECT 1 FROM ticket_effects e"
                      + " WHERE e.ticket_id = tickets.id)"
                      + " ORDER BY created_at, id LIMIT ?")) {
            ps.setLong(1, createdBefore.toEpochMilli());
            ps.setInt(2, limit);
            return all(ps);
          }
        });
  }

  @Override
  public List<Ticket> findOpenByCreator(long guildId, long creatorId) {
    return jdbc.run(
        "listing a member's tickets",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT " + COLUMNS + " FROM tickets"
                      + " WHERE guild_id = ? AND creator_id = ? AND state = 'OPEN'"
                      + " ORDER BY number")) {
            ps.setLong(1, guildId);
            ps.setLong(2, creatorId);
            return all(ps);
          }
        });
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  /**
   * A state change that happens only from the expected state ({@code sql}: a conditional UPDATE
   * returning the guild id), recording {@code effects} in the same transaction.
   */
  private boolean transition(String what, String sql, Binder binder, long ticketId, Instant at,
      List<NewEffect> effects) {
    return jdbc.transaction(
        what,
        c -> {
          long guildId;
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return false;
              }
              guildId = rs.getLong(1);
            }
          }
          JdbcEffectStore.insert(c, ticketId, guildId, effects, at);
          return true;
        });
  }

  private boolean update(String what, String sql, Binder binder) {
    return jdbc.run(
        what,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate() == 1;
          }
        });
  }

  private Optional<Ticket> findOne(String what, String where, long value) {
    return jdbc.run(
        what,
        (Connection c) -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT " + COLUMNS + " FROM tickets WHERE " + where)) {
            ps.setLong(1, value);
            return first(ps);
          }
        });
  }

  private static Long singleLong(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("statement returned no row");
      }
      return rs.getLong(1);
    }
  }

  private static Optional<Ticket> first(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(map(rs)) : Optional.empty();
    }
  }

  static List<Ticket> all(PreparedStatement ps) throws SQLException {
    List<Ticket> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(map(rs));
      }
    }
    return out;
  }

  private static Ticket map(ResultSet rs) throws SQLException {
    Long closedAt = Jdbc.nullableLong(rs, "closed_at");
    return new Ticket(
        rs.getLong("id"),
        rs.getLong("guild_id"),
        rs.getInt("number"),
        rs.getLong("creator_id"),
        rs.getString("reason"),
        TicketState.valueOf(rs.getString("state")),
        Jdbc.nullableLong(rs, "thread_id"),
        Jdbc.nullableLong(rs, "first_message_id"),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        closedAt == null ? null : Instant.ofEpochMilli(closedAt),
        Jdbc.nullableLong(rs, "closed_by"),
        rs.getString("close_reason"),
        rs.getString("failure_reason"));
  }
}
