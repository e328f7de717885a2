package dev.tiramisu.discordemu.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.EmulatorConfig;
import dev.tiramisu.discordemu.EmulatorState;
import dev.tiramisu.discordemu.RequestLog;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.ratelimit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code nonce} and {@code enforce_nonce} on {@code POST /channels/{id}/messages}: with enforce_nonce a repeat by the
 * same author in the same channel within the window returns the first message (200, same id, no second message, no
 * second MESSAGE_CREATE); without it a repeat is a new message; the nonce is echoed as sent; at most 25 characters.
 */
class MessageNonceTest extends ConformanceTest {
  private static final String ROUTE = "POST /channels/{channel_id}/messages";
  private TestGuild g;

  @BeforeEach
  void setUp() {
    g = emu.guild("Nonces").textChannel("tickets").textChannel("other").member("alice").build();
  }

  private String messagesPath(String channel) {
    return "/channels/" + g.channel(channel) + "/messages";
  }

  @Test
  void jdaRepeatingASendWithTheSameNonceGetsTheFirstMessageBack() {
    List<Message> received = new CopyOnWriteArrayList<>();
    JDA jda = jda(new ListenerAdapter() {
      @Override
      public void onMessageReceived(MessageReceivedEvent event) {
        received.add(event.getMessage());
      }
    });
    TextChannel ch = jda.getTextChannelById(g.channel("tickets"));
    int mark = emu.requests().mark();

    Message first = ch.sendMessage("Ticket #1 opened").setNonce("ticket-1-open").complete();
    Message again = ch.sendMessage("Ticket #1 opened").setNonce("ticket-1-open").complete();

    assertThat(again.getIdLong()).isEqualTo(first.getIdLong());
    assertThat(g.messages("tickets")).extracting(MessageView::id).containsExactly(first.getIdLong());
    List<RequestLog.Entry> posts = awaitRequests(ROUTE, 2);
    assertThat(since(mark, ROUTE)).hasSize(2).allSatisfy(e -> {
      assertThat(e.status()).isEqualTo(200);
      assertThat(e.body().path("nonce").asText()).isEqualTo("ticket-1-open");
      assertThat(e.body().path("enforce_nonce").asBoolean()).isTrue();
    });
    assertThat(posts).hasSize(2);

    // a later message's event arrives after any second MESSAGE_CREATE for the first would have
    Message marker = ch.sendMessage("marker").complete();
    emu.await("the marker's MESSAGE_CREATE", () -> received.stream().anyMatch(m -> m.getIdLong() == marker.getIdLong()));
    assertThat(received).extracting(Message::getIdLong).containsExactly(first.getIdLong(), marker.getIdLong());
  }

  @Test
  void jdasRandomNoncesKeepIdenticalSendsApart() {
    JDA jda = jda();
    TextChannel ch = jda.getTextChannelById(g.channel("tickets"));
    int mark = emu.requests().mark();
    Message a = ch.sendMessage("same text").complete();
    Message b = ch.sendMessage("same text").complete();
    assertThat(a.getIdLong()).isNotEqualTo(b.getIdLong());
    assertThat(g.messages("tickets")).hasSize(2);
    List<RequestLog.Entry> posts = since(mark, ROUTE);
    assertThat(posts).hasSize(2).allSatisfy(e -> assertThat(e.body().path("enforce_nonce").asBoolean()).isTrue());
    assertThat(posts.get(0).body().path("nonce").asText()).isNotEqualTo(posts.get(1).body().path("nonce").asText());
  }

  @Test
  void withoutEnforceNonceARepeatIsANewMessageAndTheNonceIsEchoed() {
    RawDiscord.Reply first = raw().send("POST", messagesPath("tickets"), Map.of("content", "hi", "nonce", "n-1"));
    RawDiscord.Reply second = raw().send("POST", messagesPath("tickets"),
        Map.of("content", "hi", "nonce", "n-1", "enforce_nonce", false));
    assertThat(first.status()).isEqualTo(200);
    assertThat(second.status()).isEqualTo(200);
    assertThat(first.body().path("nonce").asText()).isEqualTo("n-1");
    assertThat(second.body().path("nonce").asText()).isEqualTo("n-1");
    assertThat(second.body().path("id").asText()).isNotEqualTo(first.body().path("id").asText());
    assertThat(g.messages("tickets")).hasSize(2);

    // enforce_nonce now finds the earlier message created with that nonce by the same author
    RawDiscord.Reply third = raw().send("POST", messagesPath("tickets"),
        Map.of("content", "hi", "nonce", "n-1", "enforce_nonce", true));
    assertThat(third.status()).isEqualTo(200);
    assertThat(third.body().path("id").asText()).isEqualTo(first.body().path("id").asText());
    assertThat(third.body().path("nonce").asText()).isEqualTo("n-1");
    assertThat(g.messages("tickets")).hasSize(2);
  }

  @Test
  void anIntegerNonceIsEchoedAsAnIntegerAndOnlyInTheCreationResponse() {
    RawDiscord.Reply created = raw().send("POST", messagesPath("tickets"),
        Map.of("content", "hi", "nonce", 1234567890123L, "enforce_nonce", true));
    assertThat(created.status()).isEqualTo(200);
    assertThat(created.body().path("nonce").isIntegralNumber()).isTrue();
    assertThat(created.body().path("nonce").asLong()).isEqualTo(1234567890123L);

    RawDiscord.Reply fetched = raw().send("GET", messagesPath("tickets") + "/" + created.body().path("id").asText(),
        null);
    assertThat(fetched.status()).isEqualTo(200);
    assertThat(fetched.body().has("nonce")).isFalse();

    // the same nonce written as a string is the same nonce
    RawDiscord.Reply again = raw().send("POST", messagesPath("tickets"),
        Map.of("content", "hi", "nonce", "1234567890123", "enforce_nonce", true));
    assertThat(again.body().path("id").asText()).isEqualTo(created.body().path("id").asText());
  }

  @Test
  void aNonceIsPerChannelAndForgottenWhenItsMessageIsDeleted() {
    Map<String, Object> body = Map.of("content", "hi", "nonce", "n-2", "enforce_nonce", true);
    RawDiscord.Reply inTickets = raw().send("POST", messagesPath("tickets"), body);
    RawDiscord.Reply inOther = raw().send("POST", messagesPath("other"), body);
    assertThat(inOther.body().path("id").asText()).isNotEqualTo(inTickets.body().path("id").asText());
    assertThat(g.messages("other")).hasSize(1);

    String id = inTickets.body().path("id").asText();
    assertThat(raw().send("DELETE", messagesPath("tickets") + "/" + id, null).status()).isEqualTo(204);
    RawDiscord.Reply afterDelete = raw().send("POST", messagesPath("tickets"), body);
    assertThat(afterDelete.status()).isEqualTo(200);
    assertThat(afterDelete.body().path("id").asText()).isNotEqualTo(id);
    assertThat(g.messages("tickets")).extracting(m -> Long.toString(m.id()))
        .containsExactly(afterDelete.body().path("id").asText());
  }

  @Test
  void aDirectMessageRepeatedWithTheSameNonceIsSentOnce() {
    JDA jda = jda();
    var dm = jda.openPrivateChannelById(g.user("alice")).complete();
    Message first = dm.sendMessage("Your ticket was closed").setNonce("close-dm-7").complete();
    Message again = dm.sendMessage("Your ticket was closed").setNonce("close-dm-7").complete();
    assertThat(again.getIdLong()).isEqualTo(first.getIdLong());
    assertThat(g.dms("alice")).hasSize(1);
  }

  @Test
  void theWindowIsMeasuredOnTheNonceClock() {
    MutableClock clock = new MutableClock(1_700_000_000_000L);
    synchronized (emu.state()) {
      emu.state().nonceClock = clock;
    }
    assertThat(emu.state().nonceWindowMillis).isEqualTo(EmulatorState.DEFAULT_NONCE_WINDOW_MILLIS)
        .isEqualTo(Duration.ofMinutes(5).toMillis());
    Map<String, Object> body = Map.of("content", "hi", "nonce", "n-3", "enforce_nonce", true);
    String first = raw().send("POST", messagesPath("tickets"), body).body().path("id").asText();

    clock.advance(Duration.ofMinutes(5).minusMillis(1));
    assertThat(raw().send("POST", messagesPath("tickets"), body).body().path("id").asText()).isEqualTo(first);

    clock.advanceMillis(1);
    String later = raw().send("POST", messagesPath("tickets"), body).body().path("id").asText();
    assertThat(later).isNotEqualTo(first);
    assertThat(g.messages("tickets")).hasSize(2);

    // a shorter window set by a test
    synchronized (emu.state()) {
      emu.state().nonceWindowMillis = 1000;
    }
    clock.advanceMillis(1000);
    assertThat(raw().send("POST", messagesPath("tickets"), body).body().path("id").asText())
        .isNotEqualTo(later);
    assertThat(g.messages("tickets")).hasSize(3);
  }

  @Test
  void aNonceLongerThan25CharactersIsInvalidFormBody() {
    String nonce26 = "n".repeat(26);
    RawDiscord.Reply r = raw().send("POST", messagesPath("tickets"), Map.of("content", "hi", "nonce", nonce26));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.code()).isEqualTo(50035);
    assertThat(r.body().path("errors").has("nonce")).isTrue();
    assertThat(g.messages("tickets")).isEmpty();
    assertThat(emu.takeSpecViolations()).singleElement().asString().contains("/nonce");

    assertThat(raw().send("POST", messagesPath("tickets"), Map.of("content", "hi", "nonce", "n".repeat(25))).status())
        .isEqualTo(200);

    // JDA refuses such a nonce before sending it
    JDA jda = jda();
    TextChannel ch = jda.getTextChannelById(g.channel("tickets"));
    assertThatThrownBy(() -> ch.sendMessage("hi").setNonce(nonce26)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withoutSpecValidationTheEmulatorItselfRefusesALongNonce() {
    try (Emulator bare = Emulator.start(EmulatorConfig.defaults().withOpenApiSpec(null, true))) {
      TestGuild bg = bare.guild("Bare").textChannel("tickets").build();
      RawDiscord r = new RawDiscord(bare.restUrl(), bare.botToken());
      RawDiscord.Reply reply = r.send("POST", "/channels/" + bg.channel("tickets") + "/messages",
          Map.of("content", "hi", "nonce", "n".repeat(26)));
      assertThat(reply.status()).isEqualTo(400);
      assertThat(reply.code()).isEqualTo(50035);
      assertThat(reply.body().path("errors").path("nonce").path("_errors").get(0).path("code").asText())
          .isEqualTo("BASE_TYPE_MAX_LENGTH");
      assertThat(bg.messages("tickets")).isEmpty();
    }
  }
}
