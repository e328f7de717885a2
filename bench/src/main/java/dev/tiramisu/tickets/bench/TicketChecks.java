package dev.tiramisu.tickets.bench;

import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.driver.ThreadView;
import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The correctness check every benchmark runs after each point, on what Discord (the emulator)
 * holds: for each guild, the creates' replies name tickets numbered exactly 1..N, each with a
 * thread of its own (and the guild has no other ticket thread), the creator in it, the bot's
 * first message pinned (and only it); for closed tickets also the thread renamed, locked and
 * archived, one "closed" post in it, one DM to the creator and one log line.
 */
final class TicketChecks {
  /** {@code ticket.opened.reply} as a pattern: group 1 the number, group 2 the thread id. */
  static final Pattern OPENED = pattern(MessageKey.TICKET_OPENED_REPLY);
  /** {@code ticket.closed.reply}: group 1 the number. */
  static final Pattern CLOSED = pattern(MessageKey.TICKET_CLOSED_REPLY);
  private static final Pattern CLOSED_LOG = pattern(MessageKey.TICKET_CLOSED_LOG);
  private static final Pattern CLOSED_POST = pattern(MessageKey.TICKET_CLOSED_MESSAGE);
  private static final Pattern CLOSED_DM = pattern(MessageKey.TICKET_CLOSED_DM);
  static final Duration SETTLE = Duration.ofSeconds(120);

  private TicketChecks() {}

  /**
   * The English text of {@code key} as a pattern, each placeholder a group: {@code {0}} (always
   * the ticket number where these keys have one) digits, the others anything on one line.
   */
  static Pattern pattern(MessageKey key) {
    String text = Messages.english().pattern(key).replace("''", "'");
    StringBuilder regex = new StringBuilder();
    Matcher m = Pattern.compile("\\{(\\d+)}").matcher(text);
    int at = 0;
    while (m.find()) {
      regex.append(Pattern.quote(text.substring(at, m.start())))
          .append(m.group(1).equals("0") ? "(\\d+)" : "(.*?)");
      at = m.end();
    }
    return Pattern.compile(regex.append(Pattern.quote(text.substring(at))).toString());
  }

  /** How many of {@code messages} by {@code author} match {@code p} with ticket number {@code n}. */
  private static long count(List<MessageView> messages, long author, Pattern p, int n) {
    return messages.stream().filter(m -> m.authorId() == author).map(m -> p.matcher(m.text()))
        .filter(m -> m.find() && Integer.parseInt(m.group(1)) == n).count();
  }

  /** A ticket as its create's reply names it. */
  record Opened(long guildId, long creatorId, int number, long threadId) {}

  /** The ticket a reply names, or null when the reply does not (yet) name one. */
  static Opened opened(TestGuild g, InteractionHandle create) {
    MessageView reply = create.original();
    if (reply == null) {
      return null;
    }
    Matcher m = OPENED.matcher(reply.text());
    if (!m.find()) {
      return null;
    }
    return new Opened(g.id, create.userId(), Integer.parseInt(m.group(1)),
        Long.parseLong(m.group(2)));
  }

  /**
   * Waits (up to {@link #SETTLE}) until every guild's creates passed the check (the pin and the
   * close's thread changes come after the reply), then throws with every problem if one is left.
   *
   * @param creates the create interactions of this point, per guild; all of the guild's tickets
   * @param closed whether every ticket must also be closed (locked and archived)
   */
  static void awaitComplete(Emulator emu, Map<TestGuild, List<InteractionHandle>> creates,
      boolean closed) {
    try {
      emu.await("every ticket complete", SETTLE, () -> problems(emu, creates, closed).isEmpty());
    } catch (AssertionError | RuntimeException timedOut) {
      List<String> left = problems(emu, creates, closed);
      if (!left.isEmpty()) {
        throw new IllegalStateException("tickets not complete after " + SETTLE.toSeconds()
            + " s: " + String.join("; ", left.subList(0, Math.min(20, left.size())))
            + (left.size() > 20 ? " (and " + (left.size() - 20) + " more)" : ""));
      }
    }
  }

  private static void closedProblems(Emulator emu, TestGuild g, Opened o, ThreadView t,
      List<MessageView> modLog, String who, List<String> problems) {
    long bot = emu.botUserId();
    if (!(t.locked() && t.archived())) {
      problems.add(who + ": not locked and archived");
    }
    if (!t.name().startsWith("[Closed]")) {
      problems.add(who + ": not renamed");
    }
    long posts = g.messages(t.id()).stream()
        .filter(m -> m.authorId() == bot && CLOSED_POST.matcher(m.text()).find()).count();
    if (posts != 1) {
      problems.add(who + ": " + posts + " closed posts, not 1");
    }
    if (count(modLog, bot, CLOSED_LOG, o.number()) != 1) {
      problems.add(who + ": not one close log line");
    }
    Long dm;
    synchronized (emu.state()) {
      dm = emu.state().user(o.creatorId()).dmChannelId;
    }
    if (dm == null || count(emu.messages(dm), bot, CLOSED_DM, o.number()) != 1) {
      problems.add(who + ": the creator did not get one DM");
    }
  }

  /** What is wrong with the guilds' tickets now; empty when each is complete. */
  static List<String> problems(Emulator emu, Map<TestGuild, List<InteractionHandle>> creates,
      boolean closed) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<TestGuild, List<InteractionHandle>> e : creates.entrySet()) {
      guildProblems(emu, e.getKey(), e.getValue(), closed, problems);
      if (problems.size() > 50) {
        break;
      }
    }
    return problems;
  }

  private static void guildProblems(Emulator emu, TestGuild g, List<InteractionHandle> creates,
      boolean closed, List<String> problems) {
    long bot = emu.botUserId();
    long parent = g.channel("tickets");
    Map<Long, ThreadView> threads = new HashMap<>();
    for (ThreadView t : g.threads()) {
      if (t.parentId() == parent) {
        threads.put(t.id(), t);
      }
    }
    List<MessageView> modLog = g.messages("mod-log");
    Set<Integer> numbers = new HashSet<>();
    Set<Long> named = new HashSet<>();
    for (InteractionHandle create : creates) {
      Opened o = opened(g, create);
      String who = "guild " + g.id + " interaction " + create.id;
      if (o == null) {
        problems.add(who + ": the reply names no open ticket");
        continue;
      }
      if (!numbers.add(o.number())) {
        problems.add(who + ": number " + o.number() + " given twice");
      }
      if (!named.add(o.threadId())) {
        problems.add(who + ": thread " + o.threadId() + " named twice");
      }
      ThreadView t = threads.get(o.threadId());
      if (t == null) {
        problems.add(who + ": #" + o.number() + " has no thread in #tickets");
        continue;
      }
      if (!t.memberIds().contains(o.creatorId())) {
        problems.add(who + ": #" + o.number() + ": the creator is not in the thread");
      }
      if (t.pins().size() != 1) {
        problems.add(who + ": #" + o.number() + ": " + t.pins().size() + " pins, not 1");
      } else {
        MessageView first = g.message(t.pins().get(0)).orElse(null);
        if (first == null || first.authorId() != bot
            || !first.text().contains("<@" + o.creatorId() + ">")) {
          problems.add(who + ": #" + o.number() + ": the pin is not the bot's first message");
        }
      }
      if (closed) {
        closedProblems(emu, g, o, t, modLog, who + ": #" + o.number(), problems);
      }
    }
    for (int n = 1; n <= creates.size(); n++) {
      if (!numbers.contains(n)) {
        problems.add("guild " + g.id + ": no ticket #" + n + " of " + creates.size());
        break;
      }
    }
    if (threads.size() != creates.size()) {
      problems.add("guild " + g.id + ": " + threads.size() + " ticket threads for "
          + creates.size() + " creates");
    }
  }
}
