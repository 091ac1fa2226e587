package dev.mcpkit.transport.jetty.internal;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;

/**
 * One HTTP response that carries SSE: the answer to a POST that turned into a stream, or to a GET
 * (the standalone stream, or a resumed one). A logical stream (a POST's, or the session's
 * standalone one) writes through at most one connection at a time and may move to another when the
 * client resumes.
 *
 * <p>Not thread-safe for writing: the owning stream serializes writes under its own lock. {@link
 * #awaitEnd()} and {@link #isEnded()} may be called from any thread.
 */
final class SseConnection {
  private final Response response;
  private final CountDownLatch ended = new CountDownLatch(1);
  private boolean started; // guarded by the owner's lock
  // Written under the owner's lock, read by the keep-alive sweep without it; a stale read only
  // delays or advances one keep-alive comment.
  private volatile long lastWriteNanos = System.nanoTime();

  SseConnection(Response response) {
    this.response = requireNonNull(response, "response");
  }

  /** Sends the headers (once) and the given bytes; {@code last} ends the response. Blocks. */
  void write(ByteBuffer bytes, boolean last) throws IOException {
    start();
    try {
      Content.Sink.write(response, last, bytes);
      lastWriteNanos = System.nanoTime();
    } finally {
      if (last) {
        ended.countDown();
      }
    }
  }

  /** Ends the response (with the headers if nothing was written yet); never throws. */
  void end() {
    if (ended.getCount() == 0) {
      return;
    }
    try {
      write(ByteBuffer.allocate(0), true);
    } catch (IOException | RuntimeException e) {
      ended.countDown();
    }
  }

  /** Marks the connection as broken: no more writes, and its request thread may return. */
  void abandon() {
    ended.countDown();
  }

  boolean isEnded() {
    return ended.getCount() == 0;
  }

  long lastWriteNanos() {
    return lastWriteNanos;
  }

  /**
   * Blocks the request's thread until the connection ended (the stream completed, moved elsewhere,
   * or broke).
   *
   * @throws InterruptedException if interrupted; the flag is for the caller to handle
   */
  void awaitEnd() throws InterruptedException {
    ended.await();
  }

  private void start() {
    if (!started) {
      started = true;
      streamHeaders(response);
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
