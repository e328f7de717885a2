package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.text.Messages;
import java.util.Locale;
import net.dv8tion.jda.api.interactions.Interaction;

/**
 * What a reply effect stores to answer an interaction later: its token and the language of the
 * user who caused it ({@code de|token}), so an answer finished by the effect worker speaks the
 * same language as the one given at once. The domain treats it as an opaque string. A bare token
 * (saved before languages existed) is answered in English.
 */
record ReplyHandle(String token, Messages messages) {
  private static final char SEP = '|';

  /** The handle of {@code e}: its token with the user's language. */
  static String of(Interaction e) {
    Locale locale = Locales.user(e).locale();
    String language = locale.getLanguage().isEmpty() ? "en" : locale.getLanguage();
    return language + SEP + e.getToken();
  }

  static ReplyHandle parse(String stored) {
    int at = stored.indexOf(SEP);
    return at < 0
        ? new ReplyHandle(stored, Messages.of(null))
        : new ReplyHandle(stored.substring(at + 1), Messages.ofTag(stored.substring(0, at)));
  }
}
