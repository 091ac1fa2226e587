package dev.mcpkit.session.internal;

import dev.mcpkit.api.SessionId;
import java.util.List;
import java.util.concurrent.locks.StampedLock;
import org.jspecify.annotations.Nullable;

/**
 * One stripe of the {@link StripedSessionTable}: an open-addressing hash table (linear probing,
 * backward-shift deletion, load factor at most 1/2) plus the {@link TimingWheel} of its sessions,
 * all guarded by one {@link StampedLock}.
 *
 * <p><b>Thread-safety.</b> Writers ({@link #insert}, {@link #remove}, {@link #collectExpired},
 * {@link #reschedule}, {@link #evictionCandidate}) hold the write lock, so the slot array, the
 * count and the wheel only change inside it, and every change to them is published by the unlock.
 *
 * <p>{@link #get} takes no lock. It reads inside an optimistic-read section: {@code
 * tryOptimisticRead()} returns a stamp that is non-zero only when no writer holds the lock, the
 * probe reads the {@code slots} reference and its elements with plain loads, and {@code
 * validate(stamp)} (which issues a load fence) succeeds only if no write lock was acquired since
 * the stamp was taken. So a validated probe saw a state that existed between two writes: the answer
 * is linearizable at the stamp. A probe that overlapped a write may see torn state (a half-shifted
 * cluster, a new array whose elements are not yet visible), but it can do no harm before
 * validation: it indexes only with the mask of the array it read, stops after at most {@code
 * length} slots, and dereferences only {@link ManagedSession#id()} and what {@link
 * ManagedSession#hash()} and {@code SessionId.equals} read, which are final fields (the session's
 * id, the id's bits, hash or text) and therefore visible through any reference (JLS 17.5). When
 * validation fails, the probe is repeated under the read lock. Writes are rare compared with
 * lookups (creation, close, one expiry pass per interval), so the fallback is rare too, and a
 * lookup costs two volatile reads of the lock state plus the probe: no CAS, no store to shared
 * memory, nothing like a reader count that would bounce between cores.
 */
final class Stripe {
  private static final int INITIAL_CAPACITY = 16;

  private final StampedLock lock = new StampedLock();
  private final TimingWheel wheel;

  /** Power-of-two slot array; replaced (never shrunk) under the write lock when half full. */
  private @Nullable ManagedSession[] slots = new ManagedSession[INITIAL_CAPACITY];

  /**
   * Entries in {@link #slots}; written under the write lock, volatile so {@link #size} needs none.
   */
  private volatile int count;

  Stripe(ExpiryTiming timing, long nowMillis) {
    this.wheel = new TimingWheel(timing.tickMillis(), timing.buckets(), nowMillis);
  }

  /** Finds a session by id without locking (see the class comment for why this is correct). */
  @Nullable ManagedSession get(SessionId id, int hash) {
    long stamp = lock.tryOptimisticRead();
    if (stamp != 0L) {
      ManagedSession found = probe(slots, id, hash);
      if (lock.validate(stamp)) {
        return found;
      }
    }
    stamp = lock.readLock();
    try {
      return probe(slots, id, hash);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  private static @Nullable ManagedSession probe(
      @Nullable ManagedSession[] table, SessionId id, int hash) {
    int mask = table.length - 1;
    int i = hash & mask;
    for (int n = 0; n <= mask; n++) {
      ManagedSession candidate = table[i];
      if (candidate == null) {
        return null;
      }
      if (candidate.hash() == hash && candidate.id().equals(id)) {
        return candidate;
      }
      i = (i + 1) & mask;
    }
    return null;
  }

  /**
   * Inserts a session and schedules it on the wheel, unless one with the same id is present.
   *
   * @return {@code null} if inserted, else the present session
   */
  @Nullable ManagedSession insert(ManagedSession session) {
    long stamp = lock.writeLock();
    try {
      ManagedSession existing = probe(slots, session.id(), session.hash());
      if (existing != null) {
        return existing;
      }
      if ((count + 1) * 2 > slots.length) {
        slots = grow(slots);
      }
      place(slots, session);
      count = count + 1;
      wheel.schedule(session);
      return null;
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  private static @Nullable ManagedSession[] grow(@Nullable ManagedSession[] old) {
    @Nullable ManagedSession[] bigger = new ManagedSession[old.length * 2];
    for (ManagedSession s : old) {
      if (s != null) {
        place(bigger, s);
      }
    }
    return bigger;
  }

  private static void place(@Nullable ManagedSession[] table, ManagedSession session) {
    int mask = table.length - 1;
    int i = session.hash() & mask;
    while (table[i] != null) {
      i = (i + 1) & mask;
    }
    table[i] = session;
  }

  /**
   * Removes this very session (by identity) and unlinks it from the wheel.
   *
   * @return {@code true} if it was present
   */
  boolean remove(ManagedSession session) {
    long stamp = lock.writeLock();
    try {
      @Nullable ManagedSession[] table = slots;
      int mask = table.length - 1;
      int i = session.hash() & mask;
      for (int n = 0; n <= mask; n++) {
        ManagedSession candidate = table[i];
        if (candidate == null) {
          return false;
        }
        if (candidate == session) {
          deleteAt(table, i);
          count = count - 1;
          wheel.unlink(session);
          return true;
        }
        i = (i + 1) & mask;
      }
      return false;
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  /**
   * Backward-shift deletion (Knuth's Algorithm R): empties slot {@code hole} and moves later
   * entries of the same cluster back, so probes never need tombstones.
   */
  private static void deleteAt(@Nullable ManagedSession[] table, int hole) {
    int mask = table.length - 1;
    int i = hole;
    table[i] = null;
    int j = i;
    while (true) {
      j = (j + 1) & mask;
      ManagedSession s = table[j];
      if (s == null) {
        return;
      }
      int home = s.hash() & mask;
      // s may fill the hole at i unless its home lies cyclically in (i, j].
      boolean homeInRange = i <= j ? (i < home && home <= j) : (i < home || home <= j);
      if (!homeInRange) {
        table[i] = s;
        table[j] = null;
        i = j;
      }
    }
  }

  /** Advances the wheel to {@code nowMillis}, adding the sessions found expired to {@code out}. */
  void collectExpired(long nowMillis, List<ManagedSession> out) {
    long stamp = lock.writeLock();
    try {
      wheel.advance(nowMillis, out);
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  /**
   * Puts a session the expiry pass took off the wheel back on it, if it is still in this stripe.
   */
  void reschedule(ManagedSession session) {
    long stamp = lock.writeLock();
    try {
      if (session.wheelBucket < 0 && probe(slots, session.id(), session.hash()) == session) {
        wheel.schedule(session);
      }
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  /** The session with the earliest deadline (within one tick), longest idle among ties. */
  @Nullable ManagedSession evictionCandidate() {
    long stamp = lock.writeLock();
    try {
      return wheel.earliest();
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  /** Adds every session of this stripe to {@code out}. */
  void snapshot(List<ManagedSession> out) {
    long stamp = lock.readLock();
    try {
      for (ManagedSession s : slots) {
        if (s != null) {
          out.add(s);
        }
      }
    } finally {
      lock.unlockRead(stamp);
    }
  }

  int size() {
    return count;
  }
}
