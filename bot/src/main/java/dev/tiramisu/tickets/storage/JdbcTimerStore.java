package dev.tiramisu.tickets.storage;

import dev.tiramisu.tickets.effects.NewEffect;
import dev.tiramisu.tickets.effects.Payload;
import dev.tiramisu.tickets.ticket.CloseRequest;
import dev.tiramisu.tickets.ticket.TicketService;
import dev.tiramisu.tickets.ticket.TimerStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/** {@link TimerStore} on SQLite or PostgreSQL (V9); the SQL is the same for both. */
final class JdbcTimerStore implements TimerStore {
  private static final String REQUEST_COLUMNS = "id, ticket_id, guild_id, requested_by, reason,"
      + " due_at, state, message_id, created_at, settled_at, settled_by, close_done";
  private static final int REQUEST_ATTEMPTS = 3;
  /** Effects that show a ticket was closed (every close records at least the DM). */
  private static final String CLOSE_KINDS = "('POST_CLOSED', 'DM_CLOSED', 'LOG_CLOSED')";

  private final Jdbc jdbc;

  JdbcTimerStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  // ----------------------------------------------------------- close requests

  @Override
  public NewRequest requestClose(long ticketId, long guildId, long requestedBy, String reason,
      Instant dueAt, Instant now,
      BiFunction<Long, Optional<CloseRequest>, List<NewEffect>> effects) {
    for (int attempt = 1; ; attempt++) {
      try {
        return jdbc.transaction("saving a close request", c -> {
          Optional<CloseRequest> replaced;
          try (PreparedStatement ps = c.prepareStatement(
              "UPDATE close_requests SET state = 'REPLACED', settled_at = ?"
                  + " WHERE ticket_id = ? AND state = 'PENDING' RETURNING " + REQUEST_COLUMNS)) {
            ps.setLong(1, now.toEpochMilli());
            ps.setLong(2, ticketId);
            replaced = first(ps);
          }
          long id;
          try (PreparedStatement ps = c.prepareStatement(
              "INSERT INTO close_requests (ticket_id, guild_id, requested_by, reason, due_at,"
                  + " state, created_at) VALUES (?, ?, ?, ?, ?, 'PENDING', ?) RETURNING id")) {
            ps.setLong(1, ticketId);
            ps.setLong(2, guildId);
            ps.setLong(3, requestedBy);
            Jdbc.setNullableString(ps, 4, reason);
            Jdbc.setNullableLong(ps, 5, dueAt == null ? null : dueAt.toEpochMilli());
            ps.setLong(6, now.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              id = rs.getLong(1);
            }
          }
          JdbcEffectStore.insert(c, ticketId, guildId, effects.apply(id, replaced), now);
          CloseRequest saved = new CloseRequest(id, ticketId, guildId, requestedBy, reason, dueAt,
              CloseRequest.State.PENDING, null, now, null, null, false);
          return new NewRequest(saved, replaced);
        });
      } catch (dev.tiramisu.tickets.common.StorageFailureException e) {
        // Two requests for one ticket at once: the partial unique index let one in; try again,
        // replacing it.
        if (attempt >= REQUEST_ATTEMPTS || !(e.getCause() instanceof SQLException sql)
            || !Jdbc.isUniqueViolation(sql)) {
          throw e;
        }
      }
    }
  }

  @Override
  public Optional<CloseRequest> findCloseRequest(long requestId) {
    return jdbc.run("reading a close request", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + REQUEST_COLUMNS + " FROM close_requests WHERE id = ?")) {
        ps.setLong(1, requestId);
        return first(ps);
      }
    });
  }

  @Override
  public Optional<CloseRequest> pendingCloseRequest(long ticketId) {
    return jdbc.run("reading a pending close request", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + REQUEST_COLUMNS
          + " FROM close_requests WHERE ticket_id = ? AND state = 'PENDING'")) {
        ps.setLong(1, ticketId);
        return first(ps);
      }
    });
  }

  @Override
  public boolean settleCloseRequest(long requestId, CloseRequest.State to, Long by, Instant at,
      Instant dueBy, List<NewEffect> effects) {
    if (to == CloseRequest.State.PENDING) {
      throw new IllegalArgumentException("settling to PENDING");
    }
    return jdbc.transaction("settling a close request", c -> {
      long ticketId;
      long guildId;
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE close_requests SET state = ?, settled_at = ?, settled_by = ?"
              + " WHERE id = ? AND state = 'PENDING'"
              + (dueBy == null ? "" : " AND due_at IS NOT NULL AND due_at <= ?")
              + " RETURNING ticket_id, guild_id")) {
        ps.setString(1, to.name());
        ps.setLong(2, at.toEpochMilli());
        Jdbc.setNullableLong(ps, 3, by);
        ps.setLong(4, requestId);
        if (dueBy != null) {
          ps.setLong(5, dueBy.equals(Instant.MAX) ? Long.MAX_VALUE : dueBy.toEpochMilli());
        }
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return false;
          }
          ticketId = rs.getLong(1);
          guildId = rs.getLong(2);
        }
      }
      JdbcEffectStore.insert(c, ticketId, guildId, effects, at);
      return true;
    });
  }

  @Override
  public boolean setCloseRequestMessage(long requestId, long messageId) {
    return update("recording a close request's message",
        "UPDATE close_requests SET message_id = ? WHERE id = ?", messageId, requestId);
  }

  @Override
  public void markCloseDone(long requestId) {
    jdbc.run("finishing a close request", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE close_requests SET close_done = TRUE WHERE id = ? AND close_done = FALSE")) {
        ps.setLong(1, requestId);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public List<CloseRequest> dueCloseRequests(Instant now, int limit) {
    return requests("listing due close requests", "state = 'PENDING' AND due_at IS NOT NULL"
        + " AND due_at <= ? ORDER BY due_at, id LIMIT ?", now.toEpochMilli(), limit);
  }

  @Override
  public List<CloseRequest> unfinishedCloses(Instant settledBefore, int limit) {
    return requests("listing unfinished close requests", "close_done = FALSE"
        + " AND state IN ('ACCEPTED', 'EXPIRED') AND settled_at <= ? ORDER BY settled_at, id"
        + " LIMIT ?", settledBefore.toEpochMilli(), limit);
  }

  @Override
  public boolean closedSince(long ticketId, Instant since) {
    return jdbc.run("reading a ticket's closes", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM ticket_effects"
          + " WHERE ticket_id = ? AND kind IN " + CLOSE_KINDS + " AND created_at >= ?")) {
        ps.setLong(1, ticketId);
        ps.setLong(2, since.toEpochMilli());
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      }
    });
  }

  // ------------------------------------------------------------------ activity

  @Override
  public void recordActivity(long ticketId, long guildId, Instant at) {
    jdbc.run("recording ticket activity", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO ticket_activity (ticket_id, guild_id, last_activity_at) VALUES (?, ?, ?)"
              + " ON CONFLICT (ticket_id) DO UPDATE SET last_activity_at ="
              + " excluded.last_activity_at"
              + " WHERE excluded.last_activity_at > ticket_activity.last_activity_at")) {
        ps.setLong(1, ticketId);
        ps.setLong(2, guildId);
        ps.setLong(3, at.toEpochMilli());
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public boolean recordWarning(long ticketId, long guildId, Instant idleSince, Instant at,
      List<NewEffect> effects) {
    return jdbc.transaction("recording an auto-close warning", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO ticket_activity (ticket_id, guild_id, last_activity_at, warned_at)"
              + " VALUES (?, ?, ?, ?) ON CONFLICT (ticket_id) DO UPDATE"
              + " SET warned_at = excluded.warned_at"
              + " WHERE ticket_activity.last_activity_at <= ?"
              + " AND (ticket_activity.warned_at IS NULL OR ticket_activity.warned_at < ?)"
              + " RETURNING ticket_id")) {
        ps.setLong(1, ticketId);
        ps.setLong(2, guildId);
        ps.setLong(3, idleSince.toEpochMilli());
        ps.setLong(4, at.toEpochMilli());
        ps.setLong(5, idleSince.toEpochMilli());
        ps.setLong(6, idleSince.toEpochMilli());
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return false;
          }
        }
      }
      JdbcEffectStore.insert(c, ticketId, guildId, effects, at);
      return true;
    });
  }

  @Override
  public List<IdleTicket> idleTickets(long guildId, Instant idleBefore,
      List<String> excludedKinds, int limit) {
    String kinds = excludedKinds.isEmpty() ? "('')"
        : "(" + String.join(", ", excludedKinds.stream().map(k -> "?").toList()) + ")";
    String sql = "SELECT t.id, t.thread_id, t.created_at, a.last_activity_at, a.warned_at,"
        + " (SELECT MAX(e.created_at) FROM ticket_effects e WHERE e.ticket_id = t.id"
        + " AND e.kind NOT IN " + kinds + ") AS last_step"
        + " FROM tickets t LEFT JOIN ticket_activity a ON a.ticket_id = t.id"
        + " WHERE t.guild_id = ? AND t.state = 'OPEN' AND t.thread_id IS NOT NULL"
        + " AND t.created_at <= ? AND (a.last_activity_at IS NULL OR a.last_activity_at <= ?)"
        + " AND NOT EXISTS (SELECT 1 FROM ticket_effects e2 WHERE e2.ticket_id = t.id"
        + " AND e2.kind NOT IN " + kinds + " AND e2.created_at > ?)"
        + " ORDER BY t.id LIMIT ?";
    return jdbc.run("listing idle tickets", c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int i = 1;
        for (String k : excludedKinds) {
          ps.setString(i++, k);
        }
        ps.setLong(i++, guildId);
        ps.setLong(i++, idleBefore.toEpochMilli());
        ps.setLong(i++, idleBefore.toEpochMilli());
        for (String k : excludedKinds) {
          ps.setString(i++, k);
        }
        ps.setLong(i++, idleBefore.toEpochMilli());
        ps.setInt(i, limit);
        List<IdleTicket> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long idle = rs.getLong("created_at");
            Long activity = Jdbc.nullableLong(rs, "last_activity_at");
            Long step = Jdbc.nullableLong(rs, "last_step");
            idle = Math.max(idle, activity == null ? 0 : activity);
            idle = Math.max(idle, step == null ? 0 : step);
            Long warned = Jdbc.nullableLong(rs, "warned_at");
            out.add(new IdleTicket(rs.getLong("id"), guildId, rs.getLong("thread_id"),
                Instant.ofEpochMilli(idle), warned == null ? null : Instant.ofEpochMilli(warned)));
          }
        }
        return out;
      }
    });
  }

  @Override
  public List<Long> autocloseGuilds() {
    return jdbc.run("listing guilds with auto-close", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT guild_id FROM guild_settings"
          + " WHERE autoclose_after_s IS NOT NULL AND autoclose_after_s > 0 ORDER BY guild_id")) {
        List<Long> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getLong(1));
          }
        }
        return out;
      }
    });
  }

  @Override
  public List<Long> openTicketsUnder(long guildId, long channelId, boolean orUnknown) {
    return jdbc.run("listing a channel's open tickets", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT t.id, e.payload FROM tickets t LEFT JOIN ticket_effects e"
              + " ON e.ticket_id = t.id AND e.kind = 'CREATE_THREAD'"
              + " WHERE t.guild_id = ? AND t.state = 'OPEN' AND t.thread_id IS NOT NULL"
              + " ORDER BY t.id")) {
        ps.setLong(1, guildId);
        List<Long> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String payload = rs.getString(2);
            var parent = payload == null ? java.util.OptionalLong.empty()
                : Payload.decode(payload).getLong(TicketService.CHANNEL);
            if (parent.isPresent() ? parent.getAsLong() == channelId : orUnknown) {
              out.add(rs.getLong(1));
            }
          }
        }
        return out;
      }
    });
  }

  // ------------------------------------------------------------------- notices

  @Override
  public void addNotice(long guildId, String kind, Long channelId, int count, Instant at) {
    jdbc.run("saving a notice", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO guild_notices"
          + " (guild_id, kind, channel_id, count, created_at) VALUES (?, ?, ?, ?, ?)")) {
        ps.setLong(1, guildId);
        ps.setString(2, kind);
        Jdbc.setNullableLong(ps, 3, channelId);
        ps.setInt(4, count);
        ps.setLong(5, at.toEpochMilli());
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public List<Notice> takeNotices(long guildId) {
    return jdbc.run("taking notices", c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM guild_notices WHERE guild_id = ?"
          + " RETURNING id, kind, channel_id, count, created_at")) {
        ps.setLong(1, guildId);
        List<long[]> order = new ArrayList<>();
        List<Notice> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            order.add(new long[] {rs.getLong("id"), out.size()});
            out.add(new Notice(rs.getString("kind"), Jdbc.nullableLong(rs, "channel_id"),
                rs.getInt("count"), Instant.ofEpochMilli(rs.getLong("created_at"))));
          }
        }
        order.sort(Comparator.comparingLong(o -> o[0]));
        List<Notice> sorted = new ArrayList<>();
        order.forEach(o -> sorted.add(out.get((int) o[1])));
        return sorted;
      }
    });
  }

  // ------------------------------------------------------------------- helpers

  private boolean update(String what, String sql, long a, long b) {
    return jdbc.run(what, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setLong(1, a);
        ps.setLong(2, b);
        return ps.executeUpdate() == 1;
      }
    });
  }

  private List<CloseRequest> requests(String what, String where, long at, int limit) {
    return jdbc.run(what, (Connection c) -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + REQUEST_COLUMNS + " FROM close_requests WHERE " + where)) {
        ps.setLong(1, at);
        ps.setInt(2, limit);
        List<CloseRequest> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(map(rs));
          }
        }
        return out;
      }
    });
  }

  private static Optional<CloseRequest> first(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(map(rs)) : Optional.empty();
    }
  }

  private static CloseRequest map(ResultSet rs) throws SQLException {
    Long due = Jdbc.nullableLong(rs, "due_at");
    Long settled = Jdbc.nullableLong(rs, "settled_at");
    return new CloseRequest(
        rs.getLong("id"),
        rs.getLong("ticket_id"),
        rs.getLong("guild_id"),
        rs.getLong("requested_by"),
        rs.getString("reason"),
        due == null ? null : Instant.ofEpochMilli(due),
        CloseRequest.State.valueOf(rs.getString("state")),
        Jdbc.nullableLong(rs, "message_id"),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        settled == null ? null : Instant.ofEpochMilli(settled),
        Jdbc.nullableLong(rs, "settled_by"),
        rs.getBoolean("close_done"));
  }
}
