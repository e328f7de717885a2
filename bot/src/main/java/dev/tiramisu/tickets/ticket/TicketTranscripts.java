package dev.tiramisu.tickets.ticket;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.effects.Effect;
import dev.tiramisu.tickets.effects.EffectKind;
import dev.tiramisu.tickets.effects.EffectStore;
import dev.tiramisu.tickets.settings.SettingsStore;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.transcript.StoredTranscript;
import dev.tiramisu.tickets.transcript.TranscriptStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Tickets' stored transcripts (issue 13): made by the {@code TRANSCRIPT} effect of each close and
 * kept in the database (one per ticket: a later close replaces it), given back to staff with
 * {@code /ticket transcript <number>}.
 */
public final class TicketTranscripts {
  private final TicketStore tickets;
  private final SettingsStore settings;
  private final TranscriptStore transcripts;
  private final EffectStore effects;

  public TicketTranscripts(TicketStore tickets, SettingsStore settings,
      TranscriptStore transcripts, EffectStore effects) {
    this.tickets = Objects.requireNonNull(tickets, "tickets");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.transcripts = Objects.requireNonNull(transcripts, "transcripts");
    this.effects = Objects.requireNonNull(effects, "effects");
  }

  /** A ticket and its stored transcript. */
  public record Found(Ticket ticket, StoredTranscript transcript) {}

  /**
   * The transcript of the guild's ticket {@code number}, for its staff (the staff of its type, or
   * Manage Server). A reopened ticket gives the transcript of its last close.
   *
   * @return the transcript, or {@code ERROR_TRANSCRIPT_NO_TICKET}, {@code ERROR_TICKET_FAILED},
   *     {@code ERROR_STAFF_ONLY}, {@code ERROR_TRANSCRIPT_OPEN} (never closed), {@code
   *     ERROR_TRANSCRIPT_PENDING} (its close is still making it), {@code ERROR_TRANSCRIPT_NONE}
   *     (the thread could not be read)
   */
  public Result<Found> forStaff(long guildId, Actor actor, int number) {
    Optional<Ticket> row = tickets.findByNumber(guildId, number);
    if (row.isEmpty()) {
      return Result.refused(MessageKey.ERROR_TRANSCRIPT_NO_TICKET, number);
    }
    Result<Ticket> usable = TicketService.usable(row.get(), guildId);
    if (usable.isRefused()) {
      return Result.refused(usable.refusal());
    }
    Ticket t = usable.value();
    if (!settings.forTicket(guildId, t.id()).isStaff(actor)) {
      return Result.refused(MessageKey.ERROR_STAFF_ONLY);
    }
    Optional<StoredTranscript> stored = transcripts.find(t.id());
    if (stored.isPresent()) {
      return Result.ok(new Found(t, stored.get()));
    }
    if (t.isOpen()) {
      return Result.refused(MessageKey.ERROR_TRANSCRIPT_OPEN, number);
    }
    boolean pending = ofLastClose(effects.forTicket(t.id())).map(Effect::isPending).orElse(false);
    return Result.refused(pending ? MessageKey.ERROR_TRANSCRIPT_PENDING
        : MessageKey.ERROR_TRANSCRIPT_NONE, number);
  }

  /**
   * The {@code TRANSCRIPT} effect of the ticket's latest close in {@code chain} (its effects in
   * order), or empty when that close recorded none (its thread was gone) or the ticket was
   * reopened since.
   */
  public static Optional<Effect> ofLastClose(List<Effect> chain) {
    Effect found = null;
    for (Effect e : chain) {
      if (e.kind() == EffectKind.REOPEN_THREAD || e.kind() == EffectKind.POST_CLOSED) {
        found = null; // a reopen, or a later close: an earlier transcript is not this close's
      } else if (e.kind() == EffectKind.TRANSCRIPT) {
        found = e;
      }
    }
    return Optional.ofNullable(found);
  }
}
