package dev.tiramisu.tickets.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Paging through a source: an in-memory history with Discord's {@code after} semantics. */
class TranscriptSourceTest {
  /** {@code n} messages with ids 1..n; records every request. */
  private static final class History implements TranscriptSource {
    final List<TranscriptMessage> all = new ArrayList<>();
    final List<String> requests = new ArrayList<>();

    History(int n) {
      for (int i = 1; i <= n; i++) {
        all.add(TranscriptMessage.text(Integer.toString(i), TranscriptFixtures.ALICE, TranscriptFixtures.T0, "m" + i));
      }
    }

    @Override
    public List<TranscriptMessage> page(String afterId, int limit) {
      requests.add(afterId + ":" + limit);
      long after = afterId == null ? 0 : Long.parseLong(afterId);
      return all.stream().filter(m -> Long.parseLong(m.id()) > after).limit(limit).toList();
    }
  }

  @Test
  void readsEveryPageOldestFirst() {
    History h = new History(250);
    TranscriptSource.History read = TranscriptSource.readAll(h);
    assertThat(read.messages()).extracting(TranscriptMessage::id).first().isEqualTo("1");
    assertThat(read.messages()).hasSize(250).extracting(TranscriptMessage::id).last().isEqualTo("250");
    assertThat(read.truncated()).isFalse();
    assertThat(h.requests).containsExactly("null:100", "100:100", "200:100");
  }

  @Test
  void anExactMultipleAsksOnceMore() {
    History h = new History(200);
    assertThat(TranscriptSource.readAll(h).messages()).hasSize(200);
    assertThat(h.requests).containsExactly("null:100", "100:100", "200:100");
  }

  @Test
  void stopsAtTheLimitAndSaysWhetherMoreWereLeft() {
    History h = new History(10_050);
    TranscriptSource.History read = TranscriptSource.readAll(h);
    assertThat(read.messages()).hasSize(TranscriptSource.MAX_MESSAGES);
    assertThat(read.truncated()).isTrue();
    assertThat(h.requests).hasSize(101).last().isEqualTo("10000:1");

    History exact = new History(250);
    TranscriptSource.History atLimit = TranscriptSource.readAll(exact, 250);
    assertThat(atLimit.truncated()).isFalse();
    assertThat(exact.requests).containsExactly("null:100", "100:100", "200:50", "250:1");
  }

  @Test
  void anEmptyThread() {
    History h = new History(0);
    assertThat(TranscriptSource.readAll(h).messages()).isEmpty();
    assertThat(h.requests).containsExactly("null:100");
  }
}
