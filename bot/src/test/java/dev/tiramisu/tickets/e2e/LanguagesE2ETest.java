package dev.tiramisu.tickets.e2e;

import static dev.tiramisu.tickets.e2e.BotHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.model.Command;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import dev.tiramisu.tickets.ticket.Ticket;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import org.junit.jupiter.api.Test;

/**
 * Languages through the real JDA client: an answer only the acting user sees is in their Discord
 * client's language; what everyone sees (the first message, the closed post, the log, the DM, the
 * panel) is in the guild's preferred language; the slash commands carry German descriptions.
 */
class LanguagesE2ETest extends SingleBotE2ETest {
  private static final Messages DE = Messages.of(Locale.GERMAN);

  private static String german(MessageKey key, Object... args) {
    return DE.format(key, args);
  }

  private static long threadOf(MessageView reply) {
    return Long.parseLong(reply.text().replaceAll("(?s).*<#(\\d+)>.*", "$1"));
  }

  @Test
  void a_german_user_gets_german_answers_and_an_english_user_english_ones_in_the_same_guild() {
    TestGuild g = h.guild(b -> b.member("bruno", "Member").locale("bruno", "de"));
    h.enableTickets(g);

    // a refusal, the same for both: not in a ticket
    MessageView english = g.as("alice").slash(g.channel("general"), "ticket close", Map.of())
        .awaitReply();
    MessageView deutsch = g.as("bruno").slash(g.channel("general"), "ticket close", Map.of())
        .awaitReply();
    assertThat(english.text()).isEqualTo(text(MessageKey.ERROR_NOT_A_TICKET));
    assertThat(deutsch.text()).isEqualTo(german(MessageKey.ERROR_NOT_A_TICKET))
        .isNotEqualTo(english.text());

    // the ticket link comes from the effect worker: it keeps the member's language
    MessageView opened = g.as("bruno").slash(g.channel("general"), "ticket create",
        Map.of("reason", "Rechnung fehlt")).awaitReply();
    long threadId = threadOf(opened);
    assertThat(opened.ephemeral()).isTrue();
    assertThat(opened.text()).isEqualTo(german(MessageKey.TICKET_OPENED_REPLY, 1, threadId));
    Ticket t = h.ticketByThread(threadId).orElseThrow();
    assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(30))).isTrue();
    // the guild speaks English (its preferred locale): the first message everyone sees is English
    MessageView first = g.messages(threadId).get(0);
    // (a Components V2 card: the heading, then the opening text)
    assertThat(first.text()).isEqualTo(text(MessageKey.TICKET_FIRST_HEADING_PLAIN, 1) + "\n"
        + text(MessageKey.TICKET_OPENED_MESSAGE, g.user("bruno"),
        g.role("Staff"), "Rechnung fehlt"));
    assertThat(first.buttonLabels()).containsExactly(text(MessageKey.BUTTON_CLOSE_TICKET),
        text(MessageKey.BUTTON_CLAIM));

    // the close confirmation and its outcome, in German for him
    MessageView confirm = g.as("bruno").click(first.id(), text(MessageKey.BUTTON_CLOSE_TICKET))
        .awaitReply();
    assertThat(confirm.text()).isEqualTo(german(MessageKey.TICKET_CLOSE_CONFIRM, 1));
    assertThat(confirm.buttonLabels()).containsExactly(german(MessageKey.BUTTON_CLOSE_CONFIRM),
        german(MessageKey.BUTTON_CANCEL));
    MessageView done = g.as("bruno").click(confirm.id(), german(MessageKey.BUTTON_CLOSE_CONFIRM))
        .awaitReply();
    assertThat(done.text()).startsWith(german(MessageKey.TICKET_CLOSED_REPLY, 1));
    // ... while the closed post stays in the guild's language
    List<MessageView> inThread = g.messages(threadId);
    assertThat(inThread.get(inThread.size() - 1).text()).isEqualTo(text(
        MessageKey.TICKET_CLOSED_MESSAGE, g.user("bruno"), text(MessageKey.TICKET_NO_REASON)));
  }

  @Test
  void public_messages_follow_the_guilds_preferred_locale_while_answers_follow_the_user() {
    TestGuild g = h.guild(b -> b.preferredLocale("de"));
    h.awaitBot("the bot sees the guild's language",
        () -> h.bot().shards().getGuildById(g.id).getLocale() == DiscordLocale.GERMAN);
    h.enableTickets(g);

    Ticket t = h.open(g, "alice", "help"); // alice's own answer is English ("is open")
    MessageView first = g.messages(t.threadId()).get(0);
    assertThat(first.text()).isEqualTo(german(MessageKey.TICKET_FIRST_HEADING_PLAIN, t.number())
        + "\n" + german(MessageKey.TICKET_OPENED_MESSAGE, g.user("alice"),
        g.role("Staff"), "help"));
    assertThat(first.buttonLabels()).containsExactly(german(MessageKey.BUTTON_CLOSE_TICKET),
        german(MessageKey.BUTTON_CLAIM));

    MessageView confirm = g.as("moderator").slash(t.threadId(), "ticket close",
        Map.of("reason", "erledigt")).awaitReply();
    assertThat(confirm.text()).isEqualTo(text(MessageKey.TICKET_CLOSE_CONFIRM, 1));
    MessageView done = g.as("moderator").click(confirm.id(), text(MessageKey.BUTTON_CLOSE_CONFIRM))
        .awaitReply();
    assertThat(done.text()).startsWith(text(MessageKey.TICKET_CLOSED_REPLY, 1));
    assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(30))).isTrue();

    List<MessageView> inThread = g.messages(t.threadId());
    MessageView closed = inThread.get(inThread.size() - 1);
    assertThat(closed.text()).isEqualTo(german(MessageKey.TICKET_CLOSED_MESSAGE,
        g.user("moderator"), "erledigt"));
    assertThat(closed.buttonLabels()).containsExactly(german(MessageKey.BUTTON_REOPEN));
    // the log line, then the transcript's line (German too), with the file attached
    assertThat(g.messages("mod-log")).singleElement().satisfies(log -> {
      assertThat(log.text()).startsWith(german(MessageKey.TICKET_CLOSED_LOG, 1,
          g.user("alice"), g.user("moderator"), "erledigt", t.threadId()) + "\n");
      assertThat(log.text().lines().reduce((a, b) -> b).orElseThrow())
          .startsWith(german(MessageKey.TRANSCRIPT_ATTACHED, inThread.size()).split("\\(")[0]);
      assertThat(log.attachmentNames()).containsExactly("transcript-1.html");
    });
    assertThat(g.dms("alice")).singleElement().satisfies(dm -> assertThat(dm.text())
        .startsWith("Dein Ticket #1 auf **")
        .contains("**Grund:** erledigt", "/channels/" + g.id + "/" + t.threadId()));

    // the panel is for everyone: German, though an English admin posts it
    MessageView posted = g.as("admin").slash(g.channel("general"), "ticket button", Map.of())
        .awaitReply();
    assertThat(posted.text()).isEqualTo(text(MessageKey.PANEL_POSTED, g.channel("general")));
    assertThat(g.messages("general")).last().satisfies(panel -> {
      assertThat(panel.text()).isEqualTo(german(MessageKey.PANEL_MESSAGE));
      assertThat(panel.buttonLabels()).containsExactly(german(MessageKey.BUTTON_OPEN_TICKET));
    });
  }

  @Test
  void the_guild_changing_its_language_changes_the_next_public_messages() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket t = h.open(g, "alice", "first");
    assertThat(g.messages(t.threadId()).get(0).text()).startsWith(
        text(MessageKey.TICKET_FIRST_HEADING_PLAIN, 1) + "\n"
        + text(MessageKey.TICKET_OPENED_MESSAGE, g.user("alice"), g.role("Staff"), "first"));

    g.setPreferredLocale("de");
    h.awaitBot("the bot sees the guild's new language",
        () -> h.bot().shards().getGuildById(g.id).getLocale() == DiscordLocale.GERMAN);
    Ticket second = h.open(g, "bob", "second");
    assertThat(g.messages(second.threadId()).get(0).text()).isEqualTo(
        german(MessageKey.TICKET_FIRST_HEADING_PLAIN, 2) + "\n"
        + german(MessageKey.TICKET_OPENED_MESSAGE, g.user("bob"), g.role("Staff"), "second"));
  }

  @Test
  void slash_commands_carry_german_descriptions_and_keep_english_names() {
    JsonNode ticket;
    synchronized (h.emu.state()) {
      ticket = h.emu.state().commands.values().stream().map((Command c) -> c.json)
          .filter(j -> j.path("name").asText().equals("ticket")).findFirst().orElseThrow()
          .deepCopy();
    }
    assertThat(ticket.path("description").asText())
        .isEqualTo(text(MessageKey.COMMAND_TICKET_GROUP_DESCRIPTION));
    assertThat(ticket.path("description_localizations").path("de").asText())
        .isEqualTo(german(MessageKey.COMMAND_TICKET_GROUP_DESCRIPTION));
    assertThat(ticket.path("name_localizations").path("de").isMissingNode()).isTrue();

    JsonNode create = child(ticket, "create");
    assertThat(create.path("description_localizations").path("de").asText())
        .isEqualTo(german(MessageKey.COMMAND_TICKET_DESCRIPTION));
    assertThat(child(create, "reason").path("description_localizations").path("de").asText())
        .isEqualTo(german(MessageKey.OPTION_REASON_DESCRIPTION));
    JsonNode state = child(child(ticket, "list"), "state");
    assertThat(state.path("description_localizations").path("de").asText())
        .isEqualTo(german(MessageKey.OPTION_LIST_STATE_DESCRIPTION));
    assertThat(state.path("choices").get(0).path("name_localizations").path("de").asText())
        .isEqualTo(german(MessageKey.TICKET_STATE_OPEN));
  }

  @Test
  void the_bots_own_close_reasons_are_written_in_the_language_of_the_guild_that_reads_them() {
    TestGuild g = h.guild(b -> b.preferredLocale("de"));
    h.awaitBot("the bot sees the guild's language",
        () -> h.bot().shards().getGuildById(g.id).getLocale() == DiscordLocale.GERMAN);
    h.enableTickets(g);
    Ticket t = h.open(g, "alice", "help");

    g.as("admin").deleteChannel(t.threadId());

    h.emu.await("the ticket closed", () -> h.ticketByThread(t.threadId()).orElseThrow().state()
        == dev.tiramisu.tickets.ticket.TicketState.CLOSED);
    assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(30))).isTrue();
    long bot = h.bot().shards().getShards().get(0).getSelfUser().getIdLong();
    // stored as a reference, rendered in German for this guild ("Thread gelöscht")
    assertThat(g.messages("mod-log")).last().satisfies(log -> assertThat(log.text())
        .startsWith(german(MessageKey.TICKET_CLOSED_LOG, t.number(), g.user("alice"), bot,
            german(MessageKey.CLOSE_REASON_THREAD_DELETED), t.threadId())));
    assertThat(german(MessageKey.CLOSE_REASON_THREAD_DELETED))
        .isNotEqualTo(text(MessageKey.CLOSE_REASON_THREAD_DELETED));
  }

  private static JsonNode child(JsonNode node, String name) {
    for (JsonNode o : node.path("options")) {
      if (o.path("name").asText().equals(name)) {
        return o;
      }
    }
    throw new AssertionError("no option " + name + " in " + node.path("name").asText());
  }
}
