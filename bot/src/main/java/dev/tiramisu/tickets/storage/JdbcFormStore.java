package dev.tiramisu.tickets.storage;

import dev.tiramisu.tickets.settings.FormAnswer;
import dev.tiramisu.tickets.settings.FormQuestion;
import dev.tiramisu.tickets.settings.FormStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link FormStore} on SQLite or PostgreSQL (tables {@code ticket_type_questions}, {@code ticket_answers}, V11). */
final class JdbcFormStore implements FormStore {
  private static final String COLUMNS = "q.id, q.type_id, q.position, q.label, q.style, q.required,"
      + " q.min_count, q.max_count, q.placeholder, q.options";

  private final Jdbc jdbc;

  JdbcFormStore(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<FormQuestion> questions(long typeId) {
    return jdbc.run("reading a form", c -> questions(c, typeId));
  }

  private static List<FormQuestion> questions(Connection c, long typeId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
        + " FROM ticket_type_questions q WHERE q.type_id = ? ORDER BY q.position")) {
      ps.setLong(1, typeId);
      List<FormQuestion> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs));
        }
      }
      return out;
    }
  }

  @Override
  public Map<Long, List<FormQuestion>> questionsOfGuild(long guildId) {
    return jdbc.run("reading forms", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
          + " FROM ticket_type_questions q JOIN ticket_types tt ON tt.id = q.type_id"
          + " WHERE tt.guild_id = ? AND tt.deleted_at IS NULL ORDER BY q.type_id, q.position")) {
        ps.setLong(1, guildId);
        Map<Long, List<FormQuestion>> out = new LinkedHashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            FormQuestion q = read(rs);
            out.computeIfAbsent(q.typeId(), k -> new ArrayList<>()).add(q);
          }
        }
        return out;
      }
    });
  }

  @Override
  public Optional<FormQuestion> add(FormQuestion q, int max, Instant at) {
    return jdbc.transaction("saving a question", c -> {
      // Lock the type's row first (PostgreSQL; SQLite's transactions are serial), so two admins
      // adding at once cannot pass the count together.
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE ticket_types SET updated_at = ? WHERE id = ?")) {
        ps.setLong(1, at.toEpochMilli());
        ps.setLong(2, q.typeId());
        ps.executeUpdate();
      }
      List<FormQuestion> existing = questions(c, q.typeId());
      if (existing.size() >= max) {
        return Optional.empty();
      }
      int position = existing.isEmpty() ? 1 : existing.get(existing.size() - 1).position() + 1;
      long id;
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO ticket_type_questions"
          + " (type_id, position, label, style, required, min_count, max_count, placeholder,"
          + " options, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
        ps.setLong(1, q.typeId());
        ps.setInt(2, position);
        ps.setString(3, q.label());
        ps.setString(4, q.style().name());
        ps.setBoolean(5, q.required());
        ps.setInt(6, q.min());
        ps.setInt(7, q.max());
        Jdbc.setNullableString(ps, 8, q.placeholder());
        Jdbc.setNullableString(ps, 9, q.options().isEmpty() ? null : String.join("\n", q.options()));
        ps.setLong(10, at.toEpochMilli());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          id = rs.getLong(1);
        }
      }
      return Optional.of(new FormQuestion(id, q.typeId(), position, q.label(), q.style(),
          q.required(), q.min(), q.max(), q.placeholder(), q.options()));
    });
  }

  @Override
  public boolean remove(long questionId) {
    return jdbc.run("removing a question", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM ticket_type_questions WHERE id = ?")) {
        ps.setLong(1, questionId);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public List<FormAnswer> answers(long ticketId) {
    return jdbc.run("reading a ticket's answers", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT position, label, answer"
          + " FROM ticket_answers WHERE ticket_id = ? ORDER BY position")) {
        ps.setLong(1, ticketId);
        List<FormAnswer> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new FormAnswer(rs.getInt(1), rs.getString(2), rs.getString(3)));
          }
        }
        return out;
      }
    });
  }

  /** Inserts a new ticket's answers; called inside the transaction that creates it. */
  static void insertAnswers(Connection c, long ticketId, List<FormAnswer> answers)
      throws SQLException {
    if (answers.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO ticket_answers (ticket_id, position, label, answer) VALUES (?, ?, ?, ?)")) {
      for (FormAnswer a : answers) {
        ps.setLong(1, ticketId);
        ps.setInt(2, a.position());
        ps.setString(3, a.label());
        ps.setString(4, a.answer());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static FormQuestion read(ResultSet rs) throws SQLException {
    String options = rs.getString("options");
    return new FormQuestion(rs.getLong("id"), rs.getLong("type_id"), rs.getInt("position"),
        rs.getString("label"), FormQuestion.Style.valueOf(rs.getString("style")),
        rs.getBoolean("required"), rs.getInt("min_count"), rs.getInt("max_count"),
        rs.getString("placeholder"),
        options == null || options.isEmpty() ? List.of() : List.of(options.split("\n", -1)));
  }
}
