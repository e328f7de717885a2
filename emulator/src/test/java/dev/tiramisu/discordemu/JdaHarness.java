package dev.tiramisu.discordemu;

import java.util.EnumSet;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;

/** Starts a real, unmodified JDA client pointed at an emulator. */
final class JdaHarness {
  private JdaHarness() {}

  static JDABuilder builder(Emulator emu, EnumSet<GatewayIntent> intents) {
    return JDABuilder.createLight(emu.botToken(), intents)
        .setRestConfig(new RestConfig().setBaseUrl(emu.restUrl()))
        .setSessionController(new SessionControllerAdapter() {
          @Override
          public String getGateway() {
            return emu.gatewayUrl();
          }
        })
        .setContextEnabled(true)
        // tags this client's log events: the conformance suite's JdaErrorLog ignores clients of other tests
        .setContextMap(new java.util.concurrent.ConcurrentHashMap<>(java.util.Map.of("emulator.test", "JdaHarness")));
  }

  /** Shuts a client down and waits until it has fully stopped, so it cannot log into the next test. */
  static void stop(JDA jda) {
    jda.shutdownNow();
    try {
      if (!jda.awaitShutdown(java.time.Duration.ofSeconds(60))) {
        throw new AssertionError("JDA did not shut down within 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JDA start(Emulator emu, Object... listeners) {
    try {
      JDA jda = builder(emu, EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.GUILD_MEMBERS))
          .addEventListeners(listeners)
          .build();
      jda.awaitReady();
      return jda;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
