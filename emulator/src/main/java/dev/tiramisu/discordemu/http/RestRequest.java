package dev.tiramisu.discordemu.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.tiramisu.discordemu.DiscordException;
import dev.tiramisu.discordemu.openapi.BooleanQueryStrings;
import java.util.List;
import java.util.Map;

/** A parsed REST request: route template, path parameters, query, JSON body (or multipart payload_json) and files. */
public final class RestRequest {
  public final String method;
  public final String path;
  public final String template;
  public final Map<String, String> params;
  public final Map<String, List<String>> query;
  public final JsonNode json;
  public final List<Multipart.Part> files;
  public final String reason;

  public RestRequest(String method, String path, String template, Map<String, String> params,
      Map<String, List<String>> query, JsonNode json, List<Multipart.Part> files, String reason) {
    this.method = method;
    this.path = path;
    this.template = template;
    this.params = params;
    this.query = query;
    this.json = json == null ? MissingNode.getInstance() : json;
    this.files = files;
    this.reason = reason;
  }

  /** A snowflake path parameter; an id that is not a number is an unknown entity of the given kind. */
  public long id(String name, DiscordException unknown) {
    String raw = params.get(name);
    try {
      return Long.parseUnsignedLong(raw);
    } catch (NumberFormatException | NullPointerException e) {
      throw unknown;
    }
  }

  public String param(String name) {
    return params.get(name);
  }

  /**
   * An integer query parameter within {@code min..max}, or {@code fallback} when absent; otherwise 400 / 50035 as
   * Discord answers (NUMBER_TYPE_COERCE for a non-number, NUMBER_TYPE_MAX out of range).
   */
  public int intParam(String name, int fallback, int min, int max) {
    String raw = queryParam(name);
    int value;
    try {
      value = raw == null ? fallback : Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw DiscordException.invalidForm(name, "NUMBER_TYPE_COERCE", "Value \"" + raw + "\" is not int.");
    }
    if (value < min || value > max) {
      throw DiscordException.invalidForm(name, "NUMBER_TYPE_MAX",
          "int value should be between " + min + " and " + max + ".");
    }
    return value;
  }

  /**
   * A boolean query parameter in Discord's spellings ({@code True}/{@code true}/{@code 1},
   * {@code False}/{@code false}/{@code 0}: {@link BooleanQueryStrings}), or {@code fallback} when absent; any other
   * value is 400 / 50035 as Discord answers.
   */
  public boolean boolParam(String name, boolean fallback) {
    String raw = queryParam(name);
    if (raw == null) {
      return fallback;
    }
    return BooleanQueryStrings.parse(raw).orElseThrow(() -> DiscordException.invalidForm(name,
        "BOOLEAN_TYPE_COERCE", "Value \"" + raw + "\" is not a valid boolean."));
  }

  public String queryParam(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
