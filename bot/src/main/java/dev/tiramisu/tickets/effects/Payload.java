package dev.tiramisu.tickets.effects;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What an effect needs beyond the ticket row, fixed when it was recorded (so a setting changed
 * meanwhile does not redirect it). Stored as {@code key=value} lines, values URL-encoded.
 * Holds ids and names, never user text; an interaction token is removed once its reply settled.
 */
public final class Payload {
  private static final Payload EMPTY = new Payload(Map.of());
  private final Map<String, String> values;

  private Payload(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  public static Payload empty() {
    return EMPTY;
  }

  /** A copy with {@code key} set, or removed when {@code value} is null. */
  public Payload with(String key, Object value) {
    TreeMap<String, String> copy = new TreeMap<>(values);
    if (value == null) {
      copy.remove(key);
    } else {
      copy.put(key, value.toString());
    }
    return new Payload(copy);
  }

  public Payload without(String key) {
    return with(key, null);
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  public OptionalLong getLong(String key) {
    String v = values.get(key);
    return v == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(v));
  }

  public long requireLong(String key) {
    return getLong(key).orElseThrow(() -> new IllegalStateException("payload without " + key));
  }

  public String require(String key) {
    return get(key).orElseThrow(() -> new IllegalStateException("payload without " + key));
  }

  public boolean has(String key) {
    return values.containsKey(key);
  }

  public String encode() {
    StringBuilder b = new StringBuilder();
    values.forEach((k, v) -> b.append(k).append('=')
        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('\n'));
    return b.toString();
  }

  public static Payload decode(String text) {
    TreeMap<String, String> values = new TreeMap<>();
    if (text != null) {
      for (String line : text.split("\n")) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          values.put(line.substring(0, eq),
              URLDecoder.decode(line.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return new Payload(values);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Payload p && p.values.equals(values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(values);
  }

  /** The keys only: a payload may hold an interaction token, which must never be logged. */
  @Override
  public String toString() {
    return "Payload" + values.keySet();
  }
}
