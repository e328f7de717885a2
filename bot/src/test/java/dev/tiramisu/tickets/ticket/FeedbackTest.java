package dev.tiramisu.tickets.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.common.Refusal;
import dev.tiramisu.tickets.config.DatabaseConfig;
import dev.tiramisu.tickets.effects.Effect;
import dev.tiramisu.tickets.effects.EffectKind;
import dev.tiramisu.tickets.settings.SettingKey;
import dev.tiramisu.tickets.settings.SettingValue;
import dev.tiramisu.tickets.storage.Database;
import dev.tiramisu.tickets.testing.MutableClock;
import dev.tiramisu.tickets.text.MessageKey;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules of ratings, comments and first staff replies (issue 13), on SQLite. */
class FeedbackTest {
  private static final long GUILD = 1L;
  private static final long CREATOR = 10L;
  private static final long OTHER = 11L;
  private static final long STAFF_ROLE = 50L;
  private static final long LOG = 60L;

  @TempDir Path dir;
  private Database db;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private Feedback feedback;
  private Ticket t;

  @BeforeEach
  void start() {
    db = Database.start(DatabaseConfig.sqlite(dir.resolve("t.db").toString()));
    feedback = new Feedback(db.tickets(), db.feedback(), db.settings(), clock);
    db.settings().put(GUILD, SettingKey.STAFF_ROLE, new SettingValue.Snowflake(STAFF_ROLE),
        clock.instant());
    db.settings().put(GUILD, SettingKey.MODLOG_CHANNEL, new SettingValue.Snowflake(LOG),
        clock.instant());
    t = db.tickets().create(GUILD, CREATOR, "help", clock.instant());
  }

  @AfterEach
  void stop() {
    db.close();
  }

  private long logEffects() {
    return db.effects().forTicket(t.id()).stream()
        .filter(e -> e.kind() == EffectKind.LOG_RATING).count();
  }

  @Test
  void only_the_creator_rates_once_and_each_rating_is_logged() {
    assertThat(feedback.rate(t.id(), OTHER, 3).refusal())
        .isEqualTo(Refusal.of(MessageKey.ERROR_FEEDBACK_NOT_CREATOR));
    assertThat(feedback.rate(999, CREATOR, 3).refusal())
        .isEqualTo(Refusal.of(MessageKey.ERROR_FEEDBACK_UNKNOWN_TICKET));

    Rating r = feedback.rate(t.id(), CREATOR, 3).value();
    assertThat(r.rating()).isEqualTo(3);
    assertThat(feedback.rate(t.id(), CREATOR, 5).refusal())
        .isEqualTo(Refusal.of(MessageKey.ERROR_FEEDBACK_ALREADY_RATED, 3));

    assertThat(logEffects()).isEqualTo(1);
    Effect log = db.effects().forTicket(t.id()).get(0);
    assertThat(log.payload().requireLong("channel")).isEqualTo(LOG);
    assertThat(log.payload().require(Feedback.PART)).isEqualTo(Feedback.PART_RATING);
  }

  @Test
  void one_comment_after_the_rating_not_empty_not_too_long() {
    assertThat(feedback.checkComment(t.id(), CREATOR).refusal())
        .isEqualTo(Refusal.of(MessageKey.ERROR_FEEDBACK_NOT_RATED));
    feedback.rate(t.id(), CREATOR, 4);
    assertThat(feedback.checkComment(t.id(), OTHER).refusal())
        .isEqualTo(Refusal.of(MessageKey.ERROR_FEEDBACK_NOT_CREATOR));
    assertThat(feedback.comment(t.id(), CREATOR, "  \n ").refusal())
        .isEqualTo(Refusal.of(MessageKey.ERROR_FEEDBACK_COMMENT_EMPTY));
    assertThat(feedback.comment(t.id(), CREATOR, "x".repeat(1001)).refusal())
        .isEqualTo(Refusal.of(MessageKey.ERROR_FEEDBACK_COMMENT_TOO_LONG, 1001, 1000));

    assertThat(feedback.comment(t.id(), CREATOR, "  " + "y".repeat(1000) + " ").value().comment())
        .isEqualTo("y".repeat(1000));
    assertThat(feedback.comment(t.id(), CREATOR, "again").refusal())
        .isEqualTo(Refusal.of(MessageKey.ERROR_FEEDBACK_ALREADY_COMMENTED));
    assertThat(feedback.checkComment(t.id(), CREATOR).refusal())
        .isEqualTo(Refusal.of(MessageKey.ERROR_FEEDBACK_ALREADY_COMMENTED));
    assertThat(logEffects()).isEqualTo(2);
  }

  @Test
  void without_a_log_channel_nothing_is_logged() {
    db.settings().put(GUILD, SettingKey.MODLOG_CHANNEL, new SettingValue.Reset(),
        clock.instant());
    assertThat(feedback.rate(t.id(), CREATOR, 2).isOk()).isTrue();
    assertThat(logEffects()).isZero();
  }

  @Test
  void the_first_reply_by_staff_not_the_creator_is_recorded_once() {
    assertThat(feedback.messageInTicket(t, Actor.member(CREATOR, STAFF_ROLE)))
        .as("the creator, even with the staff role").isFalse();
    assertThat(feedback.messageInTicket(t, Actor.member(OTHER))).as("not staff").isFalse();
    clock.advance(Duration.ofMinutes(7));
    assertThat(feedback.messageInTicket(t, Actor.member(OTHER, STAFF_ROLE))).isTrue();
    Instant first = clock.instant();
    clock.advance(Duration.ofMinutes(1));
    assertThat(feedback.messageInTicket(t,
        new Actor(12L, java.util.Set.of(), true, false))).as("later: unchanged").isFalse();
    assertThat(db.feedback().firstStaffReplyOf(t.id())).contains(first);
  }
}
