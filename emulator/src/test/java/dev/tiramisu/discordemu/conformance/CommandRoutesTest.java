package dev.tiramisu.discordemu.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiramisu.discordemu.Permissions;
import dev.tiramisu.discordemu.RequestLog;
import dev.tiramisu.discordemu.driver.Actor;
import dev.tiramisu.discordemu.driver.TestGuild;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Application commands: global and guild bulk overwrite and listing, options, localisations, permissions. */
class CommandRoutesTest extends ConformanceTest {
  private static final String PUT_GLOBAL = "PUT /applications/{application_id}/commands";
  private static final String PUT_GUILD = "PUT /applications/{application_id}/guilds/{guild_id}/commands";

  private TestGuild g;
  private JDA jda;

  @BeforeEach
  void setUp() {
    g = emu.guild("Commands").role("Staff", Permissions.MANAGE_THREADS).textChannel("general")
        .owner("owner").member("alice").member("mod", "Staff").build();
    jda = jda(new ListenerAdapter() {
      @Override
      public void onSlashCommandInteraction(SlashCommandInteractionEvent e) {
        String reason = e.getOption("reason") == null ? "-" : e.getOption("reason").getAsString();
        e.reply(e.getFullCommandName() + ":" + reason).setEphemeral(true).queue();
      }
    });
  }

  @Test
  void globalCommandsWithOptionsLocalisationsAndDefaultPermissions() {
    int mark = emu.requests().mark();
    List<Command> registered = jda.updateCommands().addCommands(
        Commands.slash("ticket", "Manage tickets")
            .setNameLocalization(DiscordLocale.GERMAN, "ticket")
            .setDescriptionLocalization(DiscordLocale.GERMAN, "Tickets verwalten")
            .addSubcommands(new SubcommandData("open", "Open a ticket")
                .addOptions(new OptionData(OptionType.STRING, "reason", "Why", false).setMaxLength(100)),
                new SubcommandData("close", "Close a ticket")),
        Commands.slash("config", "Configure the bot")
            .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_THREADS))
            .addOptions(new OptionData(OptionType.CHANNEL, "channel", "Ticket channel", true)))
        .complete();
    assertThat(registered).extracting(Command::getName).containsExactly("ticket", "config");
    assertThat(registered).allSatisfy(c -> assertThat(c.getApplicationIdLong()).isEqualTo(emu.applicationId()));

    List<RequestLog.Entry> puts = since(mark, PUT_GLOBAL);
    assertThat(puts).singleElement().satisfies(e -> {
      JsonNode body = e.body();
      assertThat(body.size()).isEqualTo(2);
      assertThat(body.path(0).path("description_localizations").path("de").asText()).isEqualTo("Tickets verwalten");
      assertThat(body.path(0).path("options").path(0).path("type").asInt()).isEqualTo(1);
      assertThat(body.path(0).path("options").path(0).path("options").path(0).path("max_length").asInt())
          .isEqualTo(100);
      assertThat(body.path(1).path("default_member_permissions").asText())
          .isEqualTo(Long.toString(Permissions.MANAGE_THREADS));
    });

    List<Command> listed = jda.retrieveCommands(true).complete();
    assertThat(listed).extracting(Command::getIdLong)
        .containsExactlyElementsOf(registered.stream().map(Command::getIdLong).toList());
    Command ticket = listed.get(0);
    assertThat(ticket.getDescriptionLocalizations().get(DiscordLocale.GERMAN)).isEqualTo("Tickets verwalten");
    assertThat(ticket.getSubcommands()).extracting(Command.Subcommand::getName).containsExactly("open", "close");
    Command config = listed.get(1);
    assertThat(config.getDefaultPermissions().getPermissionsRaw()).isEqualTo(Permissions.MANAGE_THREADS);
    assertThat(config.getOptions()).singleElement().satisfies(o -> {
      assertThat(o.getType()).isEqualTo(OptionType.CHANNEL);
      assertThat(o.isRequired()).isTrue();
    });
    assertThat(since(mark, "GET /applications/{application_id}/commands")).singleElement()
        .satisfies(e -> assertThat(e.queryParam("with_localizations")).isEqualTo("true"));
  }

  @Test
  void commandHiddenByDefaultMemberPermissionsIsRefusedInTheClient() {
    jda.updateCommands().addCommands(
        Commands.slash("config", "Configure").setDefaultPermissions(
            DefaultMemberPermissions.enabledFor(Permission.MANAGE_THREADS)),
        Commands.slash("ticket", "Open a ticket")).complete();

    assertThatThrownBy(() -> g.as("alice").slash(g.channel("general"), "config"))
        .isInstanceOf(Actor.NotAllowedInClient.class)
        .hasMessageContaining("MANAGE_THREADS");
    assertThat(emu.state().interactions).isEmpty();

    assertThat(g.as("mod").slash(g.channel("general"), "config").awaitReply().content()).isEqualTo("config:-");
    assertThat(g.as("owner").slash(g.channel("general"), "config").awaitReply().content()).isEqualTo("config:-");
    assertThat(g.as("alice").slash(g.channel("general"), "ticket").awaitReply().content()).isEqualTo("ticket:-");
  }

  @Test
  void guildCommandsOverwriteKeepsIdsOfCommandsThatStay() {
    var guild = jda.getGuildById(g.id);
    int mark = emu.requests().mark();
    List<Command> first = guild.updateCommands().addCommands(
        Commands.slash("ticket", "Tickets").addSubcommands(new SubcommandData("open", "Open")
            .addOption(OptionType.STRING, "reason", "Why")),
        Commands.slash("legacy", "Old")).complete();
    List<Command> second = guild.updateCommands().addCommands(
        Commands.slash("ticket", "Tickets v2").addSubcommands(new SubcommandData("open", "Open")
            .addOption(OptionType.STRING, "reason", "Why"))).complete();
    assertThat(second).singleElement().satisfies(c -> {
      assertThat(c.getIdLong()).isEqualTo(first.get(0).getIdLong());
      assertThat(c.getDescription()).isEqualTo("Tickets v2");
    });
    assertThat(guild.retrieveCommands().complete()).extracting(Command::getName).containsExactly("ticket");
    assertThat(jda.retrieveCommands().complete()).isEmpty();
    assertThat(since(mark, PUT_GUILD)).hasSize(2)
        .allSatisfy(e -> assertThat(e.path()).contains("/guilds/" + g.id + "/"));
    RawDiscord.Reply listed = raw().send("GET", "/applications/" + emu.applicationId() + "/guilds/" + g.id
        + "/commands", null);
    assertThat(listed.body().path(0).path("guild_id").asText()).isEqualTo(Long.toString(g.id));

    // the guild command answers with its option
    var reply = g.as("alice").slash(g.channel("general"), "ticket open", Map.of("reason", "printer")).awaitReply();
    assertThat(reply.content()).isEqualTo("ticket open:printer");
    assertThatThrownBy(() -> g.as("alice").slash(g.channel("general"), "legacy"))
        .isInstanceOf(Actor.NotAllowedInClient.class);
  }

  @Test
  void invalidCommandsAreRefusedLocallyByJdaOrWith50035() {
    assertThatThrownBy(() -> Commands.slash("Ticket", "Upper case")).isInstanceOf(IllegalArgumentException.class);
    RawDiscord.Reply r = raw().send("PUT", "/applications/" + emu.applicationId() + "/commands",
        List.of(Map.of("name", "ok", "description", "fine"), Map.of("name", "Bad Name", "description", "x")));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.code()).isEqualTo(50035);
    assertThat(r.body().path("errors").path("1").path("name").path("_errors").path(0).path("code").asText())
        .isEqualTo("APPLICATION_COMMAND_INVALID_NAME");
    RawDiscord.Reply dup = raw().send("PUT", "/applications/" + emu.applicationId() + "/commands",
        List.of(Map.of("name", "same", "description", "a"), Map.of("name", "same", "description", "b")));
    assertThat(dup.code()).isEqualTo(50035);
    assertThat(jda.retrieveCommands().complete()).isEmpty();
  }
}
