/**
 * Per-guild settings: {@link dev.tiramisu.tickets.settings.SettingKey} (names, parsing,
 * validation), {@link dev.tiramisu.tickets.settings.GuildSettings} (the values and the staff rule),
 * {@link dev.tiramisu.tickets.settings.SettingsService} and the {@link
 * dev.tiramisu.tickets.settings.SettingsStore} port. No Discord library types.
 */
package dev.tiramisu.tickets.settings;
