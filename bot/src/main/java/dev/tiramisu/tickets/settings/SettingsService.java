package dev.tiramisu.tickets.settings;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.common.Result;
import dev.tiramisu.tickets.text.DiscordText;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reading and changing per-guild settings ({@code /setting get [name]}, {@code /setting set <name>
 * <value>}).
 *
 * <p>Typical adapter flow for {@code set}: {@link #parse} (pure) → adapter checks Discord-side
 * facts → {@link #apply} → reply {@code SETTING_SAVED} or {@code SETTING_RESET} with {@link
 * #display}. Store failures surface as {@link dev.tiramisu.tickets.common.StorageUnavailableException}.
 */
public final class SettingsService {
  private static final Logger log = LoggerFactory.getLogger(SettingsService.class);

  private final SettingsStore store;
  private final Clock clock;

  public SettingsService(SettingsStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The guild's current settings. */
  public GuildSettings get(long guildId) {
    return store.load(guildId);
  }

  /**
   * Parses a setting name and value without saving anything.
   *
   * @return the change, or a refusal: {@code ERROR_SETTING_UNKNOWN} or one of the {@code
   *     ERROR_SETTING_*} value errors
   */
  public Result<SettingChange> parse(String name, String rawValue) {
    return SettingKey.parse(name)
        .flatMap(key -> key.parseValue(rawValue).map(value -> new SettingChange(key, value)));
  }

  /**
   * Saves a parsed change if {@code actor} may manage the server.
   *
   * @return the guild's settings after the change, or {@code ERROR_SETTINGS_NOT_ALLOWED}
   */
  public Result<GuildSettings> apply(long guildId, Actor actor, SettingChange change) {
    if (!actor.canManageServer()) {
      return Result.refused(MessageKey.ERROR_SETTINGS_NOT_ALLOWED);
    }
    if (change.key() == SettingKey.AUTOCLOSE_WARNING) {
      GuildSettings after = store.load(guildId).with(change.key(), change.value());
      if (!after.autocloseAfter().isZero() && !after.autocloseWarning().isZero()
          && after.autocloseWarning().compareTo(after.autocloseAfter()) >= 0) {
        return Result.refused(MessageKey.ERROR_SETTING_WARNING_NOT_BEFORE,
            Durations.format(after.autocloseWarning()), Durations.format(after.autocloseAfter()));
      }
    }
    store.put(guildId, change.key(), change.value(), clock.instant());
    log.info(
        "guild {}: setting {} {} by user {}",
        guildId,
        change.key().settingName(),
        change.isReset() ? "reset" : "changed",
        actor.userId());
    return Result.ok(store.load(guildId));
  }

  /** {@link #parse} then {@link #apply}, for adapters with nothing to check in between. */
  public Result<GuildSettings> set(long guildId, Actor actor, String name, String rawValue) {
    return parse(name, rawValue).flatMap(change -> apply(guildId, actor, change));
  }

  /**
   * How a setting's value is shown to users: a channel or role mention, "on"/"off", the escaped
   * template, or "not set".
   */
  public static String display(GuildSettings settings, SettingKey key, Messages messages) {
    Object value = settings.get(key);
    if (value == null) {
      return messages.format(MessageKey.SETTING_VALUE_NOT_SET);
    }
    switch (key.kind()) {
      case CHANNEL:
        return "<#" + value + ">";
      case ROLE:
        return "<@&" + value + ">";
      case BOOLEAN:
        return messages.format(
            (Boolean) value ? MessageKey.SETTING_VALUE_ON : MessageKey.SETTING_VALUE_OFF);
      case TEMPLATE:
        return DiscordText.escape(value.toString());
      case NUMBER:
        return (Integer) value == 0
            ? messages.format(MessageKey.SETTING_VALUE_UNLIMITED)
            : value.toString();
      case DURATION:
        return ((java.time.Duration) value).isZero()
            ? messages.format(MessageKey.SETTING_VALUE_OFF)
            : Durations.format((java.time.Duration) value);
      default:
        throw new AssertionError(key);
    }
  }
}
