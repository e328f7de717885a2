package dev.tiramisu.discordemu.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiramisu.discordemu.RequestLog;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.utils.FileUpload;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Messages through JDA's own API: send (embeds, components, files), edit, delete, get, history paging, limits. */
class MessageRoutesTest extends ConformanceTest {
  private static final String SEND = "POST /channels/{channel_id}/messages";
  private static final String HISTORY = "GET /channels/{channel_id}/messages";

  private TestGuild g;
  private JDA jda;
  private TextChannel general;

  @BeforeEach
  void setUp() {
    g = emu.guild("Messages").textChannel("general").member("alice").build();
    jda = jda();
    general = jda.getTextChannelById(g.channel("general"));
  }

  @Test
  void sendWithEmbedAndButtonsThenEditAndDelete() {
    int mark = emu.requests().mark();
    Message sent = general.sendMessage("Ticket #1")
        .setEmbeds(new EmbedBuilder().setTitle("Ticket").setDescription("Opened by alice").addField("Status", "open",
            true).build())
        .addComponents(ActionRow.of(Button.primary("ticket:close", "Close"), Button.danger("ticket:delete", "Delete")))
        .complete();

    MessageView stored = g.message(sent.getIdLong()).orElseThrow();
    assertThat(stored.content()).isEqualTo("Ticket #1");
    assertThat(stored.embeds().path(0).path("title").asText()).isEqualTo("Ticket");
    assertThat(stored.embeds().path(0).path("fields").path(0).path("value").asText()).isEqualTo("open");
    assertThat(stored.buttonLabels()).containsExactly("Close", "Delete");
    assertThat(sent.getEmbeds()).singleElement().satisfies(e -> assertThat(e.getTitle()).isEqualTo("Ticket"));
    assertThat(sent.getComponentTree().findAll(Button.class)).extracting(Button::getCustomId)
        .containsExactly("ticket:close", "ticket:delete");

    List<RequestLog.Entry> posts = since(mark, SEND);
    assertThat(posts).hasSize(1);
    JsonNode body = posts.get(0).body();
    assertThat(body.path("content").asText()).isEqualTo("Ticket #1");
    assertThat(body.path("embeds").path(0).path("description").asText()).isEqualTo("Opened by alice");
    assertThat(body.path("components").path(0).path("type").asInt()).isEqualTo(1);
    assertThat(body.path("components").path(0).path("components").path(1).path("custom_id").asText())
        .isEqualTo("ticket:delete");
    assertThat(posts.get(0).status()).isEqualTo(200);

    Message edited = sent.editMessage("Ticket #1 (closed)").setComponents().complete();
    assertThat(edited.getContentRaw()).isEqualTo("Ticket #1 (closed)");
    assertThat(edited.getTimeEdited()).isNotNull();
    assertThat(g.message(sent.getIdLong()).orElseThrow().content()).isEqualTo("Ticket #1 (closed)");
    assertThat(g.message(sent.getIdLong()).orElseThrow().components()).isEmpty();
    List<RequestLog.Entry> edits = since(mark, "PATCH /channels/{channel_id}/messages/{message_id}");
    assertThat(edits).singleElement().satisfies(e -> {
      assertThat(e.body().path("content").asText()).isEqualTo("Ticket #1 (closed)");
      assertThat(e.body().path("components").isArray()).isTrue();
      assertThat(e.body().path("components")).isEmpty();
    });

    sent.delete().complete();
    assertThat(g.message(sent.getIdLong())).isEmpty();
    assertThat(since(mark, "DELETE /channels/{channel_id}/messages/{message_id}"))
        .singleElement().satisfies(e -> assertThat(e.status()).isEqualTo(204));
  }

  @Test
  void messageEventsReachJdaForCreateUpdateAndDelete() {
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    jda.addEventListener(new net.dv8tion.jda.api.hooks.ListenerAdapter() {
      @Override
      public void onMessageReceived(net.dv8tion.jda.api.events.message.MessageReceivedEvent e) {
        seen.add("create:" + e.getMessage().getContentRaw());
      }

      @Override
      public void onMessageUpdate(net.dv8tion.jda.api.events.message.MessageUpdateEvent e) {
        seen.add("update:" + e.getMessage().getContentRaw());
      }

      @Override
      public void onMessageDelete(net.dv8tion.jda.api.events.message.MessageDeleteEvent e) {
        seen.add("delete:" + e.getMessageIdLong());
      }
    });
    MessageView posted = g.as("alice").post(g.channel("general"), "hi bot");
    Message mine = general.sendMessage("hello alice").complete();
    mine.editMessage("hello again").complete();
    mine.delete().complete();
    emu.await("four message events", () -> seen.size() >= 4);
    assertThat(seen).containsExactly("create:hi bot", "create:hello alice", "update:hello again",
        "delete:" + mine.getIdLong());
    assertThat(posted.authorId()).isEqualTo(g.user("alice"));
  }

  @Test
  void replyCarriesAMessageReference() {
    MessageView question = g.as("alice").post(g.channel("general"), "how do I open a ticket?");
    Message asked = general.retrieveMessageById(question.id()).complete();
    Message answer = asked.reply("use /ticket open").complete();
    assertThat(answer.getType()).isEqualTo(net.dv8tion.jda.api.entities.MessageType.INLINE_REPLY);
    assertThat(answer.getMessageReference()).isNotNull();
    assertThat(answer.getMessageReference().getMessageIdLong()).isEqualTo(question.id());
    assertThat(answer.getReferencedMessage()).isNotNull();
    assertThat(answer.getReferencedMessage().getContentRaw()).isEqualTo("how do I open a ticket?");
    assertThat(emu.requests().route(SEND).get(0).body().path("message_reference").path("message_id").asText())
        .isEqualTo(Long.toString(question.id()));

    asked.delete().complete();
    // JDA's default (failOnInvalidReply false) sends a plain message; with true the emulator refuses it
    Message plain = asked.reply("still answered").complete();
    assertThat(plain.getType()).isEqualTo(net.dv8tion.jda.api.entities.MessageType.DEFAULT);
    assertThat(plain.getMessageReference()).isNull();
    assertThatThrownBy(() -> asked.reply("too late").failOnInvalidReply(true).complete())
        .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
          assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.INVALID_FORM_BODY);
          assertThat(e.getSchemaErrors()).extracting(se -> se.getLocation()).containsExactly("message_reference");
        });
  }

  @Test
  void retrieveOneMessageAndUnknownIds() {
    MessageView posted = g.as("alice").post(g.channel("general"), "first");
    int mark = emu.requests().mark();
    Message fetched = general.retrieveMessageById(posted.id()).complete();
    assertThat(fetched.getContentRaw()).isEqualTo("first");
    assertThat(fetched.getAuthor().getIdLong()).isEqualTo(g.user("alice"));
    assertThat(since(mark, "GET /channels/{channel_id}/messages/{message_id}")).hasSize(1);

    assertThatThrownBy(() -> general.retrieveMessageById(posted.id() + 1).complete())
        .isInstanceOfSatisfying(ErrorResponseException.class,
            e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.UNKNOWN_MESSAGE));

    // The channel is deleted by a user; JDA's stale reference then meets 10003 from the emulator.
    g.as("alice").deleteChannel(g.channel("general"));
    assertThatThrownBy(() -> general.sendMessage("into the void").complete())
        .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
          assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.UNKNOWN_CHANNEL);
          assertThat(e.getErrorCode()).isEqualTo(10003);
        });
  }

  @Test
  void historyPagesBeforeAfterAndAround() {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ids.add(g.as("alice").post(g.channel("general"), "m" + i).id());
    }
    int mark = emu.requests().mark();

    List<Message> before = general.getHistoryBefore(ids.get(5), 3).complete().getRetrievedHistory();
    assertThat(before).extracting(Message::getContentRaw).containsExactly("m4", "m3", "m2");

    List<Message> after = general.getHistoryAfter(ids.get(5), 3).complete().getRetrievedHistory();
    assertThat(after).extracting(Message::getContentRaw).containsExactlyInAnyOrder("m6", "m7", "m8");

    List<Message> around = general.getHistoryAround(ids.get(5), 5).complete().getRetrievedHistory();
    assertThat(around).extracting(Message::getContentRaw).containsExactlyInAnyOrder("m3", "m4", "m5", "m6", "m7");

    List<Message> latest = general.getHistory().retrievePast(4).complete();
    assertThat(latest).extracting(Message::getContentRaw).containsExactly("m9", "m8", "m7", "m6");

    List<RequestLog.Entry> pages = since(mark, HISTORY);
    assertThat(pages).hasSize(4);
    assertThat(pages.get(0).queryParam("before")).isEqualTo(Long.toString(ids.get(5)));
    assertThat(pages.get(0).queryParam("limit")).isEqualTo("3");
    assertThat(pages.get(1).queryParam("after")).isEqualTo(Long.toString(ids.get(5)));
    assertThat(pages.get(2).queryParam("around")).isEqualTo(Long.toString(ids.get(5)));
    assertThat(pages.get(2).queryParam("limit")).isEqualTo("5");
    assertThat(pages.get(3).queryParam("limit")).isEqualTo("4");
    assertThat(pages).allSatisfy(p -> assertThat(p.status()).isEqualTo(200));
  }

  @Test
  void iterableHistoryPagesThroughMoreThanOneHundredMessages() {
    for (int i = 0; i < 130; i++) {
      g.as("alice").post(g.channel("general"), "n" + i);
    }
    int mark = emu.requests().mark();
    List<Message> all = general.getIterableHistory().takeAsync(130).join();
    assertThat(all).hasSize(130);
    assertThat(all.get(0).getContentRaw()).isEqualTo("n129");
    assertThat(all.get(129).getContentRaw()).isEqualTo("n0");
    List<RequestLog.Entry> pages = since(mark, HISTORY);
    assertThat(pages).hasSizeGreaterThanOrEqualTo(2);
    assertThat(pages).allSatisfy(p -> assertThat(Integer.parseInt(p.queryParam("limit"))).isBetween(1, 100));
    assertThat(pages.get(0).queryParam("before")).isNull();
    assertThat(pages.get(1).queryParam("before")).isEqualTo(all.get(99).getId());
  }

  @Test
  void historyLimitAboveOneHundredIsRefusedByJdaAndByTheEmulator() {
    g.as("alice").post(g.channel("general"), "x");
    assertThatThrownBy(() -> general.getHistory().retrievePast(101))
        .isInstanceOf(IllegalArgumentException.class);
    RawDiscord.Reply r = raw().send("GET", "/channels/" + g.channel("general") + "/messages?limit=101", null);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.code()).isEqualTo(50035);
    assertThat(r.body().path("errors").path("limit").path("_errors").path(0).path("code").asText())
        .isNotEmpty();
    assertThat(emu.takeSpecViolations()).singleElement().asString()
        .startsWith("request GET /channels/{channel_id}/messages: limit:");
  }

  @Test
  void contentOverTwoThousandCharactersIsRefusedLocallyByJdaAndWith50035ByTheEmulator() {
    String tooLong = "x".repeat(2001);
    int mark = emu.requests().mark();
    assertThatThrownBy(() -> general.sendMessage(tooLong)).isInstanceOf(IllegalArgumentException.class);
    assertThat(since(mark, SEND)).isEmpty();

    RawDiscord.Reply r = raw().send("POST", "/channels/" + g.channel("general") + "/messages",
        Map.of("content", tooLong));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.code()).isEqualTo(50035);
    assertThat(r.body().path("errors").path("content").path("_errors").path(0).path("code").asText())
        .isEqualTo("BASE_TYPE_MAX_LENGTH");
    assertThat(g.messages("general")).isEmpty();

    RawDiscord.Reply ok = raw().send("POST", "/channels/" + g.channel("general") + "/messages",
        Map.of("content", "y".repeat(2000)));
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body().path("content").asText()).hasSize(2000);
  }

  @Test
  void duplicateCustomIdsAreRefusedWith50035NamingTheField() {
    int mark = emu.requests().mark();
    assertThatThrownBy(() -> general.sendMessage("dup")
        .addComponents(ActionRow.of(Button.primary("same", "One"), Button.secondary("same", "Two")))
        .complete())
        .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
          assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.INVALID_FORM_BODY);
          assertThat(e.getSchemaErrors()).singleElement().satisfies(se -> {
            assertThat(se.getLocation()).isEqualTo("components[0].components[1].custom_id");
            assertThat(se.getErrors()).singleElement()
                .satisfies(c -> assertThat(c.getCode()).isEqualTo("COMPONENT_CUSTOM_ID_DUPLICATED"));
          });
        });
    assertThat(since(mark, SEND)).singleElement().satisfies(e -> assertThat(e.status()).isEqualTo(400));
    assertThat(g.messages("general")).isEmpty();
  }

  @Test
  void emptyMessageIsRefusedWith50006() {
    RawDiscord.Reply r = raw().send("POST", "/channels/" + g.channel("general") + "/messages", Map.of("content", ""));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.code()).isEqualTo(50006);
  }

  @Test
  void fileUploadIsStoredAsAnAttachmentWithItsFilename() {
    int mark = emu.requests().mark();
    byte[] transcript = "alice: help\nbot: sure".getBytes(StandardCharsets.UTF_8);
    Message sent = general.sendMessage("Transcript attached")
        .addFiles(FileUpload.fromData(transcript, "transcript-42.txt"))
        .complete();
    assertThat(sent.getAttachments()).singleElement().satisfies(a -> {
      assertThat(a.getFileName()).isEqualTo("transcript-42.txt");
      assertThat(a.getSize()).isEqualTo(transcript.length);
    });
    MessageView stored = g.message(sent.getIdLong()).orElseThrow();
    assertThat(stored.attachmentNames()).containsExactly("transcript-42.txt");
    assertThat(stored.content()).isEqualTo("Transcript attached");
    RequestLog.Entry post = since(mark, SEND).get(0);
    // the log holds the payload_json part, which is what the OpenAPI validator checks
    assertThat(post.body().path("content").asText()).isEqualTo("Transcript attached");
    assertThat(post.body().path("attachments").path(0).path("filename").asText()).isEqualTo("transcript-42.txt");
  }

  @Test
  void sendFilesWithoutContent() {
    Message sent = general.sendFiles(FileUpload.fromData(new byte[] {1, 2, 3}, "data.bin")).complete();
    assertThat(sent.getContentRaw()).isEmpty();
    assertThat(g.message(sent.getIdLong()).orElseThrow().attachmentNames()).containsExactly("data.bin");
  }
}
