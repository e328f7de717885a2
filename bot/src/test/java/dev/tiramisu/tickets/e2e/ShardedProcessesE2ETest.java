package dev.tiramisu.tickets.e2e;

import static dev.tiramisu.tickets.e2e.BotHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.EmulatorConfig;
import dev.tiramisu.discordemu.RequestLog;
import dev.tiramisu.discordemu.driver.GuildBuilder;
import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.driver.TestGuild;
import dev.tiramisu.discordemu.model.Interaction;
import dev.tiramisu.tickets.config.ShardConfig;
import dev.tiramisu.tickets.storage.PostgresTestDatabase;
import dev.tiramisu.tickets.text.MessageKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two bot processes of one sharded deployment, as in production: {@code SHARD_COUNT=2}, process A
 * runs shard 0 and process B shard 1, each with its own JDA shard manager and its own connection
 * pool, both on one PostgreSQL database (created for this class and dropped afterwards), against
 * one emulator that routes each guild to shard {@code (guild_id >> 22) % 2}.
 *
 * <p>The emulator runs without rate limits: hundreds of thread creations in one channel would
 * otherwise wait out Discord's per-route limits for minutes. These tests are about numbering,
 * routing and exactly-once effects, not about rate limits (the bot's JDA honours them either way).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShardedProcessesE2ETest {
  private static final int SHARDS = 2;
  private static final int CONCURRENT_CREATES = 200;
  private static final int DOUBLE_CLOSES = 50;
  private static final int REPLAYED = 20;
  private static final String THREAD_CREATE = "POST /channels/{channel_id}/threads";
  private static final String POST_MESSAGE = "POST /channels/{channel_id}/messages";
  private static final String CHANNEL_PATCH = "PATCH /channels/{channel_id}";
  private static final String OPEN_DM = "POST /users/@me/channels";
  private static final String CALLBACK =
      "POST /interactions/{interaction_id}/{interaction_token}/callback";
  private static final String REGISTER_GLOBAL = "PUT /applications/{application_id}/commands";
  private static final Pattern OPENED = Pattern.compile("Your ticket #(\\d+) is open: <#(\\d+)>");

  private PostgresTestDatabase pg;
  private Emulator emu;
  private BotProcess a;
  private BotProcess b;
  private int guilds;
  private int registrationsAtStart;

  @BeforeAll
  void start() throws SQLException {
    pg = PostgresTestDatabase.create();
    emu = Emulator.start(EmulatorConfig.defaults().withRateLimits(false));
    InterimReplies.register(emu);
    // slow, loaded machines: only a test about Discord's 3 s deadline should see it
    emu.setBaseInteractionResponseDeadline(java.time.Duration.ofSeconds(30));
    try {
      a = BotProcess.start("A", emu, pg.config(5), ShardConfig.of(SHARDS, 0));
      b = BotProcess.start("B", emu, pg.config(5), ShardConfig.of(SHARDS, 1));
      registrationsAtStart = emu.requests().route(REGISTER_GLOBAL).size();
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
  }

  @AfterAll
  void stop() throws SQLException {
    try {
      for (BotProcess p : new BotProcess[] {a, b}) {
        if (p != null) {
          p.close();
        }
      }
      if (emu != null) {
        emu.close();
      }
    } finally {
      if (pg != null) {
        pg.close();
      }
    }
  }

  @AfterEach
  void noSpecViolations() {
    assertThat(emu.specViolations()).isEmpty();
  }

  // ------------------------------------------------------------------ tests

  @Test
  void each_process_runs_its_shard_and_receives_only_its_guilds_interactions() throws Exception {
    TestGuild g0 = guildOnShard(0, 1);
    TestGuild g1 = guildOnShard(1, 1);
    enableTickets(g0);
    enableTickets(g1);

    MessageView open0 = create(g0, "user0", "on shard 0").awaitReply();
    MessageView open1 = create(g1, "user0", "on shard 1").awaitReply();

    assertThat(a.shardIds()).containsExactly(0);
    assertThat(b.shardIds()).containsExactly(1);
    assertThat(a.bot.shards().getShardsTotal()).isEqualTo(SHARDS);
    assertThat(emu.gateway().connectedShards()).containsExactlyInAnyOrder(0, 1);
    assertThat(a.bot.shards().getGuildById(g1.id)).isNull();
    assertThat(b.bot.shards().getGuildById(g0.id)).isNull();
    assertReceivedOnlyByOwner(g0);
    assertReceivedOnlyByOwner(g1);
    assertThat(a.received()).doesNotContainAnyElementsOf(b.received());
    // both numbered 1: per guild, in the one shared database
    assertThat(openedNumber(open0)).isEqualTo(1);
    assertThat(openedNumber(open1)).isEqualTo(1);
    assertThat(rows(g0.id)).extracting(Row::number).containsExactly(1);
    assertThat(rows(g1.id)).extracting(Row::number).containsExactly(1);
    assertThat(registrationsAtStart)
        .as("only the process running shard 0 registered the commands").isEqualTo(1);
  }

  @Test
  void hundreds_of_concurrent_creates_in_one_guild_are_numbered_1_to_n_with_one_thread_each()
      throws Exception {
    TestGuild g = guild(CONCURRENT_CREATES, b -> b);
    enableTickets(g);
    int mark = emu.requests().mark();

    List<InteractionHandle> handles = new ArrayList<>();
    for (int i = 0; i < CONCURRENT_CREATES; i++) {
      handles.add(create(g, "user" + i, "help " + i));
    }
    List<MessageView> replies = handles.stream().map(InteractionHandle::awaitReply).toList();

    List<Integer> numbers = replies.stream().map(ShardedProcessesE2ETest::openedNumber).toList();
    Set<Long> threadIds = replies.stream().map(ShardedProcessesE2ETest::openedThread)
        .collect(Collectors.toSet());
    List<Integer> oneToN = IntStream.rangeClosed(1, CONCURRENT_CREATES).boxed().toList();
    assertThat(numbers).containsExactlyInAnyOrderElementsOf(oneToN);
    assertThat(threadIds).hasSize(CONCURRENT_CREATES);
    for (int i = 0; i < CONCURRENT_CREATES; i++) {
      assertThat(replies.get(i).visibleTo()).isEqualTo(g.user("user" + i));
    }
    List<RequestLog.Entry> threadCreates = sent(mark, THREAD_CREATE, g.channel("tickets"));
    assertThat(threadCreates).hasSize(CONCURRENT_CREATES)
        .allSatisfy(r -> assertThat(r.status()).isEqualTo(201));
    assertThat(g.threads()).extracting(t -> t.name())
        .containsExactlyInAnyOrderElementsOf(oneToN.stream().map(n -> "Ticket #" + n).toList());
    List<Row> rows = rows(g.id);
    assertThat(rows).extracting(Row::number).containsExactlyElementsOf(oneToN);
    assertThat(rows).allSatisfy(r -> assertThat(r.state()).isEqualTo("OPEN"));
    assertThat(rows).extracting(Row::threadId).containsExactlyInAnyOrderElementsOf(threadIds);
    assertThat(lastNumber(g.id)).isEqualTo(CONCURRENT_CREATES);
    assertReceivedOnlyByOwner(g);
  }

  @Test
  void fifty_tickets_each_confirmed_closed_by_two_staff_at_once_close_once() throws Exception {
    int perGuild = DOUBLE_CLOSES / SHARDS;
    List<TestGuild> gs = List.of(guildOnShard(0, perGuild), guildOnShard(1, perGuild));
    List<Opened> tickets = new ArrayList<>();
    for (TestGuild g : gs) {
      enableTickets(g);
    }
    List<InteractionHandle> creates = new ArrayList<>();
    for (TestGuild g : gs) {
      for (int i = 0; i < perGuild; i++) {
        creates.add(create(g, "user" + i, "question " + i));
      }
    }
    for (int k = 0; k < creates.size(); k++) {
      MessageView reply = creates.get(k).awaitReply();
      tickets.add(new Opened(gs.get(k / perGuild), "user" + (k % perGuild),
          openedNumber(reply), openedThread(reply)));
    }
    // each staff member asks to close each ticket: two confirmations per ticket
    List<InteractionHandle> asks = new ArrayList<>();
    for (Opened t : tickets) {
      // the link may come a moment before the first message (AnswerAlongside)
      t.guild.awaitMessage(t.threadId, Duration.ofSeconds(30));
      long first = t.guild.messages(t.threadId).get(0).id();
      asks.add(t.guild.as("moderator").click(first, text(MessageKey.BUTTON_CLOSE_TICKET)));
      asks.add(t.guild.as("admin").click(first, text(MessageKey.BUTTON_CLOSE_TICKET)));
    }
    List<MessageView> confirmations = asks.stream().map(InteractionHandle::awaitReply).toList();
    int mark = emu.requests().mark();

    // both press Confirm at the same time, for every ticket
    List<InteractionHandle> confirms = new ArrayList<>();
    for (int k = 0; k < tickets.size(); k++) {
      Opened t = tickets.get(k);
      confirms.add(t.guild.as("moderator").click(confirmations.get(2 * k).id(),
          text(MessageKey.BUTTON_CLOSE_CONFIRM)));
      confirms.add(t.guild.as("admin").click(confirmations.get(2 * k + 1).id(),
          text(MessageKey.BUTTON_CLOSE_CONFIRM)));
    }
    List<String> answers = confirms.stream().map(h -> h.awaitReply().text()).toList();
    // the winner's close work is done before its answer; wait for the log entries themselves
    awaitRequests(mark, OPEN_DM, DOUBLE_CLOSES);
    awaitRequests(mark, POST_MESSAGE, 3 * DOUBLE_CLOSES); // closed post, DM, log line
    awaitRequests(mark, CHANNEL_PATCH, DOUBLE_CLOSES); // renamed, locked and archived at once

    for (int k = 0; k < tickets.size(); k++) {
      Opened t = tickets.get(k);
      List<String> pair = answers.subList(2 * k, 2 * k + 2);
      assertThat(pair).as("ticket %s", t)
          .filteredOn(s -> s.startsWith(text(MessageKey.TICKET_CLOSED_REPLY, t.number)))
          .hasSize(1);
      assertThat(pair).as("ticket %s", t)
          .filteredOn(s -> s.startsWith("Ticket #" + t.number + " was already closed by"))
          .hasSize(1);
      assertThat(sent(mark, CHANNEL_PATCH, t.threadId)).as("PATCHes of %s", t).hasSize(1);
      assertThat(sent(mark, POST_MESSAGE, t.threadId)).as("closed post in %s", t).hasSize(1);
      assertThat(t.guild.messages("mod-log")).as("log lines of %s", t)
          .filteredOn(m -> m.text().contains("<#" + t.threadId + ">")).hasSize(1);
      assertThat(t.guild.dms(t.creator)).as("DMs of %s", t).hasSize(1);
    }
    assertThat(emu.requests().since(mark)).filteredOn(r -> r.route().equals(OPEN_DM))
        .hasSize(DOUBLE_CLOSES);
    for (TestGuild g : gs) {
      assertThat(sent(mark, POST_MESSAGE, g.channel("mod-log"))).hasSize(perGuild);
      assertThat(rows(g.id)).hasSize(perGuild).allSatisfy(r -> {
        assertThat(r.state()).isEqualTo("CLOSED");
        assertThat(r.closedBy()).isIn(g.user("moderator"), g.user("admin"));
      });
      assertReceivedOnlyByOwner(g);
    }
  }

  /**
   * A third process that also runs shard 0 (an overlapping {@code SHARD_IDS}, or the old and new
   * process of a rolling restart): every interaction of the shard reaches two processes. Discord
   * accepts one acknowledgement per interaction; the bot writes nothing before its
   * acknowledgement succeeded, so each create and each close still happens once.
   */
  @Test
  void an_interaction_delivered_to_two_processes_opens_and_closes_once() throws Exception {
    TestGuild g = guildOnShard(0, REPLAYED);
    enableTickets(g);
    try (BotProcess c = BotProcess.start("C", emu, pg.config(5), ShardConfig.of(SHARDS, 0))) {
      emu.await("process C sees the guild", () -> c.bot.shards().getGuildById(g.id) != null);
      int mark = emu.requests().mark();

      List<InteractionHandle> creates = new ArrayList<>();
      for (int i = 0; i < REPLAYED; i++) {
        creates.add(create(g, "user" + i, "twice " + i));
      }
      List<MessageView> replies = creates.stream().map(InteractionHandle::awaitReply).toList();
      Set<Long> createIds = creates.stream().map(h -> h.id).collect(Collectors.toSet());
      awaitReceived(a, createIds);
      awaitReceived(c, createIds); // every create reached both processes

      assertThat(b.received()).doesNotContainAnyElementsOf(createIds);
      // A create is saved before it is acknowledged (its reply is held for the link): the
      // interaction's id saved with the ticket stops the second delivery's save, which then
      // answers nothing. Each interaction is acknowledged once; a second acknowledgement (the
      // loser's hold ran out first) is refused with 40060 and changes nothing.
      emu.await(REPLAYED + " acknowledgements logged", () -> emu.requests().since(mark).stream()
          .filter(r -> r.route().equals(CALLBACK) && r.status() / 100 == 2).count() >= REPLAYED);
      List<RequestLog.Entry> callbacks = emu.requests().since(mark).stream()
          .filter(r -> r.route().equals(CALLBACK)).toList();
      assertThat(callbacks).filteredOn(r -> r.status() / 100 == 2).hasSize(REPLAYED);
      assertThat(callbacks).allSatisfy(r -> assertThat(r.status()).isIn(200, 204, 400));
      List<Integer> oneToN = IntStream.rangeClosed(1, REPLAYED).boxed().toList();
      assertThat(replies).extracting(ShardedProcessesE2ETest::openedNumber)
          .containsExactlyInAnyOrderElementsOf(oneToN);
      assertThat(sent(mark, THREAD_CREATE, g.channel("tickets"))).hasSize(REPLAYED);
      assertThat(g.threads()).hasSize(REPLAYED);
      assertThat(rows(g.id)).extracting(Row::number).containsExactlyElementsOf(oneToN);

      // each creator closes their ticket: the Close click and the Confirm click reach both
      List<InteractionHandle> asks = new ArrayList<>();
      for (int i = 0; i < REPLAYED; i++) {
        long thread = openedThread(replies.get(i));
        g.awaitMessage(thread, Duration.ofSeconds(30));
        asks.add(g.as("user" + i).click(g.messages(thread).get(0).id(),
            text(MessageKey.BUTTON_CLOSE_TICKET)));
      }
      List<MessageView> confirmations = asks.stream().map(InteractionHandle::awaitReply).toList();
      int closeMark = emu.requests().mark();
      List<InteractionHandle> confirms = new ArrayList<>();
      for (int i = 0; i < REPLAYED; i++) {
        confirms.add(g.as("user" + i).click(confirmations.get(i).id(),
            text(MessageKey.BUTTON_CLOSE_CONFIRM)));
      }
      for (int i = 0; i < REPLAYED; i++) {
        assertThat(confirms.get(i).awaitReply().text())
            .startsWith(text(MessageKey.TICKET_CLOSED_REPLY, openedNumber(replies.get(i))));
      }
      awaitRequests(closeMark, OPEN_DM, REPLAYED);
      awaitRequests(closeMark, POST_MESSAGE, 3 * REPLAYED); // closed post, DM, log line
      awaitRequests(closeMark, CHANNEL_PATCH, REPLAYED); // renamed, locked and archived at once
      Set<Long> confirmIds = confirms.stream().map(h -> h.id).collect(Collectors.toSet());
      awaitReceived(a, confirmIds);
      awaitReceived(c, confirmIds);
      for (MessageView reply : replies) {
        long thread = openedThread(reply);
        assertThat(sent(closeMark, CHANNEL_PATCH, thread)).hasSize(1);
        assertThat(sent(closeMark, POST_MESSAGE, thread)).hasSize(1);
      }
      assertThat(emu.requests().since(closeMark)).filteredOn(r -> r.route().equals(OPEN_DM))
          .hasSize(REPLAYED);
      assertThat(sent(closeMark, POST_MESSAGE, g.channel("mod-log"))).hasSize(REPLAYED);
      assertThat(rows(g.id)).allSatisfy(r -> assertThat(r.state()).isEqualTo("CLOSED"));
    }
  }

  // ---------------------------------------------------------------- helpers

  private record Opened(TestGuild guild, String creator, int number, long threadId) {
    @Override
    public String toString() {
      return "#" + number + " in guild " + guild.id;
    }
  }

  private record Row(int number, String state, Long threadId, Long closedBy) {}

  private static int shardOf(long guildId) {
    return (int) ((guildId >>> 22) % SHARDS);
  }

  private BotProcess owner(TestGuild g) {
    return shardOf(g.id) == 0 ? a : b;
  }

  /**
   * A {@link BotHarness#staffGuild} with {@code members} users user0, user1, ... (Member). Returns once the owning process has it in its cache.
   */
  private TestGuild guild(int members, java.util.function.UnaryOperator<GuildBuilder> more) {
    GuildBuilder builder = BotHarness.staffGuild(emu, "Guild " + ++guilds);
    for (int i = 0; i < members; i++) {
      builder.member("user" + i, "Member");
    }
    TestGuild g = more.apply(builder).build();
    g.setRoleMentionable("Staff", true);
    BotProcess owner = owner(g);
    emu.await("process " + owner + " sees guild " + g.id + " with a mentionable Staff role", () -> {
      Guild guild = owner.bot.shards().getGuildById(g.id);
      Role staff = guild == null ? null : guild.getRoleById(g.role("Staff"));
      return staff != null && staff.isMentionable();
    });
    return g;
  }

  /** Creates guilds until one lands on {@code shard} (ids are time-based: a few tries at most). */
  private TestGuild guildOnShard(int shard, int members) {
    while (true) {
      TestGuild g = guild(members, b -> b);
      if (shardOf(g.id) == shard) {
        return g;
      }
    }
  }

  private void enableTickets(TestGuild g) {
    String[] nameValues = {
      "ticket_channel", "<#" + g.channel("tickets") + ">",
      "staff_role", "<@&" + g.role("Staff") + ">",
      "modlog_channel", "<#" + g.channel("mod-log") + ">"};
    for (int i = 0; i < nameValues.length; i += 2) {
      MessageView reply = g.as("admin").slash(g.channel("general"), "setting set",
          Map.of("name", nameValues[i], "value", nameValues[i + 1])).awaitReply();
      assertThat(reply.text()).as("setting %s", nameValues[i]).startsWith("`" + nameValues[i] + "`");
    }
  }

  private static InteractionHandle create(TestGuild g, String user, String reason) {
    return g.as(user).slash(g.channel("general"), "ticket create", Map.of("reason", reason));
  }

  private static int openedNumber(MessageView reply) {
    return Integer.parseInt(opened(reply).group(1));
  }

  private static long openedThread(MessageView reply) {
    return Long.parseLong(opened(reply).group(2));
  }

  private static Matcher opened(MessageView reply) {
    Matcher m = OPENED.matcher(reply.text());
    assertThat(m.matches()).as("an opened-ticket reply: %s", reply.text()).isTrue();
    return m;
  }

  /** The guild's interactions went to the process running its shard, and only there. */
  private void assertReceivedOnlyByOwner(TestGuild g) {
    Set<Long> ids = new HashSet<>();
    synchronized (emu.state()) {
      for (Interaction i : emu.state().interactions.values()) {
        if (i.guildId != null && i.guildId == g.id) {
          ids.add(i.id);
        }
      }
    }
    BotProcess owner = owner(g);
    BotProcess other = owner == a ? b : a;
    assertThat(ids).isNotEmpty();
    awaitReceived(owner, ids);
    assertThat(other.received()).as("received by %s", other).doesNotContainAnyElementsOf(ids);
    for (long id : ids) {
      assertThat(owner.timesReceived(id)).isEqualTo(1);
    }
  }

  /** Waits until {@code process}'s listener recorded every interaction of {@code ids}. */
  private void awaitReceived(BotProcess process, Set<Long> ids) {
    emu.await("process " + process + " received " + ids.size() + " interactions",
        () -> process.received().containsAll(ids));
  }

  /** Requests of {@code route} since {@code mark} whose path names channel {@code channelId}. */
  private List<RequestLog.Entry> sent(int mark, String route, long channelId) {
    String channel = "/channels/" + channelId;
    return emu.requests().since(mark).stream()
        .filter(r -> r.route().equals(route))
        .filter(r -> r.path().endsWith(channel) || r.path().contains(channel + "/"))
        .toList();
  }

  /** A request is logged just after its state change: wait for the log entries themselves. */
  private void awaitRequests(int mark, String route, int n) {
    emu.await(n + " × " + route, () -> emu.requests().since(mark).stream()
        .filter(r -> r.route().equals(route)).count() >= n);
  }

  private List<Row> rows(long guildId) throws SQLException {
    try (Connection c = pg.connect();
        PreparedStatement ps = c.prepareStatement("SELECT number, state, thread_id, closed_by"
            + " FROM tickets WHERE guild_id = ? ORDER BY number")) {
      ps.setLong(1, guildId);
      List<Row> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(new Row(rs.getInt(1), rs.getString(2), (Long) rs.getObject(3),
              (Long) rs.getObject(4)));
        }
      }
      return rows;
    }
  }

  private int lastNumber(long guildId) throws SQLException {
    try (Connection c = pg.connect();
        PreparedStatement ps = c.prepareStatement(
            "SELECT last_number FROM ticket_counters WHERE guild_id = ?")) {
      ps.setLong(1, guildId);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getInt(1);
      }
    }
  }
}
