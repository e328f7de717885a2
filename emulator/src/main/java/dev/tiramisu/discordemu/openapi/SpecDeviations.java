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
 *   <li>{@link NumericString}: Discord takes an integer field as a decimal string too. The string
 *       is turned into the integer before validation, so the spec's other checks (enum, range)
 *       still apply to it: {@code "7"} where {@code 0, 1, 2} are allowed is still flagged.
 *   <li>{@link Tolerated}: a violation that is not one, dropped from the result.
 * </ul>
 */
public final class SpecDeviations {

  /**
   * Discord accepts a decimal string where the spec says integer.
   *
   * @param method HTTP method
   * @param pathTemplate the spec's path template
   * @param pointer a JSON pointer into the request body; a {@code *} token matches any array index
   *     or property name
   * @param why which documentation or client behaviour this follows
   */
  public record NumericString(String method, String pathTemplate, String pointer, String why) {}

  /**
   * A violation that is not one: suppressed when direction, method, template, status, field and
   * reason all match. {@code "*"} matches any method or template, status 0 any status.
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
          && field.equals(v.field())
          && reason.equals(v.reason());
    }
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

  /**
   * Integer fields Discord also takes as decimal strings. All come from {@code
   * CommandData#toData()} in JDA 6: the bulk overwrite ({@code PUT}, a list of commands) and the
   * single create ({@code POST}, one command), global and per guild.
   */
  public static final List<NumericString> NUMERIC_STRINGS =
      List.of(
          // PUT /applications/{application_id}/commands: ApplicationCommandUpdateRequest[]
          new NumericString("PUT", COMMANDS, "/*/default_member_permissions",
              PERMISSIONS_AS_STRING),
          new NumericString("PUT", COMMANDS, "/*/contexts/*", CONTEXTS_AS_STRINGS),
          new NumericString("PUT", COMMANDS, "/*/integration_types/*",
              INTEGRATION_TYPES_AS_STRINGS),
          // PUT /applications/{application_id}/guilds/{guild_id}/commands: the same list
          new NumericString("PUT", GUILD_COMMANDS, "/*/default_member_permissions",
              PERMISSIONS_AS_STRING),
          new NumericString("PUT", GUILD_COMMANDS, "/*/contexts/*", CONTEXTS_AS_STRINGS),
          new NumericString("PUT", GUILD_COMMANDS, "/*/integration_types/*",
              INTEGRATION_TYPES_AS_STRINGS),
          // POST /applications/{application_id}/commands: ApplicationCommandCreateRequest
          new NumericString("POST", COMMANDS, "/default_member_permissions",
              PERMISSIONS_AS_STRING),
          new NumericString("POST", COMMANDS, "/contexts/*", CONTEXTS_AS_STRINGS),
          new NumericString("POST", COMMANDS, "/integration_types/*",
              INTEGRATION_TYPES_AS_STRINGS),
          // POST /applications/{application_id}/guilds/{guild_id}/commands: the same object
          new NumericString("POST", GUILD_COMMANDS, "/default_member_permissions",
              PERMISSIONS_AS_STRING),
          new NumericString("POST", GUILD_COMMANDS, "/contexts/*", CONTEXTS_AS_STRINGS),
          new NumericString("POST", GUILD_COMMANDS, "/integration_types/*",
              INTEGRATION_TYPES_AS_STRINGS));

  /** Violations that are not ones. */
  public static final List<Tolerated> TOLERATED =
      List.of(
          // Any route, 429 response, field "code": the spec's RatelimitedResponse is allOf
          // [Error, {retry_after, global}] and Error requires "code". Discord's rate-limit
          // documentation lists "code?" as optional ("an error code for some limits") and its
          // example 429 body is {"message", "retry_after", "global"} without one; JDA reads only
          // retry_after and global.
          new Tolerated(Violation.RESPONSE, "*", "*", 429, "/code", "required property missing",
              "Discord documents the 429 body's code as optional; the spec requires it."));

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]{0,19})");

  private SpecDeviations() {}

  /**
   * Applies the {@link #NUMERIC_STRINGS} of {@code op} to a parsed request body, in place.
   * Strings that are not decimal integers are left as they are, for the spec to flag.
   */
  static void normalizeRequest(SpecOperation op, JsonNode body) {
    for (NumericString entry : NUMERIC_STRINGS) {
      if (entry.method().equals(op.method()) && entry.pathTemplate().equals(op.pathTemplate())) {
        String[] tokens = entry.pointer().substring(1).split("/");
        replace(body, tokens, 0);
      }
    }
  }

  private static void replace(JsonNode node, String[] tokens, int index) {
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
          JsonNode number = asInteger(child);
          if (number != null) {
            object.set(name, number);
          }
        } else {
          replace(child, tokens, index + 1);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        if (!"*".equals(token) && !token.equals(Integer.toString(i))) {
          continue;
        }
        if (last) {
          JsonNode number = asInteger(array.get(i));
          if (number != null) {
            array.set(i, number);
          }
        } else {
          replace(array.get(i), tokens, index + 1);
        }
      }
    }
  }

  private static JsonNode asInteger(JsonNode value) {
    if (value != null && value.isTextual() && DECIMAL.matcher(value.textValue()).matches()) {
      return JSON.numberNode(new BigInteger(value.textValue()));
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
