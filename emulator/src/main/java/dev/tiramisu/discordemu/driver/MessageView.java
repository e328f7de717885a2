package dev.tiramisu.discordemu.driver;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiramisu.discordemu.model.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A snapshot of a message, safe to read outside the state's lock.
 *
 * @param pingedUsers users actually notified after allowed_mentions and permissions were applied
 * @param pingedRoles roles actually notified
 * @param pingedEveryone whether @everyone/@here actually notified
 */
public record MessageView(long id, long channelId, long authorId, String content, JsonNode embeds,
    JsonNode components, int flags, Long visibleTo, boolean pinned, Set<Long> mentionedUsers, Set<Long> pingedUsers,
    Set<Long> pingedRoles, boolean pingedEveryone, List<String> attachmentNames, Long interactionId) {

  public static MessageView of(Message m) {
    List<String> files = new ArrayList<>();
    m.attachments.forEach(a -> files.add(a.filename()));
    return new MessageView(m.id, m.channelId, m.authorId, m.content, m.embeds.deepCopy(), m.components.deepCopy(),
        m.flags, m.visibleTo, m.pinned, Set.copyOf(m.mentionedUsers), Set.copyOf(m.pingedUsers),
        Set.copyOf(m.pingedRoles), m.pingedEveryone, List.copyOf(files), m.interactionId);
  }

  public boolean ephemeral() {
    return (flags & Message.FLAG_EPHEMERAL) != 0;
  }

  /**
   * Content plus every embed's title, description, field names and values, footer, then the Components V2 text
   * displays in order (inside containers and sections too): what a reader sees.
   */
  public String text() {
    StringBuilder sb = new StringBuilder(content);
    for (JsonNode e : embeds) {
      append(sb, e.path("title"));
      append(sb, e.path("description"));
      for (JsonNode f : e.path("fields")) {
        append(sb, f.path("name"));
        append(sb, f.path("value"));
      }
      append(sb, e.path("footer").path("text"));
      append(sb, e.path("author").path("name"));
    }
    for (String t : textDisplays()) {
      sb.append(sb.isEmpty() ? "" : "\n").append(t);
    }
    return sb.toString();
  }

  /** The contents of the message's text displays (type 10), depth first: containers, sections, top level. */
  public List<String> textDisplays() {
    List<String> out = new ArrayList<>();
    texts(components, out);
    return out;
  }

  private static void texts(JsonNode node, List<String> out) {
    if (node.isArray()) {
      node.forEach(n -> texts(n, out));
    } else if (node.isObject()) {
      if (node.path("type").asInt() == 10 && node.path("content").isTextual()) {
        out.add(node.path("content").asText());
      }
      texts(node.path("components"), out);
    }
  }

  /** Whether the message was sent with the IS_COMPONENTS_V2 flag. */
  public boolean componentsV2() {
    return (flags & Message.FLAG_COMPONENTS_V2) != 0;
  }

  private static void append(StringBuilder sb, JsonNode n) {
    if (n.isTextual()) {
      sb.append('\n').append(n.asText());
    }
  }

  /** Every button and select of the message, flattened: each with type, label, custom_id, style, url, disabled. */
  public List<JsonNode> allComponents() {
    List<JsonNode> out = new ArrayList<>();
    collect(components, out);
    return out;
  }

  private static void collect(JsonNode node, List<JsonNode> out) {
    if (node.isMissingNode() || node.isNull()) {
      return; // a leaf's absent "components": without this the walk never ends
    }
    if (node.isArray()) {
      node.forEach(n -> collect(n, out));
      return;
    }
    if (!node.isObject()) {
      return; // a missing "components" of a leaf component: nothing below it
    }
    int type = node.path("type").asInt();
    if (type == 2 || type == 3 || (type >= 5 && type <= 8)) {
      out.add(node);
    }
    collect(node.path("components"), out);
    if (node.has("component")) {
      collect(node.path("component"), out);
    }
    if (node.has("accessory")) {
      collect(node.path("accessory"), out);
    }
  }

  /** Labels of the buttons, in order. */
  public List<String> buttonLabels() {
    List<String> out = new ArrayList<>();
    for (JsonNode c : allComponents()) {
      if (c.path("type").asInt() == 2) {
        out.add(c.path("label").asText());
      }
    }
    return out;
  }
}
