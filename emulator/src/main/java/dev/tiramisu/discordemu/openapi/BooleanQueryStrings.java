package dev.tiramisu.discordemu.openapi;

import java.util.Optional;

/**
 * Discord's boolean query strings (API Reference, "Boolean Query Strings"): {@code True}, {@code true} or {@code 1}
 * for true and {@code False}, {@code false} or {@code 0} for false. Anything else is not a boolean (Discord answers
 * 400 / 50035). The one parser of the emulator: the OpenAPI validator's parameter coercion and every route handler
 * that reads a boolean query parameter ({@code wait}, {@code with_counts}, {@code with_member},
 * {@code with_response}) use it.
 */
public final class BooleanQueryStrings {
  private BooleanQueryStrings() {}

  /** The boolean a query value stands for, or empty when it is none of the six spellings. */
  public static Optional<Boolean> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    return switch (value) {
      case "True", "true", "1" -> Optional.of(Boolean.TRUE);
      case "False", "false", "0" -> Optional.of(Boolean.FALSE);
      default -> Optional.empty();
    };
  }
}
