package dev.mcpkit.session.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to; thread-safe. */
final class ManualClock implements InstantSource {
  private final AtomicLong millis;

  ManualClock() {
    this(Instant.parse("2026-11-25T12:00:00Z"));
  }

  ManualClock(Instant start) {
    millis = new AtomicLong(start.toEpochMilli());
  }

  @Override
  public long millis() {
    return millis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.get());
  }

  void advance(Duration by) {
    millis.addAndGet(by.toMillis());
  }
}
