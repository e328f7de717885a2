package dev.tiramisu.tickets.transcript;

import java.util.Map;
import java.util.Objects;

/**
 * Names for the mentions a message carries, by id: users ({@code <@id>}), roles ({@code <@&id>})
 * and channels ({@code <#id>}), as Discord resolved them when the message was read.
 */
public record MentionNames(Map<String, String> users, Map<String, String> roles,
    Map<String, String> channels) {
  public static final MentionNames NONE = new MentionNames(Map.of(), Map.of(), Map.of());

  public MentionNames {
    users = Map.copyOf(Objects.requireNonNull(users, "users"));
    roles = Map.copyOf(Objects.requireNonNull(roles, "roles"));
    channels = Map.copyOf(Objects.requireNonNull(channels, "channels"));
  }
}
