package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.text.MessageKey;
import dev.tiramisu.tickets.text.Messages;
import dev.tiramisu.tickets.ticket.TicketStats;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The PNG chart of {@code /ticket stats}: tickets opened and closed per UTC day, one point per day
 * of the period (days without tickets at 0). Drawn headless with XChart (the library the
 * benchmarks' plots use too); the texts come from the message bundle.
 */
final class StatsChart {
  static final int WIDTH = 1000;
  static final int HEIGHT = 500;
  static final String FILE_NAME = "ticket-stats.png";
  /** Periods up to this many days are drawn as bars, longer ones as lines. */
  static final int BARS_UP_TO_DAYS = 62;
  private static final Color OPENED = new Color(0x58, 0x65, 0xF2); // Discord's blurple
  private static final Color CLOSED = new Color(0x23, 0xA5, 0x5A);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT);

  static {
    // a server has no display: AWT must never look for one
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private StatsChart() {}

  /** The chart of {@code stats} as PNG bytes ({@value #WIDTH} × {@value #HEIGHT}). */
  static byte[] png(TicketStats stats, Messages messages) {
    String title = messages.format(MessageKey.STATS_CHART_TITLE, stats.days());
    String dayAxis = messages.format(MessageKey.STATS_CHART_DAY_AXIS);
    String countAxis = messages.format(MessageKey.STATS_CHART_COUNT_AXIS);
    String openedName = messages.format(MessageKey.STATS_CHART_OPENED);
    String closedName = messages.format(MessageKey.STATS_CHART_CLOSED);
    List<Integer> opened = new ArrayList<>();
    List<Integer> closed = new ArrayList<>();
    int most = 0;
    for (TicketStats.Day d : stats.perDay()) {
      opened.add(d.opened());
      closed.add(d.closed());
      most = Math.max(most, Math.max(d.opened(), d.closed()));
    }
    Chart<?, ?> chart;
    AxesChartStyler styler;
    if (stats.days() <= BARS_UP_TO_DAYS) {
      List<String> days = new ArrayList<>();
      stats.perDay().forEach(d -> days.add(d.date().format(DAY)));
      CategoryChart bars = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
          .xAxisTitle(dayAxis).yAxisTitle(countAxis).build();
      bars.getStyler().setOverlapped(false);
      bars.getStyler().setAvailableSpaceFill(0.7);
      bars.getStyler().setXAxisLabelRotation(days.size() > 14 ? 90 : 0);
      bars.addSeries(openedName, days, opened);
      bars.addSeries(closedName, days, closed);
      chart = bars;
      styler = bars.getStyler();
    } else { // bars of a pixel or two say nothing: lines
      List<Date> days = new ArrayList<>();
      stats.perDay().forEach(d ->
          days.add(Date.from(d.date().atStartOfDay(ZoneOffset.UTC).toInstant())));
      XYChart lines = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
          .xAxisTitle(dayAxis).yAxisTitle(countAxis).build();
      lines.getStyler().setDatePattern("MM-dd");
      lines.getStyler().setTimezone(TimeZone.getTimeZone(ZoneOffset.UTC));
      lines.getStyler().setLocale(Locale.ROOT);
      for (XYSeries s : List.of(lines.addSeries(openedName, days, opened),
          lines.addSeries(closedName, days, closed))) {
        s.setMarker(SeriesMarkers.NONE);
      }
      chart = lines;
      styler = lines.getStyler();
    }
    styler.setSeriesColors(new Color[] {OPENED, CLOSED});
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(new Color(0xF6, 0xF6, 0xF8));
    styler.setPlotGridLinesColor(new Color(0xDD, 0xDD, 0xE2));
    styler.setPlotBorderVisible(false);
    styler.setLegendPosition(Styler.LegendPosition.OutsideS);
    styler.setLegendLayout(Styler.LegendLayout.Horizontal);
    styler.setLegendBorderColor(Color.WHITE);
    // counts are whole tickets: from 0, a whole-number scale of at least 4
    styler.setYAxisMin(0.0);
    styler.setYAxisMax((double) wholeScale(most));
    styler.setYAxisDecimalPattern("#");
    styler.setYAxisTickMarkSpacingHint(HEIGHT / (Math.min(wholeScale(most), 8) + 2));
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The top of the count axis: at least 4, and a number whose ticks fall on whole tickets. */
  static int wholeScale(int most) {
    for (int top : new int[] {4, 5, 8, 10, 20, 25, 40, 50, 80, 100}) {
      if (most <= top) {
        return top;
      }
    }
    int step = (int) Math.pow(10, Math.floor(Math.log10(most)));
    return (most + step - 1) / step * step;
  }
}
