package dev.tiramisu.tickets.e2e;

import static dev.tiramisu.tickets.e2e.BotHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.transcript.StoredTranscript;
import dev.tiramisu.tickets.transcript.TranscriptHtmlChecks;
import java.time.Duration;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A bot without the Message Content intent (the default {@code MESSAGE_CONTENT_INTENT=false}, and
 * an application that does not have it approved: the emulator then withholds members' text on
 * REST reads, as Discord does): {@code /setting set transcript_channel} warns, and the transcript
 * made at close says plainly that members' text was not available, while the bot's own messages
 * are there.
 */
class TranscriptNoIntentE2ETest extends SingleBotE2ETest {
  @BeforeAll
  void withoutTheIntent() {
    h.emu.state().messageContentIntent = false;
  }

  @AfterAll
  void intentBack() {
    h.emu.state().messageContentIntent = true;
  }

  @Test
  void the_setting_warns_and_the_transcript_says_members_text_was_not_available() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    MessageView setting = g.as("admin").slash(g.channel("general"), "setting set",
        Map.of("name", "transcript_channel", "value", "<#" + g.channel("transcripts") + ">"))
        .awaitReply();
    assertThat(setting.text()).endsWith("\n" + text(MessageKey.SETTING_TRANSCRIPT_NO_INTENT));
    Ticket t = h.open(g, "alice", "printer");
    long secret = g.as("alice").post(t.threadId(), "my password is hunter2").id();

    MessageView confirm = g.as("moderator").slash(t.threadId(), "ticket close").awaitReply();
    g.as("moderator").click(confirm.id(), text(MessageKey.BUTTON_CLOSE_CONFIRM)).awaitReply();
    assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(60))).isTrue();

    StoredTranscript s = h.bot().core().database().transcripts().find(t.id()).orElseThrow();
    assertThat(s.contentAvailable()).isFalse();
    Document doc = TranscriptHtmlChecks.assertSafe(s.html());
    assertThat(doc.selectFirst("p.notice.intent").text())
        .isEqualTo(text(MessageKey.TRANSCRIPT_CONTENT_UNAVAILABLE));
    assertThat(doc.getElementById("m-" + secret).selectFirst(".unavailable").text())
        .isEqualTo(text(MessageKey.TRANSCRIPT_TEXT_UNAVAILABLE));
    assertThat(doc.text()).doesNotContain("hunter2");
    assertThat(doc.getElementById("m-" + t.firstMessageId()).selectFirst(".cv2").text())
        .as("the bot's own messages are readable").contains("@alice");
    assertThat(g.messages("transcripts")).singleElement().satisfies(log -> {
      assertThat(log.text()).endsWith("\n" + text(MessageKey.TRANSCRIPT_ATTACHED, 3) + " "
          + text(MessageKey.TRANSCRIPT_ATTACHED_NO_CONTENT));
      assertThat(log.attachmentNames()).containsExactly("transcript-1.html");
    });
  }
}
