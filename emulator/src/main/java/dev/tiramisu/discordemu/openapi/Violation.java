package dev.tiramisu.discordemu.openapi;

import java.util.Objects;

/**
 * One way in which a request or a response departs from Discord's OpenAPI description.
 *
 * @param direction {@code "request"} or {@code "response"}
 * @param method upper-case HTTP method
 * @param pathTemplate the spec's path template, or the raw path when no route matched
 * @param status the response status; 0 for a request
 * @param field a JSON pointer into the body ({@code ""} is the whole body), or the name of a
 *     query or path parameter, or {@code ""} when the violation is about the exchange as a whole
 * @param reason what is wrong, e.g. {@code "integer found, string expected"}
 */
public record Violation(
    String direction, String method, String pathTemplate, int status, String field, String reason) {

  public static final String REQUEST = "request";
  public static final String RESPONSE = "response";

  public Violation {
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(pathTemplate, "pathTemplate");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(reason, "reason");
  }

  static Violation request(SpecOperation op, String field, String reason) {
    return new Violation(REQUEST, op.method(), op.pathTemplate(), 0, field, reason);
  }

  static Violation response(SpecOperation op, int status, String field, String reason) {
    return new Violation(RESPONSE, op.method(), op.pathTemplate(), status, field, reason);
  }

  /**
   * One readable line, e.g. {@code request POST /channels/{channel_id}/messages: /content: integer
   * found, string expected} or {@code response 200 GET /users/@me: /id: required property
   * missing}.
   */
  @Override
  public String toString() {
    StringBuilder line = new StringBuilder(direction).append(' ');
    if (RESPONSE.equals(direction)) {
      line.append(status).append(' ');
    }
    line.append(method).append(' ').append(pathTemplate).append(": ");
    if (!field.isEmpty()) {
      line.append(field).append(": ");
    }
    return line.append(reason).toString();
  }
}
