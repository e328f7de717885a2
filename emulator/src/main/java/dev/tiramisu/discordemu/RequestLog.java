package dev.tiramisu.discordemu;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Every REST request the emulator served, in order, so a test can assert which and how many requests it made. */
public final class RequestLog {
  /**
   * One request: method, route template (as in the OpenAPI spec), concrete path, body, status, time, and the query
   * parameters (e.g. {@code before}/{@code limit} of a history page).
   */
  public record Entry(long seq, String method, String template, String path, JsonNode body, int status,
      long atMillis, long durationMicros, Map<String, List<String>> query) {
    /** e.g. {@code POST /channels/{channel_id}/messages}. */
    public String route() {
      return method + " " + template;
    }

    /** The first value of a query parameter, or null. */
    public String queryParam(String name) {
      List<String> values = query.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  private final List<Entry> entries = new ArrayList<>();

  public synchronized void add(String method, String template, String path, JsonNode body, int status, long atMillis,
      long durationMicros) {
    add(method, template, path, Map.of(), body, status, atMillis, durationMicros);
  }

  public synchronized void add(String method, String template, String path, Map<String, List<String>> query,
      JsonNode body, int status, long atMillis, long durationMicros) {
    entries.add(new Entry(entries.size(), method, template, path, body, status, atMillis, durationMicros,
        Map.copyOf(query)));
    inFlight = Math.max(0, inFlight - 1);
    notifyAll();
  }

  /**
   * A request arrived and will be added when it has been handled. A request changes the state before its entry is
   * written, so a test that waited on the state could otherwise take a {@link #mark()} that its own last request
   * lands after.
   */
  public synchronized void begin() {
    inFlight++;
  }

  private int inFlight;

  public synchronized List<Entry> all() {
    return List.copyOf(entries);
  }

  /** A mark to read only what came after: {@code log.since(mark)}. */
  public synchronized int mark() {
    // wait (bounded) for the requests already received to be written, so they are not counted after the mark
    long deadline = System.nanoTime() + 2_000_000_000L;
    while (inFlight > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return entries.size();
  }

  public synchronized List<Entry> since(int mark) {
    return List.copyOf(entries.subList(Math.min(mark, entries.size()), entries.size()));
  }

  public synchronized List<Entry> matching(Predicate<Entry> p) {
    List<Entry> out = new ArrayList<>();
    for (Entry e : entries) {
      if (p.test(e)) {
        out.add(e);
      }
    }
    return out;
  }

  /** Entries for a route written as {@code "POST /channels/{channel_id}/messages"}. */
  public synchronized List<Entry> route(String route) {
    return matching(e -> e.route().equals(route));
  }

  public synchronized void clear() {
    entries.clear();
    inFlight = 0;
  }
}
