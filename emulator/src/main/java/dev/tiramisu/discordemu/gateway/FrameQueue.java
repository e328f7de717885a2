package dev.tiramisu.discordemu.gateway;

import java.util.ArrayDeque;
import java.util.Deque;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * A connection's outgoing frames: they leave in order, one send at a time, as text or (zlib-stream) binary frames.
 */
final class FrameQueue {
  private final ZlibStream zlib;
  private final Deque<String> queue = new ArrayDeque<>();
  private boolean sending;
  private Session ws;

  /** Whether a send returned and whether it completed, to tell an inline completion from a later one. */
  private static final class Step {
    boolean returned;
    boolean completed;
  }

  /** {@code zlib} null: plain JSON text frames. */
  FrameQueue(ZlibStream zlib) {
    this.zlib = zlib;
  }

  /** The websocket the frames go to, once it is open. */
  synchronized void open(Session ws) {
    this.ws = ws;
  }

  void enqueue(String text) {
    synchronized (this) {
      queue.addLast(text);
      if (sending) {
        return;
      }
      sending = true;
    }
    sendNext();
  }

  /**
   * Sends queued frames one at a time. A send that completes inline continues the loop instead of recursing,
   * so a long replay cannot overflow the stack.
   */
  private void sendNext() {
    while (true) {
      String next;
      Session session;
      synchronized (this) {
        next = queue.pollFirst();
        if (next == null || ws == null || !ws.isOpen()) {
          sending = false;
          queue.clear();
          return;
        }
        session = ws;
      }
      Step step = new Step();
      Callback done = Callback.from(() -> {
        boolean resume;
        synchronized (step) {
          step.completed = true;
          resume = step.returned;
        }
        if (resume) {
          sendNext();
        }
      }, failure -> {
        synchronized (this) {
          sending = false;
          queue.clear();
        }
      });
      if (zlib != null) {
        session.sendBinary(zlib.deflate(next), done);
      } else {
        session.sendText(next, done);
      }
      synchronized (step) {
        step.returned = true;
        if (!step.completed) {
          return; // the callback continues when the send completes
        }
      }
    }
  }
}
