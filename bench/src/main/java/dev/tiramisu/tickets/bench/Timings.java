package dev.tiramisu.tickets.bench;

import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.RequestLog;
import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.model.Interaction;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Times read from what the emulator recorded, not from the benchmark's threads: an interaction's
 * creation and its first callback ({@code Interaction.createdAtMillis}, {@code
 * firstResponseMillis}), and when the request that showed the member their final reply arrived
 * (the request log's {@code atMillis}, found by the interaction token in its path).
 */
final class Timings {
  private Timings() {}

  /** p50 / p99 / max of a set of milliseconds. */
  record Stats(int n, double p50, double p99, double max) {
    static Stats of(long[] millis) {
      long[] s = millis.clone();
      Arrays.sort(s);
      if (s.length == 0) {
        return new Stats(0, Double.NaN, Double.NaN, Double.NaN);
      }
      return new Stats(s.length, at(s, 0.50), at(s, 0.99), s[s.length - 1]);
    }

    private static double at(long[] sorted, double q) {
      int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
      return sorted[Math.max(0, i)];
    }

    String cells() {
      return String.format(Locale.ROOT, "%.0f | %.0f | %.0f", p50, p99, max);
    }
  }

  /** Milliseconds from each interaction's creation to its first response (the acknowledgement). */
  static long[] ackMillis(Emulator emu, List<InteractionHandle> handles) {
    long[] out = new long[handles.size()];
    synchronized (emu.state()) {
      for (int i = 0; i < out.length; i++) {
        Interaction raw = emu.state().interactions.get(handles.get(i).id);
        if (raw == null || !raw.acknowledged()) {
          throw new IllegalStateException("interaction " + handles.get(i).id + " was not answered");
        }
        out[i] = raw.firstResponseMillis - raw.createdAtMillis;
      }
    }
    return out;
  }

  /**
   * Milliseconds from each interaction's creation to the arrival of its callback at the emulator
   * (the request log's {@code atMillis}, taken as the request comes in): the bot's share of the
   * acknowledgement (the gateway event, the bot's handling, the request on loopback). The rest
   * of {@link #ackMillis}, from that arrival to the emulator recording the callback, is the
   * emulator's (its handler waits for the state's lock).
   */
  static long[] callbackArrivalMillis(Emulator emu, List<InteractionHandle> handles,
      int logMark) {
    emu.requests().mark(); // waits for requests already received to be logged
    Map<String, Long> arrival = new HashMap<>();
    for (RequestLog.Entry e : emu.requests().since(logMark)) {
      if (e.template().endsWith("/callback") && e.template().startsWith("/interactions/")) {
        String[] parts = e.path().split("/");
        arrival.merge(parts[parts.length - 3], e.atMillis(), Math::min);
      }
    }
    long[] out = new long[handles.size()];
    synchronized (emu.state()) {
      for (int i = 0; i < out.length; i++) {
        Interaction raw = emu.state().interactions.get(handles.get(i).id);
        Long at = raw == null ? null : arrival.get(Long.toUnsignedString(raw.id));
        if (at == null) {
          throw new IllegalStateException("no callback to interaction " + handles.get(i).id);
        }
        out[i] = at - raw.createdAtMillis;
      }
    }
    return out;
  }

  /**
   * Milliseconds from each interaction's creation to the arrival of the first request (its
   * callback, a follow-up or an edit of the original response) whose body matches {@code
   * reply}: when the member saw that reply.
   */
  static long[] replyMillis(Emulator emu, List<InteractionHandle> handles, int logMark,
      Pattern reply) {
    emu.requests().mark(); // waits for requests already received to be logged
    Map<String, Long> firstMatch = new HashMap<>();
    for (RequestLog.Entry e : emu.requests().since(logMark)) {
      if (e.status() >= 300 || e.body() == null
          || !(e.template().startsWith("/interactions/") || e.template().startsWith("/webhooks/"))) {
        continue;
      }
      String[] parts = e.path().split("/");
      if (parts.length > 3 && reply.matcher(e.body().toString()).find()) {
        firstMatch.putIfAbsent(parts[3], e.atMillis());
      }
    }
    long[] out = new long[handles.size()];
    synchronized (emu.state()) {
      for (int i = 0; i < out.length; i++) {
        Interaction raw = emu.state().interactions.get(handles.get(i).id);
        Long at = raw == null ? null : firstMatch.get(raw.token);
        if (at == null) {
          throw new IllegalStateException("no final reply to interaction " + handles.get(i).id);
        }
        out[i] = at - raw.createdAtMillis;
      }
    }
    return out;
  }

  /** Milliseconds from the first interaction's creation to the last one's. */
  static long spreadMillis(Emulator emu, List<InteractionHandle> handles) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    synchronized (emu.state()) {
      for (InteractionHandle h : handles) {
        long at = emu.state().interactions.get(h.id).createdAtMillis;
        min = Math.min(min, at);
        max = Math.max(max, at);
      }
    }
    return handles.isEmpty() ? 0 : max - min;
  }
}
