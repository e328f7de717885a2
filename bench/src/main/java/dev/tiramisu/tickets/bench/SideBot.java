package dev.tiramisu.tickets.bench;

import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.TestGuild;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One of the two bots of {@link SideBySideBench}, as its members use it: how it is set up in a
 * fresh guild, how a member opens a ticket with a reason and how a moderator closes one (the
 * command and the confirmation, as each bot does it), and when every Discord effect of its
 * tickets is there.
 */
interface SideBot {
  /** The bot's name in the report. */
  String name();

  Emulator emu();

  /** A fresh guild with admin, moderator (Staff) and members m1..m{@code members}, set up. */
  TestGuild guild(int members) throws Exception;

  /**
   * {@code member} opens a ticket with {@code reason}; returns once the member saw the final
   * reply (the link to the ticket); throws {@link Failed} when the member did not get it.
   */
  Ticket create(ReplyWatcher w, TestGuild g, String member, String reason) throws Exception;

  /**
   * The moderator closes {@code t}: the command in its thread, then the confirmation; returns
   * once the moderator saw the final reply; throws {@link Failed} when the close did not
   * complete for them.
   */
  void close(ReplyWatcher w, TestGuild g, Ticket t) throws Exception;

  /**
   * Waits until every effect of {@code tickets} (those whose create, or close, completed) is on
   * Discord; throws if one is missing.
   */
  void awaitComplete(TestGuild g, List<Ticket> tickets, boolean closed);

  /** Faults of the bot's own bookkeeping in {@code g} to report (ticket numbers given twice). */
  default List<String> faults(TestGuild g) {
    return List.of();
  }

  /** What a final reply to the create says (group 1: the thread id). */
  Pattern createdReply();

  /** Stops the bot's process. */
  void stop();

  /**
   * The member's reading time before answering what the bot showed (a modal, a confirmation),
   * the same for both bots and outside every measured interval. A person never answers within
   * milliseconds, and nextcord registers a modal's or a view's handler only after Discord
   * answered its callback request: an instant click could reach the original before that.
   */
  static void think(java.time.Duration d) throws InterruptedException {
    if (!d.isZero()) {
      Thread.sleep(d.toMillis());
    }
  }

  /**
   * A create or close that did not complete for the member: an interaction left unanswered past
   * Discord's deadline ("This interaction failed"), refused, or no final reply. The benchmark
   * counts it and goes on.
   */
  final class Failed extends RuntimeException {
    Failed(String message) {
      super(message);
    }
  }

  /**
   * A ticket as the scenario went through it.
   *
   * @param creates the member's interactions until the final reply: the command, and the modal's
   *     submission when the bot asks for the reason in a modal
   * @param creatorId the member
   * @param threadId the ticket's thread
   */
  final class Ticket {
    final List<InteractionHandle> creates;
    final long creatorId;
    final long threadId;
    /** The close command (answered with the confirmation) and the confirmation's click. */
    InteractionHandle closeCommand;
    InteractionHandle confirm;

    Ticket(List<InteractionHandle> creates, long creatorId, long threadId) {
      this.creates = creates;
      this.creatorId = creatorId;
      this.threadId = threadId;
    }
  }
}
