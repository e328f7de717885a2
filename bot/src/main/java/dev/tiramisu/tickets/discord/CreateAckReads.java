package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.common.Actor;
import dev.tiramisu.tickets.common.Refusal;
import dev.tiramisu.tickets.settings.FormQuestion;
import dev.tiramisu.tickets.settings.GuildSettings;
import dev.tiramisu.tickets.settings.SettingsService;
import dev.tiramisu.tickets.settings.TicketType;
import dev.tiramisu.tickets.settings.TicketTypes;
import dev.tiramisu.tickets.ticket.Blocklist;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the acknowledgement of a create reads before it chooses between the reason form, a type
 * select, a refusal and holding the reply back: the guild's settings, the member's blocklist
 * verdict, the types and their forms, and for a panel's click whether the panel was deleted. Read
 * on their own executor and waited for only as long as still lets the interaction be acknowledged
 * within Discord's 3 seconds; past that the caller defers and reads them afterwards.
 */
final class CreateAckReads {
  private static final Logger log = LoggerFactory.getLogger(TicketHandlers.class);
  /** The longest the acknowledgement of a create waits for the guild's settings. */
  static final long BUDGET_MS = 1_500;
  /**
   * The interaction's age by which it must be acknowledged at the latest (Discord allows 3 s;
   * the rest is for the acknowledgement's own round trip and clock differences).
   */
  static final long LATEST_MS = 2_000;

  /** What was read. */
  record Read(GuildSettings settings, Optional<Refusal> blocked, List<TicketType> types,
      Map<Long, List<FormQuestion>> forms, boolean panelRemoved) {}

  private final SettingsService settings;
  private final Blocklist blocklist;
  private final TicketTypes types;
  private final Executor reads;

  /**
   * @param reads runs the reads, so the acknowledgement never waits longer than its budget for
   *     them
   */
  CreateAckReads(SettingsService settings, Blocklist blocklist, TicketTypes types,
      Executor reads) {
    this.settings = settings;
    this.blocklist = blocklist;
    this.types = types;
    this.reads = reads;
  }

  /**
   * The reads if the database answers in time to still acknowledge the interaction within
   * Discord's 3 seconds, else empty.
   *
   * @param panelRemoved for a panel's click, reads whether the panel was deleted; else null
   * @throws dev.tiramisu.tickets.common.StorageUnavailableException if the database failed in time
   */
  Optional<Read> within(IReplyCallback e, long guildId, Actor member,
      BooleanSupplier panelRemoved) {
    long age = Math.max(0,
        System.currentTimeMillis() - e.getTimeCreated().toInstant().toEpochMilli());
    long budget = Math.min(BUDGET_MS, LATEST_MS - age);
    if (budget <= 0) {
      log.info("interaction {}: acknowledged late, without reading the settings", e.getId());
      return Optional.empty();
    }
    CompletableFuture<Read> read;
    try {
      read = CompletableFuture.supplyAsync(() -> new Read(settings.get(guildId),
          blocklist.check(guildId, member), types.list(guildId),
          types.forms().questionsOfGuild(guildId),
          panelRemoved != null && panelRemoved.getAsBoolean()), reads);
    } catch (RejectedExecutionException stopping) {
      return Optional.empty();
    }
    try {
      return Optional.of(read.get(budget, TimeUnit.MILLISECONDS));
    } catch (TimeoutException slow) {
      log.info("guild {}: settings not read within {} ms; deferring without the reason form",
          guildId, budget);
      return Optional.empty();
    } catch (ExecutionException failed) {
      if (failed.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(failed.getCause());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
