package dev.mcpkit.session.internal.protocol;

import dev.mcpkit.session.internal.AutoLock;
import org.jspecify.annotations.Nullable;

/**
 * The cancellation state machine of one handler call, shared by the session-based and the stateless
 * tool contexts:
 *
 * <pre>
 *   RUNNING -&gt; CANCELLED   (cancel(): the handler's thread is interrupted)
 *   RUNNING -&gt; DONE        (finish(): the call is over; no interrupt can reach the thread afterwards)
 * </pre>
 *
 * <p>Thread-safe. Both transitions run under one lock, so an interrupt meant for the handler can
 * never land on the thread after {@link #finish} returned (the thread goes on to serve the
 * transport): either {@link #cancel} ran first, its interrupt is set and {@code finish} clears it
 * while reporting the cancellation, or {@code finish} ran first and {@code cancel} finds the call
 * no longer running. The state is written under the lock and read without it, hence volatile.
 */
@SuppressWarnings("try") // try (AutoLock ignored = ...): the resource is the held lock
public final class CallCancellation {
  /** Where a call stands. */
  enum State {
    RUNNING,
    CANCELLED,
    DONE
  }

  private final @Nullable Thread thread;
  private final AutoLock lock = new AutoLock();
  private volatile State state = State.RUNNING;

  /**
   * Starts a running call.
   *
   * @param thread the thread running the handler, interrupted by {@link #cancel}; {@code null} for
   *     a handler that must not be interrupted (a non-blocking tool, which may run on an I/O
   *     thread, where an interrupt would close the channel that thread happens to touch next)
   */
  public CallCancellation(@Nullable Thread thread) {
    this.thread = thread;
  }

  /** Where the call stands now. */
  public State state() {
    return state;
  }

  /** Whether the call neither finished nor was cancelled. */
  public boolean isRunning() {
    return state == State.RUNNING;
  }

  /** Whether the call was cancelled. */
  public boolean isCancelled() {
    return state == State.CANCELLED;
  }

  /** Cancels the call and interrupts its thread, unless it already finished. */
  public void cancel() {
    try (AutoLock ignored = lock.lock()) {
      if (state == State.RUNNING) {
        state = State.CANCELLED;
        if (thread != null) {
          thread.interrupt();
        }
      }
    }
  }

  /**
   * Ends the call; no interrupt reaches the thread afterwards.
   *
   * @return {@code true} if the call was cancelled (so it gets no response)
   */
  public boolean finish() {
    try (AutoLock ignored = lock.lock()) {
      if (state == State.RUNNING) {
        state = State.DONE;
        return false;
      }
      // The interrupt was aimed at this call's handler, which is over; the thread now serves the
      // transport again, so clearing the flag here is delivering it, not swallowing it. A call
      // without a thread was never interrupted: whichever thread finishes it keeps its flag.
      if (thread != null) {
        Thread.interrupted();
      }
      return true;
    }
  }
}
