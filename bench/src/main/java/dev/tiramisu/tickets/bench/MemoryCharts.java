package dev.tiramisu.tickets.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** The plots of {@link MemoryStartupBench}: heap per guild count, and start-up phases. */
final class MemoryCharts {
  private MemoryCharts() {}

  private static List<String> labels(List<MemoryStartupBench.Point> points) {
    return points.stream().map(p -> String.format(Locale.ROOT, "%,d guilds", p.guilds())).toList();
  }

  /** Heap after a full GC beside the target (64 MiB per 10,000 guilds). */
  static CategoryChart heap(List<MemoryStartupBench.Point> points) {
    CategoryChart c = new CategoryChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT)
        .title("Bot heap after a full GC (median)").xAxisTitle("").yAxisTitle("MiB").build();
    c.addSeries("measured", labels(points),
        points.stream().map(MemoryStartupBench.Point::medianHeapMib).toList());
    c.addSeries("target", labels(points), points.stream()
        .map(p -> MemoryStartupBench.TARGET_MIB_PER_10K * p.guilds() / 10_000.0).toList());
    return c;
  }

  /** Start → ready, stacked by phase. */
  static CategoryChart startup(List<MemoryStartupBench.Point> points) {
    CategoryChart c = new CategoryChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT)
        .title("Start to ready, by phase (median)").xAxisTitle("").yAxisTitle("seconds").build();
    c.getStyler().setStacked(true);
    List<Map<BotProbe.Phase, Double>> at = points.stream()
        .map(MemoryStartupBench.Point::medianPhases).toList();
    for (BotProbe.Phase ph : BotProbe.Phase.values()) {
      List<Double> spans = new ArrayList<>();
      for (Map<BotProbe.Phase, Double> m : at) {
        double end = m.getOrDefault(ph, 0.0);
        double begin = 0;
        for (BotProbe.Phase before : BotProbe.Phase.values()) {
          if (before.ordinal() < ph.ordinal() && m.containsKey(before)) {
            begin = Math.max(begin, m.get(before));
          }
        }
        spans.add(m.containsKey(ph) ? Math.max(0, end - begin) : 0.0);
      }
      c.addSeries(ph.label, labels(points), spans);
    }
    return c;
  }
}
