package dev.tiramisu.discordemu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.driver.TestGuild;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import org.junit.jupiter.api.Test;

/**
 * Languages: every interaction carries the acting user's client language ({@code locale}) and the guild's
 * {@code preferred_locale} ({@code guild_locale}); the guild object and GUILD_UPDATE carry the preferred locale;
 * registered commands keep their description localizations.
 */
class LocaleTest {
  private static String menuDescription(String base, long userId, long channelId) throws Exception {
    var uri = java.net.URI.create(base + "_driver/users/" + userId + "/channels/" + channelId + "/commands");
    var body = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(uri).GET().build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    return Json.parse(body).path("commands").path(0).path("description").asText();
  }

  @Test
  void interactionsCarryTheUsersLocaleAndTheGuildsPreferredLocale() throws Exception {
    try (Emulator emu = Emulator.start()) {
      TestGuild g = emu.guild("Locales").textChannel("general").member("alice").member("bruno")
          .locale("bruno", "de").preferredLocale("de").build();
      List<String> seen = new CopyOnWriteArrayList<>();
      JDA jda = JdaHarness.start(emu, new ListenerAdapter() {
        @Override
        public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
          seen.add(event.getUser().getName() + " " + event.getUserLocale().getLocale() + " "
              + event.getGuildLocale().getLocale());
          event.reply("ok").setEphemeral(true).queue();
        }
      });
      try {
        assertThat(jda.getGuildById(g.id).getLocale()).isEqualTo(DiscordLocale.GERMAN);
        jda.updateCommands().addCommands(Commands.slash("hello", "Say hello")
            .setDescriptionLocalization(DiscordLocale.GERMAN, "Hallo sagen")).complete();

        g.as("alice").slash(g.channel("general"), "hello", Map.of()).awaitReply();
        g.as("bruno").slash(g.channel("general"), "hello", Map.of()).awaitReply();
        g.setLocale("alice", "fr");
        g.setPreferredLocale("en-GB");
        emu.await("JDA sees the new preferred locale",
            () -> jda.getGuildById(g.id).getLocale() == DiscordLocale.ENGLISH_UK);
        g.as("alice").slash(g.channel("general"), "hello", Map.of()).awaitReply();

        assertThat(seen).containsExactly("alice en-US de", "bruno de de", "alice fr en-GB");
        var registered = jda.retrieveCommands(true).complete();
        assertThat(registered).singleElement().satisfies(c ->
            assertThat(c.getDescriptionLocalizations().get(DiscordLocale.GERMAN)).isEqualTo("Hallo sagen"));
        // the sandbox's slash box shows each user the description in their client's language
        var web = emu.enableWebUi();
        assertThat(menuDescription(web.url(), g.user("bruno"), g.channel("general"))).isEqualTo("Hallo sagen");
        assertThat(menuDescription(web.url(), g.user("alice"), g.channel("general"))).isEqualTo("Say hello");
        assertThat(emu.specViolations()).isEmpty();
      } finally {
        JdaHarness.stop(jda);
      }
    }
  }
}
