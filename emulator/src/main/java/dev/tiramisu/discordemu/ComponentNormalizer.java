package dev.tiramisu.discordemu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Gives stored message and modal components the ids and fields Discord fills in. */
final class ComponentNormalizer {
  private ComponentNormalizer() {}

  /**
   * Stores components as Discord returns them: every component without an {@code id} gets one (unique within the
   * message, counting depth-first from 1 and skipping ids the sender chose; responses must carry them), and a
   * unicode emoji sent as {@code {"name": "🗑️", "id": null}} (buttons, select options) loses its null {@code id}
   * and {@code animated}: Discord's component emoji response has an optional snowflake {@code id}, present only for
   * a custom emoji. Components V2 get the fields Discord fills in ({@link
   * dev.tiramisu.discordemu.model.StoredComponents}).
   */
  static void normalize(JsonNode components) {
    java.util.Set<Integer> used = new java.util.HashSet<>();
    List<ObjectNode> all = new ArrayList<>();
    walkComponents(components, all);
    for (ObjectNode c : all) {
      dropNullEmojiFields(c.get("emoji"));
      JsonNode options = c.get("options");
      if (options != null && options.isArray()) {
        options.forEach(o -> dropNullEmojiFields(o.get("emoji")));
      }
      dev.tiramisu.discordemu.model.StoredComponents.fillDefaults(c);
    }
    for (ObjectNode c : all) {
      if (c.path("id").isInt() && c.path("id").asInt() != 0) { // 0 means "assign one", as Discord documents
        used.add(c.path("id").asInt());
      }
    }
    int next = 1;
    for (ObjectNode c : all) {
      if (!c.path("id").isInt() || c.path("id").asInt() == 0) {
        while (used.contains(next)) {
          next++;
        }
        c.put("id", next);
        used.add(next);
      }
    }
  }

  private static void dropNullEmojiFields(JsonNode emoji) {
    if (emoji instanceof ObjectNode e) {
      for (String field : List.of("id", "animated")) {
        if (e.has(field) && e.get(field).isNull()) {
          e.remove(field);
        }
      }
    }
  }

  private static void walkComponents(JsonNode node, List<ObjectNode> out) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return;
    }
    if (node.isArray()) {
      node.forEach(n -> walkComponents(n, out));
      return;
    }
    if (node instanceof ObjectNode o && o.has("type")) {
      out.add(o);
      walkComponents(o.get("components"), out);
      walkComponents(o.get("component"), out);
      walkComponents(o.get("accessory"), out);
    }
  }
}
