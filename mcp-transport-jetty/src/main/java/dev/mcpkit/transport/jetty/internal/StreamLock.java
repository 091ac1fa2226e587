package dev.mcpkit.transport.jetty.internal;

import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The lock of one logical SSE stream ({@link ResponseChannel}, {@link StandaloneStream}), in
 * Jetty's {@link org.eclipse.jetty.util.thread.AutoLock} idiom, {@code try (StreamLock held =
 * lock.lock()) {...}}, plus a {@link #tryLock()} that the keep-alive needs ({@link KeepAlive}: it
 * skips a stream whose lock is taken instead of queueing behind a write stuck on a slow client).
 * Jetty's own {@code AutoLock.tryLock()} cannot serve: in Jetty 12.1.14 it returns the lock whether
 * or not it was acquired (it drops the result of {@link ReentrantLock#tryLock()}), so closing it
 * would unlock a lock this thread does not hold.
 *
 * <p>Thread-safe: a {@link ReentrantLock}, never {@code synchronized}, since writes under it block
 * and run on virtual threads.
 */
final class StreamLock implements AutoCloseable {
  private final ReentrantLock lock = new ReentrantLock();

  /**
   * Acquires the lock; {@link #close()} releases it.
   *
   * @return this lock, for try-with-resources
   */
  StreamLock lock() {
    lock.lock();
    return this;
  }

  /**
   * Acquires the lock if it is free; {@link #close()} releases it.
   *
   * @return this lock, for try-with-resources, or {@code null} (nothing to close) if another thread
   *     holds it
   */
  @Nullable StreamLock tryLock() {
    return lock.tryLock() ? this : null;
  }

  /** Releases the lock; called by the thread that acquired it. */
  @Override
  public void close() {
    lock.unlock();
  }
}
