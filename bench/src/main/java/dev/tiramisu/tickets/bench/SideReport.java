package dev.tiramisu.tickets.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** The section {@code side} of docs/benchmarks.md and its plot, for {@link SideBySideBench}. */
final class SideReport {
  private SideReport() {}

  /** One point on one console line. */
  static String line(SideBySideBench.Point p) {
    return String.format(Locale.ROOT, "%s, %d member(s) at once, %d tickets: create p50 %s p95 %s"
        + " ms, close p50 %s p95 %s ms, %.1f requests per create, %.1f per close (%.1f after the"
        + " confirmation), %d refused (429), %d failed%s", p.bot(), p.members(), p.tickets(),
        p.create().p50Cell(), p.create().p95Cell(), p.close().p50Cell(), p.close().p95Cell(),
        p.perCreate(), p.perClose(), p.perConfirmation(), p.refused(), failed(p),
        p.failures().isEmpty() ? "" : ": " + String.join("; ", p.failures()));
  }

  /** Creates and closes that did not complete for the member (faults not counted). */
  static long failed(SideBySideBench.Point p) {
    return p.failures().stream().filter(f -> !f.startsWith("fault:"))
        .mapToLong(f -> Long.parseLong(f.replaceAll(".*\\(×(\\d+)\\)$", "$1"))).sum();
  }

  static String report(Instant started, Machine machine, SideBySideBench.Options o,
      List<SideBySideBench.Point> points, long[] violations, String chart) {
    StringBuilder md = new StringBuilder();
    md.append("## Side by side with the original Python bot (SideBySideBench)\n\n");
    md.append("Generated ").append(started).append(o.smoke() ? " (smoke mode)" : "")
        .append(". Rerun from the repository root (rewrites this section and `bench-side.png`;"
            + " the original's setup is described in [Side by side](#side-by-side-setup)"
            + " in the notes above):\n\n```sh\n"
            + "mvn -o -B -q -pl emulator,bot,bench -am package -DskipTests\n"
            + "java -cp bench/target/tickets-bench.jar dev.tiramisu.tickets.bench.SideBySideBench"
            + " \\\n    --original \"/usr/bin/python3 /work/py-original-env/run_original.py\"\n"
            + "```\n\n");
    md.append(machine.table()).append('\n');
    md.append("One emulator, rate limits and OpenAPI validation on, interaction deadline 3 s;"
        + " each bot alone on it (ours first, then the emulator is reset and the original"
        + " started). Each round is a fresh guild (ticket channel, staff role, mod-log set):")
        .append(String.format(Locale.ROOT, " %d round(s) of %d tickets per point after a"
            + " warm-up round of %d tickets (the emulator's JIT warms in the first bot's: a"
            + " short warm-up slowed whichever bot ran first); members take %d ms before each command, and to read a"
            + " modal or a confirmation before answering it (outside every measured time; the"
            + " same pace of commands for both bots). ", o.rounds(), o.tickets(), o.warmup(),
            o.think().toMillis()))
        .append("At *k* members at once, each of *k* members opens tickets with a reason, one"
            + " after another, until the round's tickets are open (every effect checked); then"
            + " the moderator closes them, *k* at a time: the command in the thread, then the"
            + " confirmation button (every effect checked). Times are the emulator's records:"
            + " **create** is from `/ticket create` to the request that shows the member the"
            + " link to the ticket (the original asks for the reason in a modal: its time is"
            + " until the modal plus from the submission to the reply, without the member's own"
            + " time in the modal); **close** is from the click on the confirmation to the"
            + " arrival of the bot's last request for that close (the DM, the mod-log post, the"
            + " thread's rename/lock/archive, the answer). Requests per close count the"
            + " command's answer too; \"after the confirmation\" leaves it out. 429s count as"
            + " requests.\n\n");
    md.append("| bot | members at once | tickets | create p50 ms | create p95 ms | close p50 ms"
        + " | close p95 ms | requests per create | per close | after the confirmation"
        + " | refused (429) | failed |\n"
        + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (SideBySideBench.Point p : points) {
      md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %s | %s | %.1f | %.1f |"
          + " %.1f | %d | %d |\n", p.bot(), p.members(), p.tickets(), p.create().p50Cell(),
          p.create().p95Cell(), p.close().p50Cell(), p.close().p95Cell(), p.perCreate(),
          p.perClose(), p.perConfirmation(), p.refused(), failed(p)));
    }
    md.append('\n');
    for (SideBySideBench.Point p : points) {
      if (!p.failures().isEmpty()) {
        md.append("- ").append(p.bot()).append(", ").append(p.members())
            .append(" at once: ").append(String.join("; ", p.failures())).append('\n');
      }
    }
    md.append('\n').append(routes(points));
    md.append(String.format(Locale.ROOT, "OpenAPI violations: ours %d, the original %s.%n%n",
        violations[0], o.original() == null ? "not run" : Long.toString(violations[1])));
    md.append("**Target (issue 14): ours faster than the original** — ours' median and p95 below"
        + " the original's, for create and close, at 1 and at 10 members at once.\n\n");
    md.append(verdicts(points)).append('\n');
    md.append(chart);
    return md.toString();
  }

  /**
   * Requests per route, per create and per close, for each bot and point (over the tickets of the
   * rounds that ran, failed ones included).
   */
  static String routes(List<SideBySideBench.Point> points) {
    List<Integer> members = points.stream().map(SideBySideBench.Point::members).distinct()
        .toList();
    StringBuilder md = new StringBuilder("Requests per ticket by route, at each number of members"
        + " at once (create / close):\n\n| bot | route |");
    members.forEach(m -> md.append(' ').append(m).append(" at once |"));
    md.append("\n|---|---|").append("---:|".repeat(members.size())).append('\n');
    for (String bot : points.stream().map(SideBySideBench.Point::bot).distinct().toList()) {
      java.util.Set<String> routes = new java.util.TreeSet<>();
      points.stream().filter(p -> p.bot().equals(bot)).forEach(p -> routes.addAll(
          p.routes().keySet()));
      for (String route : routes) {
        md.append("| ").append(bot).append(" | `").append(route).append("` |");
        for (int m : members) {
          SideBySideBench.Point p = points.stream()
              .filter(x -> x.bot().equals(bot) && x.members() == m).findFirst().orElse(null);
          long[] v = p == null ? null : p.routes().get(route);
          md.append(p == null || p.tried() == 0 ? " — |" : String.format(Locale.ROOT,
              " %.2f / %.2f |", v == null ? 0.0 : (double) v[0] / p.tried(),
              v == null ? 0.0 : (double) v[1] / p.tried()));
        }
        md.append('\n');
      }
    }
    return md.append('\n').toString();
  }

  /** Per point and figure: met or not, or why it cannot be said. */
  static String verdicts(List<SideBySideBench.Point> points) {
    StringBuilder md = new StringBuilder();
    boolean any = false;
    for (SideBySideBench.Point ours : points) {
      if (!ours.bot().equals("ours")) {
        continue;
      }
      Optional<SideBySideBench.Point> orig = points.stream()
          .filter(p -> p.bot().equals("original") && p.members() == ours.members()).findFirst();
      if (orig.isEmpty()) {
        continue;
      }
      any = true;
      SideBySideBench.Point o = orig.get();
      md.append(String.format(Locale.ROOT, "- %d member(s) at once: create p50 %s vs %s, p95 %s"
          + " vs %s: %s; close p50 %s vs %s, p95 %s vs %s: %s%s%n", ours.members(),
          ours.create().p50Cell(), o.create().p50Cell(), ours.create().p95Cell(),
          o.create().p95Cell(), met(ours.create(), o.create()), ours.close().p50Cell(),
          o.close().p50Cell(), ours.close().p95Cell(), o.close().p95Cell(),
          met(ours.close(), o.close()), failed(ours) + failed(o) == 0 ? ""
              : String.format(Locale.ROOT, " (failed for the member: ours %d, the original %d"
                  + " of %d tickets)", failed(ours), failed(o), o.tickets())));
    }
    return any ? md.toString() : "- not judged: the original was not run (no `--original`).\n";
  }

  private static String met(SideMetrics.Stats ours, SideMetrics.Stats original) {
    if (ours.n() == 0) {
      return "**not met** (ours completed none)";
    }
    if (original.n() == 0) {
      return "**met** (the original completed none)";
    }
    boolean p50 = ours.p50() < original.p50();
    boolean p95 = ours.p95() < original.p95();
    return p50 && p95 ? "**met**" : "**not met** (" + (p50 ? "" : "median") + (p50 || p95 ? ""
        : " and ") + (p95 ? "" : "p95") + " not below)";
  }

  /** Grouped bars: p50 and p95 of create and close per bot and concurrency. */
  static CategoryChart chart(List<SideBySideBench.Point> points) {
    CategoryChart c = new CategoryChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT)
        .title("Our bot and the original, same emulator (rate limits, validation on)")
        .xAxisTitle("").yAxisTitle("ms").build();
    List<String> categories = new ArrayList<>();
    List<Integer> members = points.stream().map(SideBySideBench.Point::members).distinct()
        .toList();
    for (String step : List.of("create", "close")) {
      for (int m : members) {
        categories.add(step + ", " + m + " at once");
      }
    }
    for (String bot : points.stream().map(SideBySideBench.Point::bot).distinct().toList()) {
      for (String q : List.of("p50", "p95")) {
        List<Double> ys = new ArrayList<>();
        for (String step : List.of("create", "close")) {
          for (int m : members) {
            SideMetrics.Stats s = points.stream()
                .filter(p -> p.bot().equals(bot) && p.members() == m)
                .map(p -> step.equals("create") ? p.create() : p.close()).findFirst()
                .orElse(SideMetrics.Stats.of(new long[0]));
            ys.add(q.equals("p50") ? s.p50() : s.p95());
          }
        }
        c.addSeries(bot + " " + q, categories, ys);
      }
    }
    return c;
  }
}
