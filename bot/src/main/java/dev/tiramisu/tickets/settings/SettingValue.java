package dev.tiramisu.tickets.settings;

/**
 * A parsed, valid value for a {@link SettingKey}. {@link Reset} puts a setting back to its default
 * (for channel and role settings: not set).
 */
public sealed interface SettingValue {

  /** A channel or role id. */
  record Snowflake(long id) implements SettingValue {
    public Snowflake {
      if (id <= 0) {
        throw new IllegalArgumentException("snowflakes are positive, got " + id);
      }
    }
  }

  /** An on/off value. */
  record Flag(boolean on) implements SettingValue {}

  /** A thread name template. */
  record Template(NameTemplate template) implements SettingValue {}

  /** Back to the default. */
  record Reset() implements SettingValue {}
}
