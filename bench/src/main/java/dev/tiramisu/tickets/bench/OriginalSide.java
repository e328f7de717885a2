package dev.tiramisu.tickets.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.Permissions;
import dev.tiramisu.discordemu.driver.GuildBuilder;
import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.driver.ThreadView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The original Python Tiramisu (nextcord) in {@link SideBySideBench}, as its ticketing module
 * works: {@code /ticket create} answers with a modal asking for the topic, whose submission
 * creates the private thread "Ticket #N", posts and pins the first message and answers "Ticket
 * Opened in #thread"; {@code /ticket close} in the thread answers with an ephemeral "Are you
 * sure?" and its Yes button, which defers, reads the thread's first messages, answers "Ticket
 * Closed.", renames, archives and locks the thread, DMs the creator and posts in the mod-log. It
 * is set up as its admins do it: the guild's owner becomes its admin when it joins (it DMs them),
 * then {@code /setting set} ticket_channel, staff_role and modlog_channel.
 */
final class OriginalSide implements SideBot {
  static final Set<String> COMMANDS = Set.of("ticket", "setting");
  /** Its on_ready (cog tasks) lists its guilds: then a new guild is a join. */
  static final String READY_ROUTE = "GET /users/@me/guilds";
  private static final Pattern OPENED = Pattern.compile("Ticket Opened in <#(\\d+)>");
  private static final String CLOSED = "Ticket Closed.";
  private static final String YES = "Yes";
  private static final Duration SETTLE = Duration.ofSeconds(120);
  private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration SETUP = Duration.ofSeconds(30);

  private final Emulator emu;
  private final OriginalBot bot;
  private final Duration think;
  private final AtomicInteger guilds = new AtomicInteger();

  OriginalSide(Emulator emu, OriginalBot bot, Duration think) {
    this.emu = emu;
    this.bot = bot;
    this.think = think;
  }

  @Override
  public String name() {
    return "original";
  }

  @Override
  public Emulator emu() {
    return emu;
  }

  @Override
  public TestGuild guild(int members) {
    GuildBuilder b = emu.guild("original " + guilds.incrementAndGet())
        .role("Admin", Permissions.ADMINISTRATOR).role("Staff", 0).role("Member", 0)
        .textChannel("tickets").textChannel("mod-log").textChannel("general")
        .owner("admin").member("admin", "Admin").member("moderator", "Staff")
        .botPermissions(Permissions.TICKET_BOT);
    for (int i = 1; i <= members; i++) {
      b.member(ForkedStack.member(i), "Member");
    }
    TestGuild g = b.build();
    g.setRoleMentionable("Staff", true);
    long owner = g.user("admin");
    // its on_guild_join makes the owner its admin, then DMs them
    try {
      emu.await("the original's welcome DM to the owner", SETUP, () -> {
        Long dm = emu.state().user(owner).dmChannelId;
        return dm != null && !emu.messages(dm).isEmpty();
      });
    } catch (AssertionError e) {
      throw new Failed("the bot did not welcome the owner of a new guild within "
          + SETUP.toSeconds() + " s");
    }
    set(g, "ticket_channel", "<#" + g.channel("tickets") + ">");
    set(g, "staff_role", "<@&" + g.role("Staff") + ">");
    set(g, "modlog_channel", "<#" + g.channel("mod-log") + ">");
    return g;
  }

  /**
   * {@code /setting set} as the owner, tried again while it is answered "No permission" (its
   * on_guild_join commits the owner's admin row only after the welcome DM went out) or not at all
   * (a write of another task still holding the database's lock blocks its event loop past the
   * deadline).
   */
  private void set(TestGuild g, String setting, String value) {
    String last = "nothing";
    int unanswered = 0;
    for (int attempt = 0; attempt < 30 && unanswered < 3; attempt++) {
      MessageView reply;
      try {
        reply = g.as("admin").slash(g.channel("general"), "setting set",
            Map.of("setting", setting, "value", value)).awaitReply();
      } catch (AssertionError e) {
        last = "nothing in time";
        unanswered++;
        continue;
      }
      last = reply.text();
      if (last.startsWith("**Setting Changed**")) {
        return;
      }
      if (!last.contains("No permission")) {
        break;
      }
    }
    throw new Failed("the bot could not be set up in a new guild: /setting set " + setting
        + " was answered " + last);
  }

  @Override
  public Ticket create(ReplyWatcher w, TestGuild g, String member, String reason)
      throws InterruptedException {
    InteractionHandle command = g.as(member).slash(g.channel("general"), "ticket create");
    JsonNode modal = answered(command, "the command").awaitModal();
    String input = textInput(modal);
    if (input == null) {
      throw new IllegalStateException("the create modal has no text input: " + modal);
    }
    SideBot.think(think);
    InteractionHandle submit = g.as(member).submitModal(command, Map.of(input, reason));
    MessageView reply = reply(w, answered(submit, "the modal's submission"),
        v -> OPENED.matcher(v.text()).find());
    Matcher m = OPENED.matcher(reply.text());
    if (!m.find()) {
      throw new Failed("the submission was answered: " + reply.text());
    }
    return new Ticket(List.of(command, submit), g.user(member), Long.parseLong(m.group(1)));
  }

  /** {@code h} once acknowledged; {@link Failed} when Discord's deadline passed unanswered. */
  private static InteractionHandle answered(InteractionHandle h, String what) {
    try {
      return h.awaitAck();
    } catch (AssertionError e) {
      throw new Failed(what + " was not answered in time (\"This interaction failed\")");
    }
  }

  /** The visible reply to {@code h} once it is {@code done}, or {@link Failed}. */
  private static MessageView reply(ReplyWatcher w, InteractionHandle h,
      java.util.function.Predicate<MessageView> done) throws InterruptedException {
    try {
      return w.await(h, done, REPLY_TIMEOUT);
    } catch (IllegalStateException | AssertionError e) {
      throw new Failed(e.getMessage());
    }
  }

  /** The custom id of the modal's first text input (in an action row or a Label). */
  private static String textInput(JsonNode node) {
    if (node.path("type").asInt() == 4 && node.has("custom_id")) {
      return node.path("custom_id").asText();
    }
    for (JsonNode child : node) {
      if (child.isContainerNode()) {
        String found = textInput(child);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  @Override
  public void close(ReplyWatcher w, TestGuild g, Ticket t) throws InterruptedException {
    t.closeCommand = g.as("moderator").slash(t.threadId, "ticket close");
    MessageView confirm = reply(w, answered(t.closeCommand, "/ticket close"), v -> true);
    if (!confirm.buttonLabels().contains(YES)) {
      throw new Failed("/ticket close was answered: " + confirm.text());
    }
    SideBot.think(think);
    t.confirm = g.as("moderator").click(confirm.id(), YES);
    reply(w, answered(t.confirm, "the confirmation"), v -> v.text().contains(CLOSED));
  }

  @Override
  public void awaitComplete(TestGuild g, List<Ticket> tickets, boolean closed) {
    try {
      emu.await("every ticket of the original complete", SETTLE,
          () -> problems(g, tickets, closed).isEmpty());
    } catch (AssertionError | RuntimeException timedOut) {
      List<String> left = problems(g, tickets, closed);
      if (!left.isEmpty()) {
        throw new IllegalStateException("the original's tickets are not complete after "
            + SETTLE.toSeconds() + " s: " + String.join("; ", left) + bot.describe());
      }
    }
  }

  /**
   * What is missing: each ticket a thread "Ticket #N" (N unique) in #tickets with the creator in
   * it and the bot's first message (naming the creator) as its one pin; once closed, the thread
   * renamed "… [Closed]", archived and locked, one DM to the creator and one mod-log post, both
   * linking the thread. (Numbers given twice are {@link #faults}, reported, not waited for.)
   */
  private List<String> problems(TestGuild g, List<Ticket> tickets, boolean closed) {
    List<String> problems = new ArrayList<>();
    long botId = emu.botUserId();
    List<MessageView> modLog = g.messages("mod-log");
    for (Ticket t : tickets) {
      ThreadView th = g.threads().stream().filter(x -> x.id() == t.threadId).findFirst()
          .orElse(null);
      String who = "thread " + t.threadId;
      if (th == null || th.parentId() != g.channel("tickets")
          || !th.name().startsWith("Ticket #")) {
        problems.add(who + ": no ticket thread in #tickets");
        continue;
      }
      if (!th.memberIds().contains(t.creatorId)) {
        problems.add(who + ": the creator is not in it");
      }
      if (th.pins().size() != 1 || g.message(th.pins().get(0)).filter(m -> m.authorId() == botId
          && m.text().contains("<@" + t.creatorId + ">")).isEmpty()) {
        problems.add(who + ": the first message is not its one pin");
      }
      if (!closed) {
        continue;
      }
      if (!(th.archived() && th.locked() && th.name().endsWith("[Closed]"))) {
        problems.add(who + ": not renamed, archived and locked");
      }
      Long dm = emu.state().user(t.creatorId).dmChannelId;
      if (dm == null || count(emu.messages(dm), botId, t.threadId) != 1) {
        problems.add(who + ": the creator did not get one DM");
      }
      if (count(modLog, botId, t.threadId) != 1) {
        problems.add(who + ": not one mod-log post");
      }
    }
    return problems;
  }

  /** Ticket numbers given to more than one thread of {@code g} (its counter lost an update). */
  @Override
  public List<String> faults(TestGuild g) {
    Map<String, Long> byName = g.threads().stream()
        .filter(t -> t.parentId() == g.channel("tickets"))
        .collect(java.util.stream.Collectors.groupingBy(
            t -> t.name().replace(" [Closed]", ""), java.util.stream.Collectors.counting()));
    List<String> out = new ArrayList<>();
    byName.forEach((name, n) -> {
      if (n > 1) {
        out.add(n + " threads named \"" + name + "\"");
      }
    });
    return out;
  }

  private static long count(List<MessageView> messages, long author, long threadId) {
    return messages.stream().filter(m -> m.authorId() == author
        && m.text().contains("<#" + threadId + ">")).count();
  }

  @Override
  public Pattern createdReply() {
    return OPENED;
  }

  @Override
  public void stop() {
    bot.close();
  }
}
