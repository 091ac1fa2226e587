package dev.mcpkit.transport.jetty.internal;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.IteratingCallback;
import org.eclipse.jetty.util.thread.AutoLock;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP response that carries SSE: the answer to a POST that turned into a stream, or to a GET
 * (the standalone stream, or a resumed one). A logical stream (a POST's, or the session's
 * standalone one) writes through at most one connection at a time and may move to another when the
 * client resumes.
 *
 * <p>Writes never block the writer: each event goes to an output queue that Jetty drains
 * asynchronously, one write at a time. A client that stops reading lets the queue grow only up to
 * {@link StreamLimits#maxQueuedBytes()} bytes or {@link StreamLimits#maxQueuedEvents()} events;
 * beyond, the connection is cut off ({@code abort}, which fails the HTTP exchange: Jetty closes an
 * HTTP/1.1 connection and resets an HTTP/2 stream) and its queue dropped. Its events are already in
 * the event store, so the client resumes with {@code Last-Event-ID}. Before this, writes blocked
 * under the stream's lock, and every further sender of a session whose client stopped reading
 * queued behind it, holding its thread and its message, without bound. A replay ({@link
 * #write(ByteBuffer, boolean, boolean)} with {@code paced}) instead waits while the queue is half
 * full, so a resumption of many events is paced by its client, not refused.
 *
 * <p>Thread-safe: writers call in under the owning stream's lock (so events stay in order); the
 * queue, its byte count and the failure are guarded by an {@link AutoLock} of their own, which
 * Jetty's write completions (on any thread) take too. Nothing blocks under that lock. {@link
 * #awaitEnd()}, {@link #isEnded()} and {@link #whenEnded} may be called from any thread.
 */
@SuppressWarnings("try") // try (AutoLock ignored = lock.lock()): the lock is the resource
final class SseConnection {
  private final Response response;
  private final StreamLimits limits;
  private final Consumer<Throwable> abort;
  private final CompletableFuture<@Nullable Void> ended = new CompletableFuture<>();
  private final AutoLock lock = new AutoLock();
  private final Condition drained = lock.newCondition();
  private final Flusher flusher = new Flusher();
  private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>(); // guarded by lock
  private long queuedBytes; // guarded by lock; includes the write in flight
  private long inFlightBytes; // guarded by lock
  private int inFlightEvents; // guarded by lock; 0 or 1
  private boolean lastQueued; // guarded by lock
  private @Nullable IOException failure; // guarded by lock
  // Set once by the owner right after construction, before any write; read by Jetty's callback.
  private volatile @Nullable Consumer<IOException> onBroken;
  private boolean started; // guarded by the owner's lock
  // Written under the owner's lock, read by the keep-alive sweep without it; a stale read only
  // delays or advances one keep-alive comment.
  private volatile long lastWriteNanos = System.nanoTime();

  /**
   * @param response the response to write to
   * @param limits bounds the output queue
   * @param abort fails the HTTP exchange, once the queue overflowed; may be called on any thread
   */
  SseConnection(Response response, StreamLimits limits, Consumer<Throwable> abort) {
    this.response = requireNonNull(response, "response");
    this.limits = requireNonNull(limits, "limits");
    this.abort = requireNonNull(abort, "abort");
  }

  /**
   * Sends the headers (once) and queues the given bytes; {@code last} ends the response. Never
   * blocks.
   *
   * @throws IOException if the connection failed, ended, or overflowed with this write (it is then
   *     cut off)
   */
  void write(ByteBuffer bytes, boolean last) throws IOException {
    write(bytes, last, false);
  }

  /**
   * Queues the given bytes; with {@code paced}, first waits while the queue is half full (for
   * replays, which write many events at once on a request thread that may block).
   *
   * @throws IOException if the connection failed, ended, or overflowed
   */
  void write(ByteBuffer bytes, boolean last, boolean paced) throws IOException {
    start();
    IOException overflow = null;
    try (AutoLock ignored = lock.lock()) {
      if (paced) {
        while (failure == null
            && (queuedBytes > limits.maxQueuedBytes() / 2
                || queue.size() + inFlightEvents > limits.maxQueuedEvents() / 2)) {
          try {
            drained.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the client drained its stream");
          }
        }
      }
      if (failure != null) {
        throw new IOException("the SSE connection is closed", failure);
      }
      if (lastQueued) {
        throw new IOException("the SSE connection has ended");
      }
      queue.add(bytes);
      queuedBytes += bytes.remaining();
      lastQueued = last;
      if (queuedBytes > StreamLimits.PEAK_FLOOR) {
        limits.queued(queuedBytes);
      }
      if (queuedBytes > limits.maxQueuedBytes()
          || queue.size() + inFlightEvents > limits.maxQueuedEvents()) {
        overflow =
            new IOException(
                "the client stopped reading its SSE stream: "
                    + queuedBytes
                    + " bytes in "
                    + (queue.size() + inFlightEvents)
                    + " events queued");
        failLocked(overflow);
      }
    }
    if (overflow != null) {
      limits.overflowed();
      abort.accept(overflow);
      ended.complete(null);
      throw overflow;
    }
    lastWriteNanos = System.nanoTime();
    flusher.iterate();
  }

  /** Ends the response (with the headers if nothing was written yet); never throws. */
  void end() {
    try (AutoLock ignored = lock.lock()) {
      if (lastQueued && failure == null) {
        return; // ending already: the end completes once the last write went out
      }
    }
    try {
      write(ByteBuffer.allocate(0), true);
    } catch (IOException | RuntimeException e) {
      ended.complete(null);
    }
  }

  /** Marks the connection as broken: no more writes, and its request thread may return. */
  void abandon() {
    try (AutoLock ignored = lock.lock()) {
      if (failure == null) {
        failLocked(new IOException("the SSE connection was abandoned"));
      }
    }
    ended.complete(null);
  }

  /**
   * Tells the owner when a write fails after it was queued (typically the client went away), as a
   * blocking write used to tell it by throwing; runs on a virtual thread of its own, so the owner
   * may take its lock.
   */
  void onBroken(Consumer<IOException> action) {
    this.onBroken = requireNonNull(action, "action");
  }

  boolean isEnded() {
    return ended.isDone();
  }

  long lastWriteNanos() {
    return lastWriteNanos;
  }

  /**
   * Runs the action once the response ended: its last write completed, or it failed. At once if it
   * already did.
   */
  void whenEnded(Runnable action) {
    ended.whenComplete((ignored, x) -> action.run());
  }

  /**
   * Blocks the request's thread until the connection ended (the stream completed and its last write
   * went out, moved elsewhere, or broke).
   *
   * @throws InterruptedException if interrupted; the flag is for the caller to handle
   */
  void awaitEnd() throws InterruptedException {
    try {
      ended.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("never completed exceptionally", e);
    }
  }

  /**
   * Tells why the connection failed, if it did.
   *
   * @return the failure (an overflow, or the client gone), or {@code null}
   */
  @Nullable IOException failure() {
    try (AutoLock ignored = lock.lock()) {
      return failure;
    }
  }

  /** The bytes queued now, the write in flight included; for tests. */
  long queuedBytes() {
    try (AutoLock ignored = lock.lock()) {
      return queuedBytes;
    }
  }

  private void failLocked(IOException why) {
    failure = why;
    queue.clear();
    queuedBytes = inFlightBytes;
    drained.signalAll();
  }

  private void start() {
    if (!started) {
      started = true;
      streamHeaders(response);
    }
  }

  /**
   * Drains the queue, one Jetty write at a time; {@link IteratingCallback} turns writes that
   * complete at once into a loop rather than a recursion, and runs {@link #process()} on one thread
   * at a time.
   */
  private final class Flusher extends IteratingCallback {
    private boolean lastWritten; // only process() and its callbacks, which never overlap

    @Override
    protected Action process() {
      ByteBuffer next;
      boolean last;
      try (AutoLock ignored = lock.lock()) {
        if (failure != null) {
          return Action.IDLE; // dropped; the exchange is being failed
        }
        if (lastWritten) {
          return Action.SUCCEEDED;
        }
        next = queue.poll();
        if (next == null) {
          return Action.IDLE;
        }
        last = lastQueued && queue.isEmpty();
        inFlightBytes = next.remaining();
        inFlightEvents = 1;
      }
      lastWritten = last;
      response.write(last, next, this);
      return Action.SCHEDULED;
    }

    @Override
    protected void onSuccess() {
      try (AutoLock ignored = lock.lock()) {
        queuedBytes -= inFlightBytes;
        inFlightBytes = 0;
        inFlightEvents = 0;
        drained.signalAll();
      }
    }

    @Override
    protected void onCompleteSuccess() {
      ended.complete(null);
    }

    @Override
    protected void onCompleteFailure(Throwable cause) {
      IOException broken = null;
      try (AutoLock ignored = lock.lock()) {
        if (failure == null) {
          broken =
              cause instanceof IOException io ? io : new IOException("SSE write failed", cause);
          failLocked(broken);
        }
        inFlightBytes = 0;
        inFlightEvents = 0;
        queuedBytes = 0;
      }
      ended.complete(null);
      Consumer<IOException> action = onBroken;
      if (broken != null && action != null) {
        IOException why = broken;
        Thread.ofVirtual().name("mcp-sse-broken").start(() -> action.accept(why));
      }
    }

    @Override
    public InvocationType getInvocationType() {
      return InvocationType.NON_BLOCKING; // process() only takes a short lock and starts a write
    }
  }

  /**
   * Sets the status and headers of an SSE answer; also for one written whole ({@link
   * InlineRequests}).
   */
  static void streamHeaders(Response response) {
    response.setStatus(HttpStatus.OK_200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, MediaTypes.TEXT_EVENT_STREAM);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    // Tells reverse proxies (nginx) not to buffer the stream (Streamable HTTP, 2026-07-28: SHOULD).
    response.getHeaders().put("X-Accel-Buffering", "no");
  }
}
