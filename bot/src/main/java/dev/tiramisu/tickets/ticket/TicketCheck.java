package dev.tiramisu.tickets.ticket;

import dev.tiramisu.tickets.settings.GuildSettings;
import java.util.OptionalInt;

/**
 * The original bot's {@code is_ticket}: decides from a thread's shape alone whether it is a
 * ticket. Pure; the service feeds it the guild's settings and counter.
 *
 * <p>A thread is a ticket when all hold, checked in this order: {@code ticket_channel} is set; the
 * guild has started counting tickets; the thread is private; its parent is {@code
 * ticket_channel}; its name matches {@code name_template} (open or {@code [Closed]} form); and the
 * number in the name is not above the guild's last allocated number.
 *
 * <p>{@link TicketService} trusts a stored ticket row over this check (a row outlives a later
 * change of {@code ticket_channel} or {@code name_template}); the check decides for threads
 * without a row, such as tickets made before this bot stored them.
 */
public final class TicketCheck {
  private TicketCheck() {}

  /** Why a thread is not a ticket, with an English explanation for logs and debug output. */
  public enum NotTicket {
    TICKET_CHANNEL_NOT_SET("ticket_channel is not set in this server"),
    NOT_COUNTING("this server has not opened any ticket yet"),
    NOT_PRIVATE("the thread is not private"),
    WRONG_PARENT("the thread is not in ticket_channel"),
    NAME_MISMATCH("the thread name does not match name_template"),
    NUMBER_TOO_HIGH("the number in the thread name is higher than the last ticket number");

    private final String explanation;

    NotTicket(String explanation) {
      this.explanation = explanation;
    }

    public String explanation() {
      return explanation;
    }
  }

  /**
   * The outcome of the check.
   *
   * @param number the ticket number from the thread name when it is a ticket, else 0
   * @param notTicket why it is not a ticket, or null when it is one
   */
  public record Verdict(int number, NotTicket notTicket) {
    static Verdict ticket(int number) {
      return new Verdict(number, null);
    }

    static Verdict not(NotTicket why) {
      return new Verdict(0, why);
    }

    public boolean isTicket() {
      return notTicket == null;
    }

    /** A human-readable reason: why it is not a ticket, or {@code "ticket #n"}. */
    public String explanation() {
      return notTicket == null ? "ticket #" + number : notTicket.explanation();
    }
  }

  /**
   * Checks whether {@code thread} is a ticket.
   *
   * @param thread the thread
   * @param settings the guild's settings
   * @param lastNumber the guild's last allocated ticket number, empty if it never counted
   */
  public static Verdict check(ThreadInfo thread, GuildSettings settings, OptionalInt lastNumber) {
    if (!settings.ticketsEnabled()) {
      return Verdict.not(NotTicket.TICKET_CHANNEL_NOT_SET);
    }
    if (lastNumber.isEmpty()) {
      return Verdict.not(NotTicket.NOT_COUNTING);
    }
    if (!thread.isPrivate()) {
      return Verdict.not(NotTicket.NOT_PRIVATE);
    }
    if (thread.parentId() != settings.ticketChannelId()) {
      return Verdict.not(NotTicket.WRONG_PARENT);
    }
    OptionalInt number = settings.nameTemplate().numberOf(thread.name());
    if (number.isEmpty()) {
      return Verdict.not(NotTicket.NAME_MISMATCH);
    }
    if (number.getAsInt() > lastNumber.getAsInt()) {
      return Verdict.not(NotTicket.NUMBER_TOO_HIGH);
    }
    return Verdict.ticket(number.getAsInt());
  }
}
