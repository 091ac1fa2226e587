package dev.mcpkit.session.internal;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link ReentrantLock} held through try-with-resources: {@link #lock()} acquires it and returns
 * this object, whose {@link #close()} releases it, so the unlock cannot be forgotten or misplaced.
 *
 * {@snippet :
 * private final AutoLock lock = new AutoLock();
 * private int count; // guarded by lock
 *
 * int increment() {
 *   try (AutoLock ignored = lock.lock()) {
 *     return ++count;
 *   }
 * }
 * }
 *
 * <p>The resource variable is never read, so {@code javac -Xlint:try} warns about it; classes using
 * the idiom say {@code @SuppressWarnings("try")}. Code that releases a lock in another scope than
 * the one that took it, or takes several striped locks in ascending order, keeps a plain {@code
 * ReentrantLock}: a try block binds one lock to one lexical scope.
 *
 * <p><b>Cost.</b> {@link #lock()} allocates nothing: the closeable it returns is this object. No
 * thread-local state is kept. The lock is a {@code ReentrantLock} rather than a monitor because
 * sections may block (a store write): a virtual thread that blocks while holding a monitor pins its
 * carrier on JDK 21.
 *
 * <p><b>Thread-safety.</b> As {@link ReentrantLock} (non-fair): any thread may call any method;
 * {@link #close()} must be called by the thread that holds the lock, once per {@code lock()}, which
 * try-with-resources guarantees. Public only so that the engine's other internal packages can use
 * it; the package is not exported.
 */
public final class AutoLock implements AutoCloseable {
  private final ReentrantLock lock = new ReentrantLock();

  /** Creates an unlocked, non-fair lock. */
  public AutoLock() {}

  /**
   * Acquires the lock, waiting as long as it takes (not interruptibly, like {@link
   * ReentrantLock#lock()}).
   *
   * @return this lock, to be closed exactly once, on this thread, to release it
   */
  public AutoLock lock() {
    lock.lock();
    return this;
  }

  /**
   * Releases one hold of the lock; meant to be called by try-with-resources on what {@link #lock()}
   * returned. Declares no exception, so such a try needs no {@code catch}.
   *
   * @throws IllegalMonitorStateException if the current thread does not hold the lock
   */
  @Override
  public void close() {
    lock.unlock();
  }

  /**
   * A new condition bound to this lock; await and signal it while holding the lock.
   *
   * @return the condition
   */
  public Condition newCondition() {
    return lock.newCondition();
  }

  /**
   * Tells whether the current thread holds this lock; meant for assertions.
   *
   * @return {@code true} if the current thread holds it
   */
  public boolean isHeldByCurrentThread() {
    return lock.isHeldByCurrentThread();
  }

  @Override
  public String toString() {
    return "AutoLock[" + (lock.isLocked() ? "locked" : "unlocked") + "]";
  }
}
