package dev.mcpkit.session.internal;

import dev.mcpkit.api.SessionPolicy;
import java.time.Duration;

/**
 * The policy's durations in milliseconds, plus the geometry of the timing wheels derived from them.
 * Immutable and thread-safe.
 *
 * <p>A session's next deadline is {@code min(lastActivity + idle, createdAt + lifetime)}, never
 * more than {@code idle} after the moment it is computed. A wheel of {@code idle / tick + 2}
 * buckets therefore spans every deadline it is ever asked to hold, and a single level without
 * "rounds" is enough. The tick is {@value #BASE_TICK_MILLIS} ms (or the idle timeout, if shorter),
 * raised when needed so that a wheel has at most {@value #MAX_BUCKETS} buckets: each stripe has its
 * own wheel, so the bucket arrays cost {@code stripes * buckets} references in total. A coarser
 * tick only delays the background pass (by at most one tick); lookups compare the exact deadlines.
 *
 * @param idleMillis the idle timeout
 * @param lifetimeMillis the absolute lifetime
 * @param granularityMillis the touch granularity
 * @param handshakeMillis the handshake timeout
 * @param tickMillis the width of one wheel bucket
 * @param buckets the number of buckets per wheel, a power of two
 */
record ExpiryTiming(
    long idleMillis,
    long lifetimeMillis,
    long granularityMillis,
    long handshakeMillis,
    long tickMillis,
    int buckets) {

  static final long BASE_TICK_MILLIS = 100;
  static final int MAX_BUCKETS = 4096;

  static ExpiryTiming of(SessionPolicy policy) {
    long idle = Math.max(1, saturatedMillis(policy.idleTimeout()));
    long lifetime = Math.max(1, saturatedMillis(policy.maxLifetime()));
    long granularity = saturatedMillis(policy.touchGranularity());
    long handshake = Math.max(1, saturatedMillis(policy.handshakeTimeout()));
    long tick = Math.max(Math.min(BASE_TICK_MILLIS, idle), ceilDiv(idle, MAX_BUCKETS - 2));
    long needed = ceilDiv(idle, tick) + 2;
    int buckets = Integer.highestOneBit((int) Math.min(MAX_BUCKETS, needed - 1)) << 1;
    return new ExpiryTiming(
        idle, lifetime, granularity, handshake, tick, Math.min(MAX_BUCKETS, buckets));
  }

  /**
   * Adds two non-negative-ish millisecond values, saturating instead of overflowing (a policy may
   * say "practically forever").
   */
  static long plus(long a, long b) {
    long r = a + b;
    if (((a ^ r) & (b ^ r)) < 0) {
      return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return r;
  }

  private static long saturatedMillis(Duration d) {
    try {
      return d.toMillis();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
