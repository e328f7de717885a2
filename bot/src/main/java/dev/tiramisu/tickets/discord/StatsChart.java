package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import dev.tiramisu.tickets.ticket.TicketStats;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Locale;
import java.util.TimeZone;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.time.Day;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

/**
 * The PNG chart of {@code /ticket stats}: tickets opened and closed per UTC day, one point per day
 * of the period (days without tickets at 0). Drawn headless with JFreeChart; the texts come from
 * the message bundle.
 */
final class StatsChart {
  static final int WIDTH = 1000;
  static final int HEIGHT = 500;
  static final String FILE_NAME = "ticket-stats.png";
  private static final TimeZone UTC = TimeZone.getTimeZone(ZoneOffset.UTC);

  static {
    // a server has no display: AWT must never look for one
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private StatsChart() {}

  /** The chart of {@code stats} as PNG bytes ({@value #WIDTH} × {@value #HEIGHT}). */
  static byte[] png(TicketStats stats, Messages messages) {
    TimeSeries opened = new TimeSeries(messages.format(MessageKey.STATS_CHART_OPENED));
    TimeSeries closed = new TimeSeries(messages.format(MessageKey.STATS_CHART_CLOSED));
    for (TicketStats.Day d : stats.perDay()) {
      Day day = new Day(Date.from(d.date().atStartOfDay(ZoneOffset.UTC).toInstant()), UTC,
          Locale.ROOT);
      opened.add(day, d.opened());
      closed.add(day, d.closed());
    }
    TimeSeriesCollection data = new TimeSeriesCollection(UTC);
    data.addSeries(opened);
    data.addSeries(closed);
    JFreeChart chart = ChartFactory.createTimeSeriesChart(
        messages.format(MessageKey.STATS_CHART_TITLE, stats.days()),
        messages.format(MessageKey.STATS_CHART_DAY_AXIS),
        messages.format(MessageKey.STATS_CHART_COUNT_AXIS),
        data, true, false, false);
    chart.setBackgroundPaint(Color.WHITE);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(new Color(0xF6, 0xF6, 0xF8));
    plot.setDomainGridlinePaint(new Color(0xDD, 0xDD, 0xE2));
    plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xE2));
    DateAxis days = (DateAxis) plot.getDomainAxis();
    days.setTimeZone(UTC);
    NumberAxis counts = (NumberAxis) plot.getRangeAxis();
    counts.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    counts.setAutoRangeIncludesZero(true);
    counts.setAutoRangeMinimumSize(5);
    XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, stats.days() <= 60);
    lines.setSeriesPaint(0, new Color(0x58, 0x65, 0xF2)); // opened: blurple
    lines.setSeriesPaint(1, new Color(0x23, 0xA5, 0x5A)); // closed: green
    for (int i = 0; i < 2; i++) {
      lines.setSeriesStroke(i, new BasicStroke(2.5f));
      lines.setSeriesShape(i, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
    }
    plot.setRenderer(lines);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
