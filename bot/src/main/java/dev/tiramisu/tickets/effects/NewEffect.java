package dev.tiramisu.tickets.effects;

import java.util.Objects;

/** An effect to record with a lifecycle step. */
public record NewEffect(EffectKind kind, Payload payload) {
  public NewEffect {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(payload, "payload");
  }

  public static NewEffect of(EffectKind kind, Payload payload) {
    return new NewEffect(kind, payload);
  }
}
