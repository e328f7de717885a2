package dev.tiramisu.discordemu.openapi;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Locates the real spec for tests, and small helpers shared by them. */
final class TestSpec {

  private TestSpec() {}

  /**
   * {@code shared/discord-api/openapi.json}: from the system property {@code tickets.shared.dir}
   * (surefire sets it), else {@code ../shared} relative to the working directory.
   */
  static Path file() {
    String shared = System.getProperty("tickets.shared.dir");
    Path dir = shared != null && !shared.isBlank() ? Path.of(shared) : Path.of("..", "shared");
    Path file = dir.resolve("discord-api").resolve("openapi.json");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("OpenAPI spec not found at " + file.toAbsolutePath()
          + " (set -Dtickets.shared.dir to the shared/ folder)");
    }
    return file;
  }

  static OpenApiSpec spec() {
    return OpenApiSpec.load(file());
  }

  static OpenApiValidator validator() {
    return new OpenApiValidator(spec());
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static Map<String, List<String>> query(String... nameValue) {
    java.util.LinkedHashMap<String, List<String>> q = new java.util.LinkedHashMap<>();
    for (int i = 0; i < nameValue.length; i += 2) {
      q.computeIfAbsent(nameValue[i], k -> new java.util.ArrayList<>()).add(nameValue[i + 1]);
    }
    return q;
  }
}
