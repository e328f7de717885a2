package dev.tiramisu.discordemu.web;

import dev.tiramisu.discordemu.EmulatorState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Server-sent events for the sandbox page: one {@code changed} event (data: the state's version) after every
 * change, coalesced per subscriber, so the page refetches what it shows. One thread blocks on the state's monitor
 * ({@link EmulatorState#await}), woken by each change; a comment line every {@link #KEEP_ALIVE} keeps idle
 * connections open and finds closed ones. No polling.
 */
final class EventStream implements AutoCloseable {
  static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

  private final EmulatorState state;
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private final Thread notifier;
  private volatile boolean closed;

  EventStream(EmulatorState state) {
    this.state = state;
    this.notifier = new Thread(this::run, "sandbox-events");
    notifier.setDaemon(true);
    notifier.start();
  }

  /** Keeps the response open as an event stream; the first event carries the current version. */
  void subscribe(Response response, Callback callback) {
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    Subscriber s = new Subscriber(response, callback);
    if (closed) {
      s.end();
      return;
    }
    subscribers.add(s);
    s.offer("retry: 1000\nevent: changed\ndata: " + state.version() + "\n\n");
  }

  int subscriberCount() {
    return subscribers.size();
  }

  private void run() {
    long seen = state.version();
    while (!closed) {
      long last = seen;
      try {
        state.await(() -> closed || state.version() != last, KEEP_ALIVE, "a change");
      } catch (TimeoutException e) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        subscribers.forEach(s -> s.offer(": keep-alive\n\n"));
        continue;
      }
      if (closed) {
        break;
      }
      seen = state.version();
      String event = "event: changed\ndata: " + seen + "\n\n";
      subscribers.forEach(s -> s.offer(event));
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (state) {
      state.notifyAll(); // wake the notifier blocked in await
    }
    subscribers.forEach(Subscriber::end);
    subscribers.clear();
  }

  /** One open stream. Writes never overlap: while one is in flight, only the newest next event is kept. */
  private final class Subscriber {
    private final Response response;
    private final Callback callback;
    private boolean writing;
    private String pending;
    private boolean done;

    Subscriber(Response response, Callback callback) {
      this.response = response;
      this.callback = callback;
    }

    synchronized void offer(String event) {
      if (done) {
        return;
      }
      if (writing) {
        pending = event;
        return;
      }
      writing = true;
      write(event);
    }

    private void write(String event) {
      response.write(false, ByteBuffer.wrap(event.getBytes(StandardCharsets.UTF_8)),
          Callback.from(this::written, this::failed));
    }

    private synchronized void written() {
      if (pending != null && !done) {
        String next = pending;
        pending = null;
        write(next);
      } else {
        writing = false;
      }
    }

    private void failed(Throwable x) {
      synchronized (this) {
        if (done) {
          return;
        }
        done = true;
      }
      subscribers.remove(this);
      callback.failed(x);
    }

    void end() {
      synchronized (this) {
        if (done) {
          return;
        }
        done = true;
      }
      response.write(true, null, callback);
    }
  }
}
