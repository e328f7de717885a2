package dev.tiramisu.tickets.settings;

import java.util.Objects;

/**
 * A validated request to change one setting, produced by {@link SettingsService#parse} and applied
 * by {@link SettingsService#apply}. Between the two, the adapter can check things only Discord
 * knows (e.g. that a channel id names a text channel the bot can see).
 */
public record SettingChange(SettingKey key, SettingValue value) {
  public SettingChange {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }

  /** Whether this change puts the setting back to its default. */
  public boolean isReset() {
    return value instanceof SettingValue.Reset;
  }
}
