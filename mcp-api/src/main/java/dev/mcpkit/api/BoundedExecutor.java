package dev.mcpkit.api;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Runs tasks on virtual threads with a hard cap on how many run at once. When every permit is
 * taken, new work is refused at once (or after a short, bounded wait) rather than queued without
 * bound, so a flood of requests cannot spawn unbounded threads.
 *
 * <p>Two ways to use it: {@link #execute(Runnable)} / {@link #tryExecute(Runnable)} start a virtual
 * thread per task; {@link #tryAcquire()} takes a permit for work that runs on the caller's own
 * (virtual) thread, which saves a thread hop on the request path.
 *
 * {@snippet :
 * try (BoundedExecutor.Permit permit = executor.tryAcquire()) {
 *   if (permit == null) {
 *     // answer 503 with Retry-After
 *   } else {
 *     // handle the request on this thread
 *   }
 * }
 * }
 *
 * <p>Implementations are thread-safe.
 */
public interface BoundedExecutor extends AutoCloseable {

  /** A permit to run one unit of work; closing it releases the permit (idempotent). */
  interface Permit extends AutoCloseable {
    /** Releases the permit. A second call does nothing. */
    @Override
    void close();
  }

  /**
   * Runs a task on a new virtual thread if a permit is free.
   *
   * @param task the task
   * @return {@code true} if the task was started; {@code false} if saturated or shut down
   */
  boolean tryExecute(Runnable task);

  /**
   * Runs a task on a new virtual thread.
   *
   * @param task the task
   * @throws ExecutorSaturatedException if no permit is free (after the configured wait, if any) or
   *     the executor is shut down; the task did not run
   */
  void execute(Runnable task);

  /**
   * Takes a permit for work on the calling thread.
   *
   * @return a permit to close when the work is done, or {@code null} if saturated or shut down
   */
  @Nullable Permit tryAcquire();

  /**
   * Returns the most tasks and permits that may be active at once.
   *
   * @return the concurrency limit
   */
  int maxConcurrency();

  /**
   * Returns the number of running tasks plus held permits.
   *
   * @return the active count
   */
  int activeCount();

  /**
   * Stops accepting work and waits for active work to finish; after the deadline, interrupts the
   * threads of tasks still running (held permits are not interruptible and are not waited for
   * beyond it). Idempotent.
   *
   * @param deadline the longest time to wait
   * @return {@code true} if all work finished before the deadline
   * @throws InterruptedException if the calling thread is interrupted while waiting
   */
  boolean shutdown(Duration deadline) throws InterruptedException;

  /** Shuts down with a deadline of 30 seconds, restoring the interrupt flag if interrupted. */
  @Override
  default void close() {
    try {
      shutdown(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
