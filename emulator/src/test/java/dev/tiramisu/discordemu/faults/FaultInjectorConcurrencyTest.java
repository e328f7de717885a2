package dev.tiramisu.discordemu.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultInjectorConcurrencyTest {

  private final ExecutorService pool = Executors.newFixedThreadPool(8);

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void countsHoldUnderConcurrentRequestsAndReplaces() throws Exception {
    FaultPlan plan = FaultPlan.builder().onRequest("POST *").times(100).serverError(503).build();
    FaultInjector f = new FaultInjector(plan, 3);
    AtomicInteger injected = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      futures.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < 250; i++) {
                  if (f.onRequest("POST", "/channels/{channel.id}/messages").isPresent()) {
                    injected.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> fut : futures) {
      fut.get(30, TimeUnit.SECONDS);
    }
    assertThat(injected.get()).isEqualTo(100);
    assertThat(f.injected()).hasSize(100);

    // Replacing while requests run: every request sees one plan or the other, never a mix.
    f.replace(FaultPlan.none());
    injected.set(0);
    CountDownLatch go = new CountDownLatch(1);
    futures.clear();
    for (int t = 0; t < 4; t++) {
      futures.add(
          pool.submit(
              () -> {
                go.await();
                for (int i = 0; i < 2_000; i++) {
                  f.onRequest("POST", "/x").ifPresent(h -> injected.incrementAndGet());
                }
                return null;
              }));
    }
    go.countDown();
    for (int i = 0; i < 50; i++) {
      f.replace(plan);
    }
    for (Future<?> fut : futures) {
      fut.get(30, TimeUnit.SECONDS);
    }
    // Each of the 50 plans allows at most 100 hits.
    assertThat(injected.get()).isBetween(0, 5_000);
  }
}
