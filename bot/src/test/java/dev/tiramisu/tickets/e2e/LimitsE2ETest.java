package dev.tiramisu.tickets.e2e;

import static dev.tiramisu.tickets.e2e.BotHarness.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiramisu.discordemu.driver.Actor;
import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.tickets.discord.Reconciliation;
import dev.tiramisu.tickets.testing.MutableClock;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.ticket.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 11, item 6: {@code max_open_per_user} and {@code create_cooldown} through the real JDA
 * client and the emulator (time is a clock the test moves), and the blocklist at every way of
 * opening a ticket (command, panel button, reason form).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LimitsE2ETest {
  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00.250Z"));
  private BotHarness h;

  @BeforeAll
  void startBot() {
    h = new BotHarness(clock, Reconciliation.DEFAULT);
  }

  @AfterAll
  void stopBot() {
    h.close();
  }

  @AfterEach
  void noSpecViolations() {
    assertThat(h.emu.specViolations()).isEmpty();
  }

  /** {@code n} {@code /ticket create} by one member at once; their final answers. */
  private List<String> createAtOnce(TestGuild g, String user, int n) {
    List<InteractionHandle> handles = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      handles.add(g.as(user).slash(g.channel("general"), "ticket create",
          Map.of("reason", "parallel " + i)));
    }
    // "saved, still being set up" is not final: awaitReply() waits past it (InterimReplies)
    List<String> answers = new ArrayList<>();
    for (InteractionHandle handle : handles) {
      answers.add(handle.awaitReply().text());
    }
    return answers;
  }

  @Test
  void thirty_parallel_creates_by_one_member_open_exactly_max_open_per_user() {
    TestGuild g = h.guild();
    h.enableTickets(g); // max_open_per_user is 1 by default

    List<String> answers = createAtOnce(g, "alice", 30);

    assertThat(answers).filteredOn(a -> a.startsWith("Your ticket #")).hasSize(1);
    assertThat(g.threads()).hasSize(1);
    long thread = g.threads().get(0).id();
    assertThat(answers).filteredOn(a -> !a.startsWith("Your ticket #")).hasSize(29)
        .allSatisfy(a -> assertThat(a).isIn(text(MessageKey.ERROR_LIMIT_OPEN, 1, thread),
            text(MessageKey.ERROR_LIMIT_OPEN_PENDING, 1, 1)));
    assertThat(h.bot().core().database().tickets().lastNumber(g.id)).as("no number burnt")
        .hasValue(1);
    // the staff role was pinged once, not thirty times
    assertThat(g.messages(thread)).filteredOn(m -> m.pingedRoles().contains(g.role("Staff")))
        .hasSize(1);

    // a later try links the open ticket
    MessageView again = g.as("alice").slash(g.channel("general"), "ticket create",
        Map.of("reason", "one more")).awaitReply();
    assertThat(again.ephemeral()).isTrue();
    assertThat(again.text()).isEqualTo(text(MessageKey.ERROR_LIMIT_OPEN, 1, thread));

    // three allowed: thirty at once by bob open exactly three
    h.configure(g, "max_open_per_user", "3");
    List<String> bob = createAtOnce(g, "bob", 30);
    assertThat(bob).filteredOn(a -> a.startsWith("Your ticket #")).hasSize(3);
    assertThat(h.bot().core().database().tickets().findOpenByCreator(g.id, g.user("bob")))
        .hasSize(3);
    assertThat(g.threads()).hasSize(4);
  }

  @Test
  void a_closed_ticket_frees_the_place_and_staff_opening_for_themselves_are_limited_too() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    Ticket t = h.open(g, "moderator", "my own question");

    MessageView refused = g.as("moderator").slash(g.channel("general"), "ticket create",
        Map.of("reason", "another")).awaitReply();
    assertThat(refused.text()).isEqualTo(text(MessageKey.ERROR_LIMIT_OPEN, 1, t.threadId()));

    MessageView confirm = g.as("admin").slash(t.threadId(), "ticket close").awaitReply();
    g.as("admin").click(confirm.id(), text(MessageKey.BUTTON_CLOSE_CONFIRM)).awaitReply();
    assertThat(h.bot().effects().awaitIdle(t.id(), Duration.ofSeconds(30))).isTrue();
    assertThat(h.open(g, "moderator", "after the close").number()).isEqualTo(2);
  }

  @Test
  void the_cooldown_says_when_the_member_can_open_again_and_ends_with_the_clock() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    h.configure(g, "max_open_per_user", "0", "create_cooldown", "1h");
    Ticket first = h.open(g, "alice", "first");

    clock.advance(Duration.ofMinutes(59));
    MessageView refused = g.as("alice").slash(g.channel("general"), "ticket create",
        Map.of("reason", "too soon")).awaitReply();

    long again = first.createdAt().plus(Duration.ofHours(1)).getEpochSecond() + 1; // .250 s
    assertThat(refused.ephemeral()).isTrue();
    assertThat(refused.text()).isEqualTo(text(MessageKey.ERROR_LIMIT_COOLDOWN, again))
        .contains("<t:" + again + ":R>");
    assertThat(h.open(g, "bob", "another member is not held back").number()).isEqualTo(2);

    clock.advance(Duration.ofMinutes(1));
    assertThat(h.open(g, "alice", "an hour later").number()).isEqualTo(3);
  }

  @Test
  void a_blocked_member_or_role_is_refused_by_command_panel_and_form_and_changes_are_logged() {
    TestGuild g = h.guild();
    h.enableTickets(g);
    h.configure(g, "max_open_per_user", "0");
    MessageView panelAnswer = g.as("admin").slash(g.channel("tickets"), "ticket button")
        .awaitReply();
    assertThat(panelAnswer.text()).startsWith("The ticket panel is posted");
    MessageView panel = g.messages("tickets").stream()
        .filter(m -> m.buttonLabels().contains(text(MessageKey.BUTTON_OPEN_TICKET)))
        .findFirst().orElseThrow();
    // bob asks for a ticket without a reason: the form is open while he gets blocked
    InteractionHandle bobsForm = g.as("bob").slash(g.channel("general"), "ticket create");
    bobsForm.awaitModal();

    MessageView added = blocklist(g, "add", g.user("alice"));
    assertThat(added.text()).isEqualTo(text(MessageKey.BLOCKLIST_ADDED_USER, g.user("alice"))
        + "\n" + text(MessageKey.BLOCKLIST_LOGGED, g.channel("mod-log")));
    assertThat(g.messages("mod-log")).extracting(MessageView::text).contains(
        text(MessageKey.BLOCKLIST_LOG_ADDED_USER, g.user("admin"), g.user("alice")));
    assertThat(blocklist(g, "add", g.user("alice")).text())
        .isEqualTo(text(MessageKey.BLOCKLIST_ALREADY_USER, g.user("alice")));

    // command with a reason, command without (no form), panel button (no form)
    assertThat(g.as("alice").slash(g.channel("general"), "ticket create",
        Map.of("reason", "let me in")).awaitReply().text()).isEqualTo(text(MessageKey.ERROR_BLOCKED));
    InteractionHandle noReason = g.as("alice").slash(g.channel("general"), "ticket create");
    assertThat(noReason.awaitReply().text()).isEqualTo(text(MessageKey.ERROR_BLOCKED));
    assertThat(noReason.responseType()).as("answered, not a form").isEqualTo(4);
    InteractionHandle button = g.as("alice").click(panel.id(), text(MessageKey.BUTTON_OPEN_TICKET));
    assertThat(button.awaitReply().text()).isEqualTo(text(MessageKey.ERROR_BLOCKED));
    assertThat(button.awaitReply().ephemeral()).isTrue();

    // a role: every member with it; the form bob opened before is refused when sent
    blocklist(g, "add", g.role("Member"));
    MessageView bobSent = g.as("bob").submitModal(bobsForm, Map.of("reason", "please"))
        .awaitReply();
    assertThat(bobSent.text()).isEqualTo(text(MessageKey.ERROR_BLOCKED));
    assertThat(h.bot().core().database().tickets().lastNumber(g.id)).as("nothing opened")
        .isEmpty();
    assertThat(h.open(g, "moderator", "staff are not blocked").number()).isEqualTo(1);

    MessageView list = g.as("admin").slash(g.channel("general"), "blocklist list").awaitReply();
    assertThat(list.text()).startsWith(text(MessageKey.BLOCKLIST_LIST_HEADER, 2))
        .contains("<@" + g.user("alice") + ">", "<@&" + g.role("Member") + ">",
            "added by <@" + g.user("admin") + ">");
    assertThat(list.pingedUsers()).isEmpty();

    MessageView removed = blocklist(g, "remove", g.user("alice"));
    assertThat(removed.text()).startsWith(text(MessageKey.BLOCKLIST_REMOVED_USER, g.user("alice")));
    assertThat(g.messages("mod-log")).extracting(MessageView::text).contains(
        text(MessageKey.BLOCKLIST_LOG_REMOVED_USER, g.user("admin"), g.user("alice")));
    assertThat(blocklist(g, "remove", g.user("alice")).text())
        .isEqualTo(text(MessageKey.BLOCKLIST_NOT_LISTED_USER, g.user("alice")));
    assertThat(g.as("alice").slash(g.channel("general"), "ticket create",
        Map.of("reason", "still has the Member role")).awaitReply().text())
        .isEqualTo(text(MessageKey.ERROR_BLOCKED));
    blocklist(g, "remove", g.role("Member"));
    assertThat(h.open(g, "alice", "allowed again").number()).isEqualTo(2);
  }

  @Test
  void the_blocklist_refuses_everyone_and_bots_and_is_for_managers_only() {
    TestGuild g = h.guild();
    h.enableTickets(g);

    assertThat(blocklist(g, "add", g.id).text())
        .isEqualTo(text(MessageKey.ERROR_BLOCKLIST_EVERYONE));
    assertThat(blocklist(g, "add", h.emu.botUserId()).text())
        .isEqualTo(text(MessageKey.ERROR_BLOCKLIST_BOT));
    Actor moderator = g.as("moderator");
    assertThatThrownBy(() -> moderator.slash(g.channel("general"), "blocklist list"))
        .as("hidden from members without Manage Server")
        .isInstanceOf(Actor.NotAllowedInClient.class);
    assertThat(blocklist(g, "list").text()).isEqualTo(text(MessageKey.BLOCKLIST_LIST_EMPTY));
  }

  private MessageView blocklist(TestGuild g, String sub, long target) {
    return g.as("admin").slash(g.channel("general"), "blocklist " + sub,
        Map.of("target", target)).awaitReply();
  }

  private MessageView blocklist(TestGuild g, String sub) {
    return g.as("admin").slash(g.channel("general"), "blocklist " + sub).awaitReply();
  }
}
