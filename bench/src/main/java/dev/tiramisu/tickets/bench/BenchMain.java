package dev.tiramisu.tickets.bench;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * The main of a benchmark that writes a section of docs/benchmarks.md: its options (exit code 2
 * when they are wrong), the run, the report printed and written to its section unless the output
 * is {@code -}, then exit code 0, or 1 with the failure when the run (or its correctness check)
 * failed. The exit is explicit: JDA, the emulator and forked processes leave threads behind.
 */
final class BenchMain {
  /** A benchmark's run: the Markdown of its section. */
  @FunctionalInterface
  interface Run<O> {
    String report(O options) throws Exception;
  }

  private BenchMain() {}

  /**
   * @param name how the benchmark is named in its error lines ("ack bench")
   * @param section its section id in the document
   * @param out where {@code options} say the document is ({@code -} for none)
   */
  static <O> void run(String name, String section, String[] args, Function<String[], O> parse,
      Function<O, String> out, Run<O> run) {
    O options;
    try {
      options = parse.apply(args);
    } catch (IllegalArgumentException e) {
      System.err.println(name + ": " + e.getMessage());
      System.exit(2);
      return;
    }
    try {
      BenchmarksDoc.quietLogs();
      String report = run.report(options);
      System.out.println(report);
      String doc = out.apply(options);
      if (!doc.equals("-")) {
        BenchmarksDoc.writeSection(Path.of(doc), section, report);
        System.out.println("wrote the " + section + " section of " + doc);
      }
      System.exit(0);
    } catch (Throwable e) {
      System.err.println(name + " FAILED: " + e);
      e.printStackTrace(System.err);
      System.exit(1);
    }
  }
}
