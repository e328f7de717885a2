package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.settings.SettingsService;
import dev.tiramisu.tickets.ticket.Ticket;
import java.util.List;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;

/**
 * Finds a ticket's thread: JDA's cache first; then Discord's list of the guild's active threads
 * (a thread created by a process that died may not be cached yet); then the archived private
 * threads of the ticket channel (an archived thread is not in the cache after a restart).
 */
final class ThreadLookup {
  private final SettingsService settings;

  ThreadLookup(SettingsService settings) {
    this.settings = settings;
  }

  /** The ticket's thread, or null if it has none or Discord no longer has it. */
  ThreadChannel find(Guild guild, Ticket t) {
    if (t.threadId() == null) {
      return null;
    }
    long id = t.threadId();
    ThreadChannel cached = guild.getThreadChannelById(id);
    if (cached != null && built(cached)) {
      return cached;
    }
    for (ThreadChannel th : guild.retrieveActiveThreads().complete()) {
      if (th.getIdLong() == id) {
        return th;
      }
    }
    Long parentId = settings.get(guild.getIdLong()).ticketChannelId();
    TextChannel parent = parentId == null ? null : guild.getTextChannelById(parentId);
    if (parent == null) {
      return null;
    }
    for (ThreadChannel th : parent.retrieveArchivedPrivateThreadChannels()) {
      if (th.getIdLong() == id) {
        return th;
      }
    }
    requireCacheReady(guild);
    return null;
  }

  /**
   * Whether JDA has finished building a cached thread. JDA puts a thread it learns of from the
   * gateway (THREAD_CREATE) into its cache before it sets the thread's parent channel, and that
   * copy can replace the one our own create request just built; until the parent is set,
   * {@code getParentChannel()}, and so the permission check of every send, pin or PUT on the
   * thread, throws a NullPointerException. Such a thread is looked up in Discord's list of active
   * threads instead, which makes JDA finish building the same cached object.
   */
  static boolean built(ThreadChannel thread) {
    try {
      return thread.getParentChannel() != null;
    } catch (NullPointerException halfBuilt) {
      return false;
    }
  }

  /**
   * "Not found" is only an answer while JDA's cache holds the guild: while JDA identifies anew
   * (a dropped gateway connection) it cannot build the threads Discord lists (it drops them,
   * "Missing guild"), so the lookup is retried instead of settled as not found.
   *
   * @throws IllegalStateException (retried by the effects worker) while the cache is rebuilt
   */
  private static void requireCacheReady(Guild guild) {
    JDA jda = guild.getJDA();
    if (jda.getStatus() != JDA.Status.CONNECTED || jda.getGuildById(guild.getIdLong()) == null) {
      throw new IllegalStateException("guild " + guild.getIdLong()
          + " not in JDA's cache (reconnecting): thread lookup retried");
    }
  }

  /** Active threads under {@code parentId} named {@code name}, from Discord (not the cache). */
  List<ThreadChannel> activeNamed(Guild guild, long parentId, String name) {
    return guild.retrieveActiveThreads().complete().stream()
        .filter(th -> th.getParentChannel().getIdLong() == parentId)
        .filter(th -> th.getName().equals(name))
        .toList();
  }
}
