package dev.tiramisu.tickets.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.tickets.text.Messages;
import dev.tiramisu.tickets.ticket.TicketStats;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The stats chart is a PNG of the documented size, for a week and for a year, drawn headless. */
class StatsChartTest {
  private static TicketStats stats(int days) {
    LocalDate first = LocalDate.parse("2026-01-01");
    List<TicketStats.Day> perDay = new ArrayList<>();
    for (int i = 0; i < days; i++) {
      perDay.add(new TicketStats.Day(first.plusDays(i), i % 7 == 3 ? 0 : (i * 7) % 5 + 1,
          (i * 3) % 4));
    }
    return new TicketStats(days, first, 0, 0, 0, Optional.empty(), Optional.empty(),
        OptionalDouble.empty(), 0, List.of(), perDay);
  }

  @Test
  void a_week_and_a_year_render_as_pngs() throws IOException {
    for (int days : new int[] {1, 7, 365}) {
      byte[] png = StatsChart.png(stats(days), Messages.english());

      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      assertThat(image).as("%d days", days).isNotNull();
      assertThat(image.getWidth()).isEqualTo(StatsChart.WIDTH);
      assertThat(image.getHeight()).isEqualTo(StatsChart.HEIGHT);
      Path out = Path.of("target", "screenshots");
      Files.createDirectories(out);
      Files.write(out.resolve("stats-chart-" + days + "d.png"), png);
    }
    assertThat(java.awt.GraphicsEnvironment.isHeadless()).isTrue();
  }
}
