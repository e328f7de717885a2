package dev.tiramisu.discordemu.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.EmulatorConfig;
import dev.tiramisu.discordemu.EmulatorState;
import dev.tiramisu.discordemu.Json;
import dev.tiramisu.discordemu.MessageContent;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.model.Channel;
import dev.tiramisu.discordemu.model.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.MessageHistory;
import net.dv8tion.jda.api.entities.channel.concrete.PrivateChannel;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.GatewayIntent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Message Content intent on REST reads: without the application's intent flag, {@code GET
 * /channels/{id}/messages}, {@code GET /channels/{id}/messages/{id}} and the pin listings return other users'
 * guild messages with empty {@code content}, {@code embeds}, {@code attachments} and {@code components} (no
 * {@code poll}), except the bot's own messages, messages mentioning the bot, replies to the bot and DMs; an
 * IDENTIFY asking for the intent without the flag is closed with 4014.
 */
class MessageContentRestTest extends ConformanceTest {
  private static final EnumSet<GatewayIntent> NO_CONTENT =
      EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.DIRECT_MESSAGES);

  private TestGuild g;

  /** Reads message by message: Discord's per-route limit would only slow the test down. */
  @Override
  protected EmulatorConfig config() {
    return super.config().withRateLimits(false);
  }

  @BeforeEach
  void setUp() {
    g = emu.guild("Content").textChannel("general").member("alice").build();
  }

  /** A message by {@code user} with an embed, a text display, an attachment and, if given, a reply reference. */
  private long richMessage(String user, long channelId, String content, Long replyTo) {
    EmulatorState s = emu.state();
    synchronized (s) {
      Channel c = s.channel(channelId);
      ArrayNode embeds = Json.array();
      embeds.addObject().put("title", "embed title").put("description", "embed text");
      ArrayNode components = Json.array();
      components.addObject().put("type", 10).put("content", "text display");
      Message m = s.postMessage(c, g.user(user), content, embeds, components, 0, null, null, null, msg -> {
        msg.attachments.add(new Message.Attachment(s.ids.next(), "notes.txt", "text/plain",
            "hello".getBytes(StandardCharsets.UTF_8), null));
        if (replyTo != null) {
          msg.type = 19;
          ObjectNode ref = Json.object();
          ref.put("type", 0);
          ref.put("message_id", Long.toString(replyTo));
          ref.put("channel_id", Long.toString(channelId));
          if (c.guildId != null) {
            ref.put("guild_id", Long.toString(c.guildId));
          }
          msg.messageReference = ref;
        }
      });
      return m.id;
    }
  }

  private JsonNode get(long channelId, long messageId) {
    RawDiscord.Reply r = raw().send("GET", "/channels/" + channelId + "/messages/" + messageId, null);
    assertThat(r.status()).isEqualTo(200);
    return r.body();
  }

  private static void assertBlank(JsonNode m) {
    assertThat(m.path("content").asText()).isEmpty();
    assertThat(m.path("embeds")).isEmpty();
    assertThat(m.path("attachments")).isEmpty();
    assertThat(m.path("components")).isEmpty();
    assertThat(m.has("poll")).isFalse();
  }

  private static void assertFull(JsonNode m, String content) {
    assertThat(m.path("content").asText()).isEqualTo(content);
    assertThat(m.path("embeds")).hasSize(1);
    assertThat(m.path("attachments")).hasSize(1);
    assertThat(m.path("components")).hasSize(1);
  }

  @Test
  void withoutTheIntentOtherUsersGuildMessagesAreBlankOnEveryRestRead() {
    emu.state().messageContentIntent = false;
    JDA jda = jda(NO_CONTENT, b -> { });
    long general = g.channel("general");
    long plain = richMessage("alice", general, "secret words", null);

    assertBlank(get(general, plain));
    JsonNode history = raw().send("GET", "/channels/" + general + "/messages?limit=10", null).body();
    assertThat(history).hasSize(1);
    assertBlank(history.get(0));
    TextChannel channel = jda.getTextChannelById(general);
    channel.pinMessageById(plain).complete();
    assertBlank(raw().send("GET", "/channels/" + general + "/messages/pins", null).body()
        .path("items").get(0).path("message"));
    assertBlank(raw().send("GET", "/channels/" + general + "/pins", null).body().get(0));
    // what JDA makes of it: an empty message
    net.dv8tion.jda.api.entities.Message read = channel.retrieveMessageById(plain).complete();
    assertThat(read.getContentRaw()).isEmpty();
    assertThat(read.getEmbeds()).isEmpty();
    assertThat(read.getAttachments()).isEmpty();
    assertThat(read.getComponents()).isEmpty();
    // the stored message is untouched: people still see it
    assertThat(g.message(plain).orElseThrow().content()).isEqualTo("secret words");
  }

  @Test
  void withoutTheIntentTheDocumentedExceptionsKeepTheirContent() {
    emu.state().messageContentIntent = false;
    JDA jda = jda(NO_CONTENT, b -> { });
    long general = g.channel("general");
    TextChannel channel = jda.getTextChannelById(general);
    long own = channel.sendMessage("the bot's words").complete().getIdLong();
    long mention = richMessage("alice", general, "<@" + emu.botUserId() + "> help", null);
    long replyToBot = richMessage("alice", general, "answering the bot", own);
    long other = richMessage("alice", general, "not for the bot", null);
    long replyToOther = richMessage("alice", general, "answering alice", other);
    PrivateChannel dm = jda.openPrivateChannelById(g.user("alice")).complete();
    long direct = richMessage("alice", dm.getIdLong(), "a direct message", null);

    assertThat(get(general, own).path("content").asText()).isEqualTo("the bot's words");
    assertFull(get(general, mention), "<@" + emu.botUserId() + "> help");
    assertFull(get(general, replyToBot), "answering the bot");
    assertFull(get(dm.getIdLong(), direct), "a direct message");
    assertBlank(get(general, replyToOther));
    // a reply quotes the message it answers: that one follows the same rules
    assertBlank(get(general, replyToOther).path("referenced_message"));
    assertThat(get(general, replyToBot).path("referenced_message").path("content").asText())
        .isEqualTo("the bot's words");

    // JDA paging through the history sees exactly that
    List<net.dv8tion.jda.api.entities.Message> all =
        MessageHistory.getHistoryAfter(channel, "0").limit(100).complete().getRetrievedHistory();
    Map<Long, String> contents = new ConcurrentHashMap<>();
    all.forEach(m -> contents.put(m.getIdLong(), m.getContentRaw()));
    assertThat(contents).containsEntry(own, "the bot's words").containsEntry(replyToBot, "answering the bot")
        .containsEntry(other, "").containsEntry(replyToOther, "");
  }

  @Test
  void withTheIntentFlagRestReadsCarryEverythingEvenWhenTheGatewaySessionDidNotAskForIt() {
    assertThat(emu.state().messageContentIntent).as("the default").isTrue();
    jda(NO_CONTENT, b -> { });
    long general = g.channel("general");
    long plain = richMessage("alice", general, "visible words", null);
    assertFull(get(general, plain), "visible words");
    JsonNode app = raw().send("GET", "/applications/@me", null).body();
    assertThat(app.path("flags").asInt() & MessageContent.APPLICATION_FLAG).isNotZero();
  }

  @Test
  void theGatewayExemptsRepliesToTheBotToo() {
    Map<Long, String> received = new ConcurrentHashMap<>();
    JDA jda = jda(NO_CONTENT, b -> { }, new ListenerAdapter() {
      @Override
      public void onMessageReceived(MessageReceivedEvent e) {
        received.put(e.getMessageIdLong(), e.getMessage().getContentRaw());
      }
    });
    long general = g.channel("general");
    long own = jda.getTextChannelById(general).sendMessage("question").complete().getIdLong();
    long reply = richMessage("alice", general, "an answer", own);
    long plain = richMessage("alice", general, "chatter", null);
    emu.await("both messages received", () -> received.containsKey(reply) && received.containsKey(plain));
    assertThat(received.get(reply)).isEqualTo("an answer");
    assertThat(received.get(plain)).isEmpty();
  }

  @Test
  void identifyingWithTheIntentWithoutTheFlagIsClosedWith4014() throws InterruptedException {
    emu.state().messageContentIntent = false;
    assertThat(raw().send("GET", "/applications/@me", null).body().path("flags").asInt()
        & MessageContent.APPLICATION_FLAG).isZero();
    expectJdaError("(?s).*(4014|DISALLOWED_INTENTS|[Dd]isallowed intent).*");
    JDA jda = builder(EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.MESSAGE_CONTENT)).build();
    track(jda);
    emu.await("JDA shut down by close code 4014", () -> jda.getStatus() == JDA.Status.SHUTDOWN);
    assertThat(jda.awaitShutdown(Duration.ofSeconds(30))).isTrue();
    assertThat(emu.gateway().identifyCount()).isZero();
  }
}
