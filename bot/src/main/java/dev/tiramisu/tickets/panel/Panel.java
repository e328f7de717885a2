package dev.tiramisu.tickets.panel;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A panel posted with {@code /panel create}: a message offering some of the guild's ticket types.
 *
 * @param id database id (carried in the panel's component ids)
 * @param guildId the guild
 * @param channelId where the message is
 * @param messageId the message, once posted (null while {@link State#POSTING})
 * @param title the heading (admin text)
 * @param description the text below it (admin text), or null
 * @param colour the container's accent colour, 24-bit RGB
 * @param createdBy who ran {@code /panel create}
 * @param createdAt when
 * @param state see {@link State}
 * @param typeIds the types offered, in the order shown (deleted types stay listed here and are
 *     left out when the panel is drawn)
 */
public record Panel(long id, long guildId, long channelId, Long messageId, String title,
    String description, int colour, long createdBy, Instant createdAt, State state,
    List<Long> typeIds) {

  /** Longest title (a heading line). */
  public static final int MAX_TITLE = 100;
  /** Longest description. */
  public static final int MAX_DESCRIPTION = 1000;
  /** Most types a panel offers (a string select holds 25 options). */
  public static final int MAX_TYPES = 25;
  /** Up to this many types are buttons; more make a select menu. */
  public static final int MAX_BUTTONS = 5;
  /** Most panels per guild (not deleted). */
  public static final int MAX_PER_GUILD = 25;
  /** The accent colour when none is given (Discord's blurple). */
  public static final int DEFAULT_COLOUR = 0x5865F2;

  /** Where a panel is in its life. */
  public enum State {
    /** Saved; its message is being posted (or a crash left it so: finished at the next start). */
    POSTING,
    /** Its message is posted. */
    POSTED,
    /** Deleted with {@code /panel delete}. */
    DELETED,
    /** Its message was deleted on Discord. */
    GONE
  }

  public Panel {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(state, "state");
    typeIds = List.copyOf(typeIds);
  }

  /** Whether the panel shows buttons (else a select menu). */
  public boolean usesButtons(int liveTypes) {
    return liveTypes <= MAX_BUTTONS;
  }

  public Panel withState(State s, Long message) {
    return new Panel(id, guildId, channelId, message, title, description, colour, createdBy,
        createdAt, s, typeIds);
  }
}
