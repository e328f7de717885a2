package dev.tiramisu.tickets.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke mode of {@link MemoryStartupBench}, run by {@code mvn verify}: a few guilds, one run,
 * OpenAPI validation on; asserts correctness only, never timing or size: the bot in its own JVM
 * became ready on every guild, its heap and start-up phases were read, a ticket opened in one of
 * the guilds is complete (the benchmark throws otherwise), and the report and plots are written.
 */
class MemoryStartupBenchSmokeTest {
  @TempDir
  Path dir;

  @Test
  void the_bot_runs_with_the_jvm_options_of_run_sh() throws Exception {
    Path runSh = Path.of("run.sh");
    if (!Files.exists(runSh)) {
      runSh = Path.of("..", "run.sh"); // surefire runs in bench/
    }
    assertThat(Files.readString(runSh)).contains("exec java " + MemoryStartupBench.RUN_SH_OPTIONS
        + " ${JAVA_OPTS:-}");
  }

  @Test
  void the_bot_starts_on_every_guild_its_heap_is_read_and_a_ticket_works() throws Exception {
    MemoryStartupBench.Options o = MemoryStartupBench.Options.parse(new String[] {
        "--guilds", "3", "--runs", "1", "--validation", "on",
        "--out", dir.resolve("benchmarks.md").toString()});

    MemoryStartupBench.Point p = MemoryStartupBench.measure(3, o, System.out);

    assertThat(p.shards()).isEqualTo(1);
    assertThat(p.runs()).singleElement().satisfies(r -> {
      assertThat(r.heapBytes()).isPositive();
      assertThat(r.phases()).containsKeys(BotProbe.Phase.values());
    });
    assertThat(p.histogram().top()).isNotEmpty();
    assertThat(p.ticket()).contains("checked complete");
    String doc = o.shared().out();
    String charts = Charts.save(MemoryCharts.heap(List.of(p)), doc, "bench-memory.png", "heap")
        + Charts.save(MemoryCharts.startup(List.of(p)), doc, "bench-startup.png", "start-up");
    BenchmarksDoc.writeSection(Path.of(doc), "memory",
        MemoryReport.report(Instant.now(), Machine.now(), o, List.of(p), charts));
    assertThat(dir.resolve("bench-memory.png")).isNotEmptyFile();
    assertThat(dir.resolve("bench-startup.png")).isNotEmptyFile();
    assertThat(Files.readString(Path.of(doc))).contains("<!-- bench:memory:begin -->")
        .contains("| 3 (1) |").contains("![heap](bench-memory.png)");
  }
}
