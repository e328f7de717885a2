package dev.tiramisu.discordemu.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiramisu.discordemu.driver.TestGuild;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import org.junit.jupiter.api.Test;

/** A ShardManager with two shards: GET /gateway/bot, one session per shard, guilds routed by (id >> 22) % 2. */
class ShardingTest extends ConformanceTest {
  private static int shardOf(long guildId) {
    return (int) ((guildId >>> 22) % 2);
  }

  @Test
  void eachShardSeesOnlyItsGuildsAndItsEvents() throws Exception {
    // create guilds until both shards own at least one (ids are time-based, so this takes a few at most)
    List<TestGuild> guilds = new ArrayList<>();
    while (guilds.stream().map(t -> shardOf(t.id)).distinct().count() < 2) {
      guilds.add(emu.guild("G" + guilds.size()).textChannel("general").member("user" + guilds.size()).build());
    }
    Map<Integer, List<Long>> eventGuildsByShard = new ConcurrentHashMap<>();
    ShardManager shards = DefaultShardManagerBuilder
        .createLight(emu.botToken(), EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.MESSAGE_CONTENT))
        .setShardsTotal(2)
        .setRestConfig(new RestConfig().setBaseUrl(emu.restUrl()))
        .setSessionController(new EmulatorSessionController(emu.gatewayUrl()))
        .setContextEnabled(true)
        .setContextMap(shard -> jdaContext())
        .addEventListeners(new ListenerAdapter() {
          @Override
          public void onMessageReceived(MessageReceivedEvent e) {
            eventGuildsByShard.computeIfAbsent(e.getJDA().getShardInfo().getShardId(),
                k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(e.getGuild().getIdLong());
          }
        })
        .build();
    stopAfterTest(shards::shutdown);
    // the manager starts shards one after another: wait until both exist and are connected
      emu.await("both shards connected", () -> shards.getShards().size() == 2
          && shards.getShards().stream().allMatch(s -> s.getStatus() == JDA.Status.CONNECTED));
    shards.getShards().forEach(this::track);
    assertShardRouting(shards, guilds, eventGuildsByShard);
  }

  private void assertShardRouting(ShardManager shards, List<TestGuild> guilds,
      Map<Integer, List<Long>> eventGuildsByShard) {

    assertThat(emu.requests().route("GET /gateway/bot")).isNotEmpty()
        .allSatisfy(e -> assertThat(e.status()).isEqualTo(200));
    assertThat(emu.gateway().identifyCount()).isEqualTo(2);
    assertThat(emu.gateway().connectedShards()).containsExactlyInAnyOrder(0, 1);
    for (JDA shard : shards.getShards()) {
      int id = shard.getShardInfo().getShardId();
      List<Long> expected = guilds.stream().filter(t -> shardOf(t.id) == id).map(t -> t.id).toList();
      assertThat(shard.getGuilds()).extracting(Guild::getIdLong).containsExactlyInAnyOrderElementsOf(expected);
    }
    assertThat(shards.getGuilds()).hasSize(guilds.size());

    for (int i = 0; i < guilds.size(); i++) {
      TestGuild t = guilds.get(i);
      t.as("user" + i).post(t.channel("general"), "hello " + i);
    }
    emu.await("every message reaches a shard",
        () -> eventGuildsByShard.values().stream().mapToInt(List::size).sum() == guilds.size());
    eventGuildsByShard.forEach((shard, ids) -> assertThat(ids).allSatisfy(
        id -> assertThat(shardOf(id)).isEqualTo(shard)));

    // a guild created later is delivered (GUILD_CREATE) to the shard that owns it only
    TestGuild late = emu.guild("Late").textChannel("general").member("late").build();
    JDA owner = shards.getShardById(shardOf(late.id));
    JDA other = shards.getShardById(1 - shardOf(late.id));
    emu.await("the owning shard sees the new guild", () -> owner.getGuildById(late.id) != null);
    assertThat(other.getGuildById(late.id)).isNull();
  }

  @Test
  void gatewayBotAnswersWithUrlShardsAndSessionStartLimit() {
    RawDiscord.Reply r = raw().send("GET", "/gateway/bot", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().path("url").asText()).isEqualTo(emu.gatewayUrl());
    assertThat(r.body().path("shards").asInt()).isEqualTo(emu.config().recommendedShards());
    // the test default: reported, counted, not enforced (GatewayLimitsTest enforces Discord's)
    assertThat(r.body().path("session_start_limit").path("max_concurrency").asInt())
        .isEqualTo(emu.config().identifyLimits().maxConcurrency());
    assertThat(r.body().path("session_start_limit").path("total").asInt()).isEqualTo(1000);
    assertThat(r.body().path("session_start_limit").path("remaining").asInt())
        .isEqualTo(1000 - emu.gateway().identifyCount());
  }
}
