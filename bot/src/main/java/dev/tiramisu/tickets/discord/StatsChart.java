package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import dev.tiramisu.tickets.ticket.TicketStats;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.SimpleDateFormat;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Locale;
import java.util.TimeZone;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTickMarkPosition;
import org.jfree.chart.axis.DateTickUnit;
import org.jfree.chart.axis.DateTickUnitType;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.ClusteredXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.RangeType;
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
  /** Periods up to this many days are drawn as bars, longer ones as lines. */
  static final int BARS_UP_TO_DAYS = 62;
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
    JFreeChart chart = ChartFactory.createXYBarChart(
        messages.format(MessageKey.STATS_CHART_TITLE, stats.days()),
        messages.format(MessageKey.STATS_CHART_DAY_AXIS), true,
        messages.format(MessageKey.STATS_CHART_COUNT_AXIS),
        data, PlotOrientation.VERTICAL, true, false, false);
    chart.setBackgroundPaint(Color.WHITE);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(new Color(0xF6, 0xF6, 0xF8));
    plot.setDomainGridlinePaint(new Color(0xDD, 0xDD, 0xE2));
    plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xE2));
    DateAxis days = (DateAxis) plot.getDomainAxis();
    days.setTimeZone(UTC);
    SimpleDateFormat dayFormat = new SimpleDateFormat("MM-dd", Locale.ROOT);
    dayFormat.setTimeZone(UTC);
    days.setDateFormatOverride(dayFormat);
    TickUnits units = new TickUnits(); // whole days, weeks, months: never half a day
    for (int n : new int[] {1, 2, 7, 14}) {
      units.add(new DateTickUnit(DateTickUnitType.DAY, n, dayFormat));
    }
    for (int n : new int[] {1, 2, 3}) {
      units.add(new DateTickUnit(DateTickUnitType.MONTH, n, dayFormat));
    }
    days.setStandardTickUnits(units);
    days.setTickMarkPosition(DateTickMarkPosition.MIDDLE);
    NumberAxis counts = (NumberAxis) plot.getRangeAxis();
    counts.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    counts.setRangeType(RangeType.POSITIVE); // from 0, never below
    counts.setAutoRangeMinimumSize(4);
    Color blurple = new Color(0x58, 0x65, 0xF2); // opened
    Color green = new Color(0x23, 0xA5, 0x5A); // closed
    if (stats.days() <= BARS_UP_TO_DAYS) {
      ClusteredXYBarRenderer bars = new ClusteredXYBarRenderer(0.15, false);
      bars.setBarPainter(new StandardXYBarPainter());
      bars.setShadowVisible(false);
      bars.setSeriesPaint(0, blurple);
      bars.setSeriesPaint(1, green);
      plot.setRenderer(bars);
    } else { // bars of a pixel or two say nothing: lines
      XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
      lines.setSeriesPaint(0, blurple);
      lines.setSeriesPaint(1, green);
      lines.setSeriesStroke(0, new BasicStroke(1.5f));
      lines.setSeriesStroke(1, new BasicStroke(1.5f));
      plot.setRenderer(lines);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
