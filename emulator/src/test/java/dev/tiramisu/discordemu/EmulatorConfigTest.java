package dev.tiramisu.discordemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spec lookup: tests fail loudly without it; the interaction deadline Discord has and a harness may raise. */
class EmulatorConfigTest {

  @Test
  void testRunsRequireTheSpecAndGetIt() {
    assertThat(Boolean.getBoolean(EmulatorConfig.REQUIRE_SPEC))
        .as("the build sets -D" + EmulatorConfig.REQUIRE_SPEC + "=true for tests").isTrue();
    assertThat(EmulatorConfig.defaults().openApiSpec()).isNotNull().isRegularFile();
  }

  @Test
  void aMissingSpecIsAnErrorNamingThePathsSearched(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("shared").resolve("discord-api").resolve("openapi.json");
    assertThatThrownBy(() -> EmulatorConfig.requireSpecIn(List.of(missing)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("OpenAPI spec")
        .hasMessageContaining(missing.toAbsolutePath().normalize().toString());
    assertThat(EmulatorConfig.findSpecIn(List.of(missing))).isNull();

    Files.createDirectories(missing.getParent());
    Files.writeString(missing, "{}");
    assertThat(EmulatorConfig.requireSpecIn(List.of(missing))).isEqualTo(missing.toAbsolutePath().normalize());
  }

  @Test
  void discordsThreeSecondDeadlineIsTheDefaultAndAHarnessCanRaiseIt() {
    try (Emulator emu = Emulator.start()) {
      assertThat(emu.state().interactionResponseDeadlineMillis).isEqualTo(3000);
      emu.setBaseInteractionResponseDeadline(java.time.Duration.ofSeconds(30));
      emu.state().interactionResponseDeadlineMillis = 200; // a test about the deadline lowers it
      emu.reset();
      assertThat(emu.state().interactionResponseDeadlineMillis).isEqualTo(30_000);
    }
  }
}
