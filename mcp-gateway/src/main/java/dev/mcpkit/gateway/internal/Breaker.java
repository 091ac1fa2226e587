package dev.mcpkit.gateway.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A circuit breaker per upstream, shared by every client session: after {@code threshold}
 * consecutive failures to get any answer (timeouts, connection failures; a JSON-RPC error is an
 * answer) it opens for {@code cooldown}, during which calls fail at once instead of waiting for a
 * dead upstream; then one call at a time is let through until one succeeds.
 *
 * <p>Thread-safe: two atomics, updated without locks; races between failures only shift the moment
 * the breaker opens by a call.
 */
final class Breaker {
  private final int threshold;
  private final long cooldownNanos;
  private final AtomicInteger failures = new AtomicInteger();

  /**
   * When the open breaker lets a trial call through, by {@link System#nanoTime()}; 0 when closed.
   */
  private final AtomicLong openUntil = new AtomicLong();

  Breaker(int threshold, Duration cooldown) {
    this.threshold = threshold;
    this.cooldownNanos = cooldown.toNanos();
  }

  /**
   * Whether a call may go to the upstream now; when open, lets one trial call through per cooldown.
   */
  boolean allows() {
    long until = openUntil.get();
    if (until == 0) {
      return true;
    }
    long now = System.nanoTime();
    // One caller wins the trial and pushes the next one a cooldown further.
    return now - until >= 0 && openUntil.compareAndSet(until, now + cooldownNanos);
  }

  void succeeded() {
    failures.set(0);
    openUntil.set(0);
  }

  void failed() {
    if (failures.incrementAndGet() >= threshold) {
      openUntil.compareAndSet(0, System.nanoTime() + cooldownNanos);
    }
  }
}
