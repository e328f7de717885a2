package dev.tiramisu.tickets.storage;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiramisu.tickets.common.StorageUnavailableException;
import dev.tiramisu.tickets.config.DatabaseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseStartTest {

  @Test
  void an_unreachable_postgresql_fails_start_with_a_clear_message_and_no_password() {
    DatabaseConfig config =
        new DatabaseConfig("jdbc:postgresql://127.0.0.1:1/tickets", "bot", "s3cret-pw", 2);

    assertThatThrownBy(() -> Database.start(config, Duration.ZERO))
        .isInstanceOf(StorageUnavailableException.class)
        .hasMessageStartingWith("cannot connect to the database at jdbc:postgresql://127.0.0.1:1/tickets: ")
        .hasMessageContaining("Connection refused")
        .hasMessageNotContaining("s3cret-pw");
  }

  @Test
  void a_sqlite_file_that_cannot_be_created_fails_start_with_a_clear_message(@TempDir Path dir)
      throws Exception {
    Path blocker = Files.writeString(dir.resolve("not-a-directory"), "x");
    DatabaseConfig config = DatabaseConfig.sqlite(blocker.resolve("tickets.db").toString());

    assertThatThrownBy(() -> Database.start(config))
        .isInstanceOf(StorageUnavailableException.class)
        .hasMessageStartingWith("cannot create the database directory " + blocker);
  }
}
