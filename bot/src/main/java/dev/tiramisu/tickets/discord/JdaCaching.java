package dev.tiramisu.tickets.discord;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.guild.GuildJoinEvent;
import net.dv8tion.jda.api.events.guild.GuildReadyEvent;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.internal.utils.UnlockHook;
import net.dv8tion.jda.internal.utils.cache.ReadWriteLockCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What JDA caches for the bot, and why. The bot's heap at scale is almost all JDA's cache of
 * guilds, channels, roles and permission overwrites (see docs/discord.md, "What JDA caches").
 *
 * <p><b>Off</b> ({@link DefaultShardManagerBuilder#createLight}): every {@link
 * net.dv8tion.jda.api.utils.cache.CacheFlag} (emojis, stickers, soundboard sounds, scheduled
 * events, voice states, presences: the bot reads none), members (member cache policy NONE, no
 * chunking, no GUILD_MEMBERS intent: an interaction carries the member who acts, with roles and
 * permissions, and the few members the bot needs otherwise are fetched by REST when asked).
 *
 * <p><b>On</b>, because JDA always caches them with the GUILDS intent and the bot reads them:
 * guilds; text channels and threads (ticket, log and panel channels, {@link ThreadLookup});
 * roles (the staff role, the roles of an interaction's member, permission checks); permission
 * overwrites (every {@link BotPermissions} check runs on the cached channel, as Discord would);
 * voice channels and categories, read rarely but by id ({@code /setting set ticket_channel} says a
 * voice channel is not a text channel; transcripts name the channels mentioned). JDA has no switch
 * to leave a channel type out, and dropping entities from its cache behind its back would turn
 * its later events for them into cached "unknown entity" events.
 *
 * <p><b>Compacted</b>: JDA keeps each guild's caches in Trove hash maps created at Trove's
 * default capacity (23 slots: about 400 bytes even when empty), about 15 per guild (one per
 * channel type, roles, emojis, stickers, members, voice states...) plus one per channel for its
 * overwrites: at 10,000 guilds of 14 channels, about 290,000 maps and 80 MiB, most of them empty
 * or nearly. Once a guild is loaded ({@link GuildReadyEvent}, {@link GuildJoinEvent}), {@link
 * #compact} shrinks each of its maps to what it holds (Trove's {@code compact()}), under the
 * lock JDA itself takes for that map (the cache view's write lock, the overwrite map's monitor),
 * so no reader sees a map mid-rehash; a map grows again as JDA adds to it. This reaches into
 * JDA's internals (the cache views' fields): if a JDA version moves them, compaction logs once
 * and stops, and the bot works as before, only with more heap ({@code JdaCachingE2ETest} fails
 * then, so the upgrade notices).
 */
public final class JdaCaching {
  private static final Logger log = LoggerFactory.getLogger(JdaCaching.class);
  private static final AtomicBoolean broken = new AtomicBoolean();
  /** The fields of a class (and its superclasses) that may hold a map to compact. */
  private static final ClassValue<List<Field>> MAP_FIELDS = new ClassValue<>() {
    @Override
    protected List<Field> computeValue(Class<?> type) {
      List<Field> out = new ArrayList<>();
      for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
        for (Field f : c.getDeclaredFields()) {
          Class<?> t = f.getType();
          if (!Modifier.isStatic(f.getModifiers()) && !t.isPrimitive()
              && (ReadWriteLockCache.class.isAssignableFrom(t) || Map.class.isAssignableFrom(t)
                  || t.getName().startsWith("gnu.trove."))) {
            f.setAccessible(true);
            out.add(f);
          }
        }
      }
      return List.copyOf(out);
    }
  };

  private JdaCaching() {}

  /** JDA's light builder with the bot's intents, and the compaction of each loaded guild. */
  static DefaultShardManagerBuilder builder(String token, Collection<GatewayIntent> intents) {
    return DefaultShardManagerBuilder.createLight(token, intents)
        .addEventListeners(new Compactor());
  }

  /** Compacts a guild's caches once JDA has loaded it. */
  static final class Compactor implements EventListener {
    @Override
    public void onEvent(GenericEvent event) {
      if (event instanceof GuildReadyEvent e) {
        compact(e.getGuild());
      } else if (event instanceof GuildJoinEvent e) {
        compact(e.getGuild());
      }
    }
  }

  /**
   * Shrinks the Trove maps of {@code guild}'s caches and of its channels' overwrites to their
   * contents; returns how many maps it compacted (0 once compaction is found not to work with
   * this JDA). Public for the test that notices when a JDA upgrade breaks it.
   */
  public static int compact(Guild guild) {
    if (broken.get()) {
      return 0;
    }
    try {
      int n = compactViews(guild);
      for (GuildChannel channel : guild.getChannels()) {
        n += compactViews(channel);
      }
      return n;
    } catch (ReflectiveOperationException | RuntimeException e) {
      if (broken.compareAndSet(false, true)) {
        log.info("JDA's caches are not compacted (this JDA version keeps them differently: {});"
            + " the bot works the same with more heap", e.toString());
      }
      return 0;
    }
  }

  /** Compacts every cache view and overwrite map held in {@code owner}'s fields. */
  private static int compactViews(Object owner) throws ReflectiveOperationException {
    int n = 0;
    for (Field f : MAP_FIELDS.get(owner.getClass())) {
      Object value = f.get(owner);
      if (value instanceof ReadWriteLockCache<?> view) {
        try (UnlockHook hook = view.writeLock()) {
          n += compactHeld(view);
        }
      } else if (value != null && value.getClass() == SYNC) {
        n += compactSynchronized(value);
      }
    }
    return n;
  }

  /** Compacts the maps in {@code view}'s own fields (its lock is held). */
  private static int compactHeld(Object view) throws ReflectiveOperationException {
    int n = 0;
    for (Field f : MAP_FIELDS.get(view.getClass())) {
      Object value = f.get(view);
      if (isHash(value)) {
        COMPACT.invoke(value);
        n++;
      } else if (value instanceof Map<?, ?> byType) { // a channel view: one map per type
        for (Object m : byType.values()) {
          if (isHash(m)) {
            COMPACT.invoke(m);
            n++;
          }
        }
      }
    }
    return n;
  }

  /*
   * Trove is JDA's runtime dependency, not the bot's compile-time one: its classes are looked up
   * by name. THash is every Trove hash map's base class (compact() shrinks it to its contents);
   * TSynchronizedLongObjectMap wraps a map ("m") and locks on "mutex" for every access.
   */
  private static final Class<?> HASH;
  private static final Method COMPACT;
  private static final Class<?> SYNC;
  private static final Field SYNC_MAP;
  private static final Field SYNC_MUTEX;

  static {
    Class<?> hash = null;
    Method compact = null;
    Class<?> sync = null;
    Field map = null;
    Field mutex = null;
    try {
      hash = Class.forName("gnu.trove.impl.hash.THash");
      compact = hash.getMethod("compact");
      sync = Class.forName("gnu.trove.impl.sync.TSynchronizedLongObjectMap");
      map = sync.getDeclaredField("m");
      mutex = sync.getDeclaredField("mutex");
      map.setAccessible(true);
      mutex.setAccessible(true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      broken.set(true);
      log.info("JDA's caches are not compacted (Trove's maps changed: {}); the bot works the"
          + " same with more heap", e.toString());
    }
    HASH = hash;
    COMPACT = compact;
    SYNC = sync;
    SYNC_MAP = map;
    SYNC_MUTEX = mutex;
  }

  private static boolean isHash(Object value) {
    return value != null && HASH.isInstance(value);
  }

  /** Compacts a synchronized map (a channel's overwrites) under its monitor, as Trove locks. */
  private static int compactSynchronized(Object sync) throws ReflectiveOperationException {
    Object inner = SYNC_MAP.get(sync);
    if (!isHash(inner)) {
      return 0;
    }
    synchronized (SYNC_MUTEX.get(sync)) {
      COMPACT.invoke(inner);
    }
    return 1;
  }
}
