package dev.tiramisu.discordemu.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiramisu.discordemu.DiscordException;
import java.util.HashSet;
import java.util.Set;

/**
 * Discord's documented limits on message bodies: content ≤ 2000 characters, ≤ 10 embeds and 6000 embed
 * characters, ≤ 5 action rows of ≤ 5 buttons, custom ids ≤ 100 characters and unique, labels ≤ 80 characters.
 * A violation is answered with 400 / 50035 and the field that broke the rule.
 */
public final class MessageRules {
  private MessageRules() {}

  public static final int MAX_CONTENT = 2000;
  /** A message nonce given as a string has at most 25 characters. */
  public static final int MAX_NONCE = 25;

  public static void check(JsonNode body, boolean hasFiles, boolean requireSomething) {
    JsonNode content = body.path("content");
    if (content.isTextual() && content.asText().codePointCount(0, content.asText().length()) > MAX_CONTENT) {
      throw DiscordException.invalidForm("content", "BASE_TYPE_MAX_LENGTH",
          "Must be " + MAX_CONTENT + " or fewer in length.");
    }
    JsonNode nonce = body.path("nonce");
    if (nonce.isTextual() && nonce.asText().length() > MAX_NONCE) {
      throw DiscordException.invalidForm("nonce", "BASE_TYPE_MAX_LENGTH",
          "Must be " + MAX_NONCE + " or fewer in length.");
    }
    JsonNode embeds = body.path("embeds");
    if (embeds.isArray()) {
      if (embeds.size() > 10) {
        throw DiscordException.invalidForm("embeds", "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.");
      }
      int total = 0;
      for (int i = 0; i < embeds.size(); i++) {
        JsonNode e = embeds.get(i);
        total += checkLength(e.path("title"), 256, "embeds." + i + ".title");
        total += checkLength(e.path("description"), 4096, "embeds." + i + ".description");
        total += checkLength(e.path("footer").path("text"), 2048, "embeds." + i + ".footer.text");
        total += checkLength(e.path("author").path("name"), 256, "embeds." + i + ".author.name");
        JsonNode fields = e.path("fields");
        if (fields.size() > 25) {
          throw DiscordException.invalidForm("embeds." + i + ".fields", "BASE_TYPE_MAX_LENGTH",
              "Must be 25 or fewer in length.");
        }
        for (int f = 0; f < fields.size(); f++) {
          total += checkLength(fields.get(f).path("name"), 256, "embeds." + i + ".fields." + f + ".name");
          total += checkLength(fields.get(f).path("value"), 1024, "embeds." + i + ".fields." + f + ".value");
        }
      }
      if (total > 6000) {
        throw DiscordException.invalidForm("embeds", "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000");
      }
    }
    checkComponents(body.path("components"), "components");
    if (requireSomething) {
      boolean empty = (!content.isTextual() || content.asText().isEmpty())
          && (!embeds.isArray() || embeds.isEmpty())
          && (!body.path("components").isArray() || body.path("components").isEmpty())
          && !hasFiles
          && !body.path("sticker_ids").isArray()
          && !body.path("poll").isObject();
      if (empty) {
        throw new DiscordException(400, 50006, "Cannot send an empty message");
      }
    }
  }

  /** Components of a message (action rows of buttons and selects) or of a modal (labels/rows of text inputs). */
  public static void checkComponents(JsonNode rows, String field) {
    if (!rows.isArray()) {
      return;
    }
    if (rows.size() > 5) {
      throw DiscordException.invalidForm(field, "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.");
    }
    Set<String> ids = new HashSet<>();
    for (int r = 0; r < rows.size(); r++) {
      JsonNode row = rows.get(r);
      JsonNode children = row.has("components") ? row.path("components") : null;
      if (row.has("component")) { // a Label (type 18) wraps one component
        checkComponent(row.path("component"), field + "." + r + ".component", ids);
        continue;
      }
      if (children == null) {
        checkComponent(row, field + "." + r, ids);
        continue;
      }
      if (children.size() > 5) {
        throw DiscordException.invalidForm(field + "." + r + ".components", "BASE_TYPE_MAX_LENGTH",
            "Must be 5 or fewer in length.");
      }
      for (int c = 0; c < children.size(); c++) {
        checkComponent(children.get(c), field + "." + r + ".components." + c, ids);
      }
    }
  }

  private static void checkComponent(JsonNode c, String field, Set<String> ids) {
    JsonNode id = c.path("custom_id");
    if (id.isTextual()) {
      if (id.asText().isEmpty() || id.asText().length() > 100) {
        throw DiscordException.invalidForm(field + ".custom_id", "BASE_TYPE_BAD_LENGTH",
            "Must be between 1 and 100 in length.");
      }
      if (!ids.add(id.asText())) {
        throw DiscordException.invalidForm(field + ".custom_id", "COMPONENT_CUSTOM_ID_DUPLICATED",
            "Component custom id cannot be duplicated");
      }
    }
    checkLength(c.path("label"), c.path("type").asInt() == 18 ? 45 : 80, field + ".label");
    checkLength(c.path("placeholder"), 150, field + ".placeholder");
  }

  private static int checkLength(JsonNode node, int max, String field) {
    if (!node.isTextual()) {
      return 0;
    }
    int len = node.asText().codePointCount(0, node.asText().length());
    if (len > max) {
      throw DiscordException.invalidForm(field, "BASE_TYPE_MAX_LENGTH", "Must be " + max + " or fewer in length.");
    }
    return len;
  }
}
