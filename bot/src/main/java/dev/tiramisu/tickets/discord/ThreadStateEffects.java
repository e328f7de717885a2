package dev.tiramisu.tickets.discord;

import dev.tiramisu.tickets.effects.Effect;
import dev.tiramisu.tickets.effects.EffectKind;
import dev.tiramisu.tickets.ticket.Ticket;
import dev.tiramisu.tickets.ticket.TicketService;
import dev.tiramisu.tickets.ticket.TicketState;
import java.time.Duration;
import java.util.List;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.exceptions.RateLimitedException;
import net.dv8tion.jda.api.managers.channel.concrete.ThreadChannelManager;

/**
 * A ticket thread's state on Discord: lock and archive (close), unarchive and unlock (reopen),
 * and the rename, which is its own effect because Discord allows two renames per thread per ten
 * minutes (observed, not documented; the emulator models it).
 *
 * <h2>The rename limit never holds up a close or a reopen</h2>
 *
 * The rename is sent with JDA's {@code complete(false)}: past JDA's rate limiter, so a 429 comes
 * back at once as a {@link RateLimitedException} with Discord's {@code retry_after} instead of
 * JDA queueing the request (and every later PATCH of the thread, which shares its bucket) for up
 * to ten minutes. The effect then waits {@code retry_after} as a PENDING effect that does not
 * hold up the ticket's later effects ({@link EffectKind#mayWait}): the lock and archive, the DM
 * and the log go ahead at once.
 *
 * <p>Discord refuses any change to an archived thread but one that unarchives it (or only sets
 * {@code archived}/{@code locked}), so a rename that comes after the archive unarchives in the
 * same PATCH ({@code name} + {@code archived: false}: one request, refused as a whole by the rename
 * limit) and archives and locks again right after when the ticket is still closed. A later
 * rename of the same ticket (a reopen meanwhile) supersedes a waiting one.
 */
final class ThreadStateEffects {
  /** How the outcome of a rename refused by Discord's rename limit starts. */
  static final String RENAME_LIMITED = "rename limit";
  /**
   * A 429 asking to wait at most this long is the global limit or a busy bucket, which JDA waits
   * for itself; the rename limit asks for minutes.
   */
  private static final long SHORT_WAIT_MILLIS = 10_000;
  private final ThreadLookup threads;

  ThreadStateEffects(ThreadLookup threads) {
    this.threads = threads;
  }

  EffectResult lockAndArchive(Effect e, Ticket t, Guild guild) {
    ThreadChannel thread = threads.find(guild, t);
    if (thread == null) {
      return EffectResult.failed("thread " + t.threadId() + " not found");
    }
    if (thread.isArchived() && thread.isLocked()) {
      return EffectResult.done("thread already locked and archived");
    }
    thread.getManager().setLocked(true).setArchived(true).complete();
    return EffectResult.done("locked, archived");
  }

  EffectResult unarchiveAndUnlock(Effect e, Ticket t, Guild guild) {
    ThreadChannel thread = threads.find(guild, t);
    if (thread == null) {
      return EffectResult.failed("thread " + t.threadId() + " not found");
    }
    if (!thread.isArchived() && !thread.isLocked()) {
      return EffectResult.done("thread already open");
    }
    thread.getManager().setArchived(false).setLocked(false).complete();
    return EffectResult.done("unarchived, unlocked");
  }

  /**
   * @param t the ticket as it is now (re-read)
   * @param chain the ticket's effects, to see whether a later rename supersedes this one and
   *     whether the close's lock is still to come
   */
  private static ThreadChannelManager renamePatch(ThreadChannel thread, String name,
      boolean unarchive, boolean lock) {
    ThreadChannelManager patch = thread.getManager().setName(name);
    if (lock) {
      return patch.setLocked(true).setArchived(true);
    }
    return unarchive ? patch.setArchived(false) : patch;
  }

  /** How the outcome of a rename that also locked and archived the thread ends. */
  static final String LOCKED_WITH_RENAME = "locked and archived with the rename";

  /**
   * Whether the ticket's next pending effect after {@code rename} is its close's lock: then the
   * rename sends the lock too (the close records them one after the other; chains recorded
   * before, with the transcript between them, keep two PATCHes).
   */
  private static boolean lockIsNext(Effect rename, List<Effect> chain) {
    for (Effect x : chain) {
      if (x.id() > rename.id() && x.isPending()) {
        return x.kind() == EffectKind.CLOSE_THREAD;
      }
    }
    return false;
  }

  /**
   * Why a CLOSE_THREAD is done without a request, or null: the rename just before it locked and
   * archived the thread in its PATCH.
   */
  static String doneWithoutRequest(Effect close, List<Effect> chain) {
    Effect rename = null;
    for (Effect x : chain) {
      if (x.id() < close.id() && x.kind() == EffectKind.RENAME_THREAD) {
        rename = x;
      }
    }
    return rename != null && rename.state() == dev.tiramisu.tickets.effects.EffectState.DONE
        && rename.outcome() != null && rename.outcome().endsWith(LOCKED_WITH_RENAME)
        ? "done by the rename: " + LOCKED_WITH_RENAME : null;
  }

  EffectResult rename(Effect e, Ticket t, Guild guild, List<Effect> chain) {
    boolean superseded = chain.stream()
        .anyMatch(x -> x.id() > e.id() && x.kind() == EffectKind.RENAME_THREAD);
    if (superseded) {
      return EffectResult.done("superseded by a later rename");
    }
    ThreadChannel thread = threads.find(guild, t);
    if (thread == null) {
      return EffectResult.failed("thread " + t.threadId() + " not found");
    }
    String name = e.payload().require(TicketService.NAME);
    boolean wasArchived = thread.isArchived();
    boolean unarchived = false;
    // the close's lock comes next and the thread is active: one PATCH for the name and the lock
    boolean lock = t.state() == TicketState.CLOSED && !wasArchived && lockIsNext(e, chain);
    String outcome;
    if (thread.getName().equals(name)) {
      outcome = "already named";
      if (wasArchived && thread.isLocked() && lockIsNext(e, chain)) {
        outcome += ", " + LOCKED_WITH_RENAME; // an attempt after a crash after the PATCH
      }
    } else {
      try {
        renamePatch(thread, name, wasArchived, lock).complete(false);
      } catch (RateLimitedException limited) {
        if (limited.getRetryAfter() > SHORT_WAIT_MILLIS) {
          return EffectResult.retryAfter(RENAME_LIMITED + ", retry after "
              + limited.getRetryAfter() + " ms", Duration.ofMillis(limited.getRetryAfter()));
        }
        // A short wait (the global limit, a busy bucket) is not the rename limit: JDA waits for
        // it. A new manager: one that was executed may have dropped its changes.
        renamePatch(thread, name, wasArchived, lock).complete();
      }
      unarchived = wasArchived;
      outcome = unarchived ? "unarchived and renamed" : lock ? "renamed, " + LOCKED_WITH_RENAME
          : "renamed";
    }
    if (lock && outcome.endsWith(LOCKED_WITH_RENAME)) {
      return EffectResult.done(outcome);
    }
    // Closed and the close's own lock already done (a rename that waited for the limit, or an
    // attempt after a crash between the two PATCHes): leave the thread as the close left it.
    boolean lockToCome = chain.stream().anyMatch(x -> x.isPending()
        && x.kind() == EffectKind.CLOSE_THREAD && x.id() != e.id());
    boolean closedOnDiscord = !unarchived && wasArchived && thread.isLocked();
    if (t.state() == TicketState.CLOSED && !lockToCome && !closedOnDiscord) {
      thread.getManager().setLocked(true).setArchived(true).complete();
      outcome += ", locked and archived again";
    }
    return EffectResult.done(outcome);
  }
}
