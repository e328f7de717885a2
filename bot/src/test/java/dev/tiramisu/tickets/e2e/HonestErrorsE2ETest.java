package dev.tiramisu.tickets.e2e;

import static dev.tiramisu.tickets.e2e.BotHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.EmulatorState;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.model.Interaction;
import dev.tiramisu.discordemu.model.Message;
import dev.tiramisu.tickets.config.DatabaseConfig;
import dev.tiramisu.tickets.text.MessageKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.selections.StringSelectMenu;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * The bot never leaves an interaction unanswered ("This interaction failed"): buttons, select
 * menus, forms and commands it does not know get a clear ephemeral answer, and a bug (here an SQL
 * error that is not an outage) is answered "something went wrong" with the reference that the log
 * line carries, not with "database unavailable".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HonestErrorsE2ETest {
  private static final Pattern REF = Pattern.compile("reference `([0-9a-f]{8})`");

  private Path db;
  private BotHarness h;

  @BeforeAll
  void start() throws Exception {
    db = Files.createTempDirectory("tickets-e2e").resolve("tickets.db");
    h = new BotHarness(DatabaseConfig.sqlite(db.toString()));
  }

  @AfterAll
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  @AfterEach
  void noSpecViolations() {
    assertThat(h.emu.specViolations()).isEmpty();
  }

  @Test
  void buttons_the_bot_does_not_know_are_answered_as_no_longer_in_use() {
    TestGuild g = h.guild();
    // an old message of the bot: another version's ids, an unknown tt: id, a form id on a button
    long old = botPosts(g, ActionRow.of(
        Button.primary("v1:close:42", "Old close"),
        Button.secondary("tt:escalate:7", "Future escalate"),
        Button.secondary("tt:open-modal", "Misplaced")));

    for (String label : List.of("Old close", "Future escalate", "Misplaced")) {
      MessageView reply = g.as("alice").click(old, label).awaitReply();

      assertThat(reply.text()).as(label).isEqualTo(text(MessageKey.ERROR_UNKNOWN_COMPONENT));
      assertThat(reply.ephemeral()).isTrue();
      assertThat(reply.visibleTo()).isEqualTo(g.user("alice"));
    }
  }

  @Test
  void a_select_menu_the_bot_does_not_know_is_answered() {
    TestGuild g = h.guild();
    long old = botPosts(g, ActionRow.of(StringSelectMenu.create("v1:pick")
        .addOption("One", "one").addOption("Two", "two").build()));

    MessageView reply = g.as("bob").select(old, "v1:pick", "two").awaitReply();

    assertThat(reply.text()).isEqualTo(text(MessageKey.ERROR_UNKNOWN_COMPONENT));
    assertThat(reply.ephemeral()).isTrue();
  }

  @Test
  void a_form_and_a_command_the_bot_does_not_know_are_answered() {
    TestGuild g = h.guild();
    ObjectNode form = JsonNodeFactory.instance.objectNode();
    form.put("custom_id", "v1:reason-form");
    form.putArray("components");
    ObjectNode command = JsonNodeFactory.instance.objectNode();
    command.put("id", "1234567890123456789");
    command.put("name", "legacy");
    command.put("type", 1);

    long commandId = raw(g, Interaction.APPLICATION_COMMAND, command);
    MessageView commandReply = reply(commandId);
    // A form of an older version, shown in answer to an interaction (Discord always has one).
    long formId;
    synchronized (h.emu.state()) { // the bot's answer waits for this lock: trigger set first
      Interaction submit = h.emu.interactions().create(Interaction.MODAL_SUBMIT,
          g.user("alice"), g.channel("general"), form, null);
      submit.triggeringInteractionId = commandId;
      formId = submit.id;
    }
    MessageView formReply = reply(formId);

    assertThat(formReply.text()).isEqualTo(text(MessageKey.ERROR_UNKNOWN_COMPONENT));
    assertThat(formReply.ephemeral()).isTrue();
    assertThat(commandReply.text()).isEqualTo(text(MessageKey.ERROR_UNKNOWN_COMMAND));
    assertThat(commandReply.ephemeral()).isTrue();
  }

  @Test
  void an_sql_error_that_is_not_an_outage_is_answered_with_the_reference_of_its_log_line()
      throws Exception {
    TestGuild g = h.guild();
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    Logger router = (Logger) LoggerFactory.getLogger(
        "dev.tiramisu.tickets.discord.InteractionRouter");
    logged.start();
    router.addAppender(logged);
    MessageView reply;
    try {
      sql("ALTER TABLE guild_settings RENAME TO guild_settings_away"); // a bug: "no such table"
      try {
        reply = g.as("admin").slash(g.channel("general"), "setting get").awaitReply();
      } finally {
        sql("ALTER TABLE guild_settings_away RENAME TO guild_settings");
      }
    } finally {
      router.detachAppender(logged);
    }

    assertThat(reply.text()).doesNotContain(text(MessageKey.ERROR_DATABASE_UNAVAILABLE));
    Matcher m = REF.matcher(reply.text());
    assertThat(m.find()).as(reply.text()).isTrue();
    String ref = m.group(1);
    assertThat(reply.text()).isEqualTo(text(MessageKey.ERROR_INTERNAL_REF, ref));
    assertThat(reply.ephemeral()).isTrue();
    assertThat(logged.list).filteredOn(e -> e.getFormattedMessage().contains("[ref " + ref + "]"))
        .singleElement().satisfies(e -> {
          assertThat(e.getLevel().toString()).isEqualTo("ERROR");
          assertThat(e.getThrowableProxy().getClassName())
              .isEqualTo("dev.tiramisu.tickets.common.StorageFailureException");
        });
    // and the bot works again once the table is back
    assertThat(g.as("admin").slash(g.channel("general"), "setting get").awaitReply().text())
        .doesNotContain("reference");
  }

  // ---------------------------------------------------------------- helpers

  /** The bot (its own JDA) posts a message with {@code row} in #general; its id. */
  private long botPosts(TestGuild g, ActionRow row) {
    TextChannel general = h.bot().shards().getTextChannelById(g.channel("general"));
    return general.sendMessage(new MessageCreateBuilder().setContent("An old message")
        .setComponents(row).build()).complete().getIdLong();
  }

  /** An interaction the client would send for something the bot never registered or opened. */
  private long raw(TestGuild g, int type, ObjectNode data) {
    return h.emu.interactions().create(type, g.user("alice"), g.channel("general"), data, null).id;
  }

  /** Waits (on the emulator's state) for the visible answer to interaction {@code id}. */
  private MessageView reply(long id) {
    EmulatorState s = h.emu.state();
    h.emu.await("an answer to interaction " + id, () -> answer(s, id) != null);
    synchronized (s) {
      Interaction i = s.interactions.get(id);
      assertThat(i.timedOut).as("answered within Discord's 3 s").isFalse();
      return MessageView.of(answer(s, id));
    }
  }

  private static Message answer(EmulatorState s, long id) {
    synchronized (s) {
      Interaction i = s.interactions.get(id);
      Message m = i.originalMessageId == null ? null : s.messages.get(i.originalMessageId);
      return m == null || (m.flags & (1 << 7)) != 0 ? null : m; // not while "thinking"
    }
  }

  private void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 5000");
      s.execute(statement);
    }
  }
}
