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

  /** A whole number (0 = no limit). */
  record Count(int n) implements SettingValue {
    public Count {
      if (n < 0) {
        throw new IllegalArgumentException("counts are not negative, got " + n);
      }
    }
  }

  /** A duration ({@link java.time.Duration#ZERO} = off). */
  record Span(java.time.Duration duration) implements SettingValue {
    public Span {
      if (duration.isNegative()) {
        throw new IllegalArgumentException("durations are not negative, got " + duration);
      }
    }
  }

  /** Back to the default. */
  record Reset() implements SettingValue {}
}
