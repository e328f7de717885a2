package dev.tiramisu.tickets.testing;

import dev.tiramisu.tickets.settings.GuildSettings;
import dev.tiramisu.tickets.settings.SettingKey;
import dev.tiramisu.tickets.settings.SettingValue;
import dev.tiramisu.tickets.settings.SettingsStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** A {@link SettingsStore} in memory; passes the store contract tests. */
public final class InMemorySettingsStore implements SettingsStore {
  private final Map<Long, GuildSettings> rows = new HashMap<>();

  @Override
  public synchronized GuildSettings load(long guildId) {
    return rows.getOrDefault(guildId, GuildSettings.defaults(guildId));
  }

  @Override
  public synchronized void put(long guildId, SettingKey key, SettingValue value, Instant at) {
    rows.put(guildId, load(guildId).with(key, value));
  }
}
