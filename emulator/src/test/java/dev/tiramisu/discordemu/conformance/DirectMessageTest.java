package dev.tiramisu.discordemu.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.concrete.PrivateChannel;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.ErrorResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DMs: opening a DM channel, sending, receiving a user's DM, and users with closed DMs (50007). */
class DirectMessageTest extends ConformanceTest {
  private TestGuild g;

  @BeforeEach
  void setUp() {
    g = emu.guild("DMs").textChannel("general").member("alice").memberWithClosedDms("carol").build();
  }

  @Test
  void openPrivateChannelAndSend() throws Exception {
    JDA jda = jda();
    int mark = emu.requests().mark();
    Message sent = jda.openPrivateChannelById(g.user("alice"))
        .flatMap(ch -> ch.sendMessage("Your ticket was closed")).complete();
    assertThat(sent.getChannelType()).isEqualTo(ChannelType.PRIVATE);
    List<MessageView> dms = g.dms("alice");
    assertThat(dms).singleElement().satisfies(m -> {
      assertThat(m.content()).isEqualTo("Your ticket was closed");
      assertThat(m.authorId()).isEqualTo(emu.botUserId());
    });
    assertThat(routesSince(mark)).containsExactly("POST /users/@me/channels", "POST /channels/{channel_id}/messages");
    assertThat(since(mark, "POST /users/@me/channels").get(0).body().path("recipient_id").asText())
        .isEqualTo(Long.toString(g.user("alice")));

    // opening again gives the same channel
    PrivateChannel again = jda.openPrivateChannelById(g.user("alice")).complete();
    assertThat(again.getIdLong()).isEqualTo(sent.getChannel().getIdLong());
  }

  @Test
  void closedDmsSurfaceAsCannotSendToUser() {
    JDA jda = jda();
    PrivateChannel ch = jda.openPrivateChannelById(g.user("carol")).complete();
    int mark = emu.requests().mark();
    assertThatThrownBy(() -> ch.sendMessage("hello?").complete())
        .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
          assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.CANNOT_SEND_TO_USER);
          assertThat(e.getErrorCode()).isEqualTo(50007);
        });
    assertThat(since(mark, "POST /channels/{channel_id}/messages")).singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(403));
    assertThat(g.dms("carol")).isEmpty();

    g.setDmsClosed("carol", false);
    ch.sendMessage("hello").complete();
    assertThat(g.dms("carol")).extracting(MessageView::content).containsExactly("hello");
  }

  @Test
  void aUsersDirectMessageReachesJdaWithContent() throws Exception {
    CompletableFuture<Message> received = new CompletableFuture<>();
    JDA jda = jda(new ListenerAdapter() {
      @Override
      public void onMessageReceived(MessageReceivedEvent event) {
        if (!event.isFromGuild()) {
          received.complete(event.getMessage());
        }
      }
    });
    PrivateChannel ch = jda.openPrivateChannelById(g.user("alice")).complete();
    g.as("alice").post(ch.getIdLong(), "I need help");
    Message m = received.get(10, TimeUnit.SECONDS);
    assertThat(m.getContentRaw()).isEqualTo("I need help");
    assertThat(m.getAuthor().getIdLong()).isEqualTo(g.user("alice"));
  }
}
