package dev.tiramisu.tickets.bench;

import dev.tiramisu.discordemu.Emulator;
import dev.tiramisu.discordemu.EmulatorState;
import dev.tiramisu.discordemu.driver.InteractionHandle;
import dev.tiramisu.discordemu.driver.MessageView;
import dev.tiramisu.discordemu.model.Interaction;
import dev.tiramisu.discordemu.model.Message;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Waits for many members' replies with one thread. {@code InteractionHandle.awaitReply()} waits
 * on the emulator's state, re-checking every 10 ms under its lock: with 200 members waiting at
 * once that would be 20,000 checks a second competing with the emulator's own request handling
 * for the lock, and would slow down what is being measured. Here one thread re-checks every
 * pending reply after each change of the state and completes its future.
 */
final class ReplyWatcher implements AutoCloseable {
  private static final int FLAG_LOADING = 1 << 7;

  private final Emulator emu;
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean stopped;

  private record Pending(long interactionId, Predicate<MessageView> done,
      CompletableFuture<MessageView> future) {}

  ReplyWatcher(Emulator emu) {
    this.emu = emu;
    this.thread = new Thread(this::run, "bench-reply-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * The member's visible reply (the original response once it is no longer "thinking", else the
   * first follow-up) once it satisfies {@code done}.
   */
  CompletableFuture<MessageView> when(InteractionHandle h, Predicate<MessageView> done) {
    CompletableFuture<MessageView> f = new CompletableFuture<>();
    pending.put(h.id, new Pending(h.id, done, f));
    synchronized (emu.state()) {
      emu.state().changed();
    }
    return f;
  }

  /** {@link #when}, waited for up to {@code timeout}. */
  MessageView await(InteractionHandle h, Predicate<MessageView> done, Duration timeout)
      throws InterruptedException {
    CompletableFuture<MessageView> f = when(h, done);
    try {
      return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      pending.remove(h.id);
      MessageView now = h.original();
      throw new IllegalStateException("interaction " + h.id + ": no expected reply within "
          + timeout.toSeconds() + " s; it shows: " + (now == null ? "nothing" : now.text()));
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private void run() {
    while (!stopped) {
      try {
        emu.await("a reply", Duration.ofHours(24), this::sweep);
      } catch (AssertionError | RuntimeException e) {
        if (!stopped) {
          pending.values().forEach(p -> p.future().completeExceptionally(e));
          pending.clear();
        }
      }
    }
  }

  /** Under the state's lock: completes every pending reply that is done; true to stop waiting. */
  private boolean sweep() {
    if (stopped) {
      return true;
    }
    EmulatorState s = emu.state();
    for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
      Pending p = it.next();
      Interaction i = s.interactions.get(p.interactionId());
      Message m = i == null ? null : visible(s, i);
      if (m == null) {
        continue;
      }
      MessageView v = MessageView.of(m);
      if (p.done().test(v)) {
        it.remove();
        p.future().complete(v);
      }
    }
    return false;
  }

  private static Message visible(EmulatorState s, Interaction i) {
    if (i.callbackType == 0 || i.callbackType == 9) {
      return null;
    }
    if (i.originalMessageId != null && i.callbackType != 6) {
      Message m = s.messages.get(i.originalMessageId);
      if (m != null && (m.flags & FLAG_LOADING) == 0) {
        return m;
      }
    }
    for (long f : i.followupIds) {
      Message m = s.messages.get(f);
      if (m != null) {
        return m;
      }
    }
    return null;
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    synchronized (emu.state()) {
      emu.state().changed();
    }
    thread.join(5_000);
  }
}
