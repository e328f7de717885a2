package dev.tiramisu.tickets.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.faults.FaultPlan;
import dev.tiramisu.tickets.effects.Effect;
import dev.tiramisu.tickets.effects.EffectKind;
import dev.tiramisu.tickets.effects.EffectState;
import dev.tiramisu.tickets.ticket.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.internal.JDAImpl;
import net.dv8tion.jda.internal.entities.GuildImpl;
import net.dv8tion.jda.internal.entities.channel.concrete.ThreadChannelImpl;
import net.dv8tion.jda.internal.utils.UnlockHook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * JDA puts a thread announced by the gateway (THREAD_CREATE) into its cache before it sets the
 * thread's parent, and that copy can replace the one the bot's own create request built: a race
 * between the gateway's thread and the REST callback, which once failed a first message with a
 * NullPointerException (a test then waited 15 s for a link). The effects look such a half-built
 * thread up in Discord's list, which finishes building it, instead of failing the attempt. The
 * test puts a half-built copy in the cache between an attempt refused by Discord and its retry,
 * which waits for the test's clock.
 */
class HalfBuiltThreadE2ETest extends ClockedBotTest {
  private static final String MESSAGES = "POST /channels/{channel.id}/messages";

  HalfBuiltThreadE2ETest() {
    super(Instant.now());
  }

  @AfterEach
  void noFaults() {
    h.emu.faults().replace(FaultPlan.none());
  }

  @Test
  void a_thread_jda_is_still_building_is_looked_up_instead_of_failing_the_first_message() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    h.emu.faults().replace(FaultPlan.builder().onRequest(MESSAGES).times(1).serverError(500)
        .build());
    InteractionHandle create = g.as("alice").slash(g.channel("general"), "ticket create",
        Map.of("reason", "half built"));
    create.awaitAck();
    h.emu.await("the first message refused once", Duration.ofSeconds(30),
        () -> firstMessage(g).filter(e -> e.attempts() == 1 && e.isPending()
            && e.outcome() != null && e.outcome().contains("HTTP 500")).isPresent());
    Ticket t = h.bot().core().database().tickets().findByNumber(g.id, 1).orElseThrow();

    Guild guild = h.bot().shards().getGuildById(g.id);
    ThreadChannelImpl half = halfBuiltInCache(guild, t.threadId());
    assertThat(guild.getThreadChannelById(t.threadId())).isSameAs(half);
    assertThatThrownBy(half::getParentChannel).as("JDA's half-built thread")
        .isInstanceOf(NullPointerException.class);

    clock.advance(Duration.ofMinutes(1)); // the retry is due
    assertThat(create.awaitReply().text()).contains("is open");
    assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(30))).isTrue();
    Effect first = firstMessage(g).orElseThrow();
    assertThat(first.state()).isEqualTo(EffectState.DONE);
    assertThat(first.attempts()).as("the retry did not fail on the half-built thread")
        .isEqualTo(2);
    assertThat(half.getParentChannel().getIdLong()).as("finished by the lookup")
        .isEqualTo(g.channel("tickets"));
  }

  private Optional<Effect> firstMessage(TestGuild g) {
    return h.bot().core().database().tickets().findByNumber(g.id, 1)
        .flatMap(t -> h.bot().core().database().effects().forTicket(t.id()).stream()
            .filter(e -> e.kind() == EffectKind.FIRST_MESSAGE).findFirst());
  }

  /** What JDA's entity builder leaves in the cache before it sets a thread's parent. */
  private static ThreadChannelImpl halfBuiltInCache(Guild guild, long threadId) {
    GuildImpl impl = (GuildImpl) guild;
    JDAImpl jda = (JDAImpl) guild.getJDA();
    ThreadChannelImpl half = new ThreadChannelImpl(threadId, impl, ChannelType.GUILD_PRIVATE_THREAD);
    try (UnlockHook a = impl.getChannelView().writeLock();
        UnlockHook b = jda.getChannelsView().writeLock()) {
      impl.getChannelView().put(half);
      jda.getChannelsView().put(half);
    }
    return half;
  }
}
