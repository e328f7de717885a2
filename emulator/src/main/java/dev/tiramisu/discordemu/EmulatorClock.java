package dev.tiramisu.discordemu;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The emulator's clock for its rate limits: the system clock plus an offset that tests move
 * forward ({@link #advance}) instead of waiting, e.g. past Discord's ten-minute rename window.
 * Snowflakes, interaction deadlines and archive timestamps stay on the system clock.
 */
public final class EmulatorClock extends Clock {
  private final AtomicLong offsetMillis = new AtomicLong();

  /** Moves the clock forward by {@code d} (never backwards). */
  public void advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("the clock only moves forward");
    }
    offsetMillis.addAndGet(d.toMillis());
  }

  /** How far the clock was moved in all. */
  public Duration offset() {
    return Duration.ofMillis(offsetMillis.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (!zone.equals(ZoneOffset.UTC)) {
      throw new UnsupportedOperationException("UTC only");
    }
    return this;
  }

  @Override
  public long millis() {
    return System.currentTimeMillis() + offsetMillis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }
}
