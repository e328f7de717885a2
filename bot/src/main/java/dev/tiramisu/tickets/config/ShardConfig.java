package dev.tiramisu.tickets.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Which gateway shards this process runs: the total count ({@code SHARD_COUNT}) and the shard ids
 * it owns ({@code SHARD_IDS}). Discord routes a guild's events to shard {@code (guild_id >> 22) %
 * total}; several processes with disjoint id ranges and the same total share the load.
 *
 * @param total the shard count, or {@link #AUTO} to use the count {@code GET /gateway/bot}
 *     recommends
 * @param ids the shard ids this process runs, ascending and distinct; empty for all of them
 */
public record ShardConfig(int total, List<Integer> ids) {
  /** {@code SHARD_COUNT=auto}: ask Discord. */
  public static final int AUTO = -1;

  /** Upper bound for {@code SHARD_COUNT}, far above what any bot needs. */
  public static final int MAX_TOTAL = 100_000;

  public ShardConfig {
    if (total != AUTO && (total < 1 || total > MAX_TOTAL)) {
      throw new IllegalArgumentException("total must be AUTO or 1.." + MAX_TOTAL);
    }
    ids = List.copyOf(Objects.requireNonNull(ids, "ids"));
    if (!ids.isEmpty() && total == AUTO) {
      throw new IllegalArgumentException("shard ids need an explicit total");
    }
    int previous = -1;
    for (int id : ids) {
      if (id <= previous || id >= total) {
        throw new IllegalArgumentException("ids must be ascending, distinct and below the total");
      }
      previous = id;
    }
  }

  /** The default: one shard, shard 0 of 1 (what a bot below 2,500 servers runs). */
  public static ShardConfig single() {
    return new ShardConfig(1, List.of());
  }

  /** All shards of {@code total} in this process. */
  public static ShardConfig all(int total) {
    return new ShardConfig(total, List.of());
  }

  /** Shards {@code ids} of {@code total}. */
  public static ShardConfig of(int total, Integer... ids) {
    return new ShardConfig(total, List.of(ids));
  }

  public boolean auto() {
    return total == AUTO;
  }

  /** Whether this process runs every shard of the total (no {@code SHARD_IDS}). */
  public boolean allShards() {
    return ids.isEmpty();
  }

  /**
   * Parses {@code SHARD_COUNT} and {@code SHARD_IDS} (either may be null).
   *
   * @throws ConfigException with a one-line explanation
   */
  static ShardConfig parse(String rawCount, String rawIds) {
    if (rawCount == null) {
      if (rawIds != null) {
        throw new ConfigException(
            "SHARD_IDS needs SHARD_COUNT (the total number of shards over all processes)");
      }
      return single();
    }
    int total;
    if (rawCount.equalsIgnoreCase("auto")) {
      if (rawIds != null) {
        throw new ConfigException("SHARD_IDS needs a numeric SHARD_COUNT, not auto: every process"
            + " must use the same count, and Discord's recommendation can change between starts");
      }
      return new ShardConfig(AUTO, List.of());
    }
    total = parseNumber(rawCount, "SHARD_COUNT must be a positive integer or auto");
    if (total < 1) {
      throw new ConfigException(
          "SHARD_COUNT must be a positive integer or auto, got \"" + BotConfig.echo(rawCount) + "\"");
    }
    if (total > MAX_TOTAL) {
      throw new ConfigException("SHARD_COUNT must be at most " + MAX_TOTAL + ", got " + total);
    }
    if (rawIds == null) {
      return all(total);
    }
    return new ShardConfig(total, parseIds(rawIds, total));
  }

  /** {@code 0-3}, {@code 0,2,5} or a mix such as {@code 0-1,4}; each id below {@code total}. */
  private static List<Integer> parseIds(String raw, int total) {
    String format = "SHARD_IDS must be shard ids and ranges such as 0-3 or 0,2,5";
    TreeSet<Integer> ids = new TreeSet<>();
    for (String part : raw.split(",", -1)) {
      String p = part.strip();
      if (p.isEmpty()) {
        throw new ConfigException(format + ", got \"" + BotConfig.echo(raw) + "\"");
      }
      int dash = p.indexOf('-', 1);
      int from;
      int to;
      if (dash < 0) {
        from = shardId(p, p, format);
        to = from;
      } else {
        from = shardId(p.substring(0, dash).strip(), p, format);
        to = shardId(p.substring(dash + 1).strip(), p, format);
        if (to < from) {
          throw new ConfigException("SHARD_IDS: range \"" + BotConfig.echo(p)
              + "\" ends before it starts");
        }
      }
      if (to >= total) {
        throw new ConfigException("SHARD_IDS: shard " + to + " does not exist with SHARD_COUNT="
            + total + " (ids go from 0 to " + (total - 1) + ")");
      }
      for (int id = from; id <= to; id++) {
        if (!ids.add(id)) {
          throw new ConfigException("SHARD_IDS lists shard " + id + " twice");
        }
      }
    }
    return new ArrayList<>(ids);
  }

  /** A shard id in {@code part} of SHARD_IDS; errors quote the whole part. */
  private static int shardId(String raw, String part, String message) {
    if (!raw.matches("\\d{1,9}")) {
      throw new ConfigException(message + ", got \"" + BotConfig.echo(part) + "\"");
    }
    return Integer.parseInt(raw);
  }

  private static int parseNumber(String raw, String message) {
    if (!raw.matches("\\d{1,9}")) {
      throw new ConfigException(message + ", got \"" + BotConfig.echo(raw) + "\"");
    }
    return Integer.parseInt(raw);
  }

  @Override
  public String toString() {
    if (auto()) {
      return "auto";
    }
    if (ids.isEmpty()) {
      return "all of " + total;
    }
    return describeIds() + " of " + total;
  }

  /** The ids as ranges, e.g. {@code 0-3,7}. */
  private String describeIds() {
    StringBuilder b = new StringBuilder();
    int i = 0;
    while (i < ids.size()) {
      int j = i;
      while (j + 1 < ids.size() && ids.get(j + 1) == ids.get(j) + 1) {
        j++;
      }
      if (b.length() > 0) {
        b.append(',');
      }
      b.append(ids.get(i));
      if (j > i) {
        b.append('-').append(ids.get(j));
      }
      i = j + 1;
    }
    return b.toString();
  }
}
