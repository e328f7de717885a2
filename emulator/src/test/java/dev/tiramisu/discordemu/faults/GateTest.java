package dev.tiramisu.discordemu.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.conformance.RawDiscord;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Request gates: a request held at the emulator until released, processed after its client went away, without
 * blocking other requests; released on reset and close.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GateTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private Emulator emu;
  private RawDiscord raw;
  private TestGuild g;
  private final List<Socket> sockets = new ArrayList<>();

  @BeforeAll
  void start() {
    emu = Emulator.start();
    raw = new RawDiscord(emu.restUrl(), emu.botToken());
  }

  @AfterAll
  void stop() {
    emu.close();
  }

  @BeforeEach
  void setUp() {
    emu.reset();
    g = emu.guild("Gates").textChannel("tickets").textChannel("other").build();
  }

  @AfterEach
  void closeSockets() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    sockets.clear();
    assertThat(emu.specViolations()).isEmpty();
  }

  /** Sends a complete POST over a socket of its own and leaves the connection open (the test closes it). */
  private Socket postOverSocket(String path, String json) throws IOException {
    URI base = URI.create(emu.restUrl());
    Socket s = new Socket(base.getHost(), base.getPort());
    sockets.add(s);
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    String head = "POST " + base.getPath() + path.substring(1) + " HTTP/1.1\r\n"
        + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
        + "Authorization: Bot " + emu.botToken() + "\r\n"
        + "Content-Type: application/json\r\n"
        + "Content-Length: " + body.length + "\r\n"
        + "Connection: close\r\n\r\n";
    OutputStream out = s.getOutputStream();
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    return s;
  }

  private String messagesPath(String channel) {
    return "/channels/" + g.channel(channel) + "/messages";
  }

  @Test
  void aHeldRequestIsProcessedAfterItsClientIsGoneWhileOtherRequestsAreServed() throws IOException {
    Gate gate = emu.faults().gate("POST /channels/{channel.id}/messages");
    Socket client = postOverSocket(messagesPath("tickets"), "{\"content\":\"sent just before the crash\"}");

    assertThat(gate.awaitArrived(WAIT)).isEqualTo("POST " + messagesPath("tickets"));
    assertThat(gate.hasArrived()).isTrue();
    assertThat(g.messages("tickets")).as("nothing of a held request has happened").isEmpty();
    assertThat(emu.requests().route("POST /channels/{channel_id}/messages")).isEmpty();

    // other requests, also to the gated route (the gate holds one request), go on being served
    assertThat(raw.send("GET", "/users/@me", null).status()).isEqualTo(200);
    RawDiscord.Reply other = raw.send("POST", messagesPath("other"), Map.of("content", "meanwhile"));
    assertThat(other.status()).isEqualTo(200);
    assertThat(g.messages("other")).extracting(MessageView::content).containsExactly("meanwhile");
    emu.requests().mark(); // does not wait for the held request

    // the client dies (as a SIGKILLed bot would): connection reset, no response read
    client.setSoLinger(true, 0);
    client.close();

    gate.release();
    gate.awaitProcessed(WAIT);
    assertThat(gate.isProcessed()).isTrue();
    assertThat(g.messages("tickets")).extracting(MessageView::content).containsExactly("sent just before the crash");
    assertThat(emu.requests().route("POST /channels/{channel_id}/messages"))
        .extracting(e -> e.path() + " " + e.status())
        .containsExactly(messagesPath("other") + " 200", messagesPath("tickets") + " 200");

    // spent: later requests pass
    assertThat(raw.send("POST", messagesPath("tickets"), Map.of("content", "after")).status()).isEqualTo(200);
    assertThat(g.messages("tickets")).hasSize(2);
  }

  @Test
  void theNthMatchingRequestIsHeldAndPlaceholderNamesDoNotMatter() throws Exception {
    Gate gate = emu.faults().gate("POST /channels/{channel_id}/messages", 2);
    assertThat(raw.send("POST", messagesPath("tickets"), Map.of("content", "first")).status()).isEqualTo(200);
    assertThat(gate.hasArrived()).isFalse();

    CompletableFuture<RawDiscord.Reply> second = CompletableFuture.supplyAsync(
        () -> raw.send("POST", messagesPath("tickets"), Map.of("content", "second")));
    gate.awaitArrived(WAIT);
    assertThat(second).isNotDone();
    assertThat(g.messages("tickets")).extracting(MessageView::content).containsExactly("first");

    gate.release();
    assertThat(second.get().status()).isEqualTo(200); // a client still there gets its answer
    gate.awaitProcessed(WAIT);
    assertThat(g.messages("tickets")).extracting(MessageView::content).containsExactly("first", "second");
  }

  @Test
  void aGateReleasedBeforeItsRequestArrivesLetsItThrough() {
    Gate gate = emu.faults().gate("POST /channels/{channel.id}/messages");
    gate.release();
    assertThat(raw.send("POST", messagesPath("tickets"), Map.of("content", "not held")).status()).isEqualTo(200);
    gate.awaitProcessed(WAIT);
    assertThat(gate.awaitArrived(WAIT)).isEqualTo("POST " + messagesPath("tickets"));

    Gate never = emu.faults().gate("POST /channels/{channel.id}/threads");
    emu.reset();
    assertThatThrownBy(() -> never.awaitArrived(WAIT)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("closed (emulator reset or closed) before its request arrived");
  }

  @Test
  void awaitArrivedFailsClearlyWhenNothingCame() {
    Gate gate = emu.faults().gate("POST /channels/{channel.id}/threads");
    assertThat(raw.send("POST", messagesPath("tickets"), Map.of("content", "not a thread")).status())
        .isEqualTo(200);
    assertThatThrownBy(() -> gate.awaitArrived(Duration.ZERO)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("timed out")
        .hasMessageContaining("POST /channels/{channel.id}/threads")
        .hasMessageContaining("0 matching request(s) came");
    assertThatThrownBy(() -> gate.awaitProcessed(Duration.ZERO)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("it has not arrived");
    assertThatThrownBy(() -> emu.faults().gate("POST /channels/{channel.id}/threads", 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void resetAndCloseReleaseHeldRequests() throws IOException {
    Gate gate = emu.faults().gate("POST /channels/{channel.id}/messages");
    postOverSocket(messagesPath("tickets"), "{\"content\":\"held across a reset\"}");
    gate.awaitArrived(WAIT);
    emu.reset(); // releases the gate; the request is then processed against the reset state
    gate.awaitProcessed(WAIT);
    assertThat(emu.requests().route("POST /channels/{channel_id}/messages")).singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(404)); // its channel is gone

    try (Emulator other = Emulator.start()) {
      TestGuild og = other.guild("Closing").textChannel("tickets").build();
      Gate held = other.faults().gate("POST /channels/{channel.id}/messages");
      CompletableFuture<Integer> client = CompletableFuture.supplyAsync(() -> {
        try {
          return new RawDiscord(other.restUrl(), other.botToken())
              .send("POST", "/channels/" + og.channel("tickets") + "/messages", Map.of("content", "x")).status();
        } catch (RuntimeException e) {
          return -1; // the server stopped under it
        }
      });
      held.awaitArrived(WAIT);
      other.close(); // does not hang on the held request
      held.awaitProcessed(WAIT);
      assertThat(og.messages("tickets")).extracting(MessageView::content).containsExactly("x");
      assertThat(client.join()).isIn(200, -1);
    }
  }
}
