package dev.tiramisu.discordemu.web;

import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.Permissions;
import dev.tiramisu.discordemu.driver.TestGuild;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.container.Container;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.section.Section;
import net.dv8tion.jda.api.components.selections.StringSelectMenu;
import net.dv8tion.jda.api.components.separator.Separator;
import net.dv8tion.jda.api.components.textdisplay.TextDisplay;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.StringSelectInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.modals.Modal;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;

/**
 * A tiny real JDA bot for the sandbox page's tests: {@code /ping} answers ephemerally, {@code /panel} posts an embed
 * with buttons and a select menu, "Open form" opens a modal, {@code /thread} opens a private thread for the caller,
 * {@code /greet} takes a user option, {@code /dm} sends a direct message, {@code /staff} is hidden from members,
 * {@code /card} posts a Components V2 card (container, section with a button, separator, select) whose button opens
 * a Label modal with a text input and a string select; {@code /files} answers ephemerally with a PNG and an HTML
 * file and DMs a text file.
 */
final class SandboxTestBot implements AutoCloseable {
  final Emulator emu;
  final TestGuild guild;
  final JDA jda;

  private SandboxTestBot(Emulator emu, TestGuild guild, JDA jda) {
    this.emu = emu;
    this.guild = guild;
    this.jda = jda;
  }

  /** Builds the test guild in {@code emu}, connects the bot and registers its commands. */
  static SandboxTestBot start(Emulator emu) {
    TestGuild g = emu.guild("Sandbox Test")
        .role("Staff", Permissions.MANAGE_THREADS)
        .textChannel("general")
        .owner("admin")
        .member("mod", "Staff")
        .member("alice")
        .member("bob")
        .build();
    JDA jda = JDABuilder.createLight(emu.botToken(), EnumSet.of(GatewayIntent.GUILD_MESSAGES))
        .setRestConfig(new RestConfig().setBaseUrl(emu.restUrl()))
        .setSessionController(new SessionControllerAdapter() {
          @Override
          public String getGateway() {
            return emu.gatewayUrl();
          }
        })
        .setContextEnabled(true)
        // tags this client's log events: the conformance suite's JdaErrorLog ignores clients of other tests
        .setContextMap(new java.util.concurrent.ConcurrentHashMap<>(java.util.Map.of("emulator.test", "SandboxTestBot")))
        .addEventListeners(new Listener())
        .build();
    try {
      jda.awaitReady();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    jda.updateCommands().addCommands(
        Commands.slash("ping", "Answers only you"),
        Commands.slash("panel", "Posts a panel with buttons, a menu and a form"),
        Commands.slash("thread", "Opens a private thread for you")
            .addOption(OptionType.STRING, "name", "The thread's name", true),
        Commands.slash("dm", "Sends you a direct message"),
        Commands.slash("files", "Answers only you with a PNG and an HTML file, and DMs you a text file"),
        Commands.slash("card", "Posts a Components V2 card"),
        Commands.slash("greet", "Greets someone").addOption(OptionType.USER, "who", "Whom to greet", true),
        Commands.slash("staff", "Staff only")
            .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_THREADS))).complete();
    return new SandboxTestBot(emu, g, jda);
  }

  @Override
  public void close() {
    jda.shutdownNow();
    try {
      if (!jda.awaitShutdown(java.time.Duration.ofSeconds(60))) {
        throw new AssertionError("the sandbox test bot did not shut down within 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A 2×1 PNG (one red, one blue pixel), as {@code /files} uploads it. */
  static final byte[] PNG = png();
  /** The HTML file {@code /files} uploads: a script that must never run in the page's origin. */
  static final String HTML = "<!doctype html><title>t</title><p id=x>transcript</p><script>parent.pwned=1</script>";

  private static byte[] png() {
    java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(2, 1, java.awt.image.BufferedImage.TYPE_INT_RGB);
    img.setRGB(0, 0, 0xff0000);
    img.setRGB(1, 0, 0x0000ff);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try {
      javax.imageio.ImageIO.write(img, "png", out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static final class Listener extends ListenerAdapter {
    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
      switch (event.getName()) {
        case "ping" -> event.reply("pong for " + event.getUser().getAsMention() + ", *only* you see this")
            .setEphemeral(true).queue();
        case "panel" -> event.replyEmbeds(new EmbedBuilder()
                .setTitle("Support panel")
                .setDescription("Press a button. `code`, __underline__, ~~strike~~ and ||spoiler||.")
                .addField("Hours", "Always", true)
                .setFooter("Sandbox test bot")
                .setColor(new Color(0x5865F2))
                .build())
            .addComponents(
                ActionRow.of(Button.success("hi", "Say hi"), Button.primary("form", "Open form"),
                    Button.danger("never", "Disabled").asDisabled()),
                ActionRow.of(StringSelectMenu.create("flavour").setPlaceholder("Pick a flavour")
                    .addOption("Vanilla", "vanilla").addOption("Chocolate", "chocolate").build()))
            .queue();
        case "thread" -> {
          event.deferReply(true).queue();
          event.getChannel().asTextChannel().createThreadChannel(event.getOption("name").getAsString(), true)
              .setInvitable(false)
              .queue(t -> {
                t.addThreadMember(event.getUser()).queue();
                t.sendMessage("Welcome " + event.getUser().getAsMention()).queue();
                event.getHook().editOriginal("Opened " + t.getAsMention()).queue();
              });
        }
        case "dm" -> {
          event.reply("Check your DMs").setEphemeral(true).queue();
          event.getUser().openPrivateChannel()
              .flatMap(dm -> dm.sendMessage("A **direct** message for " + event.getUser().getAsMention()))
              .queue();
        }
        case "files" -> {
          event.reply("Your files").setEphemeral(true)
              .addFiles(FileUpload.fromData(PNG, "chart.png"),
                  FileUpload.fromData(HTML.getBytes(StandardCharsets.UTF_8), "page.html"))
              .queue();
          event.getUser().openPrivateChannel()
              .flatMap(dm -> dm.sendMessage("A file for you")
                  .addFiles(FileUpload.fromData("secret\n".getBytes(StandardCharsets.UTF_8), "note.txt")))
              .queue();
        }
        case "card" -> event.replyComponents(Container.of(
                    TextDisplay.of("## Ticket types\n**Pick** a type <b>not html</b>"),
                    Section.of(Button.primary("typed-form", "Open form"), TextDisplay.of("Or open a typed ticket")),
                    Separator.createDivider(Separator.Spacing.LARGE),
                    ActionRow.of(StringSelectMenu.create("ticket-type").setPlaceholder("Ticket type")
                        .addOption("Billing", "billing").addOption("Report a player", "report").build()))
                .withAccentColor(0xE67E22), TextDisplay.of("-# sandbox card"))
            .useComponentsV2().queue();
        case "greet" -> event.reply("Hello " + event.getOption("who").getAsUser().getAsMention() + "!").queue();
        default -> event.reply("staff only").setEphemeral(true).queue();
      }
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
      if (event.getComponentId().equals("typed-form")) {
        event.replyModal(Modal.create("typed", "Typed ticket")
            .addComponents(
                Label.of("Subject", TextInput.create("subject", TextInputStyle.SHORT).setMaxLength(40).build()),
                Label.of("Category", "Pick one", StringSelectMenu.create("category")
                    .addOption("Billing", "billing").addOption("Report a player", "report").build()))
            .build()).queue();
      } else if (event.getComponentId().equals("form")) {
        event.replyModal(Modal.create("feedback", "Feedback")
            .addComponents(Label.of("Your feedback", TextInput.create("text", TextInputStyle.PARAGRAPH)
                .setPlaceholder("Tell us").build()))
            .build()).queue();
      } else {
        event.reply("**Hi** " + event.getUser().getAsMention() + "!").queue();
      }
    }

    @Override
    public void onStringSelectInteraction(StringSelectInteractionEvent event) {
      event.reply("You chose " + event.getValues().get(0)).setEphemeral(true).queue();
    }

    @Override
    public void onModalInteraction(ModalInteractionEvent event) {
      if (event.getModalId().equals("typed")) {
        event.reply("Typed: subject=" + event.getValue("subject").getAsString() + ", category="
            + event.getValue("category").getAsStringList()).setEphemeral(true).queue();
        return;
      }
      event.reply("Thanks: " + event.getValue("text").getAsString()).setEphemeral(true).queue();
    }
  }
}
