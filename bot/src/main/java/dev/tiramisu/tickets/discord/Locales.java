package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.text.Messages;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.Interaction;

/**
 * Which language the bot speaks: an ephemeral answer in the locale of the user who acted (the
 * interaction's {@code locale}); everything others see too (ticket messages, notices, the log,
 * the creator's DM) in the guild's preferred locale, the language the server set for its
 * community. A Discord locale maps to a shipped bundle by its language ({@code de} → German);
 * any other is English.
 */
final class Locales {
  private Locales() {}

  static Messages of(DiscordLocale locale) {
    return locale == null || locale == DiscordLocale.UNKNOWN
        ? Messages.of(null) : Messages.ofTag(locale.getLocale());
  }

  /** The language of the user who caused {@code interaction}. */
  static Messages user(Interaction interaction) {
    return of(interaction.getUserLocale());
  }

  /** The guild's preferred language (English when the guild is unknown). */
  static Messages guild(Guild guild) {
    return guild == null ? Messages.of(null) : of(guild.getLocale());
  }
}
