package dev.tiramisu.tickets.ticket;

import dev.tiramisu.tickets.effects.EffectKind;
import dev.tiramisu.tickets.effects.NewEffect;
import dev.tiramisu.tickets.effects.Payload;
import dev.tiramisu.tickets.settings.GuildSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The Discord effects of each step of a ticket's life (open, close, reopen, and the staff
 * workflow: claim, members), recorded with the change that implies them. Payloads hold ids, names
 * and notice names, never user text.
 */
public final class TicketEffects {
  /** Payload keys (besides {@link TicketService#ACTOR}, {@code CHANNEL}, {@code NAME} ...). */
  public static final String NOTICE = "notice";
  public static final String TARGET = "target";
  public static final String FROM = "from";

  private TicketEffects() {}

  /**
   * The staff roles a first message pings and shows: {@link TicketService#STAFF_ROLE} (the first,
   * as before types) and {@link TicketService#STAFF_ROLES} (all of them).
   */
  static Payload staffPayload(GuildSettings s) {
    List<Long> roles = s.staffRoles();
    return Payload.empty().with(TicketService.STAFF_ROLE, roles.isEmpty() ? null : roles.get(0))
        .with(TicketService.STAFF_ROLES, roles.isEmpty() ? null
            : String.join(",", roles.stream().map(String::valueOf).toList()));
  }

  /**
   * The open: create the thread, the first message (which adds the creator), the creator added
   * only if that failed, the member's answer (with {@code replyToken}), the pin.
   */
  static List<NewEffect> open(Ticket t, GuildSettings s, String replyToken, String userName) {
    List<NewEffect> out = new ArrayList<>();
    out.add(NewEffect.of(EffectKind.CREATE_THREAD, Payload.empty()
        .with(TicketService.CHANNEL, s.ticketChannelId())
        .with(TicketService.NAME, s.nameTemplate().render(t.number(), userName))));
    // the first message pings the creator, which adds them to the private thread (Discord's
    // mention rule): ADD_CREATOR then sends nothing, and PUTs the creator only when the first
    // message failed. The member is answered as soon as they can open the thread; the pin after.
    out.add(NewEffect.of(EffectKind.FIRST_MESSAGE, staffPayload(s)));
    out.add(NewEffect.of(EffectKind.ADD_CREATOR, Payload.empty()));
    if (replyToken != null) {
      out.add(NewEffect.of(EffectKind.REPLY_OPENED,
          Payload.empty().with(TicketService.TOKEN, replyToken)));
    }
    out.add(NewEffect.of(EffectKind.PIN_FIRST, Payload.empty()));
    return out;
  }

  /**
   * The close: post "closed by" (with Reopen), the first message without its buttons, the
   * transcript, rename (its own effect: Discord's rename limit must not hold up the rest; it
   * locks and archives in the same PATCH when it can), lock and archive, DM, log, answer, and the
   * other confirmations' buttons removed.
   */
  static List<NewEffect> close(Ticket t, GuildSettings s, long closerId, String replyToken,
      String userName, List<String> confirmationTokens, boolean creatorActing) {
    List<NewEffect> out = new ArrayList<>();
    Payload actor = Payload.empty().with(TicketService.ACTOR, closerId);
    out.add(NewEffect.of(EffectKind.POST_CLOSED, actor));
    out.add(editFirstMessage(s));
    // the transcript reads the thread with the "closed" post, before the lock; DM and log attach it
    out.add(NewEffect.of(EffectKind.TRANSCRIPT, Payload.empty()));
    // right before the lock: the rename sends the closed name, locked and archived in one PATCH
    // when Discord's rename limit allows it (CLOSE_THREAD then sends nothing), else it waits
    // and CLOSE_THREAD locks and archives at once
    out.add(rename(s.nameTemplate().renderClosed(t.number(), userName)));
    out.add(NewEffect.of(EffectKind.CLOSE_THREAD, Payload.empty()));
    OptionalLong log = s.logChannelId();
    if (replyToken != null) {
      // the closer sees "closed" as soon as it is; REPLY_CLOSED edits in the DM's and log's outcome
      out.add(NewEffect.of(EffectKind.REPLY_CLOSING, actor.with(TicketService.TOKEN, replyToken)
          .with(TicketService.CHANNEL, log.isPresent() ? log.getAsLong() : null)));
    }
    // the transcript unless transcript_dm is off; the rating buttons (issue 13) as the setting
    // was at the close
    out.add(NewEffect.of(EffectKind.DM_CLOSED,
        (s.transcriptDm() ? actor : actor.with(TicketService.NO_TRANSCRIPT, true))
            .with(Feedback.BUTTONS, s.feedback() ? 1 : null)
            .with(TicketService.CREATOR_PRESENT, creatorActing ? 1 : null)));
    if (log.isPresent()) {
      out.add(NewEffect.of(EffectKind.LOG_CLOSED,
          actor.with(TicketService.CHANNEL, log.getAsLong())));
    }
    if (replyToken != null) {
      out.add(NewEffect.of(EffectKind.REPLY_CLOSED, actor.with(TicketService.TOKEN, replyToken)
          .with(TicketService.CHANNEL, log.isPresent() ? log.getAsLong() : null)));
    }
    for (String token : confirmationTokens) {
      out.add(clearConfirmation(token));
    }
    return out;
  }

  /** Show the ticket's current state on its first message (claimer, buttons). */
  static NewEffect editFirstMessage(GuildSettings s) {
    return NewEffect.of(EffectKind.EDIT_FIRST_MESSAGE, staffPayload(s));
  }

  /** Rename the thread to {@code name} (waits for Discord's rename limit without blocking). */
  static NewEffect rename(String name) {
    return NewEffect.of(EffectKind.RENAME_THREAD, Payload.empty().with(TicketService.NAME, name));
  }

  /** Edit a close confirmation shown through {@code token} so that its buttons are gone. */
  static NewEffect clearConfirmation(String token) {
    return NewEffect.of(EffectKind.CLEAR_CONFIRMATION,
        Payload.empty().with(TicketService.TOKEN, token));
  }

  static Payload notice(Notice notice, long actorId, Long targetId) {
    return Payload.empty().with(NOTICE, notice.name()).with(TicketService.ACTOR, actorId)
        .with(TARGET, targetId);
  }

  /** Log {@code notice} to the guild's log channel, when one is set. */
  static void log(List<NewEffect> out, GuildSettings s, Payload notice) {
    OptionalLong log = s.logChannelId();
    if (log.isPresent()) {
      out.add(NewEffect.of(EffectKind.LOG_NOTICE,
          notice.with(TicketService.CHANNEL, log.getAsLong())));
    }
  }

  /** Reopen: unarchive and unlock at once, rename back, buttons live again, post, log. */
  static List<NewEffect> reopen(Ticket t, GuildSettings s, long actorId, String userName) {
    List<NewEffect> out = new ArrayList<>();
    out.add(NewEffect.of(EffectKind.REOPEN_THREAD, Payload.empty()));
    out.add(rename(s.nameTemplate().render(t.number(), userName)));
    out.add(editFirstMessage(s));
    Payload notice = notice(Notice.REOPENED, actorId, null);
    out.add(NewEffect.of(EffectKind.POST_NOTICE, notice));
    log(out, s, notice);
    return out;
  }

  /** Claim, release or transfer: the first message shows the claimer; logged. */
  static List<NewEffect> claim(GuildSettings s, Payload notice) {
    List<NewEffect> out = new ArrayList<>();
    out.add(editFirstMessage(s));
    log(out, s, notice);
    return out;
  }

  /** A member added ({@code add}) or removed: the thread membership, a post, a log line. */
  static List<NewEffect> member(GuildSettings s, long actorId, long targetId, boolean add) {
    List<NewEffect> out = new ArrayList<>();
    out.add(NewEffect.of(add ? EffectKind.ADD_MEMBER : EffectKind.REMOVE_MEMBER,
        Payload.empty().with(TARGET, targetId)));
    Payload notice = notice(add ? Notice.ADDED : Notice.REMOVED, actorId, targetId);
    out.add(NewEffect.of(EffectKind.POST_NOTICE, notice));
    log(out, s, notice);
    return out;
  }
}
