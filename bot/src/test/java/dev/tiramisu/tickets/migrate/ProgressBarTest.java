package dev.tiramisu.tickets.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

  @Test
  void a_line_shows_the_done_part_in_tenths() {
    assertThat(ProgressBar.line("tickets", 512, 1024)).isEqualTo("tickets  [#####-----] 512/1024");
    assertThat(ProgressBar.line("tickets", 0, 1024)).isEqualTo("tickets  [----------] 0/1024");
    assertThat(ProgressBar.line("tickets", 1023, 1024)).isEqualTo("tickets  [#########-] 1023/1024");
    assertThat(ProgressBar.line("tickets", 1024, 1024)).isEqualTo("tickets  [##########] 1024/1024");
    assertThat(ProgressBar.line("empty", 0, 0)).isEqualTo("empty  [##########] 0/0");
  }

  @Test
  void prints_one_plain_line_per_change_with_labels_padded_to_line_up() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    ProgressBar bar = new ProgressBar(out, "leases", 10, 300);

    for (long done = 0; done <= 300; done += 10) {
      bar.update(done);
    }

    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(printed.lines()).hasSize(11)
        .startsWith("leases      [----------] 0/300", "leases      [#---------] 30/300")
        .endsWith("leases      [##########] 300/300");
    assertThat(printed).doesNotContain("\r").doesNotContain("\u001b");
  }
}
