package dev.tiramisu.tickets.ticket;

import dev.tiramisu.tickets.effects.EffectKind;
import dev.tiramisu.tickets.effects.NewEffect;
import dev.tiramisu.tickets.effects.Payload;
import dev.tiramisu.tickets.settings.GuildSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The Discord effects of the staff workflow (claim, members, reopen), recorded with the change
 * that implies them. Payloads hold ids, names and notice names, never user text.
 */
public final class TicketEffects {
  /** Payload keys (besides {@link TicketService#ACTOR}, {@code CHANNEL}, {@code NAME} ...). */
  public static final String NOTICE = "notice";
  public static final String TARGET = "target";
  public static final String FROM = "from";

  private TicketEffects() {}

  /** Show the ticket's current state on its first message (claimer, buttons). */
  static NewEffect editFirstMessage(GuildSettings s) {
    return NewEffect.of(EffectKind.EDIT_FIRST_MESSAGE, TicketService.staffPayload(s));
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
