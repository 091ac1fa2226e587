package dev.mcpkit.session.internal;

import dev.mcpkit.api.SessionState;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A single-level timing wheel of sessions, keyed by each session's next deadline, with intrusive
 * doubly-linked buckets so that {@link #unlink} is O(1).
 *
 * <p><b>Not thread-safe:</b> each wheel belongs to one {@link Stripe} and is only used under that
 * stripe's write lock, which the table operations already hold, so scheduling costs no extra lock.
 *
 * <p><b>How it stays O(expired).</b> Bucket {@code t & mask} holds sessions whose deadline tick
 * ({@code floor(deadline / tick)}) was {@code t} when they were (re)scheduled. {@link #advance}
 * visits only the buckets of ticks that elapsed since the previous pass, so its cost is the elapsed
 * ticks plus the entries in those buckets. Touches never move entries (they would need the lock);
 * instead, when a bucket comes due each entry's deadline is recomputed: expired entries are handed
 * back, the others are moved to their true bucket. An entry is thus visited once when it expires,
 * plus at most once per idle period in which it was touched: amortised O(1) per touch period,
 * independent of the number of live sessions. Since a deadline is never more than the idle timeout
 * after the time it is computed, and the wheel spans the idle timeout plus two ticks, no entry
 * needs more than one revolution, as long as passes keep up; if they lag (no background thread, no
 * {@code cleanUp}), an entry may land in a bucket that comes due early, where it is simply found
 * unexpired and moved again.
 *
 * <p>The current tick's bucket is revisited by the next pass ({@link #processedThrough} stays one
 * behind), which makes expiry exact at pass time: an entry is never missed because its deadline
 * falls later within the tick that was current at the previous pass.
 */
final class TimingWheel {
  private final long tickMillis;
  private final @Nullable ManagedSession[] buckets;
  private final int mask;

  /** Every tick up to and including this one has been processed. */
  private long processedThrough;

  TimingWheel(long tickMillis, int buckets, long nowMillis) {
    if (Integer.bitCount(buckets) != 1) {
      throw new IllegalArgumentException("buckets must be a power of two, was " + buckets);
    }
    this.tickMillis = tickMillis;
    this.buckets = new ManagedSession[buckets];
    this.mask = buckets - 1;
    this.processedThrough = Math.floorDiv(nowMillis, tickMillis) - 1;
  }

  /** Links a session (not currently linked) into the bucket of its next deadline. */
  void schedule(ManagedSession session) {
    long tick =
        Math.max(Math.floorDiv(session.nextDeadlineMillis(), tickMillis), processedThrough + 1);
    link(session, (int) (tick & mask));
  }

  /** Unlinks a session if it is linked; O(1). */
  void unlink(ManagedSession session) {
    int bucket = session.wheelBucket;
    if (bucket < 0) {
      return;
    }
    ManagedSession prev = session.wheelPrev;
    ManagedSession next = session.wheelNext;
    if (prev == null) {
      buckets[bucket] = next;
    } else {
      prev.wheelNext = next;
    }
    if (next != null) {
      next.wheelPrev = prev;
    }
    session.wheelPrev = null;
    session.wheelNext = null;
    session.wheelBucket = -1;
  }

  /**
   * Processes the buckets of every tick up to {@code nowMillis}: sessions whose deadline has passed
   * are unlinked and added to {@code expired}; the others are rescheduled to their true bucket.
   *
   * @param nowMillis the current time
   * @param expired receives the expired sessions
   */
  void advance(long nowMillis, List<ManagedSession> expired) {
    long current = Math.floorDiv(nowMillis, tickMillis);
    long from = Math.max(processedThrough + 1, current - mask);
    for (long tick = from; tick <= current; tick++) {
      int bucket = (int) (tick & mask);
      ManagedSession session = buckets[bucket];
      buckets[bucket] = null; // detach: entries rescheduled into this bucket are not revisited now
      while (session != null) {
        ManagedSession next = session.wheelNext;
        session.wheelPrev = null;
        session.wheelNext = null;
        session.wheelBucket = -1;
        if (session.nextDeadlineMillis() <= nowMillis) {
          expired.add(session);
        } else {
          schedule(session);
        }
        session = next;
      }
    }
    processedThrough = Math.max(processedThrough, current - 1);
  }

  /**
   * Finds the longest-idle established session of the earliest bucket holding one, for eviction
   * (sessions pending their handshake hold no established slot, so evicting one frees nothing).
   * Stale entries met on the way (touched since they were scheduled) are moved to their true
   * buckets first, so the answer is the session with the earliest deadline, exact to within one
   * tick, and the longest idle among that tick's sessions. The caller should advance the wheel
   * first, so that no expired or wrapped-around entries distort the order.
   *
   * @return the candidate, or {@code null} if the wheel is empty
   */
  @Nullable ManagedSession earliest() {
    for (int n = 0; n <= mask; n++) {
      long tick = processedThrough + 1 + n;
      int bucket = (int) (tick & mask);
      ManagedSession best = null;
      ManagedSession session = buckets[bucket];
      while (session != null) {
        ManagedSession next = session.wheelNext;
        long due =
            Math.max(Math.floorDiv(session.nextDeadlineMillis(), tickMillis), processedThrough + 1);
        if ((int) (due & mask) != bucket) {
          unlink(session);
          link(session, (int) (due & mask));
        } else if (session.state() != SessionState.INITIALIZING
            && (best == null || session.lastActivityMillis() < best.lastActivityMillis())) {
          best = session;
        }
        session = next;
      }
      if (best != null) {
        return best;
      }
    }
    return null;
  }

  private void link(ManagedSession session, int bucket) {
    ManagedSession head = buckets[bucket];
    session.wheelPrev = null;
    session.wheelNext = head;
    if (head != null) {
      head.wheelPrev = session;
    }
    buckets[bucket] = session;
    session.wheelBucket = bucket;
  }
}
