package dev.tiramisu.tickets.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.RequestLog;
import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.model.Interaction;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The figures of {@link SideBySideBench}, read from what the emulator recorded (interactions'
 * creation and first callback, the request log's arrival times), never from the benchmark's
 * threads, so both bots are timed the same way.
 */
final class SideMetrics {
  private SideMetrics() {}

  /** Median and 95th percentile (nearest rank) of some milliseconds. */
  record Stats(int n, double p50, double p95) {
    static Stats of(long[] millis) {
      long[] s = millis.clone();
      Arrays.sort(s);
      return s.length == 0 ? new Stats(0, Double.NaN, Double.NaN)
          : new Stats(s.length, at(s, 0.50), at(s, 0.95));
    }

    private static double at(long[] sorted, double q) {
      int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
      return sorted[Math.max(0, i)];
    }

    /** The median for a table; "—" when no ticket completed. */
    String p50Cell() {
      return n == 0 ? "—" : String.format(Locale.ROOT, "%.0f", p50);
    }

    String p95Cell() {
      return n == 0 ? "—" : String.format(Locale.ROOT, "%.0f", p95);
    }
  }

  /**
   * The bot's time from the member's {@code /ticket create} to its final reply: from the
   * command's creation to the arrival of the first request answering it with {@code reply}; for a
   * bot that asks for the reason in a modal, the time until the modal callback plus the time from
   * the submission to that reply (the member's own time in the modal is not the bot's).
   */
  static long createMillis(Emulator emu, SideBot.Ticket t, List<RequestLog.Entry> log,
      Pattern reply) {
    long total = 0;
    synchronized (emu.state()) {
      for (int i = 0; i < t.creates.size() - 1; i++) {
        Interaction opener = raw(emu, t.creates.get(i));
        if (opener.callbackType != 9) {
          throw new IllegalStateException("interaction " + opener.id + " was not a modal");
        }
        total += opener.firstResponseMillis - opener.createdAtMillis;
      }
    }
    Interaction last = raw(emu, t.creates.get(t.creates.size() - 1));
    for (RequestLog.Entry e : log) {
      if (e.status() < 300 && e.body() != null && token(e).equals(last.token)
          && reply.matcher(e.body().toString()).find()) {
        if (System.getenv("BENCH_STEPS") != null) {
          StringBuilder sb = new StringBuilder("STEPS");
          for (RequestLog.Entry x : log) {
            if (x.atMillis() >= last.createdAtMillis && x.atMillis() <= e.atMillis()) {
              sb.append(" | +").append(x.atMillis() - last.createdAtMillis).append(' ')
                  .append(x.route()).append(" (").append(x.durationMicros()).append("us)");
            }
          }
          System.err.println(sb);
        }
        return total + e.atMillis() - last.createdAtMillis;
      }
    }
    throw new IllegalStateException("no final reply to interaction " + last.id);
  }

  /**
   * The time from the moderator's confirmation (the click's creation) to the arrival of the
   * bot's last request for this ticket's close: a request on the click's token, on the ticket's
   * thread or naming it (the DM and the mod-log post link it), or naming its creator (opening the
   * DM channel, reading the member) after this click and before the creator's next one.
   */
  static long closeMillis(Emulator emu, SideBot.Ticket t, List<SideBot.Ticket> all,
      List<RequestLog.Entry> log) {
    Interaction click = raw(emu, t.confirm);
    String thread = Long.toString(t.threadId);
    String creator = Long.toString(t.creatorId);
    long last = -1;
    for (RequestLog.Entry e : log) {
      if (e.atMillis() < click.createdAtMillis) {
        continue;
      }
      String body = e.body() == null ? "" : e.body().toString();
      boolean mine = token(e).equals(click.token) || e.path().contains(thread)
          || body.contains(thread);
      if (!mine && namesUser(e, creator)) {
        mine = latestClickOf(emu, all, t.creatorId, e.atMillis()) == t;
      }
      if (mine) {
        last = Math.max(last, e.atMillis());
      }
    }
    if (last < 0) {
      throw new IllegalStateException("no request for the close of thread " + thread);
    }
    return last - click.createdAtMillis;
  }

  private static boolean namesUser(RequestLog.Entry e, String user) {
    JsonNode body = e.body();
    return e.path().endsWith("/members/" + user)
        || (body != null && body.path("recipient_id").asText().equals(user));
  }

  private static SideBot.Ticket latestClickOf(Emulator emu, List<SideBot.Ticket> all, long user,
      long at) {
    SideBot.Ticket best = null;
    long bestAt = Long.MIN_VALUE;
    for (SideBot.Ticket o : all) {
      if (o.creatorId != user || o.confirm == null) {
        continue;
      }
      long c = raw(emu, o.confirm).createdAtMillis;
      if (c <= at && c > bestAt) {
        best = o;
        bestAt = c;
      }
    }
    return best;
  }

  /** How many of {@code log}'s requests are on one of these interactions' tokens. */
  static long onTokens(Emulator emu, List<InteractionHandle> handles, List<RequestLog.Entry> log) {
    List<String> tokens = handles.stream().map(h -> raw(emu, h).token).toList();
    return log.stream().filter(e -> tokens.contains(token(e))).count();
  }

  /** The interaction token in an interaction or webhook route's path, or "". */
  static String token(RequestLog.Entry e) {
    if (!(e.template().startsWith("/interactions/") || e.template().startsWith("/webhooks/"))) {
      return "";
    }
    String[] parts = e.path().split("/");
    return parts.length > 3 ? parts[3] : "";
  }

  private static Interaction raw(Emulator emu, InteractionHandle h) {
    synchronized (emu.state()) {
      Interaction i = emu.state().interactions.get(h.id);
      if (i == null || !i.acknowledged()) {
        throw new IllegalStateException("interaction " + h.id + " was not answered");
      }
      return i;
    }
  }
}
