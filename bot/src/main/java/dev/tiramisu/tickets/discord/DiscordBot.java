package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.settings.SettingsService;
import dev.tiramisu.tickets.text.Messages;
import dev.tiramisu.tickets.ticket.TicketService;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Discord side of the bot: one JDA client, its interaction router and the handlers' executor.
 *
 * <p>JDA is built light: no privileged intents (only GUILDS, which JDA always sends), no member
 * cache beyond the bot itself, since interactions carry the member who acts. Commands are
 * registered once at start: globally, or in one guild when a development guild is given.
 */
public final class DiscordBot implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DiscordBot.class);
  private static final int HANDLER_THREADS = 4;

  private final JDA jda;
  private final ExecutorService executor;

  private DiscordBot(JDA jda, ExecutorService executor) {
    this.jda = jda;
    this.executor = executor;
  }

  /**
   * Connects, waits until the guilds are loaded and registers the commands.
   *
   * @param endpoint a local Discord, or null for discord.com
   * @param devGuild register commands in this guild only
   */
  public static DiscordBot start(String token, DiscordEndpoint endpoint, OptionalLong devGuild,
      TicketService tickets, SettingsService settings, Messages messages, Clock clock) {
    Objects.requireNonNull(token, "token");
    ExecutorService executor = Executors.newFixedThreadPool(HANDLER_THREADS, named());
    Replies replies = new Replies(messages);
    InteractionRouter router = new InteractionRouter(executor,
        new TicketHandlers(tickets, settings, replies, new PendingCloseReasons(clock)),
        new SettingHandlers(settings, replies), replies);
    JDABuilder builder =
        JDABuilder.createLight(token, EnumSet.noneOf(GatewayIntent.class))
            .addEventListeners(router);
    if (endpoint != null) {
      builder
          .setRestConfig(new RestConfig().setBaseUrl(endpoint.restBaseUrl()))
          .setSessionController(new SessionControllerAdapter() {
            @Override
            public String getGateway() {
              return endpoint.gatewayUrl();
            }
          });
    }
    JDA jda = builder.build();
    try {
      jda.awaitReady();
      if (devGuild.isPresent()) {
        Guild g = jda.getGuildById(devGuild.getAsLong());
        if (g == null) {
          throw new IllegalStateException("the bot is not in DEV_GUILD_ID " + devGuild.getAsLong());
        }
        g.updateCommands().addCommands(CommandCatalog.all(messages)).complete();
        log.info("commands registered in guild {}", devGuild.getAsLong());
      } else {
        jda.updateCommands().addCommands(CommandCatalog.all(messages)).complete();
        log.info("commands registered globally");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      shutdown(jda, executor);
      throw new IllegalStateException("interrupted while connecting to Discord", e);
    } catch (RuntimeException e) {
      shutdown(jda, executor);
      throw e;
    }
    return new DiscordBot(jda, executor);
  }

  /** The client, for the wiring and tests. */
  public JDA jda() {
    return jda;
  }

  @Override
  public void close() {
    shutdown(jda, executor);
  }

  private static void shutdown(JDA jda, ExecutorService executor) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    jda.shutdown();
    try {
      if (!jda.awaitShutdown(Duration.ofSeconds(10))) {
        jda.shutdownNow();
        jda.awaitShutdown(Duration.ofSeconds(5));
      }
    } catch (InterruptedException e) {
      jda.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory named() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "tickets-handler-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
