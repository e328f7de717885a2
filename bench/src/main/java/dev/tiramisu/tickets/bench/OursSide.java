package dev.tiramisu.tickets.bench;

import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Our bot in {@link SideBySideBench}: the production jar in its own JVM ({@link ForkedStack}),
 * {@code /ticket create reason:…}, the moderator's {@code /ticket close} and its Close button
 * (as {@link Lifecycle}, with the reading time before the click), checked by {@link TicketChecks}.
 */
final class OursSide implements SideBot {
  private final ForkedStack stack;
  private final java.time.Duration think;

  OursSide(ForkedStack stack, java.time.Duration think) {
    this.stack = stack;
    this.think = think;
  }

  @Override
  public String name() {
    return "ours";
  }

  @Override
  public Emulator emu() {
    return stack.emu;
  }

  @Override
  public TestGuild guild(int members) {
    return stack.guild(members);
  }

  @Override
  public Ticket create(ReplyWatcher w, TestGuild g, String member, String reason)
      throws InterruptedException {
    InteractionHandle h = Lifecycle.create(w, g, member, reason);
    TicketChecks.Opened o = TicketChecks.opened(g, h);
    return new Ticket(List.of(h), o.creatorId(), o.threadId());
  }

  @Override
  public void close(ReplyWatcher w, TestGuild g, Ticket t) throws InterruptedException {
    t.closeCommand = g.as("moderator").slash(t.threadId, "ticket close");
    MessageView confirm = w.await(t.closeCommand,
        v -> v.buttonLabels().contains(Lifecycle.CLOSE_BUTTON), Lifecycle.TIMEOUT);
    SideBot.think(think);
    t.confirm = g.as("moderator").click(confirm.id(), Lifecycle.CLOSE_BUTTON);
    w.await(t.confirm, v -> TicketChecks.CLOSED.matcher(v.text()).find(), Lifecycle.TIMEOUT);
  }

  @Override
  public void awaitComplete(TestGuild g, List<Ticket> tickets, boolean closed) {
    TicketChecks.awaitComplete(stack.emu,
        Map.of(g, tickets.stream().map(t -> t.creates.get(0)).toList()), closed);
  }

  @Override
  public Pattern createdReply() {
    return TicketChecks.OPENED;
  }

  @Override
  public void stop() {
    stack.bot.close();
  }
}
