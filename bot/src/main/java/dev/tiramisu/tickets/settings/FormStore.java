package dev.tiramisu.tickets.settings;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Persistence of form questions ({@code ticket_type_questions}, V11) and of tickets' answers
 * ({@code ticket_answers}; written by the ticket store in the transaction that creates the
 * ticket). Implementations throw {@link dev.tiramisu.tickets.common.StorageUnavailableException}
 * on database failure.
 */
public interface FormStore {

  /** The type's questions in order. */
  List<FormQuestion> questions(long typeId);

  /** The questions of the guild's live types, by type id, each list in order. */
  Map<Long, List<FormQuestion>> questionsOfGuild(long guildId);

  /**
   * Appends a question to the type's form, unless it has {@code max} already (checked in the
   * same transaction). The id and position of {@code q} are ignored.
   *
   * @return the stored question, or empty when the form is full
   */
  Optional<FormQuestion> add(FormQuestion q, int max, Instant at);

  /** Deletes the question with this id. @return whether this call deleted it */
  boolean remove(long questionId);

  /** The answers saved with a ticket, in order. */
  List<FormAnswer> answers(long ticketId);
}
