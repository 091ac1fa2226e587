package dev.mcpkit.session;

import dev.mcpkit.api.BoundedExecutor;
import java.time.Duration;

/** Creates {@link BoundedExecutor}s that run each task on its own virtual thread. */
public final class BoundedExecutors {
  private BoundedExecutors() {}

  /**
   * Creates an executor that refuses work at once when {@code maxConcurrency} tasks and permits are
   * active.
   *
   * @param maxConcurrency the cap; positive
   * @return the executor
   */
  public static BoundedExecutor virtualThreads(int maxConcurrency) {
    return virtualThreads(maxConcurrency, Duration.ZERO);
  }

  /**
   * Creates an executor that, when saturated, waits up to {@code maxWait} for a permit before
   * refusing work.
   *
   * @param maxConcurrency the cap; positive
   * @param maxWait the longest wait for a permit; zero or positive
   * @return the executor
   */
  public static BoundedExecutor virtualThreads(int maxConcurrency, Duration maxWait) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
