package dev.tiramisu.discordemu.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The places where Discord's OpenAPI description (a preview) disagrees with Discord's
 * documentation or with what Discord really accepts, and where the emulator therefore tolerates
 * what the spec alone would flag. This class is the only such list.
 *
 * <p>Each entry names the route, the field and why. Each is demonstrated by {@code
 * SpecDeviationsTest}: without the entry, a body that JDA 6 really sends, or that Discord's
 * documentation gives as an example, is flagged. Add nothing speculative.
 *
 * <p>Two kinds:
 *
 * <ul>
 *   <li>{@link Coercion}: Discord takes a value of another JSON type in a field (a decimal string
 *       where the spec says integer, or the other way round). The value is converted to the
 *       spec's type before validation, so the spec's other checks (enum, range, pattern) still
 *       apply: {@code "7"} where {@code 0, 1, 2} are allowed is still flagged.
 *   <li>{@link Tolerated}: a violation that is not one, dropped from the result.
 * </ul>
 */
public final class SpecDeviations {

  /** The JSON type a {@link Coercion} converts to. */
  public enum Target {
    /** A decimal string such as {@code "32"} becomes the integer 32. */
    INTEGER,
    /** An integer such as {@code 0} becomes the string {@code "0"}. */
    STRING
  }

  /**
   * Discord accepts another JSON type in a request body field than the spec says.
   *
   * @param method HTTP method
   * @param pathTemplate the spec's path template
   * @param pointer a JSON pointer into the request body; a {@code *} token matches any array index
   *     or property name
   * @param target the type the spec wants, which the value is converted to
   * @param why which documentation or client behaviour this follows
   */
  public record Coercion(
      String method, String pathTemplate, String pointer, Target target, String why) {}

  /**
   * A violation that is not one: suppressed when direction, method, template, status, field and
   * reason all match. {@code "*"} matches any method or template, status 0 any status. In {@code
   * field}, a {@code *} token matches one JSON pointer token and {@code **} any number of them.
   */
  public record Tolerated(
      String direction,
      String method,
      String pathTemplate,
      int status,
      String field,
      String reason,
      String why) {

    boolean covers(Violation v) {
      return direction.equals(v.direction())
          && ("*".equals(method) || method.equals(v.method()))
          && ("*".equals(pathTemplate) || pathTemplate.equals(v.pathTemplate()))
          && (status == 0 || status == v.status())
          && reason.equals(v.reason())
          && fieldPattern(field).matcher(v.field()).matches();
    }
  }

  private static Pattern fieldPattern(String field) {
    if (!field.startsWith("/")) {
      return Pattern.compile(Pattern.quote(field)); // "" or a parameter name
    }
    StringBuilder regex = new StringBuilder();
    for (String token : field.substring(1).split("/", -1)) {
      switch (token) {
        case "**" -> regex.append("(?:/[^/]*)*");
        case "*" -> regex.append("/[^/]*");
        default -> regex.append('/').append(Pattern.quote(token));
      }
    }
    return Pattern.compile(regex.toString());
  }

  private static final String COMMANDS = "/applications/{application_id}/commands";
  private static final String GUILD_COMMANDS =
      "/applications/{application_id}/guilds/{guild_id}/commands";

  private static final String PERMISSIONS_AS_STRING =
      "Discord documents default_member_permissions as a ?string (a permission bit set, which can"
          + " exceed 2^53); the spec says integer. JDA 6 sends it as a string"
          + " (CommandDataImpl#toData: Long.toUnsignedString(permissionsRaw)).";
  private static final String CONTEXTS_AS_STRINGS =
      "JDA 6 sends contexts as strings (InteractionContextType#getType returns \"0\", \"1\", \"2\")"
          + " and Discord accepts them; the spec says integers.";
  private static final String INTEGRATION_TYPES_AS_STRINGS =
      "JDA 6 sends integration_types as strings (IntegrationType#getType returns \"0\", \"1\")"
          + " and Discord accepts them; the spec says integers.";
  private static final String UPLOAD_INDEX_AS_ID =
      "For a new upload, attachments[].id is the index n of its files[n] part, an integer in"
          + " Discord's documentation (Uploading Files: \"id\": 0) and in JDA 6"
          + " (FileUpload#toAttachmentData puts the int index); the spec says snowflake string.";

  private static final String OVERWRITE_BITS_AS_STRINGS =
      "Discord documents an overwrite's allow and deny as strings (Edit Channel Permissions) and"
          + " other clients (discord.py 2) send them so; the spec says integer.";

  /**
   * Fields where Discord accepts another JSON type than the spec says. Every entry is demonstrated
   * by a body JDA 6 builds, or one Discord's documentation describes and another client sends.
   */
  public static final List<Coercion> COERCIONS =
      List.of(
          // CommandData#toData() in JDA 6. PUT = bulk overwrite (a list of commands),
          // POST = create one (upsertCommand); global and per guild.
          new Coercion("PUT", COMMANDS, "/*/default_member_permissions", Target.INTEGER,
              PERMISSIONS_AS_STRING),
          new Coercion("PUT", COMMANDS, "/*/contexts/*", Target.INTEGER, CONTEXTS_AS_STRINGS),
          new Coercion("PUT", COMMANDS, "/*/integration_types/*", Target.INTEGER,
              INTEGRATION_TYPES_AS_STRINGS),
          new Coercion("PUT", GUILD_COMMANDS, "/*/default_member_permissions", Target.INTEGER,
              PERMISSIONS_AS_STRING),
          new Coercion("PUT", GUILD_COMMANDS, "/*/contexts/*", Target.INTEGER,
              CONTEXTS_AS_STRINGS),
          new Coercion("PUT", GUILD_COMMANDS, "/*/integration_types/*", Target.INTEGER,
              INTEGRATION_TYPES_AS_STRINGS),
          new Coercion("POST", COMMANDS, "/default_member_permissions", Target.INTEGER,
              PERMISSIONS_AS_STRING),
          new Coercion("POST", COMMANDS, "/contexts/*", Target.INTEGER, CONTEXTS_AS_STRINGS),
          new Coercion("POST", COMMANDS, "/integration_types/*", Target.INTEGER,
              INTEGRATION_TYPES_AS_STRINGS),
          new Coercion("POST", GUILD_COMMANDS, "/default_member_permissions", Target.INTEGER,
              PERMISSIONS_AS_STRING),
          new Coercion("POST", GUILD_COMMANDS, "/contexts/*", Target.INTEGER,
              CONTEXTS_AS_STRINGS),
          new Coercion("POST", GUILD_COMMANDS, "/integration_types/*", Target.INTEGER,
              INTEGRATION_TYPES_AS_STRINGS),
          // Messages with files (a ticket transcript): MessageCreateData/MessageEditData#toData
          // put attachments = MessageUtil#getAttachmentsData(files).
          new Coercion("POST", "/channels/{channel_id}/messages", "/attachments/*/id",
              Target.STRING, UPLOAD_INDEX_AS_ID),
          new Coercion("PATCH", "/channels/{channel_id}/messages/{message_id}",
              "/attachments/*/id", Target.STRING, UPLOAD_INDEX_AS_ID),
          new Coercion("POST", "/webhooks/{webhook_id}/{webhook_token}", "/attachments/*/id",
              Target.STRING, UPLOAD_INDEX_AS_ID),
          new Coercion("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/@original",
              "/attachments/*/id", Target.STRING, UPLOAD_INDEX_AS_ID),
          new Coercion("POST", "/interactions/{interaction_id}/{interaction_token}/callback",
              "/data/attachments/*/id", Target.STRING, UPLOAD_INDEX_AS_ID),
          // Edit Channel Permissions: Discord's docs type allow and deny as strings (a permission bit set can
          // exceed 2^53) and discord.py 2 sends them so (str(allow.value)); the spec says integer.
          new Coercion("PUT", "/channels/{channel_id}/permissions/{overwrite_id}", "/allow", Target.INTEGER,
              OVERWRITE_BITS_AS_STRINGS),
          new Coercion("PUT", "/channels/{channel_id}/permissions/{overwrite_id}", "/deny", Target.INTEGER,
              OVERWRITE_BITS_AS_STRINGS),
          // JDA#openPrivateChannelById(long) (JDAImpl) puts the id as a JSON number; Discord
          // accepts integer snowflakes in request bodies; the spec says snowflake string.
          new Coercion("POST", "/users/@me/channels", "/recipient_id", Target.STRING,
              "JDA 6 sends recipient_id as a number (JDAImpl#openPrivateChannelById(long));"
                  + " Discord accepts integer snowflakes; the spec says string."));

  /** Violations that are not ones. */
  public static final List<Tolerated> TOLERATED =
      List.of(
          // Any route, 429 response, field "code": the spec's RatelimitedResponse is allOf
          // [Error, {retry_after, global}] and Error requires "code". Discord's rate-limit
          // documentation lists "code?" as optional ("an error code for some limits") and its
          // example 429 body is {"message", "retry_after", "global"} without one; JDA reads only
          // retry_after and global.
          new Tolerated(Violation.RESPONSE, "*", "*", 429, "/code", "required property missing",
              "Discord documents the 429 body's code as optional; the spec requires it."),
          // Any route, 400 response (50035 Invalid Form Body), the code of each field error in
          // "errors": the spec's InnerErrors._errors items are Error, whose code is an integer.
          // Discord's documentation (Example JSON Error Response) shows string codes such as
          // "BASE_TYPE_CHOICES", and JDA reads them as strings
          // (ErrorResponseException: json.getString("code")).
          new Tolerated(Violation.RESPONSE, "*", "*", 400, "/errors/**/_errors/*/code",
              "string found, integer expected",
              "Field errors carry string codes (BASE_TYPE_...); the spec says integer."),
          // PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original, query "wait": JDA 6
          // (InteractionHookImpl) adds wait=true to edits of an interaction's original
          // response. The spec documents only thread_id and with_components for this route;
          // Discord ignores query parameters it does not know, so the real API accepts the call.
          new Tolerated(Violation.REQUEST, "PATCH",
              "/webhooks/{webhook_id}/{webhook_token}/messages/@original", 0, "wait",
              "unknown query parameter (documented: thread_id, with_components)",
              "JDA sends wait=true on edits of @original; Discord ignores unknown query parameters."),
          new Tolerated(Violation.REQUEST, "PATCH",
              "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}", 0, "wait",
              "unknown query parameter (documented: thread_id, with_components)",
              "JDA sends wait=true on edits of follow-ups; Discord ignores unknown query parameters."));

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]{0,19})");

  private SpecDeviations() {}

  /**
   * Applies the {@link #COERCIONS} of {@code op} to a parsed request body, in place. Values that
   * do not convert cleanly (a string that is not a decimal integer) are left as they are, for the
   * spec to flag.
   */
  static void normalizeRequest(SpecOperation op, JsonNode body) {
    for (Coercion entry : COERCIONS) {
      if (entry.method().equals(op.method()) && entry.pathTemplate().equals(op.pathTemplate())) {
        String[] tokens = entry.pointer().substring(1).split("/");
        replace(body, tokens, 0, entry.target());
      }
    }
  }

  private static void replace(JsonNode node, String[] tokens, int index, Target target) {
    String token = tokens[index];
    boolean last = index == tokens.length - 1;
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      if ("*".equals(token)) {
        object.fieldNames().forEachRemaining(names::add);
      } else if (object.has(token)) {
        names.add(token);
      }
      for (String name : names) {
        JsonNode child = object.get(name);
        if (last) {
          JsonNode converted = convert(child, target);
          if (converted != null) {
            object.set(name, converted);
          }
        } else {
          replace(child, tokens, index + 1, target);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        if (!"*".equals(token) && !token.equals(Integer.toString(i))) {
          continue;
        }
        if (last) {
          JsonNode converted = convert(array.get(i), target);
          if (converted != null) {
            array.set(i, converted);
          }
        } else {
          replace(array.get(i), tokens, index + 1, target);
        }
      }
    }
  }

  private static JsonNode convert(JsonNode value, Target target) {
    if (value == null) {
      return null;
    }
    if (target == Target.INTEGER && value.isTextual()
        && DECIMAL.matcher(value.textValue()).matches()) {
      return JSON.numberNode(new BigInteger(value.textValue()));
    }
    if (target == Target.STRING && value.isIntegralNumber()) {
      return JSON.textNode(value.bigIntegerValue().toString());
    }
    return null;
  }

  /** Drops the {@link #TOLERATED} violations. */
  static List<Violation> filter(List<Violation> violations) {
    if (violations.isEmpty()) {
      return List.of();
    }
    List<Violation> kept = new ArrayList<>(violations.size());
    for (Violation v : violations) {
      if (TOLERATED.stream().noneMatch(t -> t.covers(v))) {
        kept.add(v);
      }
    }
    return List.copyOf(kept);
  }
}
