package dev.tiramisu.tickets.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiramisu.discordemu.RequestLog;
import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * The REST requests one create and one close cost, read from the emulator's request log: each
 * with its route, what it touched and why the bot needs it. One lifecycle in a fresh guild by a
 * member who never had a ticket (after a warm-up lifecycle elsewhere), with the bot in its own JVM
 * and Discord's rate limits on. Writes section {@code requests} of docs/benchmarks.md and {@code
 * bench-requests.png}.
 *
 * <pre>
 * mvn -o -B -q -pl emulator,bot,bench -am package -DskipTests
 * java -cp bench/target/tickets-bench.jar dev.tiramisu.tickets.bench.RequestsBench
 * </pre>
 */
public final class RequestsBench {
  /** One request of a step, explained. */
  record Request(String step, String route, String target, int status, boolean limited,
      String why) {}

  /**
   * The requests of the create and of the close, of the close of the same member's second ticket
   * (the DM channel is known by then), and the timings (null when not measured).
   */
  record Result(List<Request> create, List<Request> close, List<Request> secondClose,
      Timing timing) {
    Result withTiming(Timing t) {
      return new Result(create, close, secondClose, t);
    }
  }

  /**
   * Over {@code rounds} lifecycles in fresh guilds: milliseconds from the create interaction to
   * the final reply's arrival, and from the close confirmation's click to the end of the close's
   * last request.
   */
  record Timing(int rounds, Timings.Stats createToReply, Timings.Stats confirmToAnswer,
      Timings.Stats confirmToLast) {}

  static final int DEFAULT_ROUNDS = 20;
  private static final long PACER_WINDOW_MILLIS = 1100;
  /** The end of the close's first answer ({@code ticket.closed.finishing}), in English. */
  private static final String FINISHING = dev.tiramisu.tickets.text.Messages.english()
      .pattern(dev.tiramisu.tickets.text.MessageKey.TICKET_CLOSED_FINISHING).replace("''", "'")
      .replaceAll(".*\\{0}", "");

  private RequestsBench() {}

  /** The options: {@code --validation on|off}, {@code --rounds N} and the shared ones. */
  record Options(boolean validation, int rounds, SharedOptions shared) {
    static Options parse(String[] args) {
      boolean[] validation = {false};
      int[] rounds = {DEFAULT_ROUNDS};
      SharedOptions shared = SharedOptions.parse(args, (flag, value) -> {
        if (flag.equals("--validation")) {
          validation[0] = value.equals("on");
          return true;
        }
        if (flag.equals("--rounds")) {
          rounds[0] = Integer.parseInt(value);
          return true;
        }
        return false;
      });
      return new Options(validation[0], rounds[0], shared);
    }
  }

  public static void main(String[] args) {
    BenchMain.run("requests bench", "requests", args, Options::parse, o -> o.shared().out(),
        o -> {
          Machine machine = Machine.now();
          Instant started = Instant.now();
          Result r;
          try (ForkedStack stack = ForkedStack.start(o.validation(), Duration.ofSeconds(3));
              ReplyWatcher w = new ReplyWatcher(stack.emu)) {
            run(stack, w); // warm-up: the first lifecycle of a JVM is not typical
            r = run(stack, w);
            r = r.withTiming(time(stack, w, o.rounds()));
          }
          String chart = Charts.save(chart(r), o.shared().out(), "bench-requests.png",
              "requests per create and per close");
          return report(started, machine, r, chart);
        });
  }


  /** One create and one close in a fresh guild; every request of each, explained. */
  static Result run(ForkedStack stack, ReplyWatcher w) throws Exception {
    TestGuild g = stack.guild(1);
    String member = ForkedStack.member(1);
    int beforeCreate = stack.emu.requests().mark();
    InteractionHandle create = Lifecycle.create(w, g, member, "requests");
    TicketChecks.awaitComplete(stack.emu, Map.of(g, List.of(create)), false);
    int beforeClose = stack.emu.requests().mark();
    awaitWholeAnswer(w, Lifecycle.close(w, g, create)[1]);
    TicketChecks.awaitComplete(stack.emu, Map.of(g, List.of(create)), true);
    int end = stack.emu.requests().mark();
    TicketChecks.Opened o = TicketChecks.opened(g, create);
    Targets targets = new Targets(g, o.threadId(), dmChannel(stack, o.creatorId()));
    List<RequestLog.Entry> all = stack.emu.requests().since(beforeCreate);
    List<Request> created = explain("create", all.subList(0, beforeClose - beforeCreate), targets);
    List<Request> closed =
        explain("close", all.subList(beforeClose - beforeCreate, end - beforeCreate), targets);
    // the same member's second ticket: its close finds the DM channel known
    InteractionHandle again = Lifecycle.create(w, g, member, "requests again");
    TicketChecks.awaitComplete(stack.emu, Map.of(g, List.of(create, again)), false);
    int beforeSecondClose = stack.emu.requests().mark();
    awaitWholeAnswer(w, Lifecycle.close(w, g, again)[1]);
    TicketChecks.awaitComplete(stack.emu, Map.of(g, List.of(create, again)), true);
    TicketChecks.Opened o2 = TicketChecks.opened(g, again);
    int endSecond = stack.emu.requests().mark(); // waits for requests received to be logged
    List<Request> secondClose = explain("close", stack.emu.requests().since(beforeSecondClose)
            .subList(0, endSecond - beforeSecondClose),
        new Targets(g, o2.threadId(), dmChannel(stack, o2.creatorId())));
    return new Result(created, closed, secondClose, null);
  }

  /** Waits for the closer's whole answer (past the first one, "closed", DM and log on their way). */
  private static void awaitWholeAnswer(ReplyWatcher w, InteractionHandle click)
      throws InterruptedException {
    w.await(click, v -> TicketChecks.CLOSED.matcher(v.text()).find()
        && !v.text().contains(FINISHING), Lifecycle.TIMEOUT);
  }

  /** {@code rounds} lifecycles, each in a fresh guild, timed (see {@link Timing}). */
  static Timing time(ForkedStack stack, ReplyWatcher w, int rounds) throws Exception {
    long[] create = new long[rounds];
    long[] close = new long[rounds];
    long[] answer = new long[rounds];
    for (int i = 0; i < rounds; i++) {
      TestGuild g = stack.guild(1);
      // the bot's global pacer gives a permit back one second after its request: a lifecycle
      // right after the previous one could wait for permits, which is not what is timed here
      Thread.sleep(PACER_WINDOW_MILLIS);
      int mark = stack.emu.requests().mark();
      InteractionHandle h = Lifecycle.create(w, g, ForkedStack.member(1), "timed");
      TicketChecks.awaitComplete(stack.emu, Map.of(g, List.of(h)), false);
      create[i] = Timings.replyMillis(stack.emu, List.of(h), mark, TicketChecks.OPENED)[0];
      TicketChecks.Opened o = TicketChecks.opened(g, h);
      InteractionHandle command = g.as("moderator").slash(o.threadId(), "ticket close");
      MessageView confirm = w.await(command,
          v -> v.buttonLabels().contains(Lifecycle.CLOSE_BUTTON), Lifecycle.TIMEOUT);
      int beforeClick = stack.emu.requests().mark();
      InteractionHandle click = g.as("moderator").click(confirm.id(), Lifecycle.CLOSE_BUTTON);
      TicketChecks.awaitComplete(stack.emu, Map.of(g, List.of(h)), true);
      awaitWholeAnswer(w, click);
      long last = 0;
      for (RequestLog.Entry e : stack.emu.requests().since(beforeClick)) {
        last = Math.max(last, e.atMillis() + e.durationMicros() / 1000);
      }
      long clicked;
      synchronized (stack.emu.state()) {
        clicked = stack.emu.state().interactions.get(click.id).createdAtMillis;
      }
      close[i] = last - clicked;
      answer[i] = Timings.replyMillis(stack.emu, List.of(click), beforeClick,
          TicketChecks.CLOSED)[0];
    }
    return new Timing(rounds, Timings.Stats.of(create), Timings.Stats.of(answer),
        Timings.Stats.of(close));
  }

  private static Long dmChannel(ForkedStack stack, long userId) {
    synchronized (stack.emu.state()) {
      return stack.emu.state().user(userId).dmChannelId;
    }
  }

  /** What a request's channel is, by id. */
  private record Targets(TestGuild g, long thread, Long dm) {
    String of(RequestLog.Entry e) {
      if (e.template().startsWith("/interactions/") || e.template().startsWith("/webhooks/")) {
        return "interaction";
      }
      if (e.template().startsWith("/users/@me/channels")
          || e.template().startsWith("/guilds/{guild_id}/members/")) {
        return "the creator";
      }
      String[] parts = e.path().split("/");
      if (parts.length < 3 || !parts[1].equals("channels")) {
        return "";
      }
      long id = Long.parseLong(parts[2]);
      if (id == thread) {
        return "ticket thread";
      }
      if (dm != null && id == dm) {
        return "DM channel";
      }
      for (String name : List.of("tickets", "mod-log", "general")) {
        if (g.channel(name) == id) {
          return "#" + name;
        }
      }
      return "channel " + id;
    }
  }

  private static List<Request> explain(String step, List<RequestLog.Entry> entries,
      Targets targets) {
    List<Request> out = new ArrayList<>();
    boolean threadMessageSeen = false;
    for (RequestLog.Entry e : entries) {
      String target = targets.of(e);
      String why = why(step, e, target, threadMessageSeen);
      if (e.route().equals("POST /channels/{channel_id}/messages")
          && target.equals("ticket thread")) {
        threadMessageSeen = true;
      }
      out.add(new Request(step, e.route(), target, e.status(),
          !LifecycleFloorBench.exemptFromGlobal(e) && e.status() != 429, why));
    }
    return out;
  }

  /** Why the bot sends this request; "unexplained" flags a request this table does not know. */
  static String why(String step, RequestLog.Entry e, String target, boolean threadMessageSeen) {
    JsonNode body = e.body();
    if (e.status() == 429) {
      return "refused by a rate limit; JDA retries it";
    }
    switch (e.route()) {
      case "POST /interactions/{interaction_id}/{interaction_token}/callback" -> {
        int type = body == null ? 0 : body.path("type").asInt();
        return switch (type) {
          case 4 -> "create".equals(step)
              ? "answers with the link to the ticket, as the interaction's one response (held"
                  + " back for it instead of deferred), sent together with the first message"
                  + " (the global limit being free)"
              : "answers the interaction with a message"
              + (step.equals("close") ? " (the confirmation with its buttons)" : "");
          case 5 -> "acknowledges within Discord's 3 s (deferred, ephemeral \"thinking\")"
              + (step.equals("close") ? " (the command, then the button)" : "");
          case 6 -> "acknowledges the button (deferred update)";
          case 7 -> "acknowledges the button by updating its message";
          default -> "interaction callback type " + type;
        };
      }
      case "PATCH /webhooks/{application_id}/{interaction_token}/messages/@original" -> {
        if (body != null && body.path("components").size() > 0) {
          return "edits the deferred answer into the confirmation with its Close button";
        }
        if (step.equals("create")) {
          return "edits the deferred answer into the final one (the link to the ticket)";
        }
        return body != null && body.path("content").asText().contains(FINISHING)
            ? "edits the deferred answer into the first one as soon as the thread is closed"
                + " (closed; the DM and the log line on their way)"
            : "edits the answer into the whole outcome (closed, DM sent, logged)";
      }
      case "GET /guilds/{guild_id}/members/{user_id}" -> {
        return "after Discord refused the DM (50007), checks whether the creator left the"
            + " server or closed their DMs";
      }
      case "POST /webhooks/{application_id}/{interaction_token}" -> {
        return "a follow-up message to the member";
      }
      case "POST /channels/{channel_id}/threads" -> {
        return "creates the private thread";
      }
      case "PUT /channels/{channel_id}/thread-members/{user_id}" -> {
        return "adds the creator to the private thread (only when the first message, whose"
            + " ping adds them, failed)";
      }
      case "PUT /channels/{channel_id}/messages/pins/{message_id}" -> {
        return "pins the first message";
      }
      case "POST /users/@me/channels" -> {
        return "opens the DM channel with the creator (to tell them it closed; once per user"
            + " per process, then remembered)";
      }
      case "PATCH /channels/{channel_id}" -> {
        List<String> fields = new ArrayList<>();
        if (body != null) {
          body.fieldNames().forEachRemaining(fields::add);
        }
        if (fields.contains("name")) {
          return fields.contains("locked") ? "renames the thread to \"[Closed] …\", locks and"
              + " archives it in one PATCH (Discord allows 2 renames per 10 min per thread;"
              + " beyond, the lock goes alone and the rename waits)"
              : "renames the thread (Discord allows 2 renames per 10 min per thread)";
        }
        return "sets " + String.join(", ", fields) + " on the thread (locks and archives it)";
      }
      case "PATCH /channels/{channel_id}/messages/{message_id}" -> {
        return target.equals("ticket thread")
            ? "edits the first message to the ticket's state (no buttons once closed)"
            : "edits a message of the bot in " + target;
      }
      case "GET /channels/{channel_id}/messages" -> {
        return "reads the thread's messages (the transcript)";
      }
      case "POST /channels/{channel_id}/messages" -> {
        return switch (target) {
          case "ticket thread" -> step.equals("create") && !threadMessageSeen
              ? "the first message (its ping adds the creator and the staff role's members to"
                  + " the private thread)"
              : "posts \"closed by\" in the thread";
          case "#mod-log" -> "the log line (" + (step.equals("create") ? "opened" : "closed")
              + ")";
          case "DM channel" -> "DMs the creator that the ticket closed, with its link";
          default -> "posts in " + target;
        };
      }
      default -> {
        return "unexplained: a request this table does not know (update RequestsBench.why)";
      }
    }
  }

  static CategoryChart chart(Result r) {
    CategoryChart c = new CategoryChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT)
        .title("REST requests per create and per close").xAxisTitle("")
        .yAxisTitle("requests").build();
    c.getStyler().setStacked(true);
    List<String> steps = List.of("create", "close");
    List<Integer> limited = new ArrayList<>();
    List<Integer> exempt = new ArrayList<>();
    for (List<Request> reqs : List.of(r.create(), r.close())) {
      limited.add((int) reqs.stream().filter(Request::limited).count());
      exempt.add((int) reqs.stream().filter(q -> !q.limited()).count());
    }
    c.addSeries("on the global limit", steps, limited);
    c.addSeries("exempt (interaction) or refused", steps, exempt);
    return c;
  }

  static String report(Instant started, Machine machine, Result r, String chart) {
    StringBuilder md = new StringBuilder();
    md.append("## REST requests per create and per close (RequestsBench)\n\n");
    md.append("Generated ").append(started).append(". Rerun from the repository root (under a"
        + " minute; rewrites this section and `bench-requests.png`):\n\n```sh\n"
        + "mvn -o -B -q -pl emulator,bot,bench -am package -DskipTests\n"
        + "java -cp bench/target/tickets-bench.jar dev.tiramisu.tickets.bench.RequestsBench\n"
        + "```\n\n");
    md.append(machine.table()).append('\n');
    md.append("One lifecycle in a fresh guild (mod-log and staff role set, no transcript"
        + " channel) by a member who never had a ticket, after a warm-up lifecycle, with the bot"
        + " in its own JVM and Discord's rate limits on: every request the emulator logged from"
        + " the `/ticket create` until every effect of the create was done, then from the"
        + " moderator's `/ticket close` until every effect of the close was done. \"global\" says"
        + " whether the request counts on Discord's global limit (interaction callbacks and"
        + " webhooks do not).\n\n");
    List<List<Request>> tables = r.secondClose() == null ? List.of(r.create(), r.close())
        : List.of(r.create(), r.close(), r.secondClose());
    for (int t = 0; t < tables.size(); t++) {
      List<Request> reqs = tables.get(t);
      long limited = reqs.stream().filter(Request::limited).count();
      md.append("**").append(t == 2 ? "close of the same member's second ticket"
              : reqs.isEmpty() ? "" : reqs.get(0).step()).append("**: ")
          .append(reqs.size()).append(" requests, ").append(limited)
          .append(" on the global limit.\n\n");
      md.append("| # | route | target | status | global | why |\n|---:|---|---|---:|---|---|\n");
      int i = 1;
      for (Request q : reqs) {
        md.append("| ").append(i++).append(" | `").append(q.route()).append("` | ")
            .append(q.target()).append(" | ").append(q.status()).append(" | ")
            .append(q.limited() ? "yes" : "no").append(" | ").append(q.why()).append(" |\n");
      }
      md.append('\n');
    }
    if (r.timing() != null) {
      Timing t = r.timing();
      md.append("**Timings** over ").append(t.rounds()).append(" more lifecycles (each in a fresh"
          + " guild, 1.1 s after the previous one so that the bot's global pacer has every permit"
          + " back; milliseconds of wall clock as the emulator saw the requests):\n\n"
          + "| | p50 | p99 | max |\n|---|---:|---:|---:|\n"
          + "| create → final reply (the link) | ").append(t.createToReply().cells()).append(" |\n"
          + "| close confirmation → the closer's first answer saying \"closed\" | ")
          .append(t.confirmToAnswer().cells()).append(" |\n"
          + "| close confirmation → end of the close's last request | ")
          .append(t.confirmToLast().cells()).append(" |\n\n");
    }
    md.append(chart);
    return md.toString();
  }
}
