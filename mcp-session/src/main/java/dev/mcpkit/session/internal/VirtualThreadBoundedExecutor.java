package dev.mcpkit.session.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.BoundedExecutor;
import dev.mcpkit.api.ExecutorSaturatedException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BoundedExecutor} that starts one virtual thread per task and caps tasks plus permits
 * with a {@link Semaphore}. Nothing is ever queued: a caller either gets a permit at once (or
 * within {@code maxWait}, by a bounded {@link Semaphore#tryAcquire(long, TimeUnit)}) or is refused.
 *
 * <p><b>Thread-safety.</b> Every method may be called from any thread at any time. Admission and
 * release take no lock; the only lock ({@code idleLock}) is taken by {@link #shutdown(Duration)}
 * and, once shutdown has begun, by whoever brings the active count to zero.
 *
 * <p><b>Correctness argument.</b>
 *
 * <ol>
 *   <li><i>The cap holds.</i> {@link #active} is incremented only after a semaphore permit was
 *       taken and decremented before it is given back, so {@code active <= maxConcurrency -
 *       available permits <= maxConcurrency} at every instant, for tasks and held permits alike.
 *   <li><i>Nothing is admitted after shutdown is observed.</i> Admission writes {@code active}
 *       (increment) and then reads {@code shutdown}; shutdown writes {@code shutdown} and then
 *       reads {@code active}. Both are volatile, and volatile accesses are sequentially consistent,
 *       so at least one side sees the other's write (Dekker): either the admission sees the flag
 *       and backs out, or shutdown sees the increment and waits for the matching release.
 *   <li><i>No lost wake-up.</i> {@link #release()} decrements, then reads {@code shutdown}; if set
 *       and the count is zero it signals {@link #idle} holding {@code idleLock}. The waiter checks
 *       the count and awaits while holding the same lock, so a signal cannot fall between its check
 *       and its await; and if the releaser read the flag as unset, the Dekker argument of (2) shows
 *       that the waiter reads the count after the decrement and does not wait at all.
 *   <li><i>Stragglers are interrupted.</i> A task's thread is added to {@link #running} before it
 *       starts and removed when its task ends. After the deadline, shutdown sets {@code
 *       interrupting} and then interrupts every thread in the set; a submitter adds its thread,
 *       starts it and then reads {@code interrupting}, interrupting the thread itself if set. The
 *       same Dekker pairing guarantees that no admitted thread escapes both.
 * </ol>
 *
 * <p>A task's uncaught exception is logged and its permit released; it never reaches the caller.
 */
@SuppressWarnings("try") // try (AutoLock ignored = ...): the resource is the held lock
final class VirtualThreadBoundedExecutor implements BoundedExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(VirtualThreadBoundedExecutor.class);

  /**
   * The one place where the executor's threads are made: virtual, named {@code mcpkit-0}, {@code
   * mcpkit-1}, ... The factory is thread-safe; sharing it keeps names unique per process.
   */
  private static final ThreadFactory THREADS = Thread.ofVirtual().name("mcpkit-", 0).factory();

  private static final VarHandle PERMIT_CLOSED;

  static {
    try {
      PERMIT_CLOSED =
          MethodHandles.lookup().findVarHandle(HeldPermit.class, "closed", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final int maxConcurrency;
  private final long maxWaitNanos;

  /** Non-fair: a refused caller retries or answers 503, so barging costs nothing and is faster. */
  private final Semaphore permits;

  /** Running tasks plus held permits; always {@code <= maxConcurrency} (see the class comment). */
  private final AtomicInteger active = new AtomicInteger();

  /** Threads of tasks that were started and have not finished; interrupted after the deadline. */
  private final Set<Thread> running = ConcurrentHashMap.newKeySet();

  /** Volatile: the Dekker pairing with {@link #active} needs a sequentially consistent access. */
  private volatile boolean shutdown;

  /** Volatile: set once shutdown's deadline passed; pairs with {@link #running} like above. */
  private volatile boolean interrupting;

  private final AutoLock idleLock = new AutoLock();

  /** Signalled when {@link #active} reaches zero after shutdown began. */
  private final Condition idle = idleLock.newCondition();

  /**
   * Creates the executor.
   *
   * @param maxConcurrency the most tasks plus permits active at once; positive
   * @param maxWait the longest wait for a permit when saturated; zero or positive
   * @throws IllegalArgumentException naming the offending option
   */
  VirtualThreadBoundedExecutor(int maxConcurrency, Duration maxWait) {
    requireNonNull(maxWait, "maxWait");
    if (maxConcurrency <= 0) {
      throw new IllegalArgumentException("maxConcurrency must be positive, was " + maxConcurrency);
    }
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait must not be negative, was " + maxWait);
    }
    this.maxConcurrency = maxConcurrency;
    this.maxWaitNanos = saturatedNanos(maxWait);
    this.permits = new Semaphore(maxConcurrency);
  }

  @Override
  public boolean tryExecute(Runnable task) {
    requireNonNull(task, "task");
    if (!admit()) {
      return false;
    }
    start(task);
    return true;
  }

  @Override
  public void execute(Runnable task) {
    requireNonNull(task, "task");
    if (!admit()) {
      throw refusal();
    }
    start(task);
  }

  @Override
  public @Nullable Permit tryAcquire() {
    return admit() ? new HeldPermit() : null;
  }

  @Override
  public int maxConcurrency() {
    return maxConcurrency;
  }

  @Override
  public int activeCount() {
    return active.get();
  }

  /**
   * Tells whether {@link #shutdown(Duration)} has begun.
   *
   * @return {@code true} once shutting down
   */
  boolean isShutdown() {
    return shutdown;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Waits on a condition signalled when the active count reaches zero; no polling. A call from
   * one of this executor's own tasks would wait for itself until the deadline.
   *
   * @throws IllegalArgumentException if {@code deadline} is negative
   */
  @Override
  public boolean shutdown(Duration deadline) throws InterruptedException {
    requireNonNull(deadline, "deadline");
    if (deadline.isNegative()) {
      throw new IllegalArgumentException("deadline must not be negative, was " + deadline);
    }
    shutdown = true;
    long remaining = saturatedNanos(deadline);
    try (AutoLock ignored = idleLock.lock()) {
      while (active.get() != 0 && remaining > 0) {
        remaining = idle.awaitNanos(remaining); // throws InterruptedException: propagated as such
      }
    }
    if (active.get() == 0) {
      return true;
    }
    interrupting = true;
    int interrupted = 0;
    for (Thread thread : running) {
      thread.interrupt();
      interrupted++;
    }
    LOG.warn(
        "executor shutdown deadline {} passed with {} active; interrupted {} task threads",
        deadline,
        active.get(),
        interrupted);
    return false;
  }

  @Override
  public String toString() {
    return "VirtualThreadBoundedExecutor[active="
        + active.get()
        + "/"
        + maxConcurrency
        + ", shutdown="
        + shutdown
        + "]";
  }

  /**
   * Takes a permit, waiting up to {@code maxWait}; on success the caller owns one unit of {@link
   * #active} and must {@link #release()} it.
   */
  private boolean admit() {
    if (shutdown) {
      return false; // cheap early refusal; the authoritative check is the one after the increment
    }
    boolean acquired;
    if (maxWaitNanos == 0) {
      acquired = permits.tryAcquire();
    } else {
      try {
        acquired = permits.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // refuse, but leave the caller's interrupt visible
        return false;
      }
    }
    if (!acquired) {
      return false;
    }
    active.incrementAndGet();
    if (shutdown) {
      release();
      return false;
    }
    return true;
  }

  /** Gives back one unit taken by {@link #admit()}; wakes shutdown when nothing is left. */
  private void release() {
    int left = active.decrementAndGet();
    permits.release();
    if (left == 0 && shutdown) {
      try (AutoLock ignored = idleLock.lock()) {
        idle.signalAll();
      }
    }
  }

  /** Starts an admitted task on a new virtual thread; gives the permit back if that fails. */
  private void start(Runnable task) {
    Thread thread = null;
    boolean started = false;
    try {
      thread = THREADS.newThread(() -> run(task));
      running.add(thread); // before start, so the thread cannot remove itself first
      thread.start();
      started = true;
    } finally {
      if (!started) {
        if (thread != null) {
          running.remove(thread);
        }
        release();
      }
    }
    if (interrupting) {
      thread.interrupt(); // shutdown's interrupt pass may have missed it (see the class comment)
    }
  }

  private void run(Runnable task) {
    try {
      task.run();
    } catch (Throwable t) {
      // A task has nobody to report to; the log is the one place its failure can surface.
      LOG.error("uncaught exception in task on {}", Thread.currentThread().getName(), t);
    } finally {
      running.remove(Thread.currentThread());
      release();
    }
  }

  private ExecutorSaturatedException refusal() {
    if (shutdown) {
      return new ExecutorSaturatedException("executor is shut down");
    }
    if (Thread.currentThread().isInterrupted()) {
      return new ExecutorSaturatedException("interrupted while waiting for an executor permit");
    }
    return new ExecutorSaturatedException(
        "executor saturated: all " + maxConcurrency + " permits are in use");
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }

  /** A permit for work on the caller's thread; the first {@link #close()} releases it. */
  private final class HeldPermit implements Permit {
    /** Accessed only through {@link #PERMIT_CLOSED}; the CAS makes close idempotent. */
    @SuppressWarnings("unused")
    private volatile boolean closed;

    @Override
    public void close() {
      if (PERMIT_CLOSED.compareAndSet(this, false, true)) {
        release();
      }
    }
  }
}
