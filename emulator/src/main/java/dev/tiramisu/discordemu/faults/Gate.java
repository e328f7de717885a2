package dev.tiramisu.discordemu.faults;

import java.time.Duration;
import java.util.Locale;

/**
 * Holds one REST request at the emulator until a test releases it: for crash tests that must stop a client (even
 * kill its process) while a given request is in flight. Made by {@link FaultInjector#gate(String)} or {@link
 * FaultInjector#gate(String, int)}.
 *
 * <pre>{@code
 * Gate g = emu.faults().gate("POST /channels/{channel.id}/threads");   // the next matching request
 * // ... make the bot (another JVM) send it ...
 * g.awaitArrived(Duration.ofSeconds(30));   // fully received and held; nothing of it has happened yet
 * botProcess.destroyForcibly();             // SIGKILL: the client is gone
 * g.release();                              // processed exactly as it would have been; only the answer is lost
 * g.awaitProcessed(Duration.ofSeconds(10)); // its state change is made and its log entry written
 * }</pre>
 *
 * <p>The request is held after it was fully received and routed, before validation, fault injection, rate limits
 * and its handler, on its own server thread: other requests go on being served while it waits. A held request is
 * processed whether or not its client is still connected, as Discord processes a request it received in full.
 *
 * <p>A gate holds one request, the {@code nth} one matching its route from its creation on (1 = the next); after
 * that it is spent and matching requests pass. {@link #release()} before the request arrives opens the gate: the
 * request then passes without waiting, and {@link #awaitProcessed} still waits for it. {@code Emulator.reset()} and
 * {@code Emulator.close()} release every gate, so nothing stays blocked. Thread-safe.
 */
public final class Gate {
  private final RouteMatcher route;
  private final int nth;
  private int matches;
  private String arrived; // "METHOD /path" of the held request, once it arrived
  private boolean released;
  private boolean processed;
  private boolean closed;

  Gate(String route, int nth) {
    if (nth < 1) {
      throw new IllegalArgumentException("nth is 1-based, got " + nth);
    }
    this.route = RouteMatcher.parse(route);
    this.nth = nth;
  }

  /** The route pattern, as given. */
  public String route() {
    return route.toString();
  }

  /** Which matching request (1-based, counted from the gate's creation) this gate holds. */
  public int nth() {
    return nth;
  }

  /**
   * Called by the server for every request: when it is this gate's request, blocks it until {@link #release()}.
   *
   * @return true when this gate took the request (its processing must then be reported with {@link #processed()})
   */
  synchronized boolean take(String method, String normalizedTemplate, String path) {
    if (matches >= nth || !route.matches(method.toUpperCase(Locale.ROOT), normalizedTemplate)) {
      return false;
    }
    if (++matches < nth) {
      return false;
    }
    arrived = method.toUpperCase(Locale.ROOT) + ' ' + path;
    notifyAll();
    boolean interrupted = false;
    while (!released) {
      try {
        wait();
      } catch (InterruptedException e) {
        interrupted = true; // the server stopping; released by close() right after
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return true;
  }

  /** Called by the server once the request this gate took was processed (state changed, log entry written). */
  synchronized void processed() {
    processed = true;
    notifyAll();
  }

  /**
   * Waits until the request is held here (or went through, if the gate was released before it came).
   *
   * @return the request, {@code "POST /channels/123/threads"}
   * @throws AssertionError if it did not arrive in time (saying how many matching requests came), or the emulator
   *     was reset or closed before it arrived
   */
  public synchronized String awaitArrived(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (arrived == null) {
      if (closed) {
        throw new AssertionError("gate " + this + " was closed (emulator reset or closed) before its request arrived");
      }
      waitUntil(deadline, "request #" + nth + " matching \"" + route + "\" to arrive at the gate (" + matches
          + " matching request(s) came)", timeout);
    }
    return arrived;
  }

  /** Whether the request is held or was held here. */
  public synchronized boolean hasArrived() {
    return arrived != null;
  }

  /** Lets the held request go on (or opens the gate for it, if it has not arrived yet). Idempotent. */
  public synchronized void release() {
    released = true;
    notifyAll();
  }

  /**
   * Waits until the request was processed after its release: its state change (if any) is made and its request
   * log entry written; its response may still be on its way to a client that is perhaps gone.
   *
   * @throws AssertionError on timeout, or if the gate was never released and the emulator closed
   */
  public synchronized void awaitProcessed(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!processed) {
      if (closed && arrived == null) {
        throw new AssertionError("gate " + this + " was closed before its request arrived");
      }
      waitUntil(deadline, "request #" + nth + " matching \"" + route + "\" to be processed ("
          + (arrived == null ? "it has not arrived" : released ? "released" : "still held: call release()") + ")",
          timeout);
    }
  }

  /** Whether the request this gate took was processed. */
  public synchronized boolean isProcessed() {
    return processed;
  }

  /** Releases the gate for good (the emulator resets or closes). */
  synchronized void close() {
    closed = true;
    release();
  }

  private void waitUntil(long deadline, String what, Duration timeout) {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
    }
    try {
      wait(left / 1_000_000 + 1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + what, e);
    }
  }

  @Override
  public synchronized String toString() {
    return "Gate[" + route + " #" + nth + (arrived == null ? "" : ", held " + arrived)
        + (released ? ", released" : "") + (processed ? ", processed" : "") + "]";
  }
}
