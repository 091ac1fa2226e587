package dev.mcpkit.transport.jetty.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.spi.transport.HttpServerObserver;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one client may hold of the server's SSE capacity, and counters of how often it was enforced:
 * how many bytes and events may wait in one connection's output queue while its client does not
 * read ({@link SseConnection}), how many SSE streams one session and one client (principal, or
 * remote address when anonymous) may keep open at once ({@link StreamRegistry}).
 *
 * <p>Thread-safe: the limits are final; the counters are atomics, touched only when a limit is
 * reached or a connection's queue grows past {@link #PEAK_FLOOR} (never on the fast path).
 */
public final class StreamLimits {
  /** Queues below this many bytes are not tracked in {@link #peakQueuedBytes()}. */
  static final long PEAK_FLOOR = 64 * 1024;

  private final long maxQueuedBytes;
  private final int maxQueuedEvents;
  private final int maxStreamsPerSession;
  private final int maxStreamsPerClient;
  private final LongAdder overflows = new LongAdder();
  private final LongAdder refusals = new LongAdder();
  private final AtomicLong peakQueuedBytes = new AtomicLong();
  private final HttpServerObserver observer;

  /**
   * Creates the limits.
   *
   * @param maxQueuedBytes the bytes that may wait in one SSE connection's output queue
   * @param maxQueuedEvents the events (writes) that may wait there
   * @param maxStreamsPerSession the SSE streams (GET, and POSTs answered with SSE) a session may
   *     have open at once
   * @param maxStreamsPerClient the SSE streams a principal, or an anonymous remote address, may
   *     have open at once
   */
  public StreamLimits(
      long maxQueuedBytes, int maxQueuedEvents, int maxStreamsPerSession, int maxStreamsPerClient) {
    this(
        maxQueuedBytes,
        maxQueuedEvents,
        maxStreamsPerSession,
        maxStreamsPerClient,
        HttpServerObserver.NONE);
  }

  /**
   * Creates the limits, reporting each refusal and overflow to an observer as well.
   *
   * @param maxQueuedBytes the bytes that may wait in one SSE connection's output queue
   * @param maxQueuedEvents the events (writes) that may wait there
   * @param maxStreamsPerSession the SSE streams a session may have open at once
   * @param maxStreamsPerClient the SSE streams a principal, or an anonymous remote address, may
   *     have open at once
   * @param observer told of every refusal and overflow (metrics); must not block
   */
  public StreamLimits(
      long maxQueuedBytes,
      int maxQueuedEvents,
      int maxStreamsPerSession,
      int maxStreamsPerClient,
      HttpServerObserver observer) {
    this.observer = requireNonNull(observer, "observer");
    if (maxQueuedBytes <= 0
        || maxQueuedEvents <= 0
        || maxStreamsPerSession <= 0
        || maxStreamsPerClient <= 0) {
      throw new IllegalArgumentException("stream limits must be positive");
    }
    this.maxQueuedBytes = maxQueuedBytes;
    this.maxQueuedEvents = maxQueuedEvents;
    this.maxStreamsPerSession = maxStreamsPerSession;
    this.maxStreamsPerClient = maxStreamsPerClient;
  }

  long maxQueuedBytes() {
    return maxQueuedBytes;
  }

  int maxQueuedEvents() {
    return maxQueuedEvents;
  }

  int maxStreamsPerSession() {
    return maxStreamsPerSession;
  }

  int maxStreamsPerClient() {
    return maxStreamsPerClient;
  }

  /** A connection's queue overflowed and it was cut off. */
  void overflowed() {
    overflows.increment();
    observer.sseStreamOverflowed();
  }

  /** A stream was refused because a session or client holds too many. */
  void refused() {
    refusals.increment();
    observer.sseStreamRefused();
  }

  /** A connection's queue holds this many bytes (called only above {@link #PEAK_FLOOR}). */
  void queued(long bytes) {
    peakQueuedBytes.accumulateAndGet(bytes, Math::max);
  }

  /**
   * How many SSE connections were cut off because their client stopped reading.
   *
   * @return the count since start
   */
  public long overflows() {
    return overflows.sum();
  }

  /**
   * How many SSE streams were refused (429) because a session or a client held too many.
   *
   * @return the count since start
   */
  public long refusals() {
    return refusals.sum();
  }

  /**
   * The most bytes one SSE connection ever held queued, if that was above 64 KiB.
   *
   * @return the peak in bytes, or 0
   */
  public long peakQueuedBytes() {
    return peakQueuedBytes.get();
  }
}
