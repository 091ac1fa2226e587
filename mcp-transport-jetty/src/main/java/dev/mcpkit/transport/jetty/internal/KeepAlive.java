package dev.mcpkit.transport.jetty.internal;

import java.io.IOException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Keeps SSE connections alive, the same way for every logical stream (a POST's answer, {@link
 * ResponseChannel}; a session's standalone stream, {@link StandaloneStream}): a connection that
 * stayed silent for the interval gets a comment line ({@link SseWriter#keepAlive()}), which keeps
 * proxies from closing it and tells the server when the client has gone (the write fails, and the
 * stream lets the connection go). {@link StreamRegistry}'s sweep calls {@link #ping} every {@link
 * #periodNanos()}, through {@link #inBackground}.
 *
 * <p>Thread-safe: immutable. {@link #ping} only tries the stream's lock, so it never waits behind a
 * write: a stream busy writing is not idle, and a write stuck on a slow client is skipped at every
 * sweep until it ends, not queued behind. Under the lock it reads the stream's connection and
 * writes to it like any other write of the stream.
 */
final class KeepAlive {
  private static final ThreadFactory THREADS =
      Thread.ofVirtual().name("mcp-sse-keep-alive").factory();

  /** A logical SSE stream as the keep-alive sees it. */
  interface Stream {
    /**
     * The lock under which the stream writes.
     *
     * @return the lock
     */
    StreamLock lock();

    /**
     * The connection the stream writes to now; called with {@link #lock()} held.
     *
     * @return the connection, or {@code null} if none is attached
     */
    @Nullable SseConnection connection();

    /**
     * Writing to the connection failed (typically the client went away): the stream lets it go.
     * Called with {@link #lock()} held.
     *
     * @param connection the connection that broke
     * @param failure why
     */
    void detach(SseConnection connection, IOException failure);
  }

  private final long intervalNanos;

  /**
   * @param intervalNanos how long a connection may stay silent before a keep-alive comment
   */
  KeepAlive(long intervalNanos) {
    if (intervalNanos <= 0) {
      throw new IllegalArgumentException("intervalNanos must be positive, was " + intervalNanos);
    }
    this.intervalNanos = intervalNanos;
  }

  /** How often to look for idle connections: half the interval, at least 10 ms. */
  long periodNanos() {
    return Math.max(TimeUnit.MILLISECONDS.toNanos(10), intervalNanos / 2);
  }

  /**
   * Writes a keep-alive comment on the stream's connection if it idled for the interval; never
   * waits for the stream's lock, but the write blocks on a slow client.
   *
   * @param stream the stream
   * @param nowNanos the sweep's {@link System#nanoTime()}
   */
  void ping(Stream stream, long nowNanos) {
    try (StreamLock held = stream.lock().tryLock()) {
      if (held == null) {
        return; // a write is under way: the connection is not idle
      }
      SseConnection current = stream.connection();
      if (current != null
          && !current.isEnded()
          && nowNanos - current.lastWriteNanos() >= intervalNanos) {
        try {
          current.write(SseWriter.keepAlive(), false);
        } catch (IOException e) {
          stream.detach(current, e);
        }
      }
    }
  }

  /**
   * Runs pings on a virtual thread of their own: keep-alive writes block on slow clients, so one
   * stuck connection delays nobody else.
   *
   * @param pings calls {@link #ping} for some streams
   */
  void inBackground(Runnable pings) {
    THREADS.newThread(pings).start();
  }
}
