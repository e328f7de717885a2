package dev.tiramisu.tickets.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The production jar, as {@code mvn package} shaded it, carries the bot and its libraries but not the local Discord
 * emulator, its web server (Jetty) or its OpenAPI validator: those belong to the tests and the sandbox module.
 * Run by failsafe in {@code verify}, after {@code package} (the path comes from the pom).
 */
class ProductionJarIT {
  @Test
  void theShadedBotJarHoldsTheBotAndNoEmulatorJettyOrSchemaValidator() throws IOException {
    String property = System.getProperty("tickets.bot.jar");
    assertThat(property).as("system property tickets.bot.jar (set by the bot's pom)").isNotBlank();
    Path jar = Path.of(property);
    assertThat(jar).as("the packaged bot jar").isRegularFile();
    List<String> entries;
    try (JarFile file = new JarFile(jar.toFile())) {
      entries = file.stream().map(ZipEntry::getName).toList();
      assertThat(file.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo("dev.tiramisu.tickets.app.Main");
    }
    // it is the shaded jar: the bot and the libraries it runs with
    assertThat(entries).contains("dev/tiramisu/tickets/app/Main.class", "net/dv8tion/jda/api/JDA.class",
        "logback.xml", "db/migration/");
    assertThat(entries).noneMatch(e -> e.startsWith("dev/tiramisu/discordemu/"))
        .noneMatch(e -> e.startsWith("org/eclipse/jetty/"))
        .noneMatch(e -> e.startsWith("com/networknt/"))
        .noneMatch(e -> e.startsWith("dev/tiramisu/tickets/sandbox/"));
    assertThat(Files.size(jar)).isPositive();
  }
}
