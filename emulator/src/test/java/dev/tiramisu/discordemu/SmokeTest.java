package dev.tiramisu.discordemu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import java.util.Map;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void jdaConnectsRegistersCommandsAndAnswersASlashCommand() throws Exception {
    try (Emulator emu = Emulator.start()) {
      TestGuild g = emu.guild("Smoke").textChannel("general").member("alice").build();
      JDA jda = JdaHarness.start(emu, new ListenerAdapter() {
        @Override
        public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
          event.deferReply(true).queue();
          event.getChannel().asTextChannel().createThreadChannel("T " + event.getOption("reason").getAsString(), true)
              .queue(t -> event.getHook().editOriginal("made " + t.getAsMention()).queue());
        }
      });
      try {
        assertThat(jda.getGuilds()).hasSize(1);
        jda.updateCommands().addCommands(Commands.slash("ticket", "Tickets")
            .addSubcommands(new net.dv8tion.jda.api.interactions.commands.build.SubcommandData("create", "Open")
                .addOption(OptionType.STRING, "reason", "Why", false))).complete();
        InteractionHandle h = g.as("alice").slash(g.channel("general"), "ticket create", Map.of("reason", "help"));
        MessageView reply = h.awaitReply();
        assertThat(reply.ephemeral()).isTrue();
        assertThat(reply.content()).startsWith("made <#");
        assertThat(g.threads()).singleElement().satisfies(t -> assertThat(t.name()).isEqualTo("T help"));
        emu.await("JDA sees the thread", () -> jda.getThreadChannels().size() == 1);
        ThreadChannel t = jda.getThreadChannels().get(0);
        assertThat(t.getType()).isEqualTo(ChannelType.GUILD_PRIVATE_THREAD);
        assertThat(emu.specViolations()).isEmpty();
      } finally {
        JdaHarness.stop(jda);
      }
    }
  }
}
