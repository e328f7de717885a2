package dev.tiramisu.tickets.settings;

import java.util.List;
import java.util.Objects;

/**
 * One question of a ticket type's form (issue 12): a text input or a string select, shown in the
 * modal a member fills in when opening a ticket of that type.
 *
 * @param id database id (the modal input's custom id is derived from it)
 * @param typeId the type it belongs to
 * @param position orders the type's questions (only grows; the rank is what admins see)
 * @param label shown above the input, at most {@value #MAX_LABEL} characters
 * @param style how it is asked
 * @param required whether it must be answered
 * @param min text: the fewest characters; select: the fewest choices (when answered)
 * @param max text: the most characters; select: the most choices
 * @param placeholder shown in the empty input, or null
 * @param options a select's choices in order (empty for text)
 */
public record FormQuestion(long id, long typeId, int position, String label, Style style,
    boolean required, int min, int max, String placeholder, List<String> options) {

  /** Discord's limit for a label in a modal. */
  public static final int MAX_LABEL = 45;
  /** Discord's limit for a placeholder. */
  public static final int MAX_PLACEHOLDER = 100;
  /** Discord's limit for a text input's value. */
  public static final int MAX_TEXT = 4000;
  /** Discord's limit for a select's options. */
  public static final int MAX_OPTIONS = 25;
  /** Discord's limit for a select option's label. */
  public static final int MAX_OPTION = 100;
  /** Most questions per type: a modal holds at most 5 components. */
  public static final int MAX_PER_TYPE = 5;
  /** The longest answer a short input takes when the admin sets no maximum. */
  public static final int DEFAULT_SHORT_MAX = 200;
  /** The longest answer a paragraph takes when the admin sets no maximum. */
  public static final int DEFAULT_PARAGRAPH_MAX = 1000;

  /** How a question is asked. */
  public enum Style {
    SHORT, PARAGRAPH, SELECT;

    public boolean isText() {
      return this != SELECT;
    }
  }

  public FormQuestion {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(style, "style");
    options = List.copyOf(options);
  }

  /** Whether more than one choice may be made (selects only). */
  public boolean multiple() {
    return style == Style.SELECT && max > 1;
  }
}
