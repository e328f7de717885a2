package dev.tiramisu.discordemu.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.EmulatorConfig;
import dev.tiramisu.discordemu.Permissions;
import dev.tiramisu.discordemu.RequestLog;
import dev.tiramisu.discordemu.driver.TestGuild;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The response sweep: from a plain HTTP client (no JDA), call every route the emulator serves with typical and edge
 * inputs (Discord's boolean query strings, paging, unicode emoji, components v1 and v2, embeds, allowed mentions,
 * replies, nonces, uploads, threads, pins, DMs, interaction callbacks of every kind with follow-ups and edits,
 * commands, and the 400 / 401 / 403 / 404 answers), with OpenAPI validation of requests and responses on, and
 * require that no response broke Discord's spec. The set of routes swept must equal the router's: a route added
 * to the emulator without a sweep fails this test.
 *
 * <p>The sweep's own requests are spec-valid except those sent through {@link SweepClient#invalid}, which must be
 * refused with 50035 naming the field, as Discord refuses them.
 */
class ResponseSweepTest {
  private static Emulator emu;
  private static SweepClient http;

  @BeforeAll
  static void start() {
    EmulatorConfig config = EmulatorConfig.defaults().withRateLimits(false);
    assertThat(config.openApiSpec()).as("the sweep needs ../shared/discord-api/openapi.json").isNotNull();
    emu = Emulator.start(config);
    emu.setBaseInteractionResponseDeadline(Duration.ofSeconds(60));
    http = new SweepClient(emu);
  }

  @AfterAll
  static void stop() {
    if (emu != null) {
      emu.close();
    }
  }

  @Test
  void everyServedRouteAnswersWithinTheSpec() {
    TestGuild g = emu.guild("Sweep")
        .role("Staff", Permissions.MANAGE_THREADS)
        .textChannel("tickets").textChannel("general").textChannel("hidden")
        .overwrite("hidden", "@bot", 0, Permissions.VIEW_CHANNEL)
        .owner("admin").member("mod", "Staff").member("alice").member("bob")
        .botPermissions(Permissions.TICKET_BOT | Permissions.MANAGE_ROLES | Permissions.MANAGE_CHANNELS
            | Permissions.CREATE_PUBLIC_THREADS)
        .build();
    TestGuild second = emu.guild("Sweep two").textChannel("general").owner("carol").build();
    TestGuild third = emu.guild("Sweep three").textChannel("general").owner("dave").build();
    TestGuild foreign = emu.guild("Not the bot's").textChannel("general").owner("erin").withoutBot().build();

    new UserAndGuildSweep(emu, http, g, List.of(g, second, third), foreign).run();
    new CommandSweep(emu, http, g).run();
    new MessageSweep(emu, http, g).run();
    new ThreadSweep(emu, http, g).run();
    new InteractionSweep(emu, http, g).run();

    List<String> violations = new ArrayList<>(http.taken);
    violations.addAll(emu.takeSpecViolations());
    assertThat(violations).as("spec violations of the sweep (responses, and requests not sent invalid on purpose)")
        .isEmpty();

    Set<String> served = new TreeSet<>(emu.rest().routes());
    Set<String> swept = new TreeSet<>();
    emu.requests().all().stream().map(RequestLog.Entry::route).forEach(swept::add);
    assertThat(swept).as("routes swept = routes served (a new route needs its sweep)").isEqualTo(served);
  }
}
