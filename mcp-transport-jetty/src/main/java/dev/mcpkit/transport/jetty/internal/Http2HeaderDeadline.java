package dev.mcpkit.transport.jetty.internal;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http2.ErrorCode;
import org.eclipse.jetty.http2.HTTP2Connection;
import org.eclipse.jetty.http2.HTTP2Session;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts off HTTP/2 connections that receive bytes but open no stream in time: the HTTP/2 side of
 * {@link HeaderDeadline}. Jetty's idle timeout restarts at every byte read, and an HTTP/2 stream
 * (with its stream idle timeout and the request's {@link ReadDeadline}) exists only once its whole
 * HEADERS block (HEADERS and CONTINUATION frames) has arrived. So a client trickling a HEADERS
 * frame a byte every few seconds, or trickling frames of an unknown type, or sending a PING before
 * each idle timeout, holds a connection with no stream indefinitely; Jetty 12.1 has nothing that
 * bounds it (its {@code RateControl} counts frames per second, so it stops floods, not trickles).
 *
 * <p>This watches what Jetty exposes of each HTTP/2 connection: the bytes it read ({@link
 * HTTP2Connection#getBytesIn()}) and its session's streams ({@link HTTP2Session#getStreamCount()},
 * {@link HTTP2Session#getStreamsOpened()}). A connection that read bytes while it had no stream,
 * and then opened none for the timeout, is sent a GOAWAY ({@code NO_ERROR}, "no request in time")
 * and closed. A connection with a stream open is never touched: its streams are bounded by the
 * stream idle timeout, the request deadline and the per-client stream limits. A connection left
 * silent is the idle timeout's business.
 *
 * <p>The bytes a finished exchange leaves behind (the client's WINDOW_UPDATE for the response, for
 * example) are not counted: the bytes already read are taken as the baseline only one sweep after
 * the last stream was seen, so they have arrived. What it does cut off, besides the attack, is an
 * HTTP/2 connection a client keeps alive with PINGs and no request: it is closed once the timeout
 * passed without a stream, as an idle connection would be by the idle timeout; the GOAWAY tells the
 * client to open a new connection for its next request.
 *
 * <p>A {@link Connection.Listener} bean of the connector (it learns which connections exist) and a
 * managed bean (its sweep runs every quarter of the timeout from start to stop). Thread-safe: the
 * map of watched connections is concurrent, and the per-connection bookkeeping is touched only by
 * the sweep, which the scheduler runs one at a time (each run schedules the next). The counters it
 * reads are Jetty's atomics; a stale read can only delay a cut-off by one sweep.
 */
public final class Http2HeaderDeadline extends AbstractLifeCycle implements Connection.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(Http2HeaderDeadline.class);
  private static final long NONE = Long.MIN_VALUE;

  /** The GOAWAY's debug data; Jetty trims it to 32 bytes. */
  static final String REASON = "no request in time";

  private final Scheduler scheduler;
  private final long timeoutNanos;
  private final long periodNanos;
  private final ConcurrentHashMap<HTTP2Connection, Watch> watched = new ConcurrentHashMap<>();
  private volatile Scheduler.@Nullable Task next;

  /**
   * Creates the guard.
   *
   * @param scheduler the connector's scheduler, which runs the sweep
   * @param timeoutNanos how long an HTTP/2 connection may receive bytes without opening a stream
   */
  public Http2HeaderDeadline(Scheduler scheduler, long timeoutNanos) {
    this.scheduler = requireNonNull(scheduler, "scheduler");
    if (timeoutNanos <= 0) {
      throw new IllegalArgumentException("timeoutNanos must be positive, was " + timeoutNanos);
    }
    this.timeoutNanos = timeoutNanos;
    this.periodNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(10), timeoutNanos / 4);
  }

  /** Where a watched connection is, as far as the sweep knows. */
  private enum Phase {
    /** A stream was open, or opened, at the last sweep. */
    BUSY,
    /** The first sweep without a stream: late bytes of the last exchange may still arrive. */
    SETTLING,
    /** No stream; bytes beyond {@link Watch#restBytes} belong to no request yet. */
    REST
  }

  /** One watched connection; touched only by the sweep. */
  private static final class Watch {
    final HTTP2Connection connection;
    Phase phase = Phase.REST; // a new connection has read nothing that belongs to a request
    long seenOpened;
    long restBytes;
    long pendingSince = NONE;

    Watch(HTTP2Connection connection) {
      this.connection = connection;
    }
  }

  @Override
  public void onOpened(Connection connection) {
    if (connection instanceof HTTP2Connection h2) {
      watched.put(h2, new Watch(h2));
    }
  }

  @Override
  public void onClosed(Connection connection) {
    if (connection instanceof HTTP2Connection h2) {
      watched.remove(h2);
    }
  }

  @Override
  protected void doStart() throws Exception {
    super.doStart();
    schedule();
  }

  @Override
  protected void doStop() throws Exception {
    Scheduler.Task task = next;
    if (task != null) {
      task.cancel();
    }
    super.doStop();
  }

  private void schedule() {
    if (isRunning() || isStarting()) {
      next = scheduler.schedule(this::sweep, periodNanos, TimeUnit.NANOSECONDS);
    }
  }

  private void sweep() {
    try {
      long now = System.nanoTime();
      for (Watch watch : watched.values()) {
        check(watch, now);
      }
    } catch (RuntimeException e) {
      LOG.debug("HTTP/2 header deadline sweep failed; the next one retries", e);
    } finally {
      schedule();
    }
  }

  private void check(Watch watch, long now) {
    HTTP2Session session = watch.connection.getSession();
    long opened = session.getStreamsOpened();
    long bytes = watch.connection.getBytesIn();
    if (session.getStreamCount() > 0 || opened != watch.seenOpened) {
      watch.seenOpened = opened;
      watch.phase = Phase.BUSY;
      watch.pendingSince = NONE;
      return;
    }
    switch (watch.phase) {
      case BUSY -> watch.phase = Phase.SETTLING;
      case SETTLING -> {
        watch.restBytes = bytes;
        watch.phase = Phase.REST;
      }
      case REST -> {
        if (bytes <= watch.restBytes) {
          watch.pendingSince = NONE; // silent since: the idle timeout's business
        } else if (watch.pendingSince == NONE) {
          watch.pendingSince = now;
        } else if (now - watch.pendingSince >= timeoutNanos) {
          cutOff(watch.connection, session);
        }
      }
    }
  }

  private void cutOff(HTTP2Connection connection, HTTP2Session session) {
    LOG.debug("closing {}: bytes but no request in time", connection);
    watched.remove(connection);
    EndPoint endPoint = connection.getEndPoint();
    // The GOAWAY first, so a client that is merely slow learns why; then the connection, whether
    // the GOAWAY was written or not (a client that does not read must not keep it open).
    TimeoutException cause = new TimeoutException("HTTP/2 request headers too slow");
    session.close(
        ErrorCode.NO_ERROR.code,
        REASON,
        Callback.from(() -> endPoint.close(cause), failure -> endPoint.close(cause)));
  }

  /** The number of connections watched; for tests. */
  int watchedConnections() {
    return watched.size();
  }
}
