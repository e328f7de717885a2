package dev.tiramisu.discordemu.openapi;

import static dev.tiramisu.discordemu.openapi.TestSpec.query;
import static dev.tiramisu.discordemu.openapi.TestSpec.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.modals.Modal;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.data.DataObject;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.junit.jupiter.api.Test;

/**
 * The request bodies a ticket bot makes JDA 6 send, validated against the spec.
 *
 * <p>Where JDA has a public builder, the body is JDA's own serialisation ({@code toData()} of
 * {@link MessageCreateData}, {@link CommandData}, {@link Modal}, ...). Where the body is put
 * together inside a RestAction that needs a live JDA, the test puts it together the same way,
 * naming the JDA class it follows.
 */
class JdaRequestBodiesTest {

  private static final String JSON = "application/json";
  private static final String CHANNEL = "1234567890123456789";
  private static final String THREAD = "1234567890123456790";
  private static final String USER = "223456789012345678";
  private static final String MESSAGE = "1334567890123456789";
  private static final String APP = "1434567890123456789";
  private static final String INTERACTION = "1534567890123456789";
  private static final String TOKEN = "aW50ZXJhY3Rpb246MTUzNDU2Nzg5MDEyMzQ1Njc4OTp0b2tlbg";

  private final OpenApiValidator validator = TestSpec.validator();

  /** A ticket panel: an embed, a button row, allowed mentions, as the bot renders it. */
  private static MessageCreateData ticketPanel() {
    MessageEmbed embed =
        new EmbedBuilder()
            .setTitle("Support tickets", "https://example.org/tickets")
            .setDescription("Press the button to open a private ticket.")
            .setColor(new Color(0xC8A27A))
            .addField("Response time", "Usually within a day", true)
            .setFooter("Tiramisu Tickets", "https://example.org/icon.png")
            .setTimestamp(Instant.parse("2026-01-02T03:04:05Z"))
            .build();
    return new MessageCreateBuilder()
        .setContent("Need help? <@&987654321098765432>")
        .setEmbeds(embed)
        .setComponents(
            ActionRow.of(
                Button.primary("ticket:open", "Open ticket"),
                Button.link("https://example.org/faq", "FAQ")))
        .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class))
        .mentionRoles("987654321098765432")
        .build();
  }

  private static byte[] json(DataObject data) {
    return data.toJson();
  }

  private List<Violation> request(String method, String path, Map<String, List<String>> query,
      byte[] body) {
    return validator.validateRequest(method, path, query, body == null ? null : JSON, body);
  }

  @Test
  void messageCreateAsJdaSerialisesIt() {
    byte[] body = json(ticketPanel().toData());

    assertThat(request("POST", "/channels/" + CHANNEL + "/messages", Map.of(), body)).isEmpty();
  }

  @Test
  void messageCreateWithTtsAndSuppressedEmbedsFlag() {
    MessageCreateData data =
        new MessageCreateBuilder()
            .setContent("Ticket #12 closed by <@" + USER + ">")
            .setTTS(false)
            .setSuppressEmbeds(true)
            .setAllowedMentions(List.of())
            .build();

    assertThat(request("POST", "/channels/" + CHANNEL + "/messages", Map.of(),
        json(data.toData()))).isEmpty();
  }

  /** {@code ThreadChannelActionImpl#finalizeData}: name, type, auto_archive_duration, invitable. */
  @Test
  void privateThreadCreate() {
    DataObject body =
        DataObject.empty()
            .put("name", "ticket-0012")
            .put("type", ChannelType.GUILD_PRIVATE_THREAD.getId())
            .put("auto_archive_duration", ThreadChannel.AutoArchiveDuration.TIME_1_WEEK.getMinutes())
            .put("invitable", false);

    assertThat(request("POST", "/channels/" + CHANNEL + "/threads", Map.of(), json(body)))
        .isEmpty();
  }

  /** {@code ChannelManagerImpl#finalizeData} for a thread: name, archived, locked. */
  @Test
  void threadPatchRenameArchiveLock() {
    DataObject body =
        DataObject.empty().put("name", "closed-0012").put("archived", true).put("locked", true);

    assertThat(request("PATCH", "/channels/" + THREAD, Map.of(), json(body))).isEmpty();
  }

  /** {@code ReplyCallbackActionImpl}: type 4 with the message, flags | EPHEMERAL. */
  @Test
  void interactionCallbackType4ChannelMessage() {
    DataObject msg = ticketPanel().toData();
    msg.put("flags", msg.getInt("flags", 0) | MessageFlagBits.EPHEMERAL);
    DataObject body = DataObject.empty().put("type", 4).put("data", msg);

    assertThat(callback(body)).isEmpty();
  }

  /** {@code ReplyCallbackActionImpl}, deferred: type 5, with data.flags when ephemeral. */
  @Test
  void interactionCallbackType5Deferred() {
    DataObject plain = DataObject.empty().put("type", 5);
    DataObject ephemeral =
        DataObject.empty().put("type", 5)
            .put("data", DataObject.empty().put("flags", MessageFlagBits.EPHEMERAL));

    assertThat(callback(plain)).isEmpty();
    assertThat(callback(ephemeral)).isEmpty();
  }

  /** {@code MessageEditCallbackActionImpl}, nothing to change: type 6. */
  @Test
  void interactionCallbackType6DeferredUpdate() {
    assertThat(callback(DataObject.empty().put("type", 6))).isEmpty();
  }

  /** {@code MessageEditCallbackActionImpl}: type 7 with the edit (disable the button). */
  @Test
  void interactionCallbackType7UpdateMessage() {
    MessageEditData edit =
        new MessageEditBuilder()
            .setContent("Ticket opened: <#" + THREAD + ">")
            .setComponents(ActionRow.of(Button.primary("ticket:open", "Open ticket").asDisabled()))
            .build();
    DataObject body = DataObject.empty().put("type", 7).put("data", edit.toData());

    assertThat(callback(body)).isEmpty();
  }

  /** {@code ModalCallbackActionImpl}: type 9 with the modal; JDA 6 wraps inputs in Labels. */
  @Test
  void interactionCallbackType9Modal() {
    Modal modal =
        Modal.create("ticket:close", "Close ticket")
            .addComponents(
                Label.of("Reason", TextInput.create("reason", TextInputStyle.PARAGRAPH)
                    .setRequired(false)
                    .setMaxLength(1000)
                    .setPlaceholder("Why is this ticket closed?")
                    .build()),
                Label.of("Ticket number", "The number shown in the channel name",
                    TextInput.of("number", TextInputStyle.SHORT)))
            .build();
    DataObject body = DataObject.empty().put("type", 9).put("data", modal.toData());

    assertThat(callback(body)).isEmpty();
  }

  private List<Violation> callback(DataObject body) {
    return request("POST", "/interactions/" + INTERACTION + "/" + TOKEN + "/callback",
        query("with_response", "true"), json(body));
  }

  /** {@code CommandListUpdateActionImpl}: the list of every command's {@code toData()}. */
  @Test
  void globalCommandBulkOverwrite() {
    List<CommandData> commands =
        List.of(
            Commands.slash("ticket", "Manage support tickets")
                .setContexts(InteractionContextType.GUILD)
                .addSubcommands(
                    new SubcommandData("open", "Open a ticket")
                        .addOptions(
                            new OptionData(OptionType.STRING, "topic", "What it is about")
                                .setMaxLength(100)
                                .addChoice("Billing", "billing")
                                .addChoice("Other", "other"),
                            new OptionData(OptionType.STRING, "details", "More details", false)
                                .setRequiredLength(1, 1000)),
                    new SubcommandData("close", "Close this ticket")
                        .addOption(OptionType.STRING, "reason", "Why", false),
                    new SubcommandData("add", "Add someone to this ticket")
                        .addOption(OptionType.USER, "user", "Who", true)),
            Commands.slash("ticket-setup", "Configure tickets")
                .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_SERVER))
                .setContexts(InteractionContextType.GUILD)
                .addOptions(
                    new OptionData(OptionType.CHANNEL, "channel", "Where tickets open", true)
                        .setChannelTypes(ChannelType.TEXT),
                    new OptionData(OptionType.ROLE, "staff", "Staff role", true),
                    new OptionData(OptionType.INTEGER, "max-open", "Open tickets per user")
                        .setRequiredRange(1, 10)),
            Commands.user("Open ticket for user"),
            Commands.message("Open ticket from message"));
    DataArray body = DataArray.empty();
    commands.forEach(c -> body.add(c.toData()));

    assertThat(validator.validateRequest("PUT", "/applications/" + APP + "/commands", Map.of(),
        JSON, body.toJson())).isEmpty();
    assertThat(validator.validateRequest("PUT",
        "/applications/" + APP + "/guilds/" + CHANNEL + "/commands", Map.of(), JSON,
        body.toJson())).isEmpty();
  }

  /** {@code CommandCreateActionImpl} (upsertCommand): one command's {@code toData()}. */
  @Test
  void singleCommandCreate() {
    CommandData command =
        Commands.slash("ticket-close", "Close this ticket")
            .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_THREADS))
            .setContexts(InteractionContextType.GUILD, InteractionContextType.BOT_DM)
            .addOption(OptionType.STRING, "reason", "Why", false);

    assertThat(validator.validateRequest("POST", "/applications/" + APP + "/commands", Map.of(),
        JSON, command.toData().toJson())).isEmpty();
    assertThat(validator.validateRequest("POST",
        "/applications/" + APP + "/guilds/" + CHANNEL + "/commands", Map.of(), JSON,
        command.toData().toJson())).isEmpty();
  }

  /** {@code WebhookMessageCreateActionImpl}: a follow-up, ephemeral, {@code ?wait=true}. */
  @Test
  void webhookFollowUp() {
    DataObject msg = ticketPanel().toData();
    msg.put("flags", msg.getInt("flags", 0) | MessageFlagBits.EPHEMERAL);

    assertThat(request("POST", "/webhooks/" + APP + "/" + TOKEN, query("wait", "true"),
        json(msg))).isEmpty();
  }

  /** {@code WebhookMessageEditActionImpl} on the original response. */
  @Test
  void webhookEditOriginal() {
    MessageEditData edit =
        new MessageEditBuilder()
            .setContent("Your ticket is <#" + THREAD + ">")
            .setEmbeds()
            .setComponents()
            .build();

    assertThat(request("PATCH", "/webhooks/" + APP + "/" + TOKEN + "/messages/@original",
        Map.of(), json(edit.toData()))).isEmpty();
  }

  /** {@code ThreadChannelImpl#addThreadMember}: PUT without a body (JDA's EMPTY_BODY). */
  @Test
  void addThreadMember() {
    assertThat(validator.validateRequest("PUT",
        "/channels/" + THREAD + "/thread-members/" + USER, Map.of(), null, new byte[0]))
        .isEmpty();
  }

  /** {@code MessageChannel#pinMessageById}: JDA 6 uses the new pins route, no body. */
  @Test
  void pinMessage() {
    assertThat(validator.validateRequest("PUT",
        "/channels/" + THREAD + "/messages/pins/" + MESSAGE, Map.of(), null, null)).isEmpty();
  }

  /** {@code UserImpl#openPrivateChannel}: {@code {recipient_id}}. */
  @Test
  void openDirectMessage() {
    DataObject body = DataObject.empty().put("recipient_id", USER);

    assertThat(request("POST", "/users/@me/channels", Map.of(), json(body))).isEmpty();
  }

  /** A ticket transcript as JDA uploads it: {@code attachments: [{id: 0, ...}]} + files[0]. */
  private static FileUpload transcript() {
    return FileUpload.fromData(utf8("<html>transcript</html>"), "ticket-0012.html")
        .setDescription("Transcript of ticket 12");
  }

  /**
   * Messages with a file: the {@code payload_json} part JDA sends, for every route the bot
   * uploads through. JDA gives each new upload its files[n] index as an integer id.
   */
  @Test
  void payloadJsonOfMessagesWithFiles() {
    String multipart = "multipart/form-data; boundary=jda";
    byte[] create = json(new MessageCreateBuilder().setContent("Transcript attached")
        .addFiles(transcript()).build().toData());
    byte[] edit = json(new MessageEditBuilder().setContent("Closed").setFiles(transcript()).build()
        .toData());
    DataObject reply = DataObject.empty().put("type", 4)
        .put("data", new MessageCreateBuilder().addFiles(transcript()).build().toData());
    DataObject update = DataObject.empty().put("type", 7)
        .put("data", new MessageEditBuilder().setFiles(transcript()).build().toData());

    assertThat(new String(create, java.nio.charset.StandardCharsets.UTF_8))
        .contains("\"id\":0");
    assertThat(validator.validateRequest("POST", "/channels/" + CHANNEL + "/messages", Map.of(),
        multipart, create)).isEmpty();
    assertThat(validator.validateRequest("PATCH",
        "/channels/" + CHANNEL + "/messages/" + MESSAGE, Map.of(), multipart, edit)).isEmpty();
    assertThat(validator.validateRequest("POST", "/webhooks/" + APP + "/" + TOKEN,
        query("wait", "true"), multipart, create)).isEmpty();
    assertThat(validator.validateRequest("PATCH",
        "/webhooks/" + APP + "/" + TOKEN + "/messages/@original", Map.of(), multipart, edit))
        .isEmpty();
    assertThat(validator.validateRequest("POST",
        "/interactions/" + INTERACTION + "/" + TOKEN + "/callback", query("with_response", "true"),
        multipart, json(reply))).isEmpty();
    assertThat(validator.validateRequest("POST",
        "/interactions/" + INTERACTION + "/" + TOKEN + "/callback", query("with_response", "true"),
        multipart, json(update))).isEmpty();
  }

  /** {@code MessageFlag.EPHEMERAL}, by value, to keep the test free of JDA internals. */
  private static final class MessageFlagBits {
    static final int EPHEMERAL = 1 << 6;
  }
}
