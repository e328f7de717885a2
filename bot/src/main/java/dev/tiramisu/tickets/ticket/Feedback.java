package dev.tiramisu.tickets.ticket;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.effects.EffectKind;
import dev.tiramisu.tickets.effects.NewEffect;
import dev.tiramisu.tickets.effects.Payload;
import dev.tiramisu.tickets.settings.GuildSettings;
import dev.tiramisu.tickets.settings.SettingsStore;
import dev.tiramisu.tickets.text.MessageKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Feedback on closed tickets (issue 13): the creator rates a ticket 1 to 5 from the close DM,
 * once, and may add one comment; both are logged to the guild's log channel through a {@code
 * LOG_RATING} effect recorded in the same transaction. Also records the first reply by staff in a
 * ticket's thread, for the statistics.
 *
 * <p>Nothing is kept in memory: the DM's buttons carry the ticket id, so they keep working after
 * restarts, and the database decides between racing clicks.
 */
public final class Feedback {
  /** Payload keys of {@code LOG_RATING}: which part is logged ({@link #PART_RATING}, ...). */
  public static final String PART = "part";
  public static final String PART_RATING = "rating";
  public static final String PART_COMMENT = "comment";
  /** Payload key of {@code DM_CLOSED}: present when the DM carries the rating buttons. */
  public static final String BUTTONS = "feedback";
  /** Longest comment, in characters. */
  public static final int MAX_COMMENT = 1000;

  private final TicketStore tickets;
  private final FeedbackStore store;
  private final SettingsStore settings;
  private final Clock clock;

  public Feedback(TicketStore tickets, FeedbackStore store, SettingsStore settings, Clock clock) {
    this.tickets = Objects.requireNonNull(tickets, "tickets");
    this.store = Objects.requireNonNull(store, "store");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The ticket's rating, if it has one. */
  public Optional<Rating> ratingOf(long ticketId) {
    return store.ratingOf(ticketId);
  }

  /**
   * {@code userId} rates the ticket {@code stars} (1..5). Only the ticket's creator may; a ticket
   * is rated once (the second of two racing clicks is refused with the first one's rating).
   *
   * @return the stored rating, or {@code ERROR_FEEDBACK_UNKNOWN_TICKET}, {@code
   *     ERROR_FEEDBACK_NOT_CREATOR}, {@code ERROR_FEEDBACK_ALREADY_RATED} (with the rating)
   */
  public Result<Rating> rate(long ticketId, long userId, int stars) {
    if (stars < Rating.MIN || stars > Rating.MAX) {
      throw new IllegalArgumentException("rating " + stars);
    }
    Result<Ticket> t = creatorsTicket(ticketId, userId);
    if (t.isRefused()) {
      return Result.refused(t.refusal());
    }
    Optional<Rating> earlier = store.ratingOf(ticketId);
    if (earlier.isPresent()) {
      return Result.refused(MessageKey.ERROR_FEEDBACK_ALREADY_RATED, earlier.get().rating());
    }
    Instant now = clock.instant();
    if (!store.rate(ticketId, stars, userId, now, log(t.value(), userId, PART_RATING))) {
      int first = store.ratingOf(ticketId).map(Rating::rating).orElse(stars);
      return Result.refused(MessageKey.ERROR_FEEDBACK_ALREADY_RATED, first);
    }
    return Result.ok(new Rating(ticketId, stars, null, userId, now, null));
  }

  /**
   * Whether {@code userId} may comment on the ticket now (before showing the form).
   *
   * @return the ticket, or the refusal {@link #comment} would give
   */
  public Result<Ticket> checkComment(long ticketId, long userId) {
    Result<Ticket> t = creatorsTicket(ticketId, userId);
    if (t.isRefused()) {
      return t;
    }
    Optional<Rating> r = store.ratingOf(ticketId);
    if (r.isEmpty()) {
      return Result.refused(MessageKey.ERROR_FEEDBACK_NOT_RATED);
    }
    if (r.get().hasComment()) {
      return Result.refused(MessageKey.ERROR_FEEDBACK_ALREADY_COMMENTED);
    }
    return t;
  }

  /**
   * Stores the creator's one comment on their rating: stripped, not empty, at most {@value
   * #MAX_COMMENT} characters.
   *
   * @return the rating with its comment, or a refusal (see {@link #checkComment}, {@code
   *     ERROR_FEEDBACK_COMMENT_EMPTY}, {@code ERROR_FEEDBACK_COMMENT_TOO_LONG})
   */
  public Result<Rating> comment(long ticketId, long userId, String raw) {
    String text = raw == null ? "" : raw.strip();
    if (text.isEmpty()) {
      return Result.refused(MessageKey.ERROR_FEEDBACK_COMMENT_EMPTY);
    }
    if (text.length() > MAX_COMMENT) {
      return Result.refused(MessageKey.ERROR_FEEDBACK_COMMENT_TOO_LONG, text.length(),
          MAX_COMMENT);
    }
    Result<Ticket> t = checkComment(ticketId, userId);
    if (t.isRefused()) {
      return Result.refused(t.refusal());
    }
    if (!store.comment(ticketId, userId, text, clock.instant(),
        log(t.value(), userId, PART_COMMENT))) {
      return Result.refused(MessageKey.ERROR_FEEDBACK_ALREADY_COMMENTED);
    }
    return Result.ok(store.ratingOf(ticketId).orElseThrow());
  }

  /**
   * A message in the ticket's thread by {@code author}: the ticket's first staff reply when the
   * author is staff for this ticket (its type's staff roles, else {@code staff_role}, or Manage
   * Server) and not its creator. One conditional write; later replies change nothing.
   *
   * @return whether this message was recorded as the first staff reply
   */
  public boolean messageInTicket(Ticket t, Actor author) {
    if (author.userId() == t.creatorId()) {
      return false;
    }
    if (!settings.forTicket(t.guildId(), t.id()).isStaff(author)) {
      return false;
    }
    return store.firstStaffReply(t.id(), clock.instant());
  }

  private Result<Ticket> creatorsTicket(long ticketId, long userId) {
    Optional<Ticket> t = tickets.findById(ticketId);
    if (t.isEmpty()) {
      return Result.refused(MessageKey.ERROR_FEEDBACK_UNKNOWN_TICKET);
    }
    if (t.get().creatorId() != userId) {
      return Result.refused(MessageKey.ERROR_FEEDBACK_NOT_CREATOR);
    }
    return Result.ok(t.get());
  }

  /** {@code LOG_RATING} of {@code part} to the ticket's log channel, when it has one. */
  private List<NewEffect> log(Ticket t, long userId, String part) {
    List<NewEffect> out = new ArrayList<>();
    GuildSettings s = settings.forTicket(t.guildId(), t.id());
    OptionalLong channel = s.logChannelId();
    if (channel.isPresent()) {
      out.add(NewEffect.of(EffectKind.LOG_RATING, Payload.empty()
          .with(PART, part)
          .with(TicketService.ACTOR, userId)
          .with(TicketService.CHANNEL, channel.getAsLong())));
    }
    return out;
  }
}
