package dev.mcpkit.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * A clock the benchmark moves by hand, so that exactly the sessions it means to expire are past
 * their deadline. Thread-safe: the time is a volatile field, written by one thread at a time.
 */
final class ManualClock implements InstantSource {
  private volatile long millis;

  ManualClock(Instant start) {
    this.millis = start.toEpochMilli();
  }

  void advance(Duration step) {
    millis += step.toMillis(); // only the benchmark's setup thread advances the clock
  }

  @Override
  public long millis() {
    return millis;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis);
  }
}
