package dev.mcpkit.benchmarks.soak;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out evenly spaced start times (new sessions per second) to any number of threads, so the
 * load stays below the server's per-client session rate whatever its concurrency.
 *
 * <p>Thread-safe: the next free slot is claimed with a CAS.
 */
final class Pacer {
  private final long intervalNanos;
  private final AtomicLong next = new AtomicLong(System.nanoTime());

  Pacer(double perSecond) {
    this.intervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
  }

  /**
   * Waits for the next slot.
   *
   * @param deadlineNanos a {@link System#nanoTime()} after which no slot is handed out
   * @return false if the next slot lies past the deadline (nothing was waited for)
   */
  boolean await(long deadlineNanos) throws InterruptedException {
    while (true) {
      long now = System.nanoTime();
      long claimed = next.get();
      long slot = Math.max(claimed, now);
      if (slot - deadlineNanos > 0) {
        return false;
      }
      if (next.compareAndSet(claimed, slot + intervalNanos)) {
        long wait = slot - now;
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        return true;
      }
    }
  }
}
