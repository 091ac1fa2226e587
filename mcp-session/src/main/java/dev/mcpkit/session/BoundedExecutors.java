package dev.mcpkit.session;

import dev.mcpkit.api.BoundedExecutor;
import dev.mcpkit.session.internal.VirtualThreadExecutors;
import java.time.Duration;

/**
 * Creates {@link BoundedExecutor}s that run each task on its own virtual thread.
 *
 * <p>The executors never queue: a semaphore caps running tasks plus held permits, and work beyond
 * the cap is refused (after at most {@code maxWait}), so a flood cannot spawn unbounded threads.
 * They are thread-safe.
 *
 * {@snippet :
 * BoundedExecutor executor = BoundedExecutors.virtualThreads(256, Duration.ofMillis(50));
 * if (!executor.tryExecute(() -> handle(request))) {
 *   // answer 503 with Retry-After
 * }
 * }
 */
public final class BoundedExecutors {
  private BoundedExecutors() {}

  /**
   * Creates an executor that refuses work at once when {@code maxConcurrency} tasks and permits are
   * active.
   *
   * @param maxConcurrency the cap; positive
   * @return the executor
   * @throws IllegalArgumentException if {@code maxConcurrency} is not positive
   */
  public static BoundedExecutor virtualThreads(int maxConcurrency) {
    return virtualThreads(maxConcurrency, Duration.ZERO);
  }

  /**
   * Creates an executor that, when saturated, waits up to {@code maxWait} for a permit before
   * refusing work. The wait applies to {@link BoundedExecutor#execute(Runnable)}, {@link
   * BoundedExecutor#tryExecute(Runnable)} and {@link BoundedExecutor#tryAcquire()} alike; it is a
   * bounded wait on the semaphore, never a queue of tasks.
   *
   * @param maxConcurrency the cap; positive
   * @param maxWait the longest wait for a permit; zero or positive
   * @return the executor
   * @throws IllegalArgumentException naming the offending option
   */
  public static BoundedExecutor virtualThreads(int maxConcurrency, Duration maxWait) {
    return VirtualThreadExecutors.create(maxConcurrency, maxWait);
  }
}
