package dev.tiramisu.tickets.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The pacer's permits on a clock the test moves: no sleeps, no timing. */
class GlobalPacerTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final GlobalPacer pacer =
      new GlobalPacer(50, now::get, new RateLimitLog((task, delay) -> { }));

  @Test
  void fifty_requests_start_at_once_and_the_next_waits_a_window_after_a_response() {
    List<Integer> permits = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      permits.add(pacer.tryAcquire());
    }
    assertThat(permits).doesNotContain(-1).doesNotHaveDuplicates();
    assertThat(pacer.tryAcquire()).as("51st in the same instant").isEqualTo(-1);
    assertThat(pacer.nextFreeMillis()).as("all in flight: not before a window from now")
        .isEqualTo(now.get() + 1000);

    now.addAndGet(7);
    pacer.release(permits.get(3)); // its response came back 7 ms after it started
    assertThat(pacer.nextFreeMillis()).isEqualTo(now.get() + 1000);
    now.addAndGet(999);
    assertThat(pacer.tryAcquire()).as("1 ms before the window ends").isEqualTo(-1);
    now.addAndGet(1);
    assertThat(pacer.tryAcquire()).isEqualTo(permits.get(3));
    assertThat(pacer.tryAcquire()).as("the others are still in flight").isEqualTo(-1);
  }

  @Test
  void a_free_permit_is_reported_as_free_now() {
    assertThat(pacer.nextFreeMillis()).isLessThanOrEqualTo(now.get());
    int p = pacer.tryAcquire();
    pacer.release(p);
    now.addAndGet(2000);
    assertThat(pacer.nextFreeMillis()).isLessThanOrEqualTo(now.get());
  }

  @Test
  void a_permit_is_given_back_once() {
    int p = pacer.tryAcquire();
    pacer.release(p);
    assertThatThrownBy(() -> pacer.release(p)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void discord_never_receives_more_than_the_limit_in_any_window_whatever_the_latency() {
    // Requests start whenever a permit is free; each reaches Discord at a random point of its
    // round trip. Whatever the latencies, any 1000 ms of arrivals holds at most 50.
    Random random = new Random(42);
    record InFlight(long done, int permit) {}
    PriorityQueue<InFlight> inFlight =
        new PriorityQueue<>((a, b) -> Long.compare(a.done, b.done));
    List<Long> arrivals = new ArrayList<>();
    long start = now.get();
    while (now.get() < start + 20_000) {
      while (!inFlight.isEmpty() && inFlight.peek().done <= now.get()) {
        pacer.release(inFlight.poll().permit);
      }
      int burst = random.nextInt(8);
      for (int i = 0; i < burst; i++) {
        int p = pacer.tryAcquire();
        if (p < 0) {
          break;
        }
        long latency = random.nextInt(300);
        arrivals.add(now.get() + (latency == 0 ? 0 : random.nextInt((int) latency + 1)));
        inFlight.add(new InFlight(now.get() + latency, p));
      }
      now.incrementAndGet();
    }
    arrivals.sort(null);
    assertThat(arrivals.size()).as("the limit is used, not only respected").isGreaterThan(600);
    for (int i = 50; i < arrivals.size(); i++) {
      assertThat(arrivals.get(i) - arrivals.get(i - 50))
          .as("arrival %d and the 50th before it", i).isGreaterThanOrEqualTo(1000);
    }
  }

  @Test
  void threads_racing_for_permits_get_exactly_the_limit() throws Exception {
    int threads = 8;
    ConcurrentLinkedQueue<Integer> taken = new ConcurrentLinkedQueue<>();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> all = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread th = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < 100; i++) {
          int p = pacer.tryAcquire();
          if (p >= 0) {
            taken.add(p);
          }
        }
      });
      th.start();
      all.add(th);
    }
    go.countDown();
    for (Thread th : all) {
      th.join();
    }
    assertThat(taken).hasSize(50).doesNotHaveDuplicates();
  }

  @Test
  void a_negative_limit_is_refused() {
    assertThatThrownBy(() -> GlobalPacer.of(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
