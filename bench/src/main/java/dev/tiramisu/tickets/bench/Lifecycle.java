package dev.tiramisu.tickets.bench;

import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import java.time.Duration;
import java.util.Map;

/**
 * One ticket's lifecycle as members do it through the emulator's driver: a member's {@code
 * /ticket create} until the link, then the moderator's {@code /ticket close} in the thread and
 * its confirmation button until "closed". Waits through a {@link ReplyWatcher}.
 */
final class Lifecycle {
  static final Duration TIMEOUT = Duration.ofSeconds(180);
  static final String CLOSE_BUTTON = Messages.english().format(MessageKey.BUTTON_CLOSE_CONFIRM);

  private Lifecycle() {}

  /** The create interaction, once its reply is the link to the ticket. */
  static InteractionHandle create(ReplyWatcher w, TestGuild g, String member, String reason)
      throws InterruptedException {
    InteractionHandle h = g.as(member).slash(g.channel("general"), "ticket create",
        Map.of("reason", reason));
    w.await(h, v -> TicketChecks.OPENED.matcher(v.text()).find(), TIMEOUT);
    return h;
  }

  /** The moderator closes the ticket of {@code create} and confirms; the two interactions. */
  static InteractionHandle[] close(ReplyWatcher w, TestGuild g, InteractionHandle create)
      throws InterruptedException {
    TicketChecks.Opened o = TicketChecks.opened(g, create);
    if (o == null) {
      throw new IllegalStateException("interaction " + create.id + " opened no ticket");
    }
    // the link may come a moment before the first message, whose ping adds the moderator
    g.awaitMessage(o.threadId(), TIMEOUT);
    InteractionHandle command = g.as("moderator").slash(o.threadId(), "ticket close");
    MessageView confirm = w.await(command, v -> v.buttonLabels().contains(CLOSE_BUTTON), TIMEOUT);
    InteractionHandle click = g.as("moderator").click(confirm.id(), CLOSE_BUTTON);
    w.await(click, v -> TicketChecks.CLOSED.matcher(v.text()).find(), TIMEOUT);
    return new InteractionHandle[] {command, click};
  }
}
