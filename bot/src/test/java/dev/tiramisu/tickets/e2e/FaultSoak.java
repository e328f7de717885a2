package dev.tiramisu.tickets.e2e;

import static dev.tiramisu.tickets.e2e.BotHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.faults.FaultPlan;
import dev.tiramisu.discordemu.ratelimit.RateLimitScope;
import dev.tiramisu.tickets.discord.EffectWorker;
import dev.tiramisu.tickets.effects.RetryPolicy;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.Ticket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The fault soak, shared by {@code FaultSoakE2ETest} (200 lifecycles in every build) and the
 * bench's {@code SoakBench} (2,000, with Discord's rate limits on). Full lifecycles (create, close) over several guilds while Discord misbehaves: about 10 % of
 * every request answered 5xx (half 500, which JDA does not retry itself, half 503), 429 storms,
 * and gateway connections dropped (RESUME), told to reconnect, or invalidated. Members act as
 * members do: an interaction that fails ("This interaction failed") is tried again. Then every
 * ticket must be in the end state of {@link LifecycleChecks}: complete once, never doubled,
 * numbered 1..N.
 */
public final class FaultSoak {
  private FaultSoak() {}

  static final int GUILDS = 8;
  /**
   * How long a member waits for the final answer once the interaction was acknowledged: the
   * Discord work behind it may be retried many times under the plan's faults and rate limits
   * (the interaction token lasts 15 minutes). A stuck answer fails with the ticket's effects.
   */
  static final Duration FINAL_ANSWER = Duration.ofSeconds(120);

  /** The fault plan of the soak, drawn from the emulator's seed. */
  static FaultPlan plan() {
    return FaultPlan.builder()
        .onRequest("*").probability(0.05).serverError(500)
        .onRequest("*").probability(0.05).serverError(503)
        .onRequest("/channels/*").probability(0.005).times(20)
            .rateLimited(Duration.ofMillis(300), RateLimitScope.USER)
        // Gateway faults on the events of the lifecycles, not on READY and the GUILD_CREATE burst:
        // JDA breaks (ClassCastException in its guild setup, then IDENTIFY rate limited and every
        // guild unavailable) when a session is invalidated in the middle of its own setup.
        .onGatewayDispatch("INTERACTION_CREATE").probability(0.01).drop()
        .onGatewayDispatch("INTERACTION_CREATE").probability(0.01).reconnect()
        .onGatewayDispatch("INTERACTION_CREATE").probability(0.005).invalidSession(false)
        .onGatewayDispatch("MESSAGE_CREATE").probability(0.004).drop()
        .onGatewayDispatch("MESSAGE_CREATE").probability(0.004).reconnect()
        .build();
  }

  static EffectWorker.Config fastRetries() {
    return new EffectWorker.Config(Duration.ofMillis(500), Duration.ofSeconds(15),
        new RetryPolicy(Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofMinutes(10)),
        true);
  }

  /**
   * Runs {@code lifecycles} lifecycles against a fresh emulator and bot (SQLite) and checks every
   * ticket's end state (throws an AssertionError naming what is wrong).
   *
   * @param discordRateLimits whether the emulator also enforces Discord's own rate limits
   */
  public static Result run(int lifecycles, boolean discordRateLimits) throws Exception {
    try (BotHarness h = new BotHarness(fastRetries(), discordRateLimits)) {
      return soak(h, lifecycles);
    }
  }

  /**
   * @param retriedInteractions interactions a member had to try again ("This interaction failed",
   *     or an error answer)
   * @param faults faults the emulator injected (HTTP and gateway)
   */
  public record Result(int lifecycles, int retriedInteractions, long faults, Duration took) {}

  /** Runs {@code lifecycles} lifecycles spread over {@link #GUILDS} guilds and checks them. */
  static Result soak(BotHarness h, int lifecycles) throws Exception {
    List<TestGuild> guilds = new ArrayList<>();
    for (int i = 0; i < GUILDS; i++) {
      TestGuild g = h.guild();
      h.enableTickets(g);
      guilds.add(g);
    }
    // Members act for up to 10 s before Discord gives up on an interaction: a loaded test
    // machine must not turn slowness into failures (the 3 s deadline has its own tests).
    h.emu.state().interactionResponseDeadlineMillis = 10_000;
    h.emu.faults().clearInjected();
    h.emu.faults().replace(plan());
    long started = System.nanoTime();
    ExecutorService drivers = Executors.newFixedThreadPool(GUILDS);
    List<Future<Integer>> retries = new ArrayList<>();
    try {
      for (int i = 0; i < GUILDS; i++) {
        TestGuild g = guilds.get(i);
        int count = lifecycles / GUILDS + (i < lifecycles % GUILDS ? 1 : 0);
        retries.add(drivers.submit(() -> drive(h, g, count)));
      }
      int retried = 0;
      for (Future<Integer> f : retries) {
        retried += f.get();
      }
      long faults = h.emu.faults().injected().stream().filter(s -> !s.startsWith("replace"))
          .count();
      h.emu.faults().replace(FaultPlan.none());
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      for (TestGuild g : guilds) {
        List<Ticket> tickets = tickets(h, g);
        for (Ticket t : tickets) {
          assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(60)))
              .as("effects of #%d settled", t.number()).isTrue();
        }
        LifecycleChecks.assertEndState(g, h.emu.botUserId(), tickets(h, g), true);
      }
      return new Result(lifecycles, retried, faults, took);
    } finally {
      drivers.shutdownNow();
    }
  }

  static List<Ticket> tickets(BotHarness h, TestGuild g) {
    List<Ticket> out = new ArrayList<>();
    for (int n = 1; ; n++) {
      Optional<Ticket> t = h.bot().core().database().tickets().findByNumber(g.id, n);
      if (t.isEmpty()) {
        return out;
      }
      out.add(t.get());
    }
  }

  /** One guild's lifecycles, one after another; returns how many interactions were retried. */
  private static int drive(BotHarness h, TestGuild g, int count) {
    int[] retried = {0};
    for (int i = 0; i < count; i++) {
      String member = i % 2 == 0 ? "alice" : "bob";
      String reason = "soak " + i;
      MessageView opened = untilAnswered(h, retried, () -> g.as(member).slash(g.channel("general"),
          "ticket create", Map.of("reason", reason)),
          // A create is saved before it is acknowledged (its reply is held for the link): when a
          // fault refuses that acknowledgement, the member's retry is told the ticket is open
          text -> text.contains("is open: <#") || text.contains("Please continue in <#"));
      long threadId = Long.parseLong(opened.text().replaceAll("(?s).*<#(\\d+)>.*", "$1"));
      h.awaitFirstMessage(g, threadId); // the moderator is pinged into the thread
      MessageView confirm = untilAnswered(h, retried,
          () -> g.as("moderator").slash(threadId, "ticket close"),
          text -> text.startsWith("Close ticket #"));
      untilAnswered(h, retried,
          () -> g.as("moderator").click(confirm.id(), text(MessageKey.BUTTON_CLOSE_CONFIRM)),
          text -> text.startsWith(text(MessageKey.TICKET_CLOSED_REPLY,
              Integer.parseInt(confirm.text().replaceAll("\\D*(\\d+).*", "$1"))))
              || text.contains("was already closed"));
    }
    return retried[0];
  }

  /**
   * Acts ({@code act}) until an interaction is acknowledged, then waits until its answer is final
   * ({@code isFinal}: an interim "still in progress" answer is edited later).
   */
  private static MessageView untilAnswered(BotHarness h, int[] retried,
      Supplier<InteractionHandle> act, java.util.function.Predicate<String> isFinal) {
    for (int attempt = 1; ; attempt++) {
      InteractionHandle handle = act.get();
      try {
        handle.awaitAck();
      } catch (AssertionError failed) {
        if (attempt >= 20) {
          throw failed;
        }
        retried[0]++;
        continue; // "This interaction failed": the member tries again
      }
      MessageView[] last = {null};
      try {
        h.emu.await("a final answer to interaction " + handle.id, FINAL_ANSWER, () -> {
          try {
            last[0] = handle.original();
            return last[0] != null && (isFinal.test(last[0].text())
                || isErrorAnswer(last[0].text()));
          } catch (AssertionError notYet) {
            return false;
          }
        });
      } catch (AssertionError slow) {
        throw new AssertionError(slow.getMessage() + "; the answer is: "
            + (last[0] == null ? "none" : last[0].text()) + "; pending effects: "
            + pendingEffects(h), slow);
      }
      if (isFinal.test(last[0].text())) {
        return last[0];
      }
      if (attempt >= 20) {
        throw new AssertionError("still an error after 20 attempts: " + last[0].text());
      }
      retried[0]++; // an error answer (Discord failed the bot's own request): try again
    }
  }

  /** The bot's answer to a failure of its own (e.g. Discord refused its request): try again. */
  private static boolean isErrorAnswer(String text) {
    String withRef = text(MessageKey.ERROR_INTERNAL_REF, "\u0000");
    return text.equals(text(MessageKey.ERROR_INTERNAL))
        || text.startsWith(withRef.substring(0, withRef.indexOf('\u0000')));
  }

  /** Every PENDING effect, for a failure message. */
  private static List<dev.tiramisu.tickets.effects.Effect> pendingEffects(BotHarness h) {
    var store = h.bot().core().effects();
    return store.ticketsDue(java.time.Instant.now().plus(Duration.ofDays(1)), 50).stream()
        .flatMap(t -> store.forTicket(t[0]).stream())
        .filter(dev.tiramisu.tickets.effects.Effect::isPending)
        .toList();
  }
}
