package dev.tiramisu.tickets.transcript;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A thread's history, read a page at a time (the Discord adapter implements it with {@code GET
 * /channels/{id}/messages?after=}).
 */
public interface TranscriptSource {
  /** Discord's page size for message history. */
  int PAGE_SIZE = 100;

  /** The most messages a transcript reads. */
  int MAX_MESSAGES = 10_000;

  /**
   * Up to {@code limit} (1..{@value #PAGE_SIZE}) messages posted after the message {@code afterId}
   * (null: from the thread's start), oldest first. Fewer than {@code limit} means the end was
   * reached.
   */
  List<TranscriptMessage> page(String afterId, int limit);

  /** The messages read and whether more were left unread past the limit. */
  record History(List<TranscriptMessage> messages, boolean truncated) {
    public History {
      messages = List.copyOf(messages);
    }
  }

  /** Reads the whole history, oldest first, at most {@link #MAX_MESSAGES} messages. */
  static History readAll(TranscriptSource source) {
    return readAll(source, MAX_MESSAGES);
  }

  /**
   * Reads pages until a short page or {@code max} messages; past {@code max}, one more request of
   * one message tells whether the history was cut.
   */
  static History readAll(TranscriptSource source, int max) {
    Objects.requireNonNull(source, "source");
    if (max < 1) {
      throw new IllegalArgumentException("max must be positive: " + max);
    }
    List<TranscriptMessage> all = new ArrayList<>();
    String after = null;
    while (all.size() < max) {
      int limit = Math.min(PAGE_SIZE, max - all.size());
      List<TranscriptMessage> page = source.page(after, limit);
      all.addAll(page.subList(0, Math.min(page.size(), limit)));
      if (page.size() < limit) {
        return new History(all, false);
      }
      after = all.get(all.size() - 1).id();
    }
    return new History(all, !source.page(after, 1).isEmpty());
  }
}
