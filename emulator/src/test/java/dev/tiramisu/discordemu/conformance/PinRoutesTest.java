package dev.tiramisu.discordemu.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiramisu.discordemu.RequestLog;
import dev.tiramisu.discordemu.driver.TestGuild;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.restaction.pagination.PinnedMessagePaginationAction.PinnedMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pins in JDA 6: PUT/DELETE /channels/{id}/messages/pins/{message_id}, GET .../messages/pins, the pin limit. */
class PinRoutesTest extends ConformanceTest {
  private static final String PIN = "PUT /channels/{channel_id}/messages/pins/{message_id}";
  private static final String UNPIN = "DELETE /channels/{channel_id}/messages/pins/{message_id}";
  private static final String LIST = "GET /channels/{channel_id}/messages/pins";

  private TestGuild g;
  private TextChannel general;

  @BeforeEach
  void setUp() {
    g = emu.guild("Pins").textChannel("general").member("alice").build();
    JDA jda = jda();
    general = jda.getTextChannelById(g.channel("general"));
  }

  private List<Long> post(int n) {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(g.as("alice").post(g.channel("general"), "p" + i).id());
    }
    return ids;
  }

  @Test
  void pinListAndUnpin() {
    List<Long> ids = post(3);
    int mark = emu.requests().mark();
    general.pinMessageById(ids.get(0)).complete();
    general.pinMessageById(ids.get(2)).complete();

    assertThat(g.message(ids.get(0)).orElseThrow().pinned()).isTrue();
    assertThat(g.message(ids.get(1)).orElseThrow().pinned()).isFalse();
    List<PinnedMessage> pins = general.retrievePinnedMessages().complete();
    assertThat(pins).extracting(p -> p.getMessage().getContentRaw()).containsExactly("p2", "p0");
    assertThat(pins).allSatisfy(p -> assertThat(p.getMessage().isPinned()).isTrue());
    assertThat(pins.get(0).getTimePinned()).isAfter(pins.get(1).getTimePinned());

    general.unpinMessageById(ids.get(2)).complete();
    assertThat(general.retrievePinnedMessages().complete())
        .extracting(p -> p.getMessage().getIdLong()).containsExactly(ids.get(0));

    assertThat(since(mark, PIN)).hasSize(2).allSatisfy(e -> assertThat(e.status()).isEqualTo(204));
    assertThat(since(mark, UNPIN)).singleElement().satisfies(e -> {
      assertThat(e.status()).isEqualTo(204);
      assertThat(e.path()).endsWith("/" + ids.get(2));
    });
    assertThat(since(mark, LIST)).hasSize(2);
  }

  @Test
  void pinnedMessagesArePagedWithBeforeAndLimit() {
    List<Long> ids = post(5);
    for (long id : ids) {
      general.pinMessageById(id).complete();
    }
    int mark = emu.requests().mark();
    var pages = general.retrievePinnedMessages().limit(2);
    List<PinnedMessage> first = pages.complete();
    List<PinnedMessage> second = pages.complete();
    List<PinnedMessage> third = pages.complete();
    assertThat(first).extracting(p -> p.getMessage().getContentRaw()).containsExactly("p4", "p3");
    assertThat(second).extracting(p -> p.getMessage().getContentRaw()).containsExactly("p2", "p1");
    assertThat(third).extracting(p -> p.getMessage().getContentRaw()).containsExactly("p0");
    List<RequestLog.Entry> requests = since(mark, LIST);
    assertThat(requests).hasSize(3);
    assertThat(requests).allSatisfy(r -> assertThat(r.queryParam("limit")).isEqualTo("2"));
    assertThat(java.time.OffsetDateTime.parse(requests.get(1).queryParam("before")))
        .isEqualTo(first.get(1).getTimePinned());
  }

  @Test
  void pinLimitSurfacesAsMaxMessagePins() {
    emu.state().maxPinsPerChannel = 3;
    List<Long> ids = post(4);
    for (int i = 0; i < 3; i++) {
      general.pinMessageById(ids.get(i)).complete();
    }
    int mark = emu.requests().mark();
    assertThatThrownBy(() -> general.pinMessageById(ids.get(3)).complete())
        .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
          assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.MAX_MESSAGE_PINS);
          assertThat(e.getErrorCode()).isEqualTo(30003);
        });
    assertThat(since(mark, PIN)).singleElement().satisfies(e -> assertThat(e.status()).isEqualTo(400));
    assertThat(g.message(ids.get(3)).orElseThrow().pinned()).isFalse();

    // unpinning makes room again
    general.unpinMessageById(ids.get(0)).complete();
    general.pinMessageById(ids.get(3)).complete();
    assertThat(g.message(ids.get(3)).orElseThrow().pinned()).isTrue();
  }

  @Test
  void pinningAnUnknownMessageIsUnknownMessage() {
    post(1);
    assertThatThrownBy(() -> general.pinMessageById(42L).complete())
        .isInstanceOfSatisfying(ErrorResponseException.class,
            e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.UNKNOWN_MESSAGE));
  }
}
