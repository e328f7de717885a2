package dev.tiramisu.discordemu.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateLimiterConcurrencyTest {

  private static final String MESSAGES = "/channels/{channel.id}/messages";
  private static final int THREADS = 8;

  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  /**
   * Round after round, all threads fall on a fresh channel at once (the moment a bucket is created
   * and its window opened is the most racy); each channel must allow exactly 5.
   */
  @Test
  void frozenClockAllowsExactlyTheLimit() throws Exception {
    MutableClock clock = new MutableClock(1_700_000_000_000L);
    RateLimiter limiter = new RateLimiter(RateLimitConfig.defaults(), clock);
    int rounds = 300;
    AtomicIntegerArray allowed = new AtomicIntegerArray(rounds);
    CyclicBarrier barrier = new CyclicBarrier(THREADS);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      futures.add(
          pool.submit(
              () -> {
                for (int round = 0; round < rounds; round++) {
                  Map<String, String> channel = Map.of("channel.id", "C" + round);
                  barrier.await(10, TimeUnit.SECONDS);
                  for (int i = 0; i < 4; i++) {
                    // Distinct bot tokens per round keep the global limit out of the way.
                    if (limiter.check("POST", MESSAGES, channel, false, "bot" + round).allowed()) {
                      allowed.incrementAndGet(round);
                    }
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get(30, TimeUnit.SECONDS);
    }
    for (int round = 0; round < rounds; round++) {
      assertThat(allowed.get(round)).as("channel C%d", round).isEqualTo(5);
    }
  }

  /**
   * Threads hammer one bucket while the clock moves. Every allowed response names its window by its
   * {@code X-RateLimit-Reset}; within one window no more than the limit may be allowed, and no two
   * allowed requests may have seen the same {@code X-RateLimit-Remaining}.
   */
  @Test
  void movingClockNeverAllowsMoreThanTheLimitPerWindow() throws Exception {
    MutableClock clock = new MutableClock(1_700_000_000_000L);
    RateLimitConfig config =
        RateLimitConfig.builder()
            .globalLimitEnabled(false)
            .route("POST " + MESSAGES, BucketSpec.of(7, Duration.ofMillis(100)))
            .build();
    RateLimiter limiter = new RateLimiter(config, clock);
    ConcurrentLinkedQueue<String[]> seen = new ConcurrentLinkedQueue<>();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong calls = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      futures.add(
          pool.submit(
              () -> {
                start.await();
                while (running.get()) {
                  Decision d =
                      limiter.check("POST", MESSAGES, Map.of("channel.id", "A"), false, "bot");
                  calls.incrementAndGet();
                  if (d.allowed()) {
                    seen.add(
                        new String[] {
                          d.header("X-RateLimit-Reset"), d.header("X-RateLimit-Remaining")
                        });
                  }
                }
                return null;
              }));
    }
    start.countDown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    for (int step = 0; step < 120; step++) {
      clock.advanceMillis(37); // windows open at odd moments, not aligned to the steps
      // Let the workers make a few hundred calls at this clock value (no sleeping).
      long target = calls.get() + 100;
      while (calls.get() < target && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
    }
    running.set(false);
    for (Future<?> f : futures) {
      f.get(30, TimeUnit.SECONDS);
    }

    Map<String, Set<String>> remainingByWindow = new HashMap<>();
    Map<String, Integer> countByWindow = new HashMap<>();
    for (String[] s : seen) {
      countByWindow.merge(s[0], 1, Integer::sum);
      assertThat(remainingByWindow.computeIfAbsent(s[0], k -> new HashSet<>()).add(s[1]))
          .as("remaining %s seen twice in window %s", s[1], s[0])
          .isTrue();
    }
    // 120 steps of 37 ms over 100 ms windows: about 40 windows, nearly all used up.
    assertThat(countByWindow).hasSizeGreaterThan(20);
    assertThat(countByWindow.values().stream().filter(n -> n == 7).count()).isGreaterThan(20);
    assertThat(countByWindow.values()).allSatisfy(n -> assertThat(n).isBetween(1, 7));
  }
}
