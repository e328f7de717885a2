package dev.tiramisu.tickets.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.EmulatorState;
import dev.tiramisu.discordemu.Json;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.model.Channel;
import dev.tiramisu.tickets.discord.TranscriptReader;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.transcript.HostileCorpus;
import dev.tiramisu.tickets.transcript.TestLabels;
import dev.tiramisu.tickets.transcript.Transcript;
import dev.tiramisu.tickets.transcript.TranscriptBrowser;
import dev.tiramisu.tickets.transcript.TranscriptBrowserTest;
import dev.tiramisu.tickets.transcript.TranscriptHtmlChecks;
import dev.tiramisu.tickets.transcript.TranscriptMessage;
import dev.tiramisu.tickets.transcript.TranscriptRenderer;
import dev.tiramisu.tickets.transcript.TranscriptUser;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.textdisplay.TextDisplay;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.utils.FileUpload;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Transcripts of real tickets: members, staff and the bot write in a ticket's thread through the emulator (the
 * hostile corpus among them), {@link TranscriptReader} pages through the thread with the bot's JDA, and the
 * rendered file is parsed and opened in headless Chromium. Without the Message Content intent, Discord (the
 * emulator) withholds members' text on the read and the transcript says so.
 */
class TranscriptE2ETest extends SingleBotE2ETest {

  private ThreadChannel thread(long id) {
    h.awaitBot("the bot caches thread " + id, () -> h.bot().shards().getThreadChannelById(id) != null);
    return h.bot().shards().getThreadChannelById(id);
  }

  /** A reply by {@code user} (the driver posts plain messages; this adds the reference Discord's client sends). */
  private long reply(TestGuild g, String user, long threadId, long to, String content) {
    EmulatorState s = h.emu.state();
    synchronized (s) {
      Channel c = s.channel(threadId);
      return s.postMessage(c, g.user(user), content, null, null, 0, null, null, null, m -> {
        m.type = 19;
        ObjectNode ref = Json.object();
        ref.put("type", 0);
        ref.put("message_id", Long.toString(to));
        ref.put("channel_id", Long.toString(threadId));
        ref.put("guild_id", Long.toString(c.guildId));
        m.messageReference = ref;
      }).id;
    }
  }

  @Test
  void aTicketWithMembersStaffTheBotAndTheHostileCorpus() throws Exception {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket ticket = h.open(g, "alice", "printer on fire");
    long threadId = ticket.threadId();
    List<Long> corpus = new ArrayList<>();
    for (String text : HostileCorpus.MESSAGES) {
      String shown = text.length() > 2000 ? text.substring(0, 2000) : text; // Discord's content limit
      corpus.add(g.as("alice").post(threadId, shown).id());
    }
    long staffReply = reply(g, "moderator", threadId, corpus.get(0), "Staff here <@" + g.user("alice") + ">");
    ThreadChannel thread = thread(threadId);
    Message embed = thread.sendMessageEmbeds(new EmbedBuilder().setTitle("Diagnostics", "https://example.com/d")
        .setDescription("**all** good").addField("Printer", "on fire", true).setColor(new Color(0xed4245))
        .setFooter("step 1").build()).complete();
    thread.sendFiles(FileUpload.fromData("log line".getBytes(StandardCharsets.UTF_8), "printer.log")).complete();
    thread.sendMessageComponents(TextDisplay.of("## Components V2\nstill **readable**")).useComponentsV2()
        .complete();
    thread.editMessageById(embed.getId(), "Diagnostics attached").complete();

    Transcript t = TranscriptReader.read(thread, ticket.number(), new TranscriptUser(Long.toString(
        g.user("alice")), "alice", false), ticket.createdAt(), null, true);
    // every message of the thread, oldest first, as the bot read them
    List<Long> ids = t.messages().stream().map(m -> Long.parseLong(m.id())).toList();
    assertThat(ids).isSorted().doesNotHaveDuplicates().hasSize(g.messages(threadId).size());
    assertThat(h.emu.requests().route("GET /channels/{channel_id}/messages")).isNotEmpty();
    TranscriptMessage first = t.messages().get(0);
    assertThat(first.author().bot()).isTrue();
    assertThat(first.mentions().users()).containsValue("alice");
    assertThat(first.mentions().roles()).containsValue("Staff");

    String html = new TranscriptRenderer(TestLabels.ENGLISH).render(t);
    Document doc = TranscriptHtmlChecks.assertSafe(html);
    // the first message is a Components V2 card: its text is in text displays
    assertThat(doc.selectFirst("article.msg .cv2").text()).contains("@alice").contains("@Staff");
    for (int i = 0; i < corpus.size(); i++) {
      Element e = doc.getElementById("m-" + corpus.get(i));
      assertThat(e).as("corpus message %s", i).isNotNull();
      assertThat(e.selectFirst(".author").text()).isEqualTo("alice");
    }
    assertThat(doc.getElementById("m-" + corpus.get(0)).selectFirst(".content").text())
        .isEqualTo(HostileCorpus.MESSAGES.get(0));
    Element staff = doc.getElementById("m-" + staffReply);
    assertThat(staff.selectFirst(".author").text()).isEqualTo("moderator");
    assertThat(staff.selectFirst(".reply").text()).startsWith("\u21b3 Replying to alice: <script>");
    assertThat(staff.selectFirst(".content").text()).isEqualTo("Staff here @alice");
    Element edited = doc.getElementById("m-" + embed.getId());
    assertThat(edited.selectFirst(".edited")).isNotNull();
    assertThat(edited.selectFirst(".content").text()).isEqualTo("Diagnostics attached");
    assertThat(edited.selectFirst(".embed-title a").attr("href")).isEqualTo("https://example.com/d");
    assertThat(edited.selectFirst(".field").text()).isEqualTo("Printer on fire");
    assertThat(doc.select(".attachments a")).singleElement().satisfies(a -> {
      assertThat(a.text()).isEqualTo("printer.log");
      assertThat(a.attr("href")).startsWith("https://").endsWith("/printer.log");
    });
    assertThat(doc.selectFirst(".cv2 h4").text()).isEqualTo("Components V2");

    try (TranscriptBrowser browser = TranscriptBrowser.start()) {
      TranscriptBrowserTest.assertInertAndIntact(browser, "transcript-e2e", html, t);
    }
  }

  @Test
  void withoutTheMessageContentIntentMembersTextIsWithheldAndTheTranscriptSaysSo() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket ticket = h.open(g, "alice", "no intent");
    long threadId = ticket.threadId();
    h.emu.state().messageContentIntent = false;
    try {
      long secret = g.as("alice").post(threadId, "my password is hunter2").id();
      long mention = g.as("alice").post(threadId, "<@" + h.emu.botUserId() + "> are you there?").id();
      ThreadChannel thread = thread(threadId);
      Message own = thread.sendMessage("the bot's own words").complete();
      Transcript t = TranscriptReader.read(thread, ticket.number(), null, ticket.createdAt(), null, false);
      Document doc = TranscriptHtmlChecks.assertSafe(new TranscriptRenderer(TestLabels.ENGLISH).render(t));
      assertThat(doc.selectFirst("p.notice.intent").text()).isEqualTo(TestLabels.ENGLISH.contentUnavailable());
      assertThat(doc.getElementById("m-" + secret).selectFirst(".unavailable").text())
          .isEqualTo(TestLabels.ENGLISH.textUnavailable());
      assertThat(doc.text()).doesNotContain("hunter2");
      assertThat(doc.getElementById("m-" + mention).selectFirst(".content").text()).endsWith("are you there?");
      assertThat(doc.getElementById("m-" + own.getId()).selectFirst(".content").text())
          .isEqualTo("the bot's own words");
      // the ticket's first message is the bot's: untouched
      assertThat(doc.selectFirst("article.msg .cv2").text()).contains("@alice");
    } finally {
      h.emu.state().messageContentIntent = true;
    }
  }
}
