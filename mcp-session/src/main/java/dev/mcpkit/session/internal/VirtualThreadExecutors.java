package dev.mcpkit.session.internal;

import dev.mcpkit.api.BoundedExecutor;
import java.time.Duration;

/**
 * The bridge from the exported factory {@code dev.mcpkit.session.BoundedExecutors} to the
 * package-private {@link VirtualThreadBoundedExecutor}. Public only because the factory lives in
 * another package; the package is not exported, so nothing outside this module can call it.
 */
public final class VirtualThreadExecutors {
  private VirtualThreadExecutors() {}

  /**
   * Creates a bounded executor that runs each task on its own virtual thread.
   *
   * @param maxConcurrency the most tasks plus permits active at once; positive
   * @param maxWait the longest wait for a permit when saturated; zero or positive
   * @return the executor
   * @throws IllegalArgumentException naming the offending option
   */
  public static BoundedExecutor create(int maxConcurrency, Duration maxWait) {
    return new VirtualThreadBoundedExecutor(maxConcurrency, maxWait);
  }
}
