package dev.tiramisu.discordemu.openapi;

import java.util.Map;
import java.util.Objects;

/**
 * One operation of the spec that a concrete request path matched.
 *
 * @param method upper-case HTTP method, e.g. {@code POST}
 * @param pathTemplate the spec's path template, e.g. {@code /channels/{channel_id}/messages}
 * @param operationId the spec's operationId, e.g. {@code create_message}
 * @param pathParams the values of the template's parameters, percent-decoded, in template order
 */
public record SpecOperation(
    String method, String pathTemplate, String operationId, Map<String, String> pathParams) {

  public SpecOperation {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(pathTemplate, "pathTemplate");
    Objects.requireNonNull(operationId, "operationId");
    pathParams = Map.copyOf(pathParams);
  }
}
