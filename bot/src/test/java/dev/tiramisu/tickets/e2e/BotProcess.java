package dev.tiramisu.tickets.e2e;

import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.tickets.app.Bot;
import dev.tiramisu.tickets.config.BotConfig;
import dev.tiramisu.tickets.config.DatabaseConfig;
import dev.tiramisu.tickets.config.ShardConfig;
import dev.tiramisu.tickets.discord.DiscordEndpoint;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.interaction.GenericInteractionCreateEvent;
import net.dv8tion.jda.api.hooks.EventListener;

/**
 * One bot "process" of a sharded deployment in a test: its own {@link Bot} (own JDA shard
 * manager, own connection pool) with the given shards, against a shared emulator and database,
 * plus a record of every interaction its shards received.
 */
final class BotProcess implements AutoCloseable {
  final String name;
  final Bot bot;
  private final Map<Long, AtomicInteger> interactions = new ConcurrentHashMap<>();

  private BotProcess(String name, Bot bot) {
    this.name = name;
    this.bot = bot;
    bot.shards().addEventListener((EventListener) this::record);
  }

  static BotProcess start(String name, Emulator emu, DatabaseConfig database, ShardConfig shards) {
    BotConfig config = new BotConfig(null, database, null, 0, "INFO", shards);
    return new BotProcess(name, Bot.start(config, emu.botToken(),
        new DiscordEndpoint(emu.restUrl(), emu.gatewayUrl()), Clock.systemUTC()));
  }

  private void record(GenericEvent event) {
    if (event instanceof GenericInteractionCreateEvent e) {
      interactions.computeIfAbsent(e.getIdLong(), id -> new AtomicInteger()).incrementAndGet();
    }
  }

  /** Ids of the interactions this process's shards received. */
  Set<Long> received() {
    return Set.copyOf(interactions.keySet());
  }

  /** How often this process received interaction {@code id} (a session delivers each once). */
  int timesReceived(long id) {
    AtomicInteger n = interactions.get(id);
    return n == null ? 0 : n.get();
  }

  /** The shard ids this process runs. */
  Set<Integer> shardIds() {
    Set<Integer> ids = new java.util.TreeSet<>();
    for (JDA shard : bot.shards().getShards()) {
      ids.add(shard.getShardInfo().getShardId());
    }
    return ids;
  }

  @Override
  public void close() {
    bot.close();
  }

  @Override
  public String toString() {
    return name;
  }
}
