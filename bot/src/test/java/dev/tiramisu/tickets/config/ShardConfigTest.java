package dev.tiramisu.tickets.config;

import static dev.tiramisu.tickets.config.BotConfigTest.assertError;
import static dev.tiramisu.tickets.config.BotConfigTest.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code SHARD_COUNT} and {@code SHARD_IDS}: parsing, defaults and one-line errors. */
class ShardConfigTest {

  @Test
  void without_sharding_variables_the_bot_runs_shard_0_of_1() {
    ShardConfig s = load(Map.of()).shards();

    assertThat(s).isEqualTo(ShardConfig.single());
    assertThat(s.total()).isEqualTo(1);
    assertThat(s.allShards()).isTrue();
    assertThat(s.auto()).isFalse();
  }

  @Test
  void a_count_alone_runs_every_shard_of_it() {
    ShardConfig s = load(Map.of("SHARD_COUNT", "4")).shards();

    assertThat(s.total()).isEqualTo(4);
    assertThat(s.allShards()).isTrue();
    assertThat(s.ids()).isEmpty();
    assertThat(s).hasToString("all of 4");
  }

  @Test
  void auto_asks_discord_in_any_case() {
    assertThat(load(Map.of("SHARD_COUNT", "auto")).shards().auto()).isTrue();
    assertThat(load(Map.of("SHARD_COUNT", "AUTO")).shards().total()).isEqualTo(ShardConfig.AUTO);
    assertThat(load(Map.of("SHARD_COUNT", "auto")).shards()).hasToString("auto");
  }

  @Test
  void ids_as_ranges_lists_and_mixes_come_out_sorted() {
    assertThat(load(Map.of("SHARD_COUNT", "4", "SHARD_IDS", "0-1")).shards().ids())
        .containsExactly(0, 1);
    assertThat(load(Map.of("SHARD_COUNT", "8", "SHARD_IDS", "5, 0,2")).shards().ids())
        .containsExactly(0, 2, 5);
    ShardConfig mixed = load(Map.of("SHARD_COUNT", "16", "SHARD_IDS", "12-15,3,0 - 1")).shards();
    assertThat(mixed.ids()).containsExactly(0, 1, 3, 12, 13, 14, 15);
    assertThat(mixed).hasToString("0-1,3,12-15 of 16");
    assertThat(load(Map.of("SHARD_COUNT", "4", "SHARD_IDS", "3")).shards().ids())
        .containsExactly(3);
  }

  @Test
  void arguments_set_them_too() {
    ShardConfig s = load(Map.of(), "--shard-count=4", "--shard-ids=2-3").shards();

    assertThat(s).isEqualTo(new ShardConfig(4, List.of(2, 3)));
  }

  @Test
  void the_configuration_line_names_the_shards() {
    assertThat(load(Map.of("SHARD_COUNT", "4", "SHARD_IDS", "2-3")).toString())
        .contains("shards=2-3 of 4");
  }

  @Test
  void count_errors() {
    String message = "SHARD_COUNT must be a positive integer or auto, got ";
    assertError(Map.of("SHARD_COUNT", "0"), message + "\"0\"");
    assertError(Map.of("SHARD_COUNT", "-2"), message + "\"-2\"");
    assertError(Map.of("SHARD_COUNT", "two"), message + "\"two\"");
    assertError(Map.of("SHARD_COUNT", "1.5"), message + "\"1.5\"");
    assertError(Map.of("SHARD_COUNT", "99999999999"), message + "\"99999999999\"");
    assertError(Map.of("SHARD_COUNT", "100001"), "SHARD_COUNT must be at most 100000, got 100001");
  }

  @Test
  void ids_errors() {
    String format = "SHARD_IDS must be shard ids and ranges such as 0-3 or 0,2,5, got ";
    assertError(Map.of("SHARD_COUNT", "4", "SHARD_IDS", "0,,1"), format + "\"0,,1\"");
    assertError(Map.of("SHARD_COUNT", "4", "SHARD_IDS", "0,"), format + "\"0,\"");
    assertError(Map.of("SHARD_COUNT", "4", "SHARD_IDS", "a-b"), format + "\"a-b\"");
    assertError(Map.of("SHARD_COUNT", "4", "SHARD_IDS", "-1"), format + "\"-1\"");
    assertError(Map.of("SHARD_COUNT", "4", "SHARD_IDS", "0-"), format + "\"0-\"");
    assertError(Map.of("SHARD_COUNT", "4", "SHARD_IDS", "3-1"),
        "SHARD_IDS: range \"3-1\" ends before it starts");
  }

  @Test
  void ids_must_exist_in_the_count() {
    assertError(Map.of("SHARD_COUNT", "4", "SHARD_IDS", "4"),
        "SHARD_IDS: shard 4 does not exist with SHARD_COUNT=4 (ids go from 0 to 3)");
    assertError(Map.of("SHARD_COUNT", "4", "SHARD_IDS", "2-5"),
        "SHARD_IDS: shard 5 does not exist with SHARD_COUNT=4 (ids go from 0 to 3)");
  }

  @Test
  void ids_must_not_repeat() {
    assertError(Map.of("SHARD_COUNT", "4", "SHARD_IDS", "1,1"), "SHARD_IDS lists shard 1 twice");
    assertError(Map.of("SHARD_COUNT", "8", "SHARD_IDS", "0-3,2-5"),
        "SHARD_IDS lists shard 2 twice");
  }

  @Test
  void ids_need_a_numeric_count() {
    assertError(Map.of("SHARD_IDS", "0-1"),
        "SHARD_IDS needs SHARD_COUNT (the total number of shards over all processes)");
    assertError(Map.of("SHARD_COUNT", "auto", "SHARD_IDS", "0-1"),
        "SHARD_IDS needs a numeric SHARD_COUNT, not auto: every process must use the same"
            + " count, and Discord's recommendation can change between starts");
  }

  @Test
  void the_record_rejects_what_the_parser_never_builds() {
    assertThatThrownBy(() -> new ShardConfig(0, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ShardConfig(4, List.of(1, 0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ShardConfig(4, List.of(4)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ShardConfig(ShardConfig.AUTO, List.of(0)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
