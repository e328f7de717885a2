package dev.tiramisu.discordemu.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.driver.TestGuild;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.PrivateChannel;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.GatewayIntent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Intents: MESSAGE_CONTENT blanks other users' guild message content; missing intents drop events entirely. */
class IntentsTest extends ConformanceTest {
  private TestGuild g;
  private Map<String, Message> byMarker;

  private final ListenerAdapter recorder = new ListenerAdapter() {
    @Override
    public void onMessageReceived(MessageReceivedEvent e) {
      byMarker.put(e.getAuthor().getName() + "#" + e.getMessageId(), e.getMessage());
    }
  };

  @BeforeEach
  void setUp() {
    byMarker = new ConcurrentHashMap<>();
    g = emu.guild("Intents").textChannel("general").member("alice").build();
  }

  private Message awaitMessage(long messageId) {
    emu.await("JDA receives message " + messageId,
        () -> byMarker.keySet().stream().anyMatch(k -> k.endsWith("#" + messageId)));
    return byMarker.entrySet().stream().filter(e -> e.getKey().endsWith("#" + messageId)).findFirst()
        .orElseThrow().getValue();
  }

  @Test
  void withoutMessageContentGuildMessagesOfUsersArriveBlank() {
    JDA jda = jda(EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.DIRECT_MESSAGES), b -> { }, recorder);
    long plain = g.as("alice").post(g.channel("general"), "secret content").id();
    long mention = g.as("alice").post(g.channel("general"), "<@" + emu.botUserId() + "> help").id();
    Message own = jda.getTextChannelById(g.channel("general")).sendMessage("bot's own words").complete();
    PrivateChannel dm = jda.openPrivateChannelById(g.user("alice")).complete();
    long direct = g.as("alice").post(dm.getIdLong(), "dm content").id();

    assertThat(awaitMessage(plain).getContentRaw()).isEmpty();
    assertThat(awaitMessage(mention).getContentRaw()).isEqualTo("<@" + emu.botUserId() + "> help");
    assertThat(awaitMessage(own.getIdLong()).getContentRaw()).isEqualTo("bot's own words");
    assertThat(awaitMessage(direct).getContentRaw()).isEqualTo("dm content");
    // only the gateway payload was blanked: the stored message keeps its content
    assertThat(g.messages("general").get(0).content()).isEqualTo("secret content");
  }

  @Test
  void withMessageContentTheContentArrives() {
    jda(EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.MESSAGE_CONTENT), b -> { }, recorder);
    long plain = g.as("alice").post(g.channel("general"), "visible content").id();
    assertThat(awaitMessage(plain).getContentRaw()).isEqualTo("visible content");
  }

  @Test
  void withoutGuildMessagesNoGuildMessageEventsArriveButDmsDo() {
    JDA jda = jda(EnumSet.of(GatewayIntent.DIRECT_MESSAGES), b -> { }, recorder);
    long inGuild = g.as("alice").post(g.channel("general"), "not for you").id();
    PrivateChannel dm = jda.openPrivateChannelById(g.user("alice")).complete();
    long direct = g.as("alice").post(dm.getIdLong(), "for you").id();
    awaitMessage(direct);
    // events of one session arrive in order, so once the later DM is here the earlier guild message would be too
    assertThat(byMarker.keySet()).noneMatch(k -> k.endsWith("#" + inGuild));
  }
}
