package dev.tiramisu.discordemu.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The fields Discord fills in when it stores a Components V2 component, so that messages read back have the shape
 * of its responses (the OpenAPI response schemas require them): a separator's {@code spacing} (1) and {@code
 * divider} (true), a container's {@code accent_color} (null) and {@code spoiler} (false), a thumbnail's or gallery
 * item's {@code description} (null) and {@code spoiler}, a file's {@code name} and {@code size}, a string select's
 * {@code min_values} and {@code max_values} (1), and an unfurled media item's {@code id} and {@code proxy_url}.
 */
public final class StoredComponents {
  private StoredComponents() {}

  /** Completes one component in place (its children are walked by the caller). */
  public static void fillDefaults(ObjectNode c) {
    switch (c.path("type").asInt()) {
      case 3 -> {
        putIfAbsent(c, "min_values", 1);
        putIfAbsent(c, "max_values", 1);
      }
      case 11 -> {
        nullIfAbsent(c, "description");
        falseIfAbsent(c, "spoiler");
        media(c.get("media"));
      }
      case 12 -> {
        for (JsonNode item : c.path("items")) {
          if (item instanceof ObjectNode o) {
            nullIfAbsent(o, "description");
            falseIfAbsent(o, "spoiler");
            media(o.get("media"));
          }
        }
      }
      case 13 -> {
        falseIfAbsent(c, "spoiler");
        String url = c.path("file").path("url").asText("");
        if (!c.hasNonNull("name")) {
          c.put("name", url.startsWith("attachment://") ? url.substring("attachment://".length()) : url);
        }
        nullIfAbsent(c, "size");
        media(c.get("file"));
      }
      case 14 -> {
        putIfAbsent(c, "spacing", 1);
        if (!c.hasNonNull("divider")) {
          c.put("divider", true);
        }
      }
      case 17 -> {
        nullIfAbsent(c, "accent_color");
        falseIfAbsent(c, "spoiler");
      }
      default -> { }
    }
  }

  /**
   * An unfurled media item as Discord returns it: the url as sent, a {@code proxy_url} (the url itself: the
   * emulator proxies nothing) and an {@code id} derived from the url (Discord's is a snowflake it assigns).
   */
  private static void media(JsonNode node) {
    if (!(node instanceof ObjectNode media) || !media.path("url").isTextual()) {
      return;
    }
    String url = media.path("url").asText();
    if (!media.hasNonNull("proxy_url")) {
      media.put("proxy_url", url);
    }
    if (!media.hasNonNull("id")) {
      long id = UUID.nameUUIDFromBytes(url.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits() >>> 1;
      media.put("id", Long.toString(id));
    }
  }

  private static void putIfAbsent(ObjectNode c, String field, int value) {
    if (!c.hasNonNull(field)) {
      c.put(field, value);
    }
  }

  private static void nullIfAbsent(ObjectNode c, String field) {
    if (!c.has(field)) {
      c.putNull(field);
    }
  }

  private static void falseIfAbsent(ObjectNode c, String field) {
    if (!c.hasNonNull(field)) {
      c.put(field, false);
    }
  }
}
