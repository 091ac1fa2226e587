package dev.mcpkit.transport.jetty.internal;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The deadline for reading one request whole, headers and body, counted from the request's first
 * byte ({@link Request#getBeginNanoTime()}). Jetty's idle timeout restarts at every byte, so a
 * client trickling its body one byte every few seconds would otherwise hold the request, its buffer
 * and (on a request thread) its thread for as long as it likes. When the deadline passes before the
 * body is whole, the request's content is failed ({@link Request#fail}): a read that waits wakes
 * with the failure, and the reader answers 408 ({@link #expired()} tells it why).
 *
 * <p>Armed only when a body must be waited for, so a POST whose body came with its headers costs
 * nothing here.
 *
 * <p>Thread-safe: one atomic state, {@code READING -> DONE} (the reader finished first) or {@code
 * READING -> EXPIRED} (the timer fired first); only the winner of the CAS acts, so a body read
 * whole is never failed afterwards and an expired one is never taken as read.
 */
final class ReadDeadline implements Runnable {
  private static final int READING = 0;
  private static final int DONE = 1;
  private static final int EXPIRED = 2;

  private final Request request;
  private final AtomicInteger state = new AtomicInteger(READING);
  private final Scheduler.Task timer;

  private ReadDeadline(Request request, long timeoutNanos) {
    this.request = requireNonNull(request, "request");
    long left = timeoutNanos - NanoTime.since(request.getBeginNanoTime());
    this.timer =
        request
            .getComponents()
            .getScheduler()
            .schedule(this, Math.max(0, left), TimeUnit.NANOSECONDS);
  }

  /**
   * Starts counting for a request whose body is not whole yet.
   *
   * @param request the request
   * @param timeoutNanos how long reading the whole request may take, from its first byte
   * @return the armed deadline
   */
  static ReadDeadline arm(Request request, long timeoutNanos) {
    return new ReadDeadline(request, timeoutNanos);
  }

  /** The timer fired: fails the request's content unless the body was read in time. */
  @Override
  public void run() {
    if (state.compareAndSet(READING, EXPIRED)) {
      request.fail(new TimeoutException("the request was not read whole within its deadline"));
    }
  }

  /**
   * The body was read whole (or reading ended otherwise): the timer is cancelled.
   *
   * @return {@code false} if the deadline expired first
   */
  boolean finish() {
    if (state.compareAndSet(READING, DONE)) {
      timer.cancel();
      return true;
    }
    return state.get() == DONE;
  }

  /**
   * Tells whether the deadline passed before the body was whole.
   *
   * @return {@code true} once the timer failed the request
   */
  boolean expired() {
    return state.get() == EXPIRED;
  }
}
