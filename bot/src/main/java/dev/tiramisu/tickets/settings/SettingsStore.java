package dev.tiramisu.tickets.settings;

import java.time.Instant;

/**
 * Persistence of {@link GuildSettings}. Implementations throw {@link
 * dev.tiramisu.tickets.common.StorageUnavailableException} on database failure.
 */
public interface SettingsStore {

  /** The guild's settings; {@link GuildSettings#defaults} when it never changed one. */
  GuildSettings load(long guildId);

  /**
   * The settings a ticket lives by: the guild's, overlaid with its {@link TicketType} when it has
   * one ({@link GuildSettings#forType}), so its staff are the type's staff. Use this for every
   * decision about one ticket (who may close, claim, add; where its log goes).
   */
  default GuildSettings forTicket(long guildId, long ticketId) {
    return load(guildId);
  }

  /**
   * Stores one setting atomically without touching the others (two admins changing different
   * settings at once both win). {@link SettingValue.Reset} stores "default".
   */
  void put(long guildId, SettingKey key, SettingValue value, Instant updatedAt);
}
