package dev.tiramisu.tickets.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke mode of the rate-limited benchmarks, run by {@code mvn verify}: each benchmark with a
 * few tickets against one emulator (rate limits and OpenAPI validation on) and one bot in its own
 * JVM, asserting correctness only, never timing. Each benchmark already checks every ticket after
 * each point (numbers 1..N, thread, creator in it, first message pinned, reply; closed tickets
 * renamed, locked, archived, posted, DMed and logged) and throws on a difference; these tests add
 * what the figures must say and that the report and its plot are written.
 */
class RateLimitedBenchSmokeTest {
  private static ForkedStack stack;
  private static ReplyWatcher watcher;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() throws Exception {
    // a loaded CI machine must not fail a check that is not about time: the deadline is raised
    stack = ForkedStack.start(true, Duration.ofSeconds(30));
    watcher = new ReplyWatcher(stack.emu);
  }

  @AfterAll
  static void stop() throws Exception {
    if (watcher != null) {
      watcher.close();
    }
    if (stack != null) {
      assertThat(stack.emu.specViolations()).as("requests and responses valid").isEmpty();
      stack.close();
    }
  }

  @Test
  void ack_latency_closed_loop_and_burst_open_every_ticket_completely() throws Exception {
    AckLatencyBench.Options o = new AckLatencyBench.Options(List.of(1, 3), 2, 0.2, true,
        AckLatencyBench.MODES, 0,
        SharedOptions.parse(new String[] {"--out", dir.resolve("benchmarks.md").toString()},
            (f, v) -> false));
    List<AckLatencyBench.Point> points = AckLatencyBench.measure(stack, watcher, o, System.out);

    assertThat(points).extracting(AckLatencyBench.Point::mode)
        .containsExactly("closed loop", "burst", "closed loop", "burst");
    assertThat(points).allSatisfy(p -> {
      assertThat(p.creates()).isGreaterThanOrEqualTo(p.members());
      assertThat(p.ack().n()).isEqualTo(p.creates());
      assertThat(p.arrival().n()).isEqualTo(p.creates());
      assertThat(p.reply().n()).isEqualTo(p.creates());
      assertThat(p.globalRefusals()).isZero();
    });
    assertThat(points.get(3).guilds()).isEqualTo(2);
    assertThat(points.get(3).creates()).isEqualTo(3);
    String md = write(AckLatencyBench.report(Instant.now(), Machine.now(), o, points, ""));
    assertThat(md).contains("| burst | 3 | 2 | 3 |").contains("load average");
  }

  @Test
  void lifecycles_close_every_ticket_and_count_the_floor_from_the_log() throws Exception {
    LifecycleFloorBench.Result r = LifecycleFloorBench.run(stack, watcher, 5, 2, 2);

    assertThat(r.lifecycles()).isEqualTo(5);
    // the close's rename goes around JDA's rate limiter; the pacer's interceptor paces it too
    assertThat(r.global429()).as("requests refused on the global limit").isZero();
    // a create needs at least the thread, the member, the first message and the pin; a close at
    // least the rename, the archive, the closed post and the DM
    assertThat(r.perLifecycle()).isGreaterThanOrEqualTo(8);
    assertThat(r.exempt()).as("interaction callbacks and edits")
        .isGreaterThanOrEqualTo(3L * r.lifecycles());
    assertThat(r.curve()).hasSize((int) r.limited());
    assertThat(LifecycleFloorBench.summary(r)).contains("5 lifecycles over 2 guilds");
  }

  @Test
  void requests_per_create_and_close_are_listed_and_each_is_explained() throws Exception {
    RequestsBench.Result r = RequestsBench.run(stack, watcher);

    assertThat(r.create()).extracting(RequestsBench.Request::route)
        .contains("POST /channels/{channel_id}/threads",
            "PUT /channels/{channel_id}/messages/pins/{message_id}");
    assertThat(r.close()).extracting(RequestsBench.Request::target).contains("DM channel");
    assertThat(r.create()).noneMatch(q -> q.why().startsWith("unexplained"));
    assertThat(r.close()).noneMatch(q -> q.why().startsWith("unexplained"));
    assertThat(r.secondClose()).noneMatch(q -> q.why().startsWith("unexplained"));
    // the first message's ping adds the creator; one PATCH renames, locks and archives; the
    // second close of the same member finds the DM channel known
    assertThat(r.create()).extracting(RequestsBench.Request::route)
        .doesNotContain("PUT /channels/{channel_id}/thread-members/{user_id}");
    assertThat(r.close()).extracting(RequestsBench.Request::route)
        .containsOnlyOnce("PATCH /channels/{channel_id}");
    assertThat(r.secondClose()).extracting(RequestsBench.Request::route)
        .doesNotContain("POST /users/@me/channels");
    assertThat(r.secondClose()).extracting(RequestsBench.Request::target).contains("DM channel");
    String doc = dir.resolve("benchmarks.md").toString();
    String chart = Charts.save(RequestsBench.chart(r), doc, "bench-requests.png", "requests");
    assertThat(dir.resolve("bench-requests.png")).isNotEmptyFile();
    String md = write(RequestsBench.report(Instant.now(), Machine.now(), r, chart));
    assertThat(md).contains("![requests](bench-requests.png)")
        .contains("`POST /channels/{channel_id}/threads` | #tickets");
  }

  private String write(String section) throws Exception {
    Path doc = dir.resolve("benchmarks.md");
    BenchmarksDoc.writeSection(doc, "smoke", section);
    return Files.readString(doc);
  }
}
