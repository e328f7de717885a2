package dev.tiramisu.tickets.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes a benchmark's plot as a PNG next to docs/benchmarks.md (XChart, headless). The plot's
 * file name is relative to the document's directory, so the Markdown links it as {@code
 * ![...](name.png)}.
 */
final class Charts {
  static final int WIDTH = 800;
  static final int HEIGHT = 480;

  private Charts() {}

  /**
   * Saves {@code chart} as {@code name} in the directory of {@code doc} (nothing when the
   * document is not written, {@code "-"}); returns the Markdown image line, or "" when not saved.
   */
  static String save(Chart<?, ?> chart, String doc, String name, String alt) throws IOException {
    if (doc.equals("-")) {
      return "";
    }
    System.setProperty("java.awt.headless", "true");
    Path dir = Path.of(doc).toAbsolutePath().getParent();
    Files.createDirectories(dir);
    BitmapEncoder.saveBitmap(chart, dir.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
    return "![" + alt + "](" + name + ")\n\n";
  }
}
