package dev.tiramisu.tickets.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke mode of {@link SideBySideBench}, run by {@code mvn verify}: our bot only (the
 * original needs Python and its source, which the build does not have), one round of 3 tickets
 * at 1 and at 2 members at once, against one emulator with rate limits and OpenAPI validation
 * on. Asserts correctness only, never timing: every ticket opened and closed with all its effects
 * (the bench checks them after each phase and throws), each one timed from the emulator's
 * records, no failure, and the section with its plot written.
 */
class SideBySideBenchSmokeTest {
  @TempDir
  Path dir;

  @Test
  void ours_opens_and_closes_every_ticket_and_the_section_is_written() throws Exception {
    Path doc = dir.resolve("benchmarks.md");
    SideBySideBench.Options o = SideBySideBench.parse(
        new String[] {"--smoke", "--out", doc.toString()});
    assertThat(o.original()).isNull();
    List<SideBySideBench.Point> points;
    // a loaded CI machine must not fail a check that is not about time: the deadline is raised
    try (ForkedStack stack = ForkedStack.start(true, java.time.Duration.ofSeconds(30));
        ReplyWatcher w = new ReplyWatcher(stack.emu)) {
      points = SideBySideBench.measure(new OursSide(stack, o.think()), w, o, System.out);
      assertThat(stack.emu.specViolations()).as("requests and responses valid").isEmpty();
    }

    assertThat(points).extracting(SideBySideBench.Point::members).containsExactly(1, 2);
    assertThat(points).allSatisfy(p -> {
      assertThat(p.bot()).isEqualTo("ours");
      assertThat(p.tickets()).isEqualTo(3);
      assertThat(p.failures()).isEmpty();
      assertThat(p.createMillis()).hasSize(3);
      assertThat(LongStream.of(p.createMillis()).allMatch(ms -> ms >= 0)).isTrue();
      assertThat(p.closeMillis()).hasSize(3);
      assertThat(LongStream.of(p.closeMillis()).allMatch(ms -> ms >= 0)).isTrue();
      // a create needs at least the thread, the first message, the pin and the answer; a close
      // after its confirmation at least the thread's change, the DM and the answer
      assertThat(p.perCreate()).isGreaterThanOrEqualTo(4);
      assertThat(p.perConfirmation()).isGreaterThanOrEqualTo(3);
      assertThat(p.perClose()).isGreaterThan(p.perConfirmation());
      assertThat(p.routes()).containsKey("POST /channels/{channel_id}/threads");
    });

    String chart = Charts.save(SideReport.chart(points), doc.toString(), "bench-side.png",
        "side by side");
    BenchmarksDoc.writeSection(doc, "side", SideReport.report(Instant.now(), Machine.now(), o,
        points, new long[2], chart));
    assertThat(dir.resolve("bench-side.png")).isNotEmptyFile();
    assertThat(Files.readString(doc)).contains("<!-- bench:side:begin -->")
        .contains("| ours | 1 | 3 |").contains("| ours | 2 | 3 |")
        .contains("not judged: the original was not run").contains("load average")
        .contains("![side by side](bench-side.png)");
  }
}
