package dev.tiramisu.tickets.e2e;

import static dev.tiramisu.tickets.e2e.BotHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.EmulatorState;
import dev.tiramisu.discordemu.Json;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.model.Channel;
import dev.tiramisu.discordemu.model.Message;
import dev.tiramisu.tickets.effects.Effect;
import dev.tiramisu.tickets.effects.EffectKind;
import dev.tiramisu.tickets.effects.EffectState;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.transcript.StoredTranscript;
import dev.tiramisu.tickets.transcript.TranscriptHtmlChecks;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.utils.FileUpload;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Transcripts at close (issue 13), through the emulator with the real JDA client and a bot that has
 * the Message Content intent: the close's TRANSCRIPT effect reads the whole thread and stores it
 * compressed; the log line and the creator's DM carry it as {@code transcript-<n>.html}; {@code
 * /ticket transcript <n>} gives staff the same file; {@code transcript_dm off} leaves it out of the
 * DM; a retried effect (the crash point after Discord took the request) stores one transcript and
 * posts one log line and one DM. Without the intent: {@link TranscriptNoIntentE2ETest}.
 */
class TranscriptCloseE2ETest extends SingleBotE2ETest {
  private static final String POST_MESSAGE = "POST /channels/{channel_id}/messages";

  @BeforeAll
  @Override
  void startBot() {
    super.startBot();
    h.messageContentIntent = true;
    h.restart();
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

  /** The files of a message as the emulator stored them: name to bytes. */
  private Map<String, byte[]> files(long messageId) {
    EmulatorState s = h.emu.state();
    synchronized (s) {
      Message m = s.messages.get(messageId);
      java.util.Map<String, byte[]> out = new java.util.LinkedHashMap<>();
      m.attachments.forEach(a -> out.put(a.filename(), a.data()));
      return out;
    }
  }

  private StoredTranscript stored(Ticket t) {
    return h.bot().core().database().transcripts().find(t.id()).orElseThrow();
  }

  private Ticket closeAsModerator(TestGuild g, Ticket t) {
    MessageView confirm = g.as("moderator").slash(t.threadId(), "ticket close",
        Map.of("reason", "printer fixed")).awaitReply();
    g.as("moderator").click(confirm.id(), text(MessageKey.BUTTON_CLOSE_CONFIRM)).awaitReply();
    assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(60))).isTrue();
    return h.bot().core().tickets().find(t.id()).orElseThrow();
  }

  private ThreadChannel thread(long id) {
    h.awaitBot("the bot caches thread " + id, () -> h.bot().shards().getThreadChannelById(id) != null);
    return h.bot().shards().getThreadChannelById(id);
  }

  @Test
  void the_close_stores_the_transcript_logs_and_dms_it_and_staff_get_it_again() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    MessageView setting = g.as("admin").slash(g.channel("general"), "setting set",
        Map.of("name", "transcript_channel", "value", "<#" + g.channel("transcripts") + ">"))
        .awaitReply();
    assertThat(setting.text()).as("the bot has the intent: no warning")
        .doesNotContain(text(MessageKey.SETTING_TRANSCRIPT_NO_INTENT));
    Ticket t = h.open(g, "alice", "printer on fire");
    long threadId = t.threadId();
    long hostile = g.as("alice").post(threadId, "<script>alert(1)</script> **really** & <b>on fire</b>").id();
    long staffReply = reply(g, "moderator", threadId, hostile, "Staff here, <@" + g.user("alice") + ">");
    ThreadChannel thread = thread(threadId);
    var embed = thread.sendMessageEmbeds(new EmbedBuilder().setTitle("Diagnostics")
        .setDescription("toner **low**").addField("Printer", "on fire", true)
        .setColor(new Color(0xed4245)).build()).complete();
    var file = thread.sendFiles(FileUpload.fromData("paper jam".getBytes(StandardCharsets.UTF_8),
        "printer.log")).complete();
    thread.editMessageById(embed.getId(), "Diagnostics attached").complete();

    Ticket closed = closeAsModerator(g, t);

    // stored, compressed; every message present and escaped, the "closed" post included
    StoredTranscript s = stored(closed);
    assertThat(s.contentAvailable()).isTrue();
    assertThat(s.truncated()).isFalse();
    assertThat(s.messageCount()).as("everyone's messages: not the ephemeral answers")
        .isEqualTo(g.messages(threadId).stream().filter(m -> !m.ephemeral()).count())
        .isEqualTo(6);
    Document doc = TranscriptHtmlChecks.assertSafe(s.html());
    assertThat(doc.selectFirst("p.notice.intent")).isNull();
    assertThat(doc.select("script")).isEmpty();
    Element member = doc.getElementById("m-" + hostile);
    assertThat(member.selectFirst(".author").text()).isEqualTo("alice");
    assertThat(member.selectFirst(".content").text())
        .isEqualTo("<script>alert(1)</script> really & <b>on fire</b>");
    assertThat(member.selectFirst(".content strong").text()).isEqualTo("really");
    Element staff = doc.getElementById("m-" + staffReply);
    assertThat(staff.selectFirst(".author").text()).isEqualTo("moderator");
    assertThat(staff.selectFirst(".reply").text()).startsWith("\u21b3 Replying to alice: <script>");
    assertThat(staff.selectFirst(".content").text()).isEqualTo("Staff here, @alice");
    Element edited = doc.getElementById("m-" + embed.getId());
    assertThat(edited.selectFirst(".edited")).isNotNull();
    assertThat(edited.selectFirst(".content").text()).isEqualTo("Diagnostics attached");
    assertThat(edited.selectFirst(".field").text()).isEqualTo("Printer on fire");
    assertThat(doc.getElementById("m-" + file.getId()).select(".attachments a"))
        .singleElement().satisfies(a -> assertThat(a.text()).isEqualTo("printer.log"));
    List<MessageView> inThread = g.messages(threadId).stream().filter(m -> !m.ephemeral()).toList();
    MessageView closedPost = inThread.get(inThread.size() - 1);
    assertThat(doc.getElementById("m-" + closedPost.id()).selectFirst(".content").text())
        .as("the transcript is made after the closed post")
        .isEqualTo("This ticket was closed by @moderator. Reason: printer fixed");
    assertThat(doc.getElementById("m-" + t.firstMessageId())).isNotNull();
    byte[] html = s.html().getBytes(StandardCharsets.UTF_8);

    // the log line carries it
    assertThat(g.messages("transcripts")).singleElement().satisfies(log -> {
      assertThat(log.text()).endsWith("\n" + text(MessageKey.TRANSCRIPT_ATTACHED, s.messageCount()));
      assertThat(files(log.id())).containsOnlyKeys("transcript-1.html");
      assertThat(files(log.id()).get("transcript-1.html")).isEqualTo(html);
      assertThat(log.pingedUsers()).isEmpty();
    });
    // the creator's DM too
    assertThat(g.dms("alice")).singleElement().satisfies(dm -> {
      assertThat(dm.text()).endsWith("\n" + text(MessageKey.TRANSCRIPT_ATTACHED, s.messageCount()));
      assertThat(files(dm.id()).get("transcript-1.html")).isEqualTo(html);
    });

    // staff get the same file again; others and unknown numbers are answered plainly
    MessageView again = g.as("moderator").slash(g.channel("general"), "ticket transcript",
        Map.of("number", 1)).awaitReply();
    assertThat(again.ephemeral()).isTrue();
    assertThat(again.text()).isEqualTo(text(MessageKey.TRANSCRIPT_REPLY, 1, s.messageCount(),
        s.createdAt().getEpochSecond()));
    assertThat(files(again.id()).get("transcript-1.html")).isEqualTo(html);
    assertThat(g.as("bob").slash(g.channel("general"), "ticket transcript", Map.of("number", 1))
        .awaitReply().text()).isEqualTo(text(MessageKey.ERROR_STAFF_ONLY));
    assertThat(g.as("admin").slash(g.channel("general"), "ticket transcript", Map.of("number", 99))
        .awaitReply().text()).isEqualTo(text(MessageKey.ERROR_TRANSCRIPT_NO_TICKET, 99));
  }

  @Test
  void transcript_dm_off_leaves_the_file_out_of_the_dm_and_an_open_ticket_has_none_yet() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    h.configure(g, "transcript_dm", "off");
    Ticket t = h.open(g, "alice", "no file for me");
    assertThat(g.as("moderator").slash(g.channel("general"), "ticket transcript",
        Map.of("number", t.number())).awaitReply().text())
        .isEqualTo(text(MessageKey.ERROR_TRANSCRIPT_OPEN, t.number()));

    closeAsModerator(g, t);

    assertThat(g.dms("alice")).singleElement().satisfies(dm -> {
      assertThat(dm.attachmentNames()).isEmpty();
      assertThat(dm.text()).doesNotContain(text(MessageKey.TRANSCRIPT_ATTACHED, 2));
    });
    assertThat(g.messages("mod-log")).singleElement()
        .satisfies(log -> assertThat(log.attachmentNames()).containsExactly("transcript-1.html"));
  }

  @Test
  void retried_effects_store_one_transcript_and_post_one_log_line_and_one_dm() throws Exception {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket t = closeAsModerator(g, h.open(g, "alice", "crash me"));
    StoredTranscript first = stored(t);
    int mark = h.emu.requests().mark();

    // The crash points: the process died after Discord (or the database) took the request and
    // before the effect was settled, so each is PENDING with its attempt counted. The transcript
    // first (its retry overwrites the row), then the DM and the log line (their retries look for
    // the messages the first attempts posted).
    redo(t, "TRANSCRIPT");
    assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(60))).isTrue();
    assertThat(transcriptRows(t)).isEqualTo(1);
    assertThat(stored(t).html()).isEqualTo(first.html());
    redo(t, "DM_CLOSED", "LOG_CLOSED");
    assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(60))).isTrue();

    assertThat(h.sent(mark, "GET /channels/{channel_id}/messages")).as("the retries looked")
        .isNotEmpty();
    assertThat(h.sent(mark, POST_MESSAGE)).as("and posted nothing again").isEmpty();
    assertThat(g.messages("mod-log")).hasSize(1);
    assertThat(g.dms("alice")).hasSize(1);
    for (Effect e : h.bot().core().effects().forTicket(t.id())) {
      if (List.of(EffectKind.TRANSCRIPT, EffectKind.DM_CLOSED, EffectKind.LOG_CLOSED)
          .contains(e.kind())) {
        assertThat(e.state()).as(e.kind().name()).isEqualTo(EffectState.DONE);
        assertThat(e.attempts()).as(e.kind().name()).isEqualTo(2);
      }
    }
  }

  /** Puts the ticket's effects of these kinds back to PENDING after one attempt, due now. */
  private void redo(Ticket t, String... kinds) throws Exception {
    try (Connection c = h.bot().core().database().dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE ticket_effects SET state = 'PENDING',"
            + " attempts = 1, settled_at = NULL, outcome = NULL, next_attempt_at = 0"
            + " WHERE ticket_id = ? AND kind = ?")) {
      for (String kind : kinds) {
        ps.setLong(1, t.id());
        ps.setString(2, kind);
        assertThat(ps.executeUpdate()).as(kind).isEqualTo(1);
      }
    }
    h.bot().effects().sweepOnce();
  }

  private long transcriptRows(Ticket t) throws Exception {
    try (Connection c = h.bot().core().database().dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM ticket_transcripts WHERE ticket_id = "
            + t.id())) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
