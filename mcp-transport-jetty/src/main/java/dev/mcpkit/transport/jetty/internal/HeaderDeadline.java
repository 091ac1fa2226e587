package dev.mcpkit.transport.jetty.internal;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts off HTTP/1.x connections whose request headers trickle in. Jetty's idle timeout restarts at
 * every byte and a request reaches a handler only once its headers are whole, so a client sending
 * one header byte every few seconds holds a connection for hours (8 KiB of headers at one byte per
 * 29 seconds) without any handler seeing it. Jetty 12.1 has no deadline for the header phase, and
 * its parser is internal, so this watches what is public: the bytes a connection read ({@link
 * Connection#getBytesIn()}) and the requests this handler saw start and complete. A connection that
 * read bytes while no request of it was in the handlers, and then saw no request start for the
 * timeout, is closed. A request that did start has its body bounded by {@link ReadDeadline}
 * instead.
 *
 * <p>Installed twice: as the server's outermost handler (it counts each request of a watched
 * connection, and its completion) and as a {@link Connection.Listener} bean of the connector (it
 * learns which connections exist). HTTP/2 connections are not watched here: they carry many streams
 * and control frames (pings, window updates) that no request accounts for, so these counters cannot
 * tell a trickled HEADERS frame from a busy connection; {@link Http2HeaderDeadline} watches their
 * streams instead, and {@link ReadDeadline} bounds the body.
 *
 * <p>Thread-safe. The per-connection counters are atomics written by request threads and read by
 * the sweep; the sweep's own bookkeeping ({@link Watch#seenRequests}, {@link Watch#pendingSince})
 * is touched only by the sweep, which the scheduler runs one at a time (each run schedules the
 * next). A stale read can only delay a cut-off by one sweep, never cause one: a cut-off needs the
 * same observation twice, a timeout apart, with no request started in between.
 */
public final class HeaderDeadline extends Handler.Wrapper implements Connection.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(HeaderDeadline.class);
  private static final long NONE = Long.MIN_VALUE;

  private final long timeoutNanos;
  private final long periodNanos;
  private final ConcurrentHashMap<Connection, Watch> watched = new ConcurrentHashMap<>();
  private volatile boolean running;
  private volatile Scheduler.@Nullable Task next;

  /**
   * Creates the guard.
   *
   * @param handler the server's handlers
   * @param timeoutNanos how long a connection may spend receiving a request's headers
   */
  public HeaderDeadline(Handler handler, long timeoutNanos) {
    super(requireNonNull(handler, "handler"));
    if (timeoutNanos <= 0) {
      throw new IllegalArgumentException("timeoutNanos must be positive, was " + timeoutNanos);
    }
    this.timeoutNanos = timeoutNanos;
    this.periodNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(10), timeoutNanos / 4);
  }

  /** One watched connection. */
  private static final class Watch {
    final Connection connection;
    final AtomicLong started = new AtomicLong(); // requests that reached the handlers
    final AtomicInteger inFlight = new AtomicInteger(); // of them, not completed yet
    volatile long restBytes; // bytes read when the last request completed
    long seenRequests; // sweep only
    long pendingSince = NONE; // sweep only: when bytes were first seen with no request to own them

    Watch(Connection connection) {
      this.connection = connection;
    }
  }

  @Override
  public void onOpened(Connection connection) {
    if (connection instanceof ConnectionMetaData meta
        && meta.getHttpVersion() != HttpVersion.HTTP_2
        && meta.getHttpVersion() != HttpVersion.HTTP_3) {
      watched.put(connection, new Watch(connection));
    }
  }

  @Override
  public void onClosed(Connection connection) {
    watched.remove(connection);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Watch watch = watched.get(request.getConnectionMetaData().getConnection());
    if (watch == null) {
      return super.handle(request, response, callback);
    }
    watch.started.incrementAndGet();
    watch.inFlight.incrementAndGet();
    Callback completion =
        Callback.from(
            callback,
            () -> {
              watch.restBytes = watch.connection.getBytesIn();
              watch.inFlight.decrementAndGet();
            });
    boolean handled;
    try {
      handled = super.handle(request, response, completion);
    } catch (Throwable x) {
      watch.inFlight.decrementAndGet(); // Jetty answers with its own callback
      throw x;
    }
    if (!handled) {
      watch.inFlight.decrementAndGet();
    }
    return handled;
  }

  @Override
  protected void doStart() throws Exception {
    super.doStart();
    running = true;
    schedule();
  }

  @Override
  protected void doStop() throws Exception {
    running = false;
    Scheduler.Task task = next;
    if (task != null) {
      task.cancel();
    }
    super.doStop();
  }

  private void schedule() {
    if (running) {
      next = getServer().getScheduler().schedule(this::sweep, periodNanos, TimeUnit.NANOSECONDS);
    }
  }

  private void sweep() {
    try {
      long now = System.nanoTime();
      for (Watch watch : watched.values()) {
        check(watch, now);
      }
    } catch (RuntimeException e) {
      LOG.debug("header deadline sweep failed; the next one retries", e);
    } finally {
      schedule();
    }
  }

  private void check(Watch watch, long now) {
    long started = watch.started.get();
    if (watch.inFlight.get() > 0 || started != watch.seenRequests) {
      watch.seenRequests = started; // a request is being served, or began since the last sweep
      watch.pendingSince = NONE;
      return;
    }
    if (watch.connection.getBytesIn() <= watch.restBytes) {
      watch.pendingSince = NONE; // idle between requests: the idle timeout's business
      return;
    }
    if (watch.pendingSince == NONE) {
      watch.pendingSince = now;
    } else if (now - watch.pendingSince >= timeoutNanos) {
      LOG.debug("closing {}: request headers not received in time", watch.connection);
      watched.remove(watch.connection);
      watch.connection.getEndPoint().close(new TimeoutException("request headers too slow"));
    }
  }

  /** The number of connections watched; for tests. */
  int watchedConnections() {
    return watched.size();
  }
}
