package dev.tiramisu.tickets.storage;

import dev.tiramisu.tickets.panel.Panel;
import dev.tiramisu.tickets.panel.PanelStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link PanelStore} on SQLite or PostgreSQL (tables {@code panels}, {@code panel_types}, V12). */
final class JdbcPanelStore implements PanelStore {
  private static final String COLUMNS = "p.id, p.guild_id, p.channel_id, p.message_id, p.title,"
      + " p.description, p.colour, p.created_by, p.created_at, p.state";

  private final Jdbc jdbc;

  JdbcPanelStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Panel insert(Panel p) {
    return jdbc.transaction("saving a panel", c -> {
      long id;
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO panels (guild_id, channel_id,"
          + " message_id, title, description, colour, created_by, created_at, state)"
          + " VALUES (?, ?, NULL, ?, ?, ?, ?, ?, 'POSTING') RETURNING id")) {
        ps.setLong(1, p.guildId());
        ps.setLong(2, p.channelId());
        ps.setString(3, p.title());
        Jdbc.setNullableString(ps, 4, p.description());
        ps.setInt(5, p.colour());
        ps.setLong(6, p.createdBy());
        ps.setLong(7, p.createdAt().toEpochMilli());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          id = rs.getLong(1);
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO panel_types (panel_id, type_id, position) VALUES (?, ?, ?)")) {
        int position = 0;
        for (long typeId : p.typeIds()) {
          ps.setLong(1, id);
          ps.setLong(2, typeId);
          ps.setInt(3, position++);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return new Panel(id, p.guildId(), p.channelId(), null, p.title(), p.description(),
          p.colour(), p.createdBy(), p.createdAt(), Panel.State.POSTING, p.typeIds());
    });
  }

  @Override
  public Optional<Panel> find(long panelId) {
    List<Panel> found = select("reading a panel", "p.id = ?", panelId);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public List<Panel> list(long guildId) {
    return select("reading panels", "p.guild_id = ? AND p.state <> 'DELETED'", guildId);
  }

  @Override
  public List<Panel> posting() {
    return select("reading panels", "p.state = 'POSTING'");
  }

  @Override
  public List<Panel> redrawsDue(Long guildId) {
    String due = "p.state = 'POSTED' AND p.redraws_requested > p.redraws_done";
    return guildId == null ? select("reading panels", due)
        : select("reading panels", due + " AND p.guild_id = ?", guildId);
  }

  @Override
  public long redrawsRequested(long panelId) {
    return jdbc.run("reading a panel", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT redraws_requested FROM panels WHERE id = ?")) {
        ps.setLong(1, panelId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getLong(1) : 0L;
        }
      }
    });
  }

  @Override
  public void redrawn(long panelId, long requested) {
    jdbc.run("saving a panel", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE panels SET redraws_done = ? WHERE id = ? AND redraws_done < ?")) {
        ps.setLong(1, requested);
        ps.setLong(2, panelId);
        ps.setLong(3, requested);
        return ps.executeUpdate();
      }
    });
  }

  /**
   * Requests a redraw of every posted panel offering the type (V17), on the connection of the
   * transaction that changes the type ({@link JdbcTicketTypeStore}). A panel being posted is
   * included: it may have been drawn with the type as it was.
   */
  static void requestRedraws(Connection c, long typeId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE panels"
        + " SET redraws_requested = redraws_requested + 1 WHERE state IN ('POSTING', 'POSTED')"
        + " AND id IN (SELECT panel_id FROM panel_types WHERE type_id = ?)")) {
      ps.setLong(1, typeId);
      ps.executeUpdate();
    }
  }

  @Override
  public boolean transition(long panelId, Panel.State from, Panel.State to, Long messageId) {
    return jdbc.run("saving a panel", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE panels SET state = ?,"
          + " message_id = COALESCE(?, message_id) WHERE id = ? AND state = ?")) {
        ps.setString(1, to.name());
        Jdbc.setNullableLong(ps, 2, messageId);
        ps.setLong(3, panelId);
        ps.setString(4, from.name());
        return ps.executeUpdate() == 1;
      }
    });
  }

  private List<Panel> select(String what, String where, long... args) {
    return jdbc.run(what, c -> {
      List<Panel> rows = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + COLUMNS + " FROM panels p WHERE " + where + " ORDER BY p.id")) {
        for (int i = 0; i < args.length; i++) {
          ps.setLong(i + 1, args[i]);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(read(rs, List.of()));
          }
        }
      }
      List<Panel> out = new ArrayList<>(rows.size());
      for (Panel p : rows) {
        out.add(read(p, typesOf(c, p.id())));
      }
      return out;
    });
  }

  private static List<Long> typesOf(Connection c, long panelId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT type_id FROM panel_types WHERE panel_id = ? ORDER BY position")) {
      ps.setLong(1, panelId);
      List<Long> ids = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      return ids;
    }
  }

  private static Panel read(Panel p, List<Long> typeIds) {
    return new Panel(p.id(), p.guildId(), p.channelId(), p.messageId(), p.title(),
        p.description(), p.colour(), p.createdBy(), p.createdAt(), p.state(), typeIds);
  }

  private static Panel read(ResultSet rs, List<Long> typeIds) throws SQLException {
    return new Panel(rs.getLong("id"), rs.getLong("guild_id"), rs.getLong("channel_id"),
        Jdbc.nullableLong(rs, "message_id"), rs.getString("title"), rs.getString("description"),
        rs.getInt("colour"), rs.getLong("created_by"),
        Instant.ofEpochMilli(rs.getLong("created_at")), Panel.State.valueOf(rs.getString("state")),
        typeIds);
  }
}
