package dev.tiramisu.discordemu.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiramisu.discordemu.DiscordException;
import dev.tiramisu.discordemu.model.Message;

/**
 * Discord's documented limits on message bodies: content ≤ 2000 characters, ≤ 10 embeds and 6000 embed
 * characters, the components ({@link ComponentRules}), and the {@code IS_COMPONENTS_V2} flag's rules: with it,
 * {@code content}, {@code embeds}, {@code poll} and {@code sticker_ids} cannot be used, and once a message has it
 * the flag cannot be removed. A violation is answered with 400 / 50035 and the field that broke the rule.
 */
public final class MessageRules {
  private MessageRules() {}

  public static final int MAX_CONTENT = 2000;
  /** A message nonce given as a string has at most 25 characters. */
  public static final int MAX_NONCE = 25;

  /** A message being created (a send, an interaction response, a follow-up). */
  public static void check(JsonNode body, boolean hasFiles, boolean requireSomething) {
    check(body, hasFiles, requireSomething, null);
  }

  /** An edit of {@code existing}: its flags decide whether the body is read as Components V2. */
  public static void checkEdit(JsonNode body, boolean hasFiles, Message existing) {
    check(body, hasFiles, false, existing);
  }

  private static void check(JsonNode body, boolean hasFiles, boolean requireSomething, Message existing) {
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
    boolean v2 = componentsV2(body, existing);
    ComponentRules.checkMessage(body.path("components"), "components", v2);
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

  /**
   * Whether the message is, or becomes, a Components V2 message, after checking the flag's rules: it cannot be
   * removed once set (a {@code flags} without it on such a message is refused), and {@code content}, {@code
   * embeds}, {@code poll} and {@code sticker_ids} cannot be used with it. Upgrading a message by an edit needs its
   * content and embeds cleared in the same edit, as Discord requires.
   */
  private static boolean componentsV2(JsonNode body, Message existing) {
    boolean was = existing != null && (existing.flags & Message.FLAG_COMPONENTS_V2) != 0;
    JsonNode flags = body.path("flags");
    boolean asks = flags.isIntegralNumber() && (flags.asLong() & Message.FLAG_COMPONENTS_V2) != 0;
    if (was && flags.isIntegralNumber() && !asks) {
      throw DiscordException.invalidForm("flags", "MESSAGE_CANNOT_REMOVE_COMPONENTS_V2_FLAG",
          "The IS_COMPONENTS_V2 flag cannot be removed from a message once set.");
    }
    if (!was && !asks) {
      return false;
    }
    String legacy = "cannot be used when using MessageFlags.IS_COMPONENTS_V2";
    if (body.path("content").isTextual() && !body.path("content").asText().isEmpty()) {
      throw DiscordException.invalidForm("content", V2_LEGACY_FIELD, "The 'content' field " + legacy);
    }
    if (body.path("embeds").isArray() && !body.path("embeds").isEmpty()) {
      throw DiscordException.invalidForm("embeds", V2_LEGACY_FIELD, "The 'embeds' field " + legacy);
    }
    if (body.has("poll") && !body.get("poll").isNull()) {
      throw DiscordException.invalidForm("poll", V2_LEGACY_FIELD, "The 'poll' field " + legacy);
    }
    if (body.path("sticker_ids").isArray() && !body.path("sticker_ids").isEmpty()) {
      throw DiscordException.invalidForm("sticker_ids", V2_LEGACY_FIELD, "The 'sticker_ids' field " + legacy);
    }
    if (existing != null && !was) { // an upgrade: what the message keeps must be allowed too
      if (existing.content != null && !existing.content.isEmpty() && !body.has("content")) {
        throw DiscordException.invalidForm("content", V2_LEGACY_FIELD,
            "The 'content' field " + legacy + ": clear it (null) when adding the flag");
      }
      if (existing.embeds != null && !existing.embeds.isEmpty() && !body.has("embeds")) {
        throw DiscordException.invalidForm("embeds", V2_LEGACY_FIELD,
            "The 'embeds' field " + legacy + ": clear it (null) when adding the flag");
      }
    }
    return true;
  }

  /**
   * The same error with its field paths under {@code prefix}: an interaction callback's message fields are under
   * {@code data} ({@code data.components.0.custom_id}), as Discord names them.
   */
  public static DiscordException under(String prefix, DiscordException e) {
    if (e.errors == null) {
      return e;
    }
    com.fasterxml.jackson.databind.node.ObjectNode wrapped = dev.tiramisu.discordemu.Json.object();
    wrapped.set(prefix, e.errors);
    return new DiscordException(e.status, e.code, e.getMessage(), wrapped);
  }

  private static final String V2_LEGACY_FIELD = "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2";

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
