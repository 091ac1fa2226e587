package dev.mcpkit.gateway.internal;

import dev.mcpkit.gateway.GatewayObserver.BreakerState;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A circuit breaker per upstream, shared by every client session: after {@code threshold}
 * consecutive failures to get any answer (timeouts, connection failures; a JSON-RPC error is an
 * answer) it opens for {@code cooldown}, during which calls fail at once instead of waiting for a
 * dead upstream; then one call at a time is let through until one succeeds.
 *
 * <p>Thread-safe: two atomics, updated without locks; races between failures only shift the moment
 * the breaker opens by a call. Each state change is reported once, by the thread that made it.
 */
final class Breaker {
  private final int threshold;
  private final long cooldownNanos;
  private final AtomicInteger failures = new AtomicInteger();
  private final Consumer<BreakerState> changes;

  /** The state last reported; written on state changes only, never by a closed breaker's calls. */
  private final AtomicReference<BreakerState> reported = new AtomicReference<>(BreakerState.CLOSED);

  /**
   * When the open breaker lets a trial call through, by {@link System#nanoTime()}; 0 when closed.
   */
  private final AtomicLong openUntil = new AtomicLong();

  /**
   * @param changes told of each state change, and now of {@link BreakerState#CLOSED}
   */
  Breaker(int threshold, Duration cooldown, Consumer<BreakerState> changes) {
    this.threshold = threshold;
    this.cooldownNanos = cooldown.toNanos();
    this.changes = changes;
    changes.accept(BreakerState.CLOSED);
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
    if (now - until >= 0 && openUntil.compareAndSet(until, now + cooldownNanos)) {
      report(BreakerState.HALF_OPEN);
      return true;
    }
    return false;
  }

  void succeeded() {
    failures.set(0);
    // Read before writing: the closed breaker of the hot path neither writes nor reports.
    if (openUntil.get() != 0 && openUntil.getAndSet(0) != 0) {
      report(BreakerState.CLOSED);
    }
  }

  /** Tells of a state once per change, whichever thread got there. */
  private void report(BreakerState state) {
    if (reported.getAndSet(state) != state) {
      changes.accept(state);
    }
  }

  void failed() {
    if (failures.incrementAndGet() >= threshold) {
      // Opens a closed breaker; after a failed trial it is open already (the trial pushed its
      // deadline), and only the report changes.
      openUntil.compareAndSet(0, System.nanoTime() + cooldownNanos);
      report(BreakerState.OPEN);
    }
  }
}
