package dev.tiramisu.discordemu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.faults.FaultPlan;
import dev.tiramisu.discordemu.ratelimit.RateLimitScope;
import dev.tiramisu.discordemu.conformance.RawDiscord;
import java.time.Duration;
import java.util.List;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Discord's rate limits as the emulator enforces them, and the real JDA client obeying them. */
class RateLimitConformanceTest {
  private static Emulator emu;
  private JDA jda;
  private TestGuild g;

  @BeforeAll
  static void start() {
    emu = Emulator.start();
  }

  @AfterAll
  static void stop() {
    emu.close();
  }

  @BeforeEach
  void guild() {
    emu.reset();
    g = emu.guild("Limits").textChannel("general").textChannel("other").member("alice").build();
    jda = JdaHarness.start(emu);
  }

  @AfterEach
  void shutdown() {
    JdaHarness.stop(jda);
    assertThat(emu.specViolations()).isEmpty();
  }

  private static RawDiscord raw() {
    return new RawDiscord(emu.restUrl(), emu.botToken());
  }

  @Test
  void everyResponseCarriesBucketHeadersThatJdaReads() {
    RawDiscord.Reply r = raw().send("GET", "/channels/" + g.channel("general"), null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-RateLimit-Limit")).isPresent();
    assertThat(r.headers().firstValue("X-RateLimit-Remaining")).isPresent();
    assertThat(r.headers().firstValue("X-RateLimit-Reset-After")).isPresent();
    assertThat(r.headers().firstValue("X-RateLimit-Bucket")).isPresent();
  }

  @Test
  void jdaSpacesMessagesToStayInsideTheChannelBucket() {
    TextChannel ch = jda.getTextChannelById(g.channel("general"));
    int mark = emu.requests().mark();
    List<java.util.concurrent.CompletableFuture<?>> sends = new java.util.ArrayList<>();
    for (int i = 0; i < 7; i++) {
      sends.add(ch.sendMessage("m" + i).submit());
    }
    sends.forEach(java.util.concurrent.CompletableFuture::join);
    List<RequestLog.Entry> posts = emu.requests().since(mark).stream()
        .filter(e -> e.route().equals("POST /channels/{channel_id}/messages")).toList();
    // JDA learned the 5-per-5-s bucket from the headers: every message was sent, a 429 may be retried, none lost
    assertThat(posts.stream().filter(e -> e.status() == 200)).hasSize(7);
    // Every message once; not their order: on a loaded machine JDA sent them out of order once in CI (m0, m1, m4,
    // m5, m6, m2, m3: the bucket learned while requests were in flight, or a 429 retried behind later ones), and
    // Discord promises no order across a bucket's refusals either.
    assertThat(g.messages("general")).extracting(m -> m.content()).containsExactlyInAnyOrder("m0", "m1", "m2",
        "m3", "m4", "m5", "m6");
  }

  @Test
  void a429StormIsObeyedAndTheRequestRetried() {
    emu.faults().replace(FaultPlan.builder()
        .onRequest("POST /channels/{channel_id}/messages").times(2)
        .rateLimited(Duration.ofMillis(300), RateLimitScope.USER)
        .build());
    int mark = emu.requests().mark();
    jda.getTextChannelById(g.channel("general")).sendMessage("after the storm").complete();
    List<Integer> statuses = emu.requests().since(mark).stream()
        .filter(e -> e.route().equals("POST /channels/{channel_id}/messages")).map(RequestLog.Entry::status).toList();
    assertThat(statuses).containsExactly(429, 429, 200);
    assertThat(g.messages("general")).singleElement().satisfies(m -> assertThat(m.content()).isEqualTo("after the storm"));
  }

  @Test
  void aChannelCanBeRenamedOnlyTwiceInTenMinutes() {
    RawDiscord http = raw();
    String path = "/channels/" + g.channel("other");
    assertThat(http.send("PATCH", path, "{\"name\":\"one\"}").status()).isEqualTo(200);
    assertThat(http.send("PATCH", path, "{\"name\":\"two\"}").status()).isEqualTo(200);
    RawDiscord.Reply third = http.send("PATCH", path, "{\"name\":\"three\"}");
    assertThat(third.status()).isEqualTo(429);
    assertThat(Double.parseDouble(third.headers().firstValue("Retry-After").orElseThrow())).isGreaterThan(60);
    assertThat(third.body().path("retry_after").asDouble()).isGreaterThan(60);
    // a PATCH that does not rename is not held back by the rename limit
    assertThat(http.send("PATCH", path, "{\"topic\":null}").status()).isEqualTo(200);
    assertThat(g.messages("other")).isEmpty();
  }
}
