package dev.tiramisu.tickets.e2e;

import static dev.tiramisu.tickets.e2e.BotHarness.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tiramisu.discordemu.driver.Actor;
import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.tickets.settings.FormAnswer;
import dev.tiramisu.tickets.settings.FormQuestion;
import dev.tiramisu.tickets.settings.TicketType;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.Ticket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, forms: questions per ticket type ({@code /tickettype question}), the one Label modal
 * a member fills in, the answers saved with the ticket and shown in its Components V2 first
 * message, and every way a form can be refused (a modified client, a form changed or a type
 * deleted while a member fills it in, bad questions).
 */
class TypeFormsE2ETest extends SingleBotE2ETest {

  /** Three types: Billing (no form), Report (#reports, Mods + Staff), Appeal (the server's channel). */
  private TestGuild threeTypes() {
    TestGuild g = h.guild(b -> b.role("Billing", 0).role("Mods", 0)
        .textChannel("billing").textChannel("reports")
        .member("biller", "Billing").member("modder", "Mods"));
    g.setRoleMentionable("Billing", true);
    g.setRoleMentionable("Mods", true);
    h.enableTickets(g);
    assertThat(command(g, "tickettype create", Map.of("name", "Billing",
        "ticket_channel", "<#" + g.channel("billing") + ">",
        "staff_roles", "<@&" + g.role("Billing") + ">")).text())
        .startsWith(text(MessageKey.TYPE_CREATED, "Billing"));
    assertThat(command(g, "tickettype create", Map.of("name", "Report", "emoji", "🚩",
        "ticket_channel", "<#" + g.channel("reports") + ">",
        "staff_roles", "<@&" + g.role("Mods") + "> <@&" + g.role("Staff") + ">")).text())
        .startsWith(text(MessageKey.TYPE_CREATED, "Report"));
    assertThat(command(g, "tickettype create", Map.of("name", "Appeal")).text())
        .startsWith(text(MessageKey.TYPE_CREATED, "Appeal"));
    return g;
  }

  private MessageView command(TestGuild g, String path, Map<String, ?> options) {
    return g.as("admin").slash(g.channel("general"), path, options).awaitReply();
  }

  private MessageView addQuestion(TestGuild g, Map<String, Object> options) {
    return command(g, "tickettype question add", options);
  }

  private static Map<String, Object> q(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  /** Report's form: a required paragraph, an optional short text, a single and a multiple select. */
  private void reportForm(TestGuild g) {
    assertThat(addQuestion(g, q("type", "Report", "label", "What happened?",
        "style", "paragraph", "max", 500)).text())
        .startsWith(text(MessageKey.FORM_QUESTION_ADDED, 1, "What happened?", "Report"));
    addQuestion(g, q("type", "Report", "label", "Player name", "required", false,
        "placeholder", "Their name in the game"));
    addQuestion(g, q("type", "Report", "label", "Where?", "style", "select",
        "options", "Chat; Voice ;Game"));
    String list = addQuestion(g, q("type", "Report", "label", "Which rules?", "style", "select",
        "options", "Spam;Harassment;Cheating;Other", "multiple", true, "required", false)).text();
    assertThat(list).contains(text(MessageKey.FORM_LIST_HEADER, "Report", 4, 5))
        .contains(text(MessageKey.FORM_LIST_LINE_TEXT, 1, "What happened?",
            text(MessageKey.OPTION_QUESTION_STYLE_PARAGRAPH), text(MessageKey.FORM_REQUIRED), 1, 500))
        .contains(text(MessageKey.FORM_LIST_LINE_TEXT, 2, "Player name",
            text(MessageKey.OPTION_QUESTION_STYLE_SHORT), text(MessageKey.FORM_OPTIONAL), 0, 200))
        .contains(text(MessageKey.FORM_LIST_LINE_SELECT, 3, "Where?",
            text(MessageKey.FORM_REQUIRED), text(MessageKey.FORM_CHOICE_ONE), "Chat, Voice, Game"))
        .contains(text(MessageKey.FORM_LIST_LINE_SELECT, 4, "Which rules?",
            text(MessageKey.FORM_OPTIONAL), text(MessageKey.FORM_CHOICES, 1, 4),
            "Spam, Harassment, Cheating, Other"));
  }

  private List<FormQuestion> questions(TestGuild g, String typeName) {
    TicketType type = h.bot().core().types().list(g.id).stream()
        .filter(t -> t.name().equals(typeName)).findFirst().orElseThrow();
    return h.bot().core().types().forms().questions(type.id());
  }

  private static String id(FormQuestion q) {
    return "q" + q.id();
  }

  private Ticket awaitTicket(MessageView reply) {
    assertThat(reply.text()).contains("is open");
    long threadId = Long.parseLong(reply.text().replaceAll("(?s).*<#(\\d+)>.*", "$1"));
    Ticket t = h.ticketByThread(threadId).orElseThrow();
    assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(30))).isTrue();
    return h.bot().core().tickets().find(t.id()).orElseThrow();
  }

  private List<String> labels(ObjectNode modal) {
    List<String> out = new ArrayList<>();
    for (JsonNode c : modal.path("components")) {
      assertThat(c.path("type").asInt()).as("a Label").isEqualTo(18);
      out.add(c.path("label").asText());
    }
    return out;
  }

  @Test
  void a_form_opens_a_ticket_with_its_answers_saved_and_shown_without_pinging() {
    TestGuild g = threeTypes();
    h.configure(g, "require_reason", "false"); // the form alone (the reason: see the next test)
    reportForm(g);
    List<FormQuestion> qs = questions(g, "Report");

    InteractionHandle create = g.as("alice").slash(g.channel("general"), "ticket create",
        Map.of("type", "report"));
    ObjectNode modal = create.awaitModal();
    assertThat(modal.path("title").asText()).isEqualTo(text(MessageKey.MODAL_FORM_TITLE, "Report"));
    assertThat(labels(modal)).containsExactly("What happened?", "Player name", "Where?",
        "Which rules?");
    JsonNode paragraph = modal.path("components").get(0).path("component");
    assertThat(paragraph.path("type").asInt()).isEqualTo(4);
    assertThat(paragraph.path("style").asInt()).isEqualTo(2);
    assertThat(paragraph.path("max_length").asInt()).isEqualTo(500);
    JsonNode multiple = modal.path("components").get(3).path("component");
    assertThat(multiple.path("type").asInt()).isEqualTo(3);
    assertThat(multiple.path("max_values").asInt()).isEqualTo(4);
    assertThat(multiple.path("required").asBoolean()).isFalse();

    long bob = g.user("bob");
    String happened = "He spammed @everyone and <@" + bob + "> with **bold** links\nfor an hour";
    Ticket t = awaitTicket(g.as("alice").submitModal(create, Map.of(
        id(qs.get(0)), happened,
        id(qs.get(2)), "1",
        id(qs.get(3)), List.of("2", "0"))).awaitReply());

    // In the type's channel, the answers saved with it (label snapshots, select labels).
    assertThat(g.threads().stream().filter(th -> th.id() == t.threadId()).findFirst()
        .orElseThrow().parentId()).isEqualTo(g.channel("reports"));
    assertThat(h.bot().core().types().forms().answers(t.id())).containsExactly(
        new FormAnswer(1, "What happened?", happened),
        new FormAnswer(3, "Where?", "Voice"),
        new FormAnswer(4, "Which rules?", "Spam, Cheating"));

    // The first message: Components V2, the answers escaped, pings only the creator and staff.
    MessageView first = g.messages(t.threadId()).get(0);
    assertThat(first.componentsV2()).isTrue();
    assertThat(first.content()).isEmpty();
    assertThat(first.text())
        .contains(text(MessageKey.TICKET_FIRST_HEADING, "🚩 ", "Report", t.number()))
        .contains("**What happened?**\nHe spammed @\u200Beveryone and \\<@" + bob
            + "\\> with \\*\\*bold\\*\\* links\nfor an hour")
        .contains("**Where?**\nVoice")
        .contains("**Which rules?**\nSpam, Cheating")
        .doesNotContain("Player name");
    assertThat(first.pingedEveryone()).isFalse();
    assertThat(first.pingedUsers()).containsExactly(g.user("alice"));
    assertThat(first.pingedRoles()).containsExactlyInAnyOrder(g.role("Mods"), g.role("Staff"));
    assertThat(first.buttonLabels()).containsExactly(text(MessageKey.BUTTON_CLOSE_TICKET),
        text(MessageKey.BUTTON_CLAIM));
    assertThat(first.pinned()).isTrue();

    // Claim and close edit the same message: still V2, the answers kept, the buttons follow.
    g.as("modder").click(first.id(), text(MessageKey.BUTTON_CLAIM)).awaitReply();
    assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(30))).isTrue();
    MessageView claimed = g.message(first.id()).orElseThrow();
    assertThat(claimed.componentsV2()).isTrue();
    assertThat(claimed.text()).contains("**Where?**\nVoice")
        .contains(text(MessageKey.TICKET_CLAIMED_LINE, g.user("modder")));
    assertThat(claimed.allComponents().stream().filter(c -> c.path("type").asInt() == 2)
        .map(c -> c.path("disabled").asBoolean(false)).toList()).containsExactly(false, true);
    MessageView confirm = g.as("modder").slash(t.threadId(), "ticket close").awaitReply();
    g.as("modder").click(confirm.id(), text(MessageKey.BUTTON_CLOSE_CONFIRM)).awaitReply();
    assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(30))).isTrue();
    MessageView closed = g.message(first.id()).orElseThrow();
    assertThat(closed.buttonLabels()).isEmpty();
    assertThat(closed.text()).contains("**Which rules?**\nSpam, Cheating");

    // A type without a form still opens as before (the reason only), in its own channel.
    Ticket billing = awaitTicket(g.as("bob").slash(g.channel("general"), "ticket create",
        Map.of("type", "Billing", "reason", "refund")).awaitReply());
    assertThat(h.bot().core().types().forms().answers(billing.id())).isEmpty();
    assertThat(g.messages(billing.threadId()).get(0).text()).contains("refund")
        .contains(text(MessageKey.TICKET_FIRST_HEADING, "", "Billing", billing.number()));
  }

  @Test
  void the_reason_comes_first_when_required_and_the_type_select_leads_to_the_form() {
    TestGuild g = threeTypes();
    h.configure(g, "require_reason", "true"); // the default, said here for the reader
    addQuestion(g, q("type", "Appeal", "label", "Ban date", "required", true));
    List<FormQuestion> qs = questions(g, "Appeal");

    // No type given: the select, then the form (the reason first), then the ticket.
    MessageView pick = g.as("bob").slash(g.channel("general"), "ticket create").awaitReply();
    long appealId = qs.get(0).typeId();
    InteractionHandle picked = g.as("bob").select(pick.id(), "tt:pick-type",
        Long.toString(appealId));
    assertThat(labels(picked.awaitModal())).containsExactly(
        text(MessageKey.MODAL_OPEN_REASON_LABEL), "Ban date");
    Ticket t = awaitTicket(g.as("bob").submitModal(picked,
        Map.of("reason", "I was banned by mistake", id(qs.get(0)), "last Monday")).awaitReply());
    assertThat(t.reason()).isEqualTo("I was banned by mistake");
    assertThat(g.threads().stream().filter(th -> th.id() == t.threadId()).findFirst()
        .orElseThrow().parentId()).isEqualTo(g.channel("tickets"));
    assertThat(g.messages(t.threadId()).get(0).text()).contains("I was banned by mistake")
        .contains("**Ban date**\nlast Monday");

    // A reason given with the command is filled in for the member.
    InteractionHandle withReason = g.as("alice").slash(g.channel("general"), "ticket create",
        Map.of("type", "Appeal", "reason", "typed already"));
    assertThat(withReason.awaitModal().path("components").get(0).path("component")
        .path("value").asText()).isEqualTo("typed already");

    // Five questions leave no room for the reason: the answers stand in for it (and the admin is told).
    for (int i = 2; i <= 4; i++) {
      addQuestion(g, q("type", "Appeal", "label", "Question " + i, "required", false));
    }
    assertThat(addQuestion(g, q("type", "Appeal", "label", "Question 5", "required", false))
        .text()).contains(text(MessageKey.FORM_REASON_NOTE));
    InteractionHandle full = g.as("alice").slash(g.channel("general"), "ticket create",
        Map.of("type", "Appeal"));
    assertThat(labels(full.awaitModal())).hasSize(5).doesNotContain(
        text(MessageKey.MODAL_OPEN_REASON_LABEL));
    Ticket five = awaitTicket(g.as("alice").submitModal(full,
        Map.of(id(questions(g, "Appeal").get(0)), "yesterday")).awaitReply());
    assertThat(five.reason()).isNull();
    assertThat(h.bot().core().types().forms().answers(five.id()))
        .containsExactly(new FormAnswer(1, "Ban date", "yesterday"));
  }

  @Test
  void long_answers_are_shortened_evenly_to_fit_discords_4000_characters_and_saved_whole() {
    TestGuild g = threeTypes();
    h.configure(g, "require_reason", "false");
    for (int i = 1; i <= 5; i++) {
      addQuestion(g, q("type", "Appeal", "label", "Part " + i, "style", "paragraph",
          "max", 4000, "required", i == 1));
    }
    List<FormQuestion> qs = questions(g, "Appeal");
    Map<String, Object> values = new HashMap<>();
    values.put(id(qs.get(0)), "short and whole");
    for (int i = 1; i < 5; i++) {
      values.put(id(qs.get(i)), String.valueOf((char) ('a' + i)).repeat(3000 + i));
    }
    InteractionHandle create = g.as("alice").slash(g.channel("general"), "ticket create",
        Map.of("type", "Appeal"));
    Ticket t = awaitTicket(g.as("alice").submitModal(create, values).awaitReply());

    List<FormAnswer> saved = h.bot().core().types().forms().answers(t.id());
    assertThat(saved).hasSize(5);
    assertThat(saved.get(4).answer()).as("saved whole").hasSize(3004);
    MessageView first = g.messages(t.threadId()).get(0);
    assertThat(first.textDisplays().stream().mapToInt(String::length).sum())
        .isLessThanOrEqualTo(4000);
    assertThat(first.text()).contains("**Part 1**\nshort and whole")
        .contains(text(MessageKey.TICKET_FORM_SHORTENED));
    for (int i = 2; i <= 5; i++) {
      String shown = first.text().replaceAll("(?s).*\\*\\*Part " + i + "\\*\\*\n([^\n]*).*",
          "$1");
      assertThat(shown).as("part %d shortened, not dropped", i).hasSizeGreaterThan(500)
          .hasSizeLessThan(1000).endsWith("…");
    }
  }

  @Test
  void a_panel_button_opens_the_types_form() {
    TestGuild g = threeTypes();
    addQuestion(g, q("type", "Report", "label", "Player name"));
    List<FormQuestion> qs = questions(g, "Report");
    String posted = command(g, "panel create", Map.of("types", "Billing, Report")).text();
    assertThat(posted).startsWith("Panel #");
    long panelMessage = Long.parseLong(posted.replaceAll("(?s).*/(\\d+)$", "$1"));

    InteractionHandle click = g.as("alice").click(panelMessage, "Report");
    assertThat(labels(click.awaitModal())).containsExactly(
        text(MessageKey.MODAL_OPEN_REASON_LABEL), "Player name");
    Ticket t = awaitTicket(g.as("alice").submitModal(click,
        Map.of("reason", "cheating", id(qs.get(0)), "Sam")).awaitReply());
    assertThat(g.threads().stream().filter(th -> th.id() == t.threadId()).findFirst()
        .orElseThrow().parentId()).isEqualTo(g.channel("reports"));
    assertThat(h.bot().core().types().forms().answers(t.id()))
        .containsExactly(new FormAnswer(1, "Player name", "Sam"));
    assertThat(g.messages(t.threadId()).get(0).text()).contains("**Player name**\nSam");
  }

  @Test
  void a_form_is_checked_again_by_the_bot_and_a_changed_form_is_refused() {
    TestGuild g = threeTypes();
    h.configure(g, "require_reason", "false");
    addQuestion(g, q("type", "Report", "label", "Name", "max", 10));
    addQuestion(g, q("type", "Report", "label", "Where?", "style", "select",
        "options", "Chat;Voice"));
    List<FormQuestion> qs = questions(g, "Report");
    Actor alice = g.as("alice");
    int threadsBefore = g.threads().size();

    // The honest client enforces the limits the modal carries.
    InteractionHandle honest = alice.slash(g.channel("general"), "ticket create",
        Map.of("type", "Report"));
    assertThatThrownBy(() -> alice.submitModal(honest,
        Map.of(id(qs.get(0)), "x".repeat(11), id(qs.get(1)), "0")))
        .isInstanceOf(Actor.NotAllowedInClient.class);

    // A modified client: too long (shown back, nothing saved), empty, a value not offered.
    String typed = "a name far too long";
    MessageView tooLong = alice.submitModalUnchecked(alice.slash(g.channel("general"),
        "ticket create", Map.of("type", "Report")),
        Map.of(id(qs.get(0)), typed, id(qs.get(1)), "0")).awaitReply();
    assertThat(tooLong.text()).startsWith(text(MessageKey.ERROR_FORM_ANSWER_LENGTH, "Name", 1, 10,
        typed.length())).contains("```\n" + typed + "\n```");
    assertThat(tooLong.ephemeral()).isTrue();
    assertThat(alice.submitModalUnchecked(alice.slash(g.channel("general"), "ticket create",
            Map.of("type", "Report")), Map.of(id(qs.get(0)), "  ", id(qs.get(1)), "0"))
        .awaitReply().text()).startsWith(text(MessageKey.ERROR_FORM_ANSWER_REQUIRED, "Name"));
    assertThat(alice.submitModalUnchecked(alice.slash(g.channel("general"), "ticket create",
            Map.of("type", "Report")), Map.of(id(qs.get(0)), "Sam", id(qs.get(1)), "7"))
        .awaitReply().text()).startsWith(text(MessageKey.ERROR_FORM_ANSWER_CHOICE, "Where?"));
    assertThat(alice.submitModalUnchecked(alice.slash(g.channel("general"), "ticket create",
            Map.of("type", "Report")), Map.of(id(qs.get(0)), "Sam", id(qs.get(1)),
            List.of("0", "1"))).awaitReply().text())
        .startsWith(text(MessageKey.ERROR_FORM_ANSWER_CHOICES, "Where?", 1, 1));
    assertThat(g.threads()).hasSize(threadsBefore);

    // The form changes while the member fills it in: refused, what was typed shown back.
    InteractionHandle held = alice.slash(g.channel("general"), "ticket create",
        Map.of("type", "Report"));
    held.awaitModal();
    assertThat(command(g, "tickettype question remove", Map.of("type", "Report", "position", 2))
        .text()).startsWith(text(MessageKey.FORM_QUESTION_REMOVED, 2, "Where?", "Report"));
    MessageView changed = alice.submitModal(held,
        Map.of(id(qs.get(0)), "Sam", id(qs.get(1)), "1")).awaitReply();
    assertThat(changed.text()).startsWith(text(MessageKey.ERROR_FORM_CHANGED, "Report"))
        .contains("```\nSam\n```");
    assertThat(g.threads()).hasSize(threadsBefore);
    // Opened again, the new form works.
    InteractionHandle again = alice.slash(g.channel("general"), "ticket create",
        Map.of("type", "Report"));
    Ticket t = awaitTicket(alice.submitModal(again, Map.of(id(qs.get(0)), "Sam")).awaitReply());
    assertThat(h.bot().core().types().forms().answers(t.id()))
        .containsExactly(new FormAnswer(1, "Name", "Sam"));

    // The type is deleted while the member fills in its form.
    InteractionHandle orphan = g.as("bob").slash(g.channel("general"), "ticket create",
        Map.of("type", "Report"));
    orphan.awaitModal();
    command(g, "tickettype delete", Map.of("type", "Report"));
    assertThat(g.as("bob").submitModal(orphan, Map.of(id(qs.get(0)), "Kim")).awaitReply().text())
        .startsWith(text(MessageKey.ERROR_TYPE_GONE));
  }

  @Test
  void questions_are_validated_with_clear_messages() {
    TestGuild g = threeTypes();
    assertThatThrownBy(() -> g.as("alice").slash(g.channel("general"),
        "tickettype question list", Map.of("type", "Report")).awaitReply())
        .hasMessageContaining("/tickettype is hidden");
    assertThat(command(g, "tickettype question list", Map.of("type", "Report")).text())
        .isEqualTo(text(MessageKey.FORM_LIST_EMPTY, "Report"));
    assertThat(addQuestion(g, q("type", "Nope", "label", "X")).text())
        .isEqualTo(text(MessageKey.ERROR_TYPE_UNKNOWN, "nope", "`Billing`, `Report`, `Appeal`"));
    assertThat(addQuestion(g, q("type", "Report", "label", "x".repeat(46))).text())
        .isEqualTo(text(MessageKey.ERROR_FORM_LABEL_INVALID, 45));
    assertThat(addQuestion(g, q("type", "Report", "label", "Where", "style", "select")).text())
        .isEqualTo(text(MessageKey.ERROR_FORM_OPTIONS_NEEDED));
    assertThat(addQuestion(g, q("type", "Report", "label", "Where", "style", "select",
        "options", "a;;b")).text()).isEqualTo(text(MessageKey.ERROR_FORM_OPTION_INVALID, 100));
    assertThat(addQuestion(g, q("type", "Report", "label", "Where", "style", "select",
        "options", "Chat;chat")).text())
        .isEqualTo(text(MessageKey.ERROR_FORM_OPTION_DUPLICATE, "chat"));
    StringBuilder many = new StringBuilder("o0");
    for (int i = 1; i < 26; i++) {
      many.append(";o").append(i);
    }
    assertThat(addQuestion(g, q("type", "Report", "label", "Where", "style", "select",
        "options", many.toString())).text())
        .isEqualTo(text(MessageKey.ERROR_FORM_TOO_MANY_OPTIONS, 25, 26));
    assertThat(addQuestion(g, q("type", "Report", "label", "Name", "options", "a;b")).text())
        .isEqualTo(text(MessageKey.ERROR_FORM_OPTIONS_FOR_TEXT));
    assertThat(addQuestion(g, q("type", "Report", "label", "Name", "min", 20, "max", 10)).text())
        .isEqualTo(text(MessageKey.ERROR_FORM_LENGTH_RANGE, 4000));
    assertThat(addQuestion(g, q("type", "Report", "label", "Name", "max", 5000)).text())
        .isEqualTo(text(MessageKey.ERROR_FORM_LENGTH_RANGE, 4000));
    assertThat(addQuestion(g, q("type", "Report", "label", "Where", "style", "select",
        "options", "a;b", "max", 2)).text()).isEqualTo(text(MessageKey.ERROR_FORM_SINGLE_RANGE));
    assertThat(addQuestion(g, q("type", "Report", "label", "Where", "style", "select",
        "options", "a;b", "multiple", true, "max", 3)).text())
        .isEqualTo(text(MessageKey.ERROR_FORM_CHOICES_RANGE, 2));
    assertThat(addQuestion(g, q("type", "Report", "label", "Name",
        "placeholder", "p".repeat(101))).text())
        .isEqualTo(text(MessageKey.ERROR_TYPE_TEXT_TOO_LONG, "placeholder", 100));
    assertThat(questions(g, "Report")).isEmpty();

    for (int i = 1; i <= 5; i++) {
      addQuestion(g, q("type", "Report", "label", "Question " + i));
    }
    assertThat(addQuestion(g, q("type", "Report", "label", "Question 6")).text())
        .isEqualTo(text(MessageKey.ERROR_FORM_FULL, 5));
    assertThat(command(g, "tickettype question remove", Map.of("type", "Report",
        "position", 9)).text()).isEqualTo(text(MessageKey.ERROR_FORM_NO_QUESTION, 9, 5));
    assertThat(questions(g, "Report")).extracting(FormQuestion::label).containsExactly(
        "Question 1", "Question 2", "Question 3", "Question 4", "Question 5");
    command(g, "tickettype question remove", Map.of("type", "Report", "position", 2));
    assertThat(addQuestion(g, q("type", "Report", "label", "Last")).text())
        .startsWith(text(MessageKey.FORM_QUESTION_ADDED, 5, "Last", "Report"));
    assertThat(questions(g, "Report")).extracting(FormQuestion::label).containsExactly(
        "Question 1", "Question 3", "Question 4", "Question 5", "Last");
  }
}
