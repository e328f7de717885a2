package dev.tiramisu.tickets.storage;

import dev.tiramisu.tickets.effects.Effect;
import dev.tiramisu.tickets.effects.EffectKind;
import dev.tiramisu.tickets.effects.EffectState;
import dev.tiramisu.tickets.effects.EffectStore;
import dev.tiramisu.tickets.effects.NewEffect;
import dev.tiramisu.tickets.effects.Payload;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link EffectStore} on SQLite or PostgreSQL; the SQL is the same for both. */
final class JdbcEffectStore implements EffectStore {
  private static final String COLUMNS =
      "id, ticket_id, guild_id, kind, payload, state, attempts, next_attempt_at, created_at,"
          + " settled_at, outcome";
  private static final int OUTCOME_MAX = 500;

  private final Jdbc jdbc;

  JdbcEffectStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts effects on the caller's connection, inside the caller's transaction. */
  static void insert(Connection c, long ticketId, long guildId, List<NewEffect> effects, Instant at)
      throws SQLException {
    if (effects.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO ticket_effects (ticket_id, guild_id, kind, payload, state, attempts,"
            + " next_attempt_at, created_at) VALUES (?, ?, ?, ?, 'PENDING', 0, ?, ?)")) {
      for (NewEffect e : effects) {
        ps.setLong(1, ticketId);
        ps.setLong(2, guildId);
        ps.setString(3, e.kind().name());
        ps.setString(4, e.payload().encode());
        ps.setLong(5, at.toEpochMilli());
        ps.setLong(6, at.toEpochMilli());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  @Override
  public List<Effect> forTicket(long ticketId) {
    return jdbc.run("reading a ticket's effects", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + COLUMNS + " FROM ticket_effects WHERE ticket_id = ? ORDER BY id")) {
        ps.setLong(1, ticketId);
        return all(ps);
      }
    });
  }

  @Override
  public List<long[]> ticketsDue(Instant now, int limit) {
    return jdbc.run("listing due effects", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT ticket_id, guild_id, MIN(id) AS first FROM ticket_effects"
              + " WHERE state = 'PENDING' AND next_attempt_at <= ?"
              + " GROUP BY ticket_id, guild_id ORDER BY first LIMIT ?")) {
        ps.setLong(1, now.toEpochMilli());
        ps.setInt(2, limit);
        List<long[]> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new long[] {rs.getLong(1), rs.getLong(2)});
          }
        }
        return out;
      }
    });
  }

  @Override
  public Effect startAttempt(Effect effect, Instant retryAt) {
    return jdbc.run("starting an effect attempt", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE ticket_effects SET attempts = attempts + 1, next_attempt_at = ?"
              + " WHERE id = ? AND state = 'PENDING' AND attempts = ?")) {
        ps.setLong(1, retryAt.toEpochMilli());
        ps.setLong(2, effect.id());
        ps.setInt(3, effect.attempts());
        if (ps.executeUpdate() != 1) {
          return null;
        }
      }
      return new Effect(effect.id(), effect.ticketId(), effect.guildId(), effect.kind(),
          effect.payload(), EffectState.PENDING, effect.attempts() + 1, retryAt,
          effect.createdAt(), null, effect.outcome());
    });
  }

  @Override
  public boolean settle(long effectId, EffectState state, String outcome, Payload payload,
      Instant at) {
    if (state == EffectState.PENDING) {
      throw new IllegalArgumentException("settle to DONE or FAILED");
    }
    return jdbc.run("settling an effect", c -> {
      String sql = payload == null
          ? "UPDATE ticket_effects SET state = ?, outcome = ?, settled_at = ?"
              + " WHERE id = ? AND state = 'PENDING'"
          : "UPDATE ticket_effects SET state = ?, outcome = ?, settled_at = ?, payload = ?"
              + " WHERE id = ? AND state = 'PENDING'";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int i = 1;
        ps.setString(i++, state.name());
        Jdbc.setNullableString(ps, i++, cut(outcome));
        ps.setLong(i++, at.toEpochMilli());
        if (payload != null) {
          ps.setString(i++, payload.encode());
        }
        ps.setLong(i, effectId);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public boolean retryLater(long effectId, String outcome, Instant nextAttemptAt) {
    return jdbc.run("scheduling an effect retry", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE ticket_effects SET outcome = ?, next_attempt_at = ?"
              + " WHERE id = ? AND state = 'PENDING'")) {
        Jdbc.setNullableString(ps, 1, cut(outcome));
        ps.setLong(2, nextAttemptAt.toEpochMilli());
        ps.setLong(3, effectId);
        return ps.executeUpdate() == 1;
      }
    });
  }

  private static String cut(String s) {
    return s == null || s.length() <= OUTCOME_MAX ? s : s.substring(0, OUTCOME_MAX);
  }

  private static List<Effect> all(PreparedStatement ps) throws SQLException {
    List<Effect> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Long settled = Jdbc.nullableLong(rs, "settled_at");
        out.add(new Effect(
            rs.getLong("id"),
            rs.getLong("ticket_id"),
            rs.getLong("guild_id"),
            EffectKind.valueOf(rs.getString("kind")),
            Payload.decode(rs.getString("payload")),
            EffectState.valueOf(rs.getString("state")),
            rs.getInt("attempts"),
            Instant.ofEpochMilli(rs.getLong("next_attempt_at")),
            Instant.ofEpochMilli(rs.getLong("created_at")),
            settled == null ? null : Instant.ofEpochMilli(settled),
            rs.getString("outcome")));
      }
    }
    return out;
  }
}
