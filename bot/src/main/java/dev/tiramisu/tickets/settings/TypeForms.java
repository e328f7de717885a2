package dev.tiramisu.tickets.settings;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.common.Refusal;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.text.DiscordText;
import dev.tiramisu.tickets.text.MessageKey;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ticket types' forms (issue 12): the questions admins add with {@code /tickettype question}
 * (Manage Server), checked against Discord's limits for modals, and the server-side check of a
 * submitted form (a member's client can send anything). Logs carry ids only, never labels or
 * answers.
 */
public final class TypeForms {
  private static final Logger log = LoggerFactory.getLogger(TypeForms.class);

  private final FormStore store;
  private final TicketTypes types;
  private final Clock clock;

  public TypeForms(FormStore store, TicketTypes types, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.types = Objects.requireNonNull(types, "types");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The type's questions in order. */
  public List<FormQuestion> questions(long typeId) {
    return store.questions(typeId);
  }

  /** The questions of the guild's live types, by type id. */
  public Map<Long, List<FormQuestion>> questionsOfGuild(long guildId) {
    return store.questionsOfGuild(guildId);
  }

  /** The answers saved with a ticket, in order. */
  public List<FormAnswer> answers(long ticketId) {
    return store.answers(ticketId);
  }

  /**
   * What {@code /tickettype question add} was given; null = not given.
   *
   * @param options a select's choices separated by {@code ;}
   */
  public record NewQuestion(String label, String style, Boolean required, Integer min,
      Integer max, String placeholder, String options, Boolean multiple) {}

  /** A type and its form, as a command shows them. */
  public record Form(TicketType type, List<FormQuestion> questions) {}

  /**
   * Adds a question at the end of the form of the type called {@code typeName}.
   *
   * @return the type and its form afterwards, or why not
   */
  public Result<Form> add(long guildId, Actor actor, String typeName, NewQuestion q) {
    if (!actor.canManageServer()) {
      return Result.refused(MessageKey.ERROR_SETTINGS_NOT_ALLOWED);
    }
    Result<TicketType> type = types.byName(guildId, typeName);
    if (type.isRefused()) {
      return Result.refused(type.refusal());
    }
    Result<FormQuestion> checked = check(type.value().id(), q);
    if (checked.isRefused()) {
      return Result.refused(checked.refusal());
    }
    if (store.add(checked.value(), FormQuestion.MAX_PER_TYPE,
        clock.instant().truncatedTo(ChronoUnit.MILLIS)).isEmpty()) {
      return Result.refused(MessageKey.ERROR_FORM_FULL, FormQuestion.MAX_PER_TYPE);
    }
    log.info("guild {}: question added to ticket type {} by user {}", guildId,
        type.value().id(), actor.userId());
    return Result.ok(new Form(type.value(), store.questions(type.value().id())));
  }

  /**
   * Removes question {@code rank} (1 = first) of the type called {@code typeName}.
   *
   * @return the type and its form afterwards, or why not
   */
  public Result<Form> remove(long guildId, Actor actor, String typeName, int rank) {
    if (!actor.canManageServer()) {
      return Result.refused(MessageKey.ERROR_SETTINGS_NOT_ALLOWED);
    }
    Result<TicketType> type = types.byName(guildId, typeName);
    if (type.isRefused()) {
      return Result.refused(type.refusal());
    }
    List<FormQuestion> form = store.questions(type.value().id());
    if (rank < 1 || rank > form.size()) {
      return Result.refused(MessageKey.ERROR_FORM_NO_QUESTION, rank, form.size());
    }
    store.remove(form.get(rank - 1).id());
    log.info("guild {}: question removed from ticket type {} by user {}", guildId,
        type.value().id(), actor.userId());
    return Result.ok(new Form(type.value(), store.questions(type.value().id())));
  }

  /** The form of the type called {@code typeName}. */
  public Result<Form> form(long guildId, Actor actor, String typeName) {
    if (!actor.canManageServer()) {
      return Result.refused(MessageKey.ERROR_SETTINGS_NOT_ALLOWED);
    }
    Result<TicketType> type = types.byName(guildId, typeName);
    if (type.isRefused()) {
      return Result.refused(type.refusal());
    }
    return Result.ok(new Form(type.value(), store.questions(type.value().id())));
  }

  /** Checks a new question against Discord's limits; the result has id and position 0. */
  static Result<FormQuestion> check(long typeId, NewQuestion q) {
    String label = q.label() == null ? "" : q.label().strip();
    if (label.isEmpty() || label.length() > FormQuestion.MAX_LABEL || controls(label)) {
      return Result.refused(MessageKey.ERROR_FORM_LABEL_INVALID, FormQuestion.MAX_LABEL);
    }
    FormQuestion.Style style;
    try {
      style = FormQuestion.Style.valueOf(
          (q.style() == null ? "short" : q.style().strip()).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Result.refused(MessageKey.ERROR_FORM_STYLE_INVALID);
    }
    String placeholder = q.placeholder() == null || q.placeholder().isBlank() ? null
        : q.placeholder().strip();
    if (placeholder != null && (placeholder.length() > FormQuestion.MAX_PLACEHOLDER
        || controls(placeholder))) {
      return Result.refused(MessageKey.ERROR_TYPE_TEXT_TOO_LONG, "placeholder",
          FormQuestion.MAX_PLACEHOLDER);
    }
    boolean required = q.required() == null || q.required();
    if (style.isText()) {
      if (q.options() != null || q.multiple() != null) {
        return Result.refused(MessageKey.ERROR_FORM_OPTIONS_FOR_TEXT);
      }
      int max = q.max() != null ? q.max() : style == FormQuestion.Style.SHORT
          ? FormQuestion.DEFAULT_SHORT_MAX : FormQuestion.DEFAULT_PARAGRAPH_MAX;
      int min = q.min() != null ? q.min() : required ? 1 : 0;
      if (min < 0 || max < 1 || min > FormQuestion.MAX_TEXT || max > FormQuestion.MAX_TEXT
          || min > max) {
        return Result.refused(MessageKey.ERROR_FORM_LENGTH_RANGE, FormQuestion.MAX_TEXT);
      }
      return Result.ok(new FormQuestion(0, typeId, 0, label, style, required, min, max,
          placeholder, List.of()));
    }
    if (q.options() == null || q.options().isBlank()) {
      return Result.refused(MessageKey.ERROR_FORM_OPTIONS_NEEDED);
    }
    List<String> options = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String raw : q.options().split(";", -1)) {
      String o = raw.strip();
      if (o.isEmpty() || o.length() > FormQuestion.MAX_OPTION || controls(o)) {
        return Result.refused(MessageKey.ERROR_FORM_OPTION_INVALID, FormQuestion.MAX_OPTION);
      }
      if (!seen.add(o.toLowerCase(Locale.ROOT))) {
        return Result.refused(MessageKey.ERROR_FORM_OPTION_DUPLICATE, DiscordText.escape(o));
      }
      options.add(o);
    }
    if (options.size() > FormQuestion.MAX_OPTIONS) {
      return Result.refused(MessageKey.ERROR_FORM_TOO_MANY_OPTIONS, FormQuestion.MAX_OPTIONS,
          options.size());
    }
    boolean multiple = q.multiple() != null && q.multiple();
    if (!multiple) {
      if (q.min() != null || q.max() != null) {
        return Result.refused(MessageKey.ERROR_FORM_SINGLE_RANGE);
      }
      return Result.ok(new FormQuestion(0, typeId, 0, label, style, required, 1, 1, placeholder,
          options));
    }
    int min = q.min() != null ? q.min() : 1;
    int max = q.max() != null ? q.max() : options.size();
    if (min < 1 || max < 2 || min > max || max > options.size()) {
      return Result.refused(MessageKey.ERROR_FORM_CHOICES_RANGE, options.size());
    }
    return Result.ok(new FormQuestion(0, typeId, 0, label, style, required, min, max,
        placeholder, options));
  }

  private static boolean controls(String s) {
    return s.chars().anyMatch(Character::isISOControl);
  }

  /**
   * A fingerprint of the form as members see it: a modal carries it, so a submission of a form
   * that has changed since it was shown is recognised (and refused with a clear message rather
   * than saved against different questions).
   */
  public static long version(List<FormQuestion> questions) {
    CRC32 crc = new CRC32();
    for (FormQuestion q : questions) {
      String line = q.id() + "\u0000" + q.label() + "\u0000" + q.style() + "\u0000"
          + q.required() + "\u0000" + q.min() + "\u0000" + q.max() + "\u0000"
          + String.join("\u0001", q.options()) + "\n";
      crc.update(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return crc.getValue();
  }

  /** The custom id of a question's input in the modal. */
  public static String inputId(FormQuestion q) {
    return "q" + q.id();
  }

  /**
   * Checks a submitted form against the questions as they are and turns it into answers.
   *
   * @param submitted by input id ({@link #inputId}): a text input's value as one element, a
   *     select's chosen values (option indexes); absent = not submitted
   * @return the answers to save (answered questions only, in order), or the first problem
   */
  public static Result<List<FormAnswer>> answers(List<FormQuestion> questions,
      Map<String, List<String>> submitted) {
    List<FormAnswer> out = new ArrayList<>();
    for (int i = 0; i < questions.size(); i++) {
      FormQuestion q = questions.get(i);
      List<String> values = submitted.getOrDefault(inputId(q), List.of());
      String label = DiscordText.escape(q.label());
      if (q.style().isText()) {
        String text = values.isEmpty() || values.get(0) == null ? "" : values.get(0).strip();
        if (text.isEmpty()) {
          if (q.required()) {
            return Result.refused(MessageKey.ERROR_FORM_ANSWER_REQUIRED, label);
          }
          continue;
        }
        int length = text.codePointCount(0, text.length());
        if (length < q.min() || length > q.max()) {
          return Result.refused(MessageKey.ERROR_FORM_ANSWER_LENGTH, label, q.min(), q.max(),
              length);
        }
        if (q.style() == FormQuestion.Style.SHORT && (text.contains("\n") || text.contains("\r"))) {
          return Result.refused(MessageKey.ERROR_FORM_ANSWER_ONE_LINE, label);
        }
        out.add(new FormAnswer(i + 1, q.label(), text));
        continue;
      }
      if (values.isEmpty()) {
        if (q.required()) {
          return Result.refused(MessageKey.ERROR_FORM_ANSWER_REQUIRED, label);
        }
        continue;
      }
      Set<Integer> chosen = new LinkedHashSet<>();
      for (String v : values) {
        Integer index = v != null && v.matches("[0-9]{1,2}") ? Integer.valueOf(v) : null;
        if (index == null || index >= q.options().size() || !chosen.add(index)) {
          return Result.refused(MessageKey.ERROR_FORM_ANSWER_CHOICE, label);
        }
      }
      if (chosen.size() < q.min() || chosen.size() > q.max()) {
        return Result.refused(MessageKey.ERROR_FORM_ANSWER_CHOICES, label, q.min(), q.max());
      }
      List<String> labels = chosen.stream().sorted().map(q.options()::get).toList();
      out.add(new FormAnswer(i + 1, q.label(), String.join(", ", labels)));
    }
    return Result.ok(out);
  }

  /** A refusal as a value, for the adapter's checks. */
  public static Refusal changed(TicketType type) {
    return Refusal.of(MessageKey.ERROR_FORM_CHANGED, DiscordText.escape(type.name()));
  }
}
